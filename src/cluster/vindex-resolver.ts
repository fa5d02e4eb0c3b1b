// The vindexes a tablet's vstreamer needs for `in_keyrange(col, '<vindex>', '<range>')` filters. A tablet
// cannot see vtgate's vindex code (layering), so the composition root hands the engines this resolver:
// it reads the vschema from topo when a stream (or a copy packet, or a VDiff) builds its plan, and
// computes keyspace ids with vtgate's vindex implementations.
// Mirrors go/vt/vttablet/tabletserver/vstreamer/local_vschema.go (FindOrCreateVindex: `ks.vindex` is
// looked up in that keyspace's vschema; a bare name is first a vindex of some keyspace, unique across
// keyspaces, and otherwise a vindex type created with no parameters) and go/vt/vtgate/vindexes/vschema.go
// (FindVindex and its errors).

import { vtError } from '../common/errors.js';
import type { TopoServer } from '../topo/topo-server.js';
import type { KeyspaceIdFunction, VindexResolver } from '../tablets/vstreamer/planbuilder.js';
import { createVindex } from '../router/vindexes/vindex.js';

function fromType(name: string, type: string, params: Record<string, string>): KeyspaceIdFunction {
  const v = createVindex(name, type, params);
  if (!v) throw vtError('UNKNOWN', `vindexType "${type}" not found`);
  if (!v.unique) throw vtError('INTERNAL', `vindex must be Unique to be used for VReplication: ${name}`);
  return (value) => v.map(value);
}

/** Resolves vindex names against the vschemas in topo, as they are when called. */
export function topoVindexResolver(topo: TopoServer): VindexResolver {
  const resolver: VindexResolver = (qualifiedName: string) => {
    const parts = qualifiedName.split('.');
    if (parts.length > 2) throw vtError('UNKNOWN', `invalid vindex name: ${qualifiedName}`);
    if (parts.length === 2) {
      const [keyspace, name] = parts as [string, string];
      const vs = topo.getVSchema(keyspace);
      if (!vs) throw vtError('NOT_FOUND', `Unknown database '${keyspace}' in vschema`, { errno: 1049, sqlState: '42000' });
      const v = vs.vindexes[name];
      if (!v) throw vtError('UNKNOWN', `vindex ${qualifiedName} not found`);
      return fromType(qualifiedName, v.type, v.params ?? {});
    }
    // A bare name: a vindex declared by exactly one keyspace, else a vindex type.
    const found: Array<{ type: string; params: Record<string, string> }> = [];
    for (const ks of topo.getKeyspaceNames()) {
      const v = topo.getVSchema(ks)?.vindexes[qualifiedName];
      if (v) found.push({ type: v.type, params: v.params ?? {} });
    }
    if (found.length > 1) throw vtError('FAILED_PRECONDITION', `ambiguous vindex reference: ${qualifiedName}`);
    const declared = found[0];
    if (declared) return fromType(qualifiedName, declared.type, declared.params);
    return fromType(qualifiedName, qualifiedName, {});
  };
  resolver.primaryVindex = (dbName, table) => primaryVindexOf(topo, dbName, table);
  return resolver;
}

/**
 * localVSchema.FindColVindex for a bare key-range filter: the keyspace is the one whose tablets use
 * `dbName` (`vt_<keyspace>`), the vindex the table's first column vindex.
 */
function primaryVindexOf(topo: TopoServer, dbName: string, table: string): { column: string; vindex: string } {
  const keyspace = topo.getKeyspaceNames().find((ks) => `vt_${ks}` === dbName) ?? dbName.replace(/^vt_/, '');
  const vs = topo.getVSchema(keyspace);
  if (!vs) throw vtError('UNKNOWN', `keyspace ${keyspace} not found in vschema`);
  const t = vs.tables[table];
  if (!t) throw vtError('UNKNOWN', `table ${table} not found`);
  const cv = t.column_vindexes[0];
  const column = cv ? cv.column || cv.columns[0] : undefined;
  if (!cv || !column) throw vtError('UNKNOWN', `could not find a vindex to compute keyspace id for table ${table}`);
  return { column, vindex: `${keyspace}.${cv.name}` };
}

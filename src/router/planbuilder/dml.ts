// Planning UPDATE and DELETE: refused on a replica target (VT09002); to an unsharded keyspace as
// written; on a sharded table to the shard(s) its primary vindex value picks, else to every shard.
// Mirrors go/vt/vtgate/planbuilder/update.go, delete.go and operators/dml_planning.go (a primary
// vindex column cannot be changed by UPDATE; a scatter DML cannot LIMIT).

import type { Statement } from '../sqlparser/parser.js';
import type { Node } from '../sqlparser/ast.js';
import { collectTableRefs, columnValues } from '../sqlparser/ast.js';
import { stripQualifiers } from '../sqlparser/rewrite.js';
import { Route } from '../primitives/route.js';
import type { PlanContext } from './plan-context.js';
import { refName, resolveTable } from './plan-context.js';
import type { SelectPlan } from './select.js';
import { VT09002, VT12001 } from '../vt-errors.js';

export function buildDmlPlan(stmt: Statement, ctx: PlanContext, kind: 'update' | 'delete'): SelectPlan {
  if (ctx.tabletType !== 'PRIMARY') throw VT09002(kind);
  const refs = collectTableRefs(stmt);
  const resolved = refs.map((r) => resolveTable(ctx, r));
  const tables = resolved.map((r) => r.use);
  const first = resolved[0];
  if (first === undefined) throw VT12001(`${kind.toUpperCase()} without a table`);
  if (resolved.some((r) => r.keyspace.name !== first.keyspace.name)) {
    throw VT12001(`cross-keyspace ${kind.toUpperCase()} (tables of several keyspaces in one statement)`);
  }
  const query = stripQualifiers(ctx.sql, ctx.tokens, refs);
  const ks = first.keyspace;
  if (first.destination !== undefined) {
    return {
      primitive: new Route({ opcode: 'ByDestination', keyspace: ks, tabletType: 'PRIMARY', query, isDml: true, destination: first.destination }),
      tables,
      notes: [],
    };
  }
  if (!ks.sharded) {
    return { primitive: new Route({ opcode: 'Unsharded', keyspace: ks, tabletType: 'PRIMARY', query, isDml: true }), tables, notes: [] };
  }
  const distinct = new Set(resolved.map((r) => r.table.name));
  if (distinct.size > 1) throw VT12001(`multi-table ${kind.toUpperCase()} in a sharded keyspace in vtsim`);
  const cv = first.table.columnVindexes[0];
  if (kind === 'update' && cv !== undefined) {
    const sets = (stmt['set'] as Node[] | undefined) ?? [];
    if (sets.some((s) => cv.columns.some((c) => String(s['column']).toLowerCase() === c.toLowerCase()))) {
      throw VT12001(`You can't update primary vindex columns. Invalid update on vindex: ${cv.name}`);
    }
  }
  const names = [...new Set(refs.map(refName))];
  const values = cv?.vindex && cv.columns.length === 1 ? columnValues(stmt['where'], cv.columns[0] as string, names) : undefined;
  if (values !== undefined && cv?.vindex !== undefined) {
    return {
      primitive: new Route({
        opcode: values.length === 1 ? 'EqualUnique' : 'IN',
        keyspace: ks,
        tabletType: 'PRIMARY',
        query,
        isDml: true,
        vindex: cv.vindex,
        values,
      }),
      tables,
      notes: [],
    };
  }
  const limit = stmt['limit'] as Node | null | undefined;
  if (limit && Array.isArray(limit['value']) && (limit['value'] as unknown[]).length > 0) {
    throw VT12001(`multi shard ${kind.toUpperCase()} with LIMIT`);
  }
  return { primitive: new Route({ opcode: 'Scatter', keyspace: ks, tabletType: 'PRIMARY', query, isDml: true }), tables, notes: [] };
}

// Where each record lives in the topology store.
// Mirrors the layout of go/vt/topo/server.go (KeyspacesPath, ShardsPath, TabletsPath, the *File names) with
// the roots of the local example (examples/common/env.sh: --topo_global_root /vitess/global, and
// AddCellInfo --root /vitess/<cell>), so error texts name the same paths a real cluster prints, e.g.
// "node doesn't exist: /vitess/global/keyspaces/foo/Keyspace". Tablets and SrvVSchema live in the cell's
// own root, as in Vitess; everything else in the global one.

import type { TabletAlias } from '../common/tablet-alias.js';
import { aliasString } from '../common/tablet-alias.js';

/** Vitess's reserved name for the global topology (topo.GlobalCell). */
export const GLOBAL_CELL = 'global';

export class TopoPaths {
  /** The global topology's root, e.g. '/vitess/global'. */
  readonly globalRoot: string;

  /** `root` is the parent of the global and cell roots ('/vitess' in the local example). */
  constructor(readonly root = '/vitess') {
    this.globalRoot = `${root}/${GLOBAL_CELL}`;
  }

  // Global topology.
  get keyspacesDir(): string {
    return `${this.globalRoot}/keyspaces`;
  }
  /** The directory a keyspace lock is taken on. */
  keyspaceDir(keyspace: string): string {
    return `${this.keyspacesDir}/${keyspace}`;
  }
  keyspace(keyspace: string): string {
    return `${this.keyspaceDir(keyspace)}/Keyspace`;
  }
  vschema(keyspace: string): string {
    return `${this.keyspaceDir(keyspace)}/VSchema`;
  }
  shardsDir(keyspace: string): string {
    return `${this.keyspaceDir(keyspace)}/shards`;
  }
  /** The directory a shard lock is taken on. */
  shardDir(keyspace: string, shard: string): string {
    return `${this.shardsDir(keyspace)}/${shard}`;
  }
  shard(keyspace: string, shard: string): string {
    return `${this.shardDir(keyspace, shard)}/Shard`;
  }
  get routingRules(): string {
    return `${this.globalRoot}/RoutingRules`;
  }
  get cellsDir(): string {
    return `${this.globalRoot}/cells`;
  }
  cellInfo(cell: string): string {
    return `${this.cellsDir}/${cell}/CellInfo`;
  }

  // Cell-local topology.
  cellRoot(cell: string): string {
    return `${this.root}/${cell}`;
  }
  tabletsDir(cell: string): string {
    return `${this.cellRoot(cell)}/tablets`;
  }
  tablet(alias: TabletAlias): string {
    return `${this.tabletsDir(alias.cell)}/${aliasString(alias)}/Tablet`;
  }
  srvVSchema(cell: string): string {
    return `${this.cellRoot(cell)}/SrvVSchema`;
  }
  srvKeyspace(cell: string, keyspace: string): string {
    return `${this.cellRoot(cell)}/keyspaces/${keyspace}/SrvKeyspace`;
  }
}

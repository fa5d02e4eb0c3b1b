// Send: sends a statement as it is to a destination of a keyspace, without planning it: shard-targeted
// queries (`use customer/0`), DDL, and the SHOW statements vtgate forwards.
// Mirrors go/vt/vtgate/engine/send.go (Send with TargetDestination: a shard, all shards, any shard).

import type { BindVars, QueryResult } from '../../common/sql-types.js';
import type { TabletType, Target } from '../../common/tablet-alias.js';
import type { ShardDestination } from '../destination.js';
import type { Keyspace } from '../vschema.js';
import type { Primitive, PrimitiveDescription, ShardQuery, VCursor } from './primitive.js';
import { mergeResults } from './primitive.js';
import { describeDestination, resolveDestination } from './route.js';

/** Where a Send goes: one destination, every shard, or any single shard. */
export type SendDestination = ShardDestination | { kind: 'all' } | { kind: 'any' };

export interface SendOptions {
  keyspace: Keyspace;
  destination: SendDestination;
  tabletType: TabletType;
  query: string;
  isDml: boolean;
}

export class Send implements Primitive {
  readonly keyspace: Keyspace;
  readonly destination: SendDestination;
  readonly tabletType: TabletType;
  readonly query: string;
  readonly isDml: boolean;

  constructor(o: SendOptions) {
    this.keyspace = o.keyspace;
    this.destination = o.destination;
    this.tabletType = o.tabletType;
    this.query = o.query;
    this.isDml = o.isDml;
  }

  shardQueries(vc: VCursor, bindVars: BindVars): ShardQuery[] {
    const ks = this.keyspace.name;
    let shards: string[];
    const d = this.destination;
    if (d.kind === 'all') shards = vc.shards(ks, this.tabletType).map((s) => s.name);
    else if (d.kind === 'any') shards = [(vc.shards(ks, this.tabletType)[0] as { name: string }).name];
    else shards = d.kind === 'shard' ? [d.shard] : resolveDestination(vc.shards(ks, this.tabletType), d);
    return shards.map((shard) => {
      const target: Target = { keyspace: ks, shard, tabletType: this.tabletType };
      return { target, sql: this.query, bindVars };
    });
  }

  execute(vc: VCursor, bindVars: BindVars): QueryResult {
    const queries = this.shardQueries(vc, bindVars);
    if (queries.length === 0) return { fields: [], rows: [], rowsAffected: 0, insertId: 0 };
    return mergeResults(vc.executeMultiShard(queries, this.isDml));
  }

  describe(): PrimitiveDescription {
    const d = this.destination;
    const dest = d.kind === 'all' ? 'AllShards()' : d.kind === 'any' ? 'AnyShard()' : describeDestination(d);
    return {
      operatorType: 'Send',
      keyspace: { name: this.keyspace.name, sharded: this.keyspace.sharded },
      tabletType: this.tabletType,
      targetDestination: dest,
      query: this.query,
    };
  }
}

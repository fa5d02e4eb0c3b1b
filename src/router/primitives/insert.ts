// InsertSharded: an INSERT into a sharded table. Each row's primary vindex value decides its shard; the
// rows of a shard go out together in one INSERT with the statement's own prefix and suffix.
// Mirrors go/vt/vtgate/engine/insert.go (InsertSharded: getInsertShardedQueries builds one query per
// shard from the row values mapped to keyspace ids).

import type { BindVars, QueryResult } from '../../common/sql-types.js';
import type { TabletType } from '../../common/tablet-alias.js';
import type { Keyspace } from '../vschema.js';
import type { Vindex } from '../vindexes/vindex.js';
import type { Primitive, PrimitiveDescription, ShardQuery, VCursor } from './primitive.js';
import { mergeResults } from './primitive.js';
import type { ValueExpr } from './route.js';
import { describeValue, evalValue, shardForKeyspaceId } from './route.js';
import { VT09023 } from '../vt-errors.js';

export interface InsertRow {
  /** The row's `(...)` text as written (after normalization). */
  text: string;
  /** The primary vindex column's value in this row. */
  vindexValue: ValueExpr;
}

export interface InsertShardedOptions {
  keyspace: Keyspace;
  tabletType: TabletType;
  /** `insert into t(a, b) values ` */
  prefix: string;
  rows: InsertRow[];
  /** ` on duplicate key update ...`, or ''. */
  suffix: string;
  vindex: Vindex;
}

export class InsertSharded implements Primitive {
  readonly isDml = true;

  constructor(readonly o: InsertShardedOptions) {}

  shardQueries(vc: VCursor, bindVars: BindVars): ShardQuery[] {
    const shards = vc.shards(this.o.keyspace.name, this.o.tabletType);
    const byShard = new Map<string, string[]>();
    for (const row of this.o.rows) {
      const value = evalValue(row.vindexValue, bindVars);
      const ksid = this.o.vindex.map(value);
      const shard = ksid === undefined ? undefined : shardForKeyspaceId(shards, ksid);
      if (shard === undefined) throw VT09023([value]);
      const list = byShard.get(shard.name) ?? [];
      list.push(row.text);
      byShard.set(shard.name, list);
    }
    // Key-range order, as the resolver returns shards.
    return shards
      .filter((s) => byShard.has(s.name))
      .map((s) => ({
        target: { keyspace: this.o.keyspace.name, shard: s.name, tabletType: this.o.tabletType },
        sql: this.o.prefix + (byShard.get(s.name) as string[]).join(', ') + this.o.suffix,
        bindVars,
      }));
  }

  execute(vc: VCursor, bindVars: BindVars): QueryResult {
    return mergeResults(vc.executeMultiShard(this.shardQueries(vc, bindVars), true));
  }

  describe(): PrimitiveDescription {
    return {
      operatorType: 'Insert',
      variant: 'Sharded',
      keyspace: { name: this.o.keyspace.name, sharded: true },
      tabletType: this.o.tabletType,
      query: this.o.prefix + this.o.rows.map((r) => r.text).join(', ') + this.o.suffix,
      other: { Vindex: this.o.vindex.name, Values: this.o.rows.map((r) => describeValue(r.vindexValue)).join(', ') },
    };
  }
}

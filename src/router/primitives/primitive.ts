// Primitive and VCursor: the two seams of vtgate's execution. A plan is a tree of primitives; a
// primitive never holds a tablet connection, it asks the VCursor to resolve shards and run queries.
// Mirrors go/vt/vtgate/engine/primitive.go (Primitive, VCursor, SessionActions) and
// plan_description.go (PrimitiveDescription, what EXPLAIN / vexplain print).

import type { BindVars, QueryResult } from '../../common/sql-types.js';
import type { Target, TabletType } from '../../common/tablet-alias.js';
import type { TabletHealth } from '../tablet-gateway.js';
import type { ServingView, ShardRef } from '../vschema-manager.js';
import type { TransactionMode } from '../session.js';
import type { SqlValue } from '../../common/sql-types.js';
import type { Table } from '../vschema.js';

/** One query for one shard. */
export interface ShardQuery {
  target: Target;
  sql: string;
  bindVars: BindVars;
}

/** What a primitive may change in the client's session (engine.SessionActions). */
export interface SessionActions {
  targetString(): string;
  setTarget(target: string): void;
  autocommit(): boolean;
  setAutocommit(on: boolean): void;
  transactionMode(): TransactionMode;
  setTransactionMode(mode: TransactionMode): void;
  setUserVar(name: string, value: SqlValue): void;
  inTransaction(): boolean;
}

/** The only way a primitive reaches tablets, topology or the session (engine.VCursor). */
export interface VCursor {
  readonly view: ServingView;
  /** The serving shards of a keyspace; throws when the keyspace has none. */
  /** The shards serving a tablet type of a keyspace (PRIMARY when none is given). */
  shards(keyspace: string, tabletType?: TabletType): readonly ShardRef[];
  /**
   * Runs each query on its shard, inside the session's transaction when one is open (opening that
   * shard's part of it as needed). Tablet errors come back wrapped as vtgate wraps them.
   */
  executeMultiShard(queries: readonly ShardQuery[], isDml: boolean): QueryResult[];
  /** What the health check knows of every tablet. */
  tabletHealth(): TabletHealth[];
  /** The tablet a query for this target would use (for explanations), or undefined. */
  tabletFor(target: Target): string | undefined;
  session(): SessionActions;
  /** The version string vtgate reports for @@version. */
  mysqlVersion(): string;
  /**
   * The next `count` values of a sequence table, from its primary's sequence cache (reserve=false
   * only tells what they would be).
   */
  sequenceValues(table: Table, count: number, reserve: boolean): number[];
}

/** A static description of a primitive (plan_description.go PrimitiveDescription). */
export interface PrimitiveDescription {
  operatorType: string;
  variant?: string;
  keyspace?: { name: string; sharded: boolean };
  tabletType?: TabletType;
  targetDestination?: string;
  query?: string;
  /** Extra facts (vindex, values, renamed fields ...). */
  other?: Record<string, string>;
  inputs?: PrimitiveDescription[];
}

export interface Primitive {
  /** Runs the primitive. */
  execute(vc: VCursor, bindVars: BindVars): QueryResult;
  /** The shard queries this primitive would send for these bind variables, without sending them. */
  shardQueries(vc: VCursor, bindVars: BindVars): ShardQuery[];
  describe(): PrimitiveDescription;
  /** True for writes and DDL (VT09002 checks, denied-tables retries, implicit transactions). */
  readonly isDml: boolean;
}

/** Combines shard results of one query the way engine.Route does for a plain scatter. */
export function mergeResults(results: readonly QueryResult[]): QueryResult {
  if (results.length === 1) return results[0] as QueryResult;
  const first = results[0];
  const out: QueryResult = { fields: first?.fields ?? [], rows: [], rowsAffected: 0, insertId: 0 };
  for (const r of results) {
    if (out.fields.length === 0 && r.fields.length > 0) out.fields = r.fields;
    for (const row of r.rows) out.rows.push(row);
    out.rowsAffected += r.rowsAffected;
    if (out.insertId === 0 && r.insertId !== 0) out.insertId = r.insertId;
  }
  return out;
}

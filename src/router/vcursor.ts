// VCursorImpl: the VCursor primitives run against. It resolves shards from the serving view, reaches
// tablets through the TabletGateway, keeps the session's transaction (one shard session per shard
// touched) and wraps tablet errors as vtgate does.
// Mirrors go/vt/vtgate/executorcontext/vcursor_impl.go (ExecuteMultiShard, Session()),
// go/vt/vtgate/scatter_conn.go (per-shard execution inside the session's transaction) and
// executorcontext/safe_session.go (AppendOrUpdate, the SINGLE transaction mode check).

import type { QueryResult, SqlValue } from '../common/sql-types.js';
import { isVtError } from '../common/errors.js';
import type { TabletAlias, TabletType, Target } from '../common/tablet-alias.js';
import { aliasString } from '../common/tablet-alias.js';
import type { SessionActions, ShardQuery, VCursor } from './primitives/primitive.js';
import type { ServingView, ShardRef } from './vschema-manager.js';
import type { Table } from './vschema.js';
import type { Session, ShardSession, TransactionMode } from './session.js';
import type { TabletConnection, TabletGateway, TabletHealth } from './tablet-gateway.js';
import { noHealthyTablet, tabletError, vtgateError } from './vt-errors.js';

/** A primary's cache of sequence values (vttablet's SequenceInfo), by tablet alias and table. */
export type SequenceCaches = Map<string, { nextVal: number; lastVal: number }>;

export interface VCursorConfig {
  callerId: string;
  sequences: SequenceCaches;
  /** The vtgate's --transaction_mode (the session may override it). */
  transactionMode: TransactionMode;
  mysqlVersion: string;
}

/** One shard query as it was sent, for observers and explanations. */
export interface ExecutedShardQuery {
  target: Target;
  alias: TabletAlias;
  sql: string;
}

export class VCursorImpl implements VCursor {
  /** The shard queries this cursor sent, in order (kept only when `record` is set). */
  readonly executed: ExecutedShardQuery[] = [];
  /** Set when someone observes queries; the hit path of a point query skips the bookkeeping. */
  record = false;

  constructor(
    readonly view: ServingView,
    private readonly sess: Session,
    private readonly gateway: TabletGateway,
    private readonly config: VCursorConfig,
  ) {}

  shards(keyspace: string, tabletType?: TabletType): readonly ShardRef[] {
    const s = this.view.shards(keyspace, tabletType);
    if (s.length === 0) {
      throw vtgateError('UNAVAILABLE', `keyspace ${keyspace} fetch error: node doesn't exist: keyspaces/${keyspace}/SrvKeyspace`);
    }
    return s;
  }

  private dial(target: Target): TabletConnection {
    const conn = this.gateway.dial(target);
    if (conn === undefined) throw noHealthyTablet(target);
    return conn;
  }

  executeMultiShard(queries: readonly ShardQuery[], isDml: boolean): QueryResult[] {
    const out: QueryResult[] = [];
    for (const q of queries) {
      const conn = this.dial(q.target);
      const txId = this.transactionFor(q.target, conn, isDml);
      let r: QueryResult;
      try {
        r = conn.service.execute(q.target, q.sql, q.bindVars, txId, { callerId: this.config.callerId });
      } catch (e) {
        if (isVtError(e)) throw tabletError(q.target, e);
        throw e;
      }
      if (this.record) this.executed.push({ target: q.target, alias: conn.alias, sql: q.sql });
      out.push(r);
    }
    return out;
  }

  /** The transaction id to use on a shard: 0 outside a transaction; begins the shard's part lazily. */
  private transactionFor(target: Target, conn: TabletConnection, isDml: boolean): number {
    const s = this.sess;
    if (!s.inTransaction) return 0;
    const existing = s.findShardSession(target);
    if (existing !== undefined) {
      if (isDml) existing.readOnly = false;
      return existing.transactionId;
    }
    const mode = s.transactionMode !== 'UNSPECIFIED' ? s.transactionMode : this.config.transactionMode;
    if (mode === 'SINGLE' && isDml && s.shardSessions.some((x) => !x.readOnly)) {
      s.mustRollback = true;
      const pending: ShardSession = { target, transactionId: 0, alias: conn.alias, readOnly: false };
      const list = [...s.shardSessions, pending].map(shardSessionText).join(' ');
      throw vtgateError('ABORTED', `multi-db transaction attempted: [${list}]`);
    }
    let txId: number;
    try {
      txId = conn.service.begin(target, { callerId: this.config.callerId });
    } catch (e) {
      if (isVtError(e)) throw tabletError(target, e);
      throw e;
    }
    s.shardSessions.push({ target, transactionId: txId, alias: conn.alias, readOnly: !isDml });
    return txId;
  }

  /**
   * vttablet's execNextval, run on the sequence table's primary: when the cached block is used up,
   * read `next_id` and `cache`, move `next_id` a whole number of blocks ahead, and hand out values
   * from the block.
   */
  sequenceValues(table: Table, count: number, reserve: boolean): number[] {
    const target: Target = { keyspace: table.keyspace.name, shard: (this.shards(table.keyspace.name)[0] as ShardRef).name, tabletType: 'PRIMARY' };
    const conn = this.dial(target);
    const key = `${aliasString(conn.alias)}/${table.name}`;
    const state = this.config.sequences.get(key) ?? { nextVal: 0, lastVal: 0 };
    let { nextVal, lastVal } = state;
    const run = (sql: string): QueryResult => {
      try {
        return conn.service.execute(target, sql, {}, 0, { callerId: this.config.callerId });
      } catch (e) {
        if (isVtError(e)) throw tabletError(target, e);
        throw e;
      }
    };
    const name = `\`${table.name}\``;
    if (nextVal === 0 || nextVal + count > lastVal) {
      const r = run(`select next_id, cache from ${name} where id = 0`);
      if (r.rows.length !== 1) {
        throw vtgateError('INVALID_ARGUMENT', `unexpected rows from reading sequence ${table.name} (possible mis-route): ${r.rows.length}`);
      }
      let nextId = Number(r.rows[0]?.[0]);
      const cache = Number(r.rows[0]?.[1]);
      // A cache that does not end at next_id is new (or next_id was reset): start from next_id.
      if (lastVal !== nextId) {
        if (nextId < lastVal) nextId = lastVal;
        nextVal = nextId;
      }
      if (!(cache >= 1)) throw vtgateError('INVALID_ARGUMENT', `invalid cache value for sequence ${table.name}: ${cache}`);
      let newLast = nextId + cache;
      while (newLast < nextVal + count) newLast += cache;
      if (reserve) run(`update ${name} set next_id = ${newLast} where id = 0`);
      lastVal = newLast;
    }
    const values = Array.from({ length: count }, (_, i) => nextVal + i);
    if (reserve) this.config.sequences.set(key, { nextVal: nextVal + count, lastVal });
    return values;
  }

  tabletHealth(): TabletHealth[] {
    return this.gateway.tabletHealth();
  }

  tabletFor(target: Target): string | undefined {
    const c = this.gateway.dial(target);
    return c ? aliasString(c.alias) : undefined;
  }

  mysqlVersion(): string {
    return this.config.mysqlVersion;
  }

  session(): SessionActions {
    const s = this.sess;
    return {
      targetString: () => s.targetString,
      setTarget: (t) => {
        s.targetString = t;
      },
      autocommit: () => s.autocommit,
      setAutocommit: (on) => {
        if (on && s.inTransaction) commitSession(s, this.gateway);
        s.autocommit = on;
      },
      transactionMode: () => (s.transactionMode !== 'UNSPECIFIED' ? s.transactionMode : this.config.transactionMode),
      setTransactionMode: (m) => {
        s.transactionMode = m;
      },
      setUserVar: (name: string, value: SqlValue) => {
        s.userVars.set(name, value);
      },
      inTransaction: () => s.inTransaction,
    };
  }
}

/** `target:{keyspace:"ks" shard:"0" tablet_type:PRIMARY} transaction_id:1 tablet_alias:{cell:"zone1" uid:100}` */
function shardSessionText(s: ShardSession): string {
  return (
    `target:{keyspace:"${s.target.keyspace}" shard:"${s.target.shard}" tablet_type:${s.target.tabletType}} ` +
    `transaction_id:${s.transactionId} tablet_alias:{cell:"${s.alias.cell}" uid:${s.alias.uid}}`
  );
}

/**
 * Commits every shard session in order (TxConn.Commit in MULTI mode: best effort; the first failure
 * rolls back the rest and is returned). The session's transaction ends either way.
 */
export function commitSession(s: Session, gateway: TabletGateway): void {
  const sessions = s.shardSessions;
  s.resetTransaction();
  let failure: unknown;
  for (const ss of sessions) {
    const conn = gateway.dial(ss.target);
    if (failure !== undefined || conn === undefined) {
      if (failure === undefined) failure = noHealthyTablet(ss.target);
      conn?.service.rollback(ss.target, ss.transactionId);
      continue;
    }
    try {
      conn.service.commit(ss.target, ss.transactionId);
    } catch (e) {
      failure = isVtError(e) ? tabletError(ss.target, e) : e;
    }
  }
  if (failure !== undefined) throw failure;
}

/** Rolls back every shard session; errors are ignored, as vtgate's rollback does. */
export function rollbackSession(s: Session, gateway: TabletGateway): void {
  const sessions = s.shardSessions;
  s.resetTransaction();
  for (const ss of sessions) {
    try {
      gateway.dial(ss.target)?.service.rollback(ss.target, ss.transactionId);
    } catch {
      // A tablet that went away has lost the transaction anyway.
    }
  }
}

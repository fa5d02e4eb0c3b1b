// TabletServer: the vttablet process in front of one Mysqld. It implements QueryService (the only
// door for queries), holds the tablet's serving state and type, enforces denied tables, and owns the
// engines that run inside a tablet (replication as a replica; VReplication as a primary).
// Mirrors go/vt/vttablet/tabletserver/tabletserver.go, state_manager.go (target checks, SERVING /
// NOT_SERVING) and query_executor.go (the denied-tables rule and the error suffixes).

import type { BindVars, QueryResult } from '../common/sql-types.js';
import type { Target, TabletAlias, TabletType } from '../common/tablet-alias.js';
import { aliasString } from '../common/tablet-alias.js';
import { VtError, vtError } from '../common/errors.js';
import type { SimEnv } from '../engine/sim-env.js';
import type { ExecuteOptions, QueryService } from './query-service.js';
import type { Mysqld } from './mysqld/mysqld.js';
import { Replication } from './replication.js';
import { formatBindVars } from './bind-vars.js';
import { translate } from './sql/translate.js';

export type ServingState = 'SERVING' | 'NOT_SERVING';

/** Engines that run inside a tablet only while it is a primary (VReplication, VDiff). */
export interface PrimaryEngine {
  open(): void;
  close(): void;
}

export interface TabletServerOptions {
  alias: TabletAlias;
  keyspace: string;
  shard: string;
  type: TabletType;
  mysqld: Mysqld;
  env: SimEnv;
}

const DEFAULT_CALLER = 'userData1';

export class TabletServer implements QueryService {
  readonly alias: TabletAlias;
  readonly keyspace: string;
  readonly shard: string;
  readonly mysqld: Mysqld;
  readonly replication: Replication;
  private tabletType: TabletType;
  private state: ServingState = 'NOT_SERVING';
  private denied = new Set<string>();
  private qsDisabled = false;
  private readonly env: SimEnv;
  private readonly primaryEngines: PrimaryEngine[] = [];
  private primaryEnginesOpen = false;
  private nextTxId = 1;
  private openTxId = 0;

  constructor(o: TabletServerOptions) {
    this.alias = o.alias;
    this.keyspace = o.keyspace;
    this.shard = o.shard;
    this.tabletType = o.type;
    this.mysqld = o.mysqld;
    this.env = o.env;
    this.replication = new Replication(o.mysqld, o.env, aliasString(o.alias));
  }

  get type(): TabletType {
    return this.tabletType;
  }

  servingState(): ServingState {
    return this.state;
  }

  /**
   * Not serving only because its SrvKeyspace disables the query service for its type (a Reshard traffic
   * switch): its MySQL runs and the vstreams already reading from it go on, as Vitess's vstreamer does.
   */
  get queryServiceDisabled(): boolean {
    return this.qsDisabled;
  }

  /** Tables this tablet refuses (the shard's tablet controls for its type). */
  deniedTables(): string[] {
    return [...this.denied].sort();
  }

  /** Registers an engine that runs while this tablet is a serving primary. */
  addPrimaryEngine(e: PrimaryEngine): void {
    this.primaryEngines.push(e);
    if (this.primaryEnginesOpen) e.open();
  }

  /**
   * Applies the tablet's type, serving state and denied tables (what vttablet does when its record
   * or its shard's tablet controls change: RefreshState / ChangeType).
   */
  setState(type: TabletType, serving: boolean, deniedTables: string[], queryServiceDisabled = false): void {
    const wasPrimary = this.tabletType === 'PRIMARY';
    this.tabletType = type;
    this.state = serving && this.mysqld.running ? 'SERVING' : 'NOT_SERVING';
    this.denied = new Set(deniedTables.map((t) => t.toLowerCase()));
    this.qsDisabled = queryServiceDisabled && this.mysqld.running;
    this.mysqld.readOnly = type !== 'PRIMARY';
    // A disabled query service (TabletControl.DisableQueryService) stops queries, not the primary's
    // VReplication and VDiff engines: tm_state opens those for any running primary.
    const shouldRun = type === 'PRIMARY' && (this.state === 'SERVING' || this.qsDisabled);
    if (shouldRun && !this.primaryEnginesOpen) {
      this.primaryEnginesOpen = true;
      for (const e of this.primaryEngines) e.open();
    } else if (!shouldRun && this.primaryEnginesOpen) {
      this.primaryEnginesOpen = false;
      for (const e of this.primaryEngines) e.close();
    }
    if (wasPrimary !== (type === 'PRIMARY')) {
      this.env.trace.record('tablet', 'type', `${aliasString(this.alias)} ${type}`);
    }
  }

  /** Stops serving (vttablet shutting down); Mysqld and its data stay. */
  shutdown(): void {
    this.replication.stop();
    if (this.primaryEnginesOpen) for (const e of this.primaryEngines) e.close();
    this.primaryEnginesOpen = false;
    this.state = 'NOT_SERVING';
    this.qsDisabled = false;
    if (this.openTxId !== 0) this.mysqld.rollback();
    this.openTxId = 0;
  }

  // ---- QueryService ----

  execute(target: Target, sql: string, bindVars: BindVars, transactionId: number, options: ExecuteOptions = {}): QueryResult {
    const caller = options.callerId ?? DEFAULT_CALLER;
    this.verifyTarget(target);
    if (transactionId !== 0 && transactionId !== this.openTxId) {
      throw vtError('ABORTED', `transaction ${transactionId}: not found (CallerID: ${caller})`);
    }
    try {
      this.checkDenied(sql, caller);
      if (transactionId === 0 && this.openTxId !== 0 && this.isWrite(sql)) {
        throw new VtError('DEADLINE_EXCEEDED', 'Lock wait timeout exceeded; try restarting transaction', {
          errno: 1205,
          sqlState: 'HY000',
        });
      }
      return this.mysqld.execute(sql, bindVars);
    } catch (e) {
      throw this.decorate(e, sql, bindVars, caller);
    }
  }

  begin(target: Target, options: ExecuteOptions = {}): number {
    this.verifyTarget(target);
    if (this.openTxId !== 0) {
      throw new VtError('RESOURCE_EXHAUSTED', `transaction pool connection limit exceeded (CallerID: ${options.callerId ?? DEFAULT_CALLER})`);
    }
    this.mysqld.begin();
    this.openTxId = this.nextTxId++;
    return this.openTxId;
  }

  commit(target: Target, transactionId: number): void {
    this.verifyTarget(target);
    if (transactionId === 0 || transactionId !== this.openTxId) return;
    this.openTxId = 0;
    this.mysqld.commit();
  }

  rollback(target: Target, transactionId: number): void {
    if (transactionId === 0 || transactionId !== this.openTxId) return;
    this.openTxId = 0;
    this.mysqld.rollback();
  }

  // ---- checks ----

  private verifyTarget(target: Target): void {
    if (this.state !== 'SERVING') {
      throw vtError('UNAVAILABLE', `operation not allowed in state ${this.state}`);
    }
    if (target.keyspace !== this.keyspace) {
      throw vtError('INVALID_ARGUMENT', `invalid keyspace ${target.keyspace} does not match expected ${this.keyspace}`);
    }
    if (target.shard !== this.shard) {
      throw vtError('INVALID_ARGUMENT', `invalid shard ${target.shard} does not match expected ${this.shard}`);
    }
    if (target.tabletType !== this.tabletType) {
      throw vtError('FAILED_PRECONDITION', `invalid tablet type: ${target.tabletType}, want: ${this.tabletType}`);
    }
  }

  private translateQuiet(sql: string) {
    try {
      return translate(sql, { getTable: (n) => this.mysqld.schema.tableDef(n) }, { dbName: this.mysqld.dbName });
    } catch {
      return undefined; // Syntax errors are reported by the execution itself.
    }
  }

  private isWrite(sql: string): boolean {
    return this.translateQuiet(sql)?.isWrite ?? false;
  }

  private checkDenied(sql: string, caller: string): void {
    if (this.denied.size === 0) return;
    const tr = this.translateQuiet(sql);
    if (!tr) return;
    if (tr.tables.some((t) => this.denied.has(t.toLowerCase()))) {
      throw new VtError('FAILED_PRECONDITION', `disallowed due to rule: enforce denied tables (CallerID: ${caller})`);
    }
  }

  /** Adds the suffixes vttablet puts on MySQL errors (and only the caller on its own rule errors). */
  private decorate(e: unknown, sql: string, bindVars: BindVars, caller: string): unknown {
    if (!(e instanceof VtError)) return e;
    if (e.message.includes('(CallerID:')) return e;
    const text = sql.trim().replace(/;+\s*$/, '');
    const message =
      `${e.message} (errno ${e.errno}) (sqlstate ${e.sqlState}) (CallerID: ${caller}): ` +
      `Sql: "${text.replace(/"/g, '\\"')}", BindVars: ${formatBindVars(bindVars)}`;
    return new VtError(e.code, message, { errno: e.errno, sqlState: e.sqlState });
  }
}

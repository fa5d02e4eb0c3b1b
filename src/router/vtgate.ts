// VTGate: the query router every client connection goes through. It owns the vschema manager, the
// plan cache and the executor; each client connection is a Session.
// Mirrors go/vt/vtgate/vtgate.go (VTGate.Execute with a session) and the mysql server plugin's
// per-connection session (plugin_mysql_server.go). Synchronous and deterministic: it reads time only
// from the simulation clock and draws nothing at random.

import type { QueryResult } from '../common/sql-types.js';
import type { SimEnv } from '../engine/sim-env.js';
import type { TopoServer } from '../topo/topo-server.js';
import type { TabletGateway } from './tablet-gateway.js';
import { Session } from './session.js';
import type { TransactionMode } from './session.js';
import { VSchemaManager } from './vschema-manager.js';
import type { ServingView } from './vschema-manager.js';
import { Executor, trimStatement } from './executor.js';
import type { QueryEvent } from './executor.js';
import type { PlanCacheStats } from './plan-cache.js';
import type { Explanation, RouteExplanation } from './explain.js';
import { preParse } from './sqlparser/vitess-statements.js';

export interface VTGateOptions {
  /** The cell whose SrvVSchema vtgate serves (vtgate-up.sh: --cell zone1). */
  cell?: string;
  /** The caller id tablets print in errors (--mysql_auth_server_impl none gives userData1). */
  callerId?: string;
  /** --transaction_mode: MULTI (Vitess's default) or SINGLE. */
  transactionMode?: Exclude<TransactionMode, 'UNSPECIFIED' | 'TWOPC'>;
  /** How many plans to keep. */
  planCacheSize?: number;
}

/** The MySQL version vtgate announces (config.DefaultMySQLVersion + "-Vitess"). */
export const VTGATE_MYSQL_VERSION = '8.0.40-Vitess';

export class VTGate {
  readonly cell: string;
  private readonly vsm: VSchemaManager;
  private readonly executor: Executor;
  private nextSessionId = 1;

  constructor(
    readonly topo: TopoServer,
    readonly gateway: TabletGateway,
    private readonly env: SimEnv,
    options: VTGateOptions = {},
  ) {
    this.cell = options.cell ?? topo.defaultCell;
    this.vsm = new VSchemaManager(topo, this.cell);
    this.vsm.onUpdate((view) => env.trace.record('vtgate', 'vschema', `generation ${view.generation}`));
    this.executor = new Executor(this.vsm, gateway, env, {
      callerId: options.callerId ?? 'userData1',
      transactionMode: options.transactionMode ?? 'MULTI',
      planCacheSize: options.planCacheSize ?? 1000,
      mysqlVersion: VTGATE_MYSQL_VERSION,
      versionComment: 'Version: 23.0.0-SNAPSHOT (vtsim simulated vtgate)',
    });
  }

  /** A new client connection (no keyspace selected, autocommit on). */
  newSession(target = ''): Session {
    const s = new Session(this.nextSessionId++);
    s.targetString = target;
    return s;
  }

  /** Runs one statement for the session. Throws VtError carrying what a MySQL client would print. */
  execute(session: Session, sql: string): QueryResult {
    return this.executor.execute(session, sql);
  }

  /** Where a statement would go and why, without running it (nor changing the session). */
  explain(session: Session, sql: string): Explanation {
    const raw = trimStatement(sql);
    const rawTokens = this.executor.tokens(raw);
    const { text, tokens } = this.executor.compact(raw, rawTokens);
    const pre = tokens.length === 0 ? ({ kind: 'empty' } as const) : preParse(text, tokens);
    if (pre.kind === 'begin' || pre.kind === 'commit' || pre.kind === 'rollback' || pre.kind === 'empty') {
      return {
        sql,
        statement: text,
        planType: pre.kind.toUpperCase(),
        bindVars: {},
        tables: [],
        notes: pre.kind === 'empty' ? [] : ['transaction control is handled by vtgate for the session'],
        routes: [],
        plan: undefined,
      };
    }
    const p = this.executor.prepare(session, text, tokens, pre, { sql: raw, tokens: rawTokens });
    const vc = this.executor.cursor(p.view, session);
    const routes: RouteExplanation[] = p.plan.primitive.shardQueries(vc, p.bindVars).map((q) => ({
      keyspace: q.target.keyspace,
      shard: q.target.shard,
      tabletType: q.target.tabletType,
      tablet: vc.tabletFor(q.target),
      query: q.sql,
    }));
    return {
      sql,
      statement: p.normalized.sql,
      planType: p.plan.type,
      bindVars: p.bindVars,
      tables: p.plan.tables,
      notes: p.plan.notes,
      routes,
      plan: p.plan.primitive.describe(),
    };
  }

  /** Calls `listener` after every statement (for the TUI); returns the unsubscribe function. */
  onQuery(listener: (e: QueryEvent) => void): () => void {
    return this.executor.onQuery(listener);
  }

  /** The serving view (vschema and shards) vtgate routes with now. */
  servingView(): ServingView {
    return this.vsm.current();
  }

  planCacheStats(): PlanCacheStats {
    return this.executor.plans.stats();
  }

  /** Ends a connection: an open transaction is rolled back, as when a client disconnects. */
  closeSession(session: Session): void {
    if (session.inTransaction) this.executor.execute(session, 'rollback');
  }
}


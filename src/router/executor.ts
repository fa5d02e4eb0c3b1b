// Executor: runs one statement for a session: classify, normalize, find or build the plan, handle
// transaction statements, bind the session's values, execute through a VCursor, and retry once the
// routing changed when a tablet refuses with "enforce denied tables".
// Mirrors go/vt/vtgate/executor.go (Execute, getPlan, addNeededBindVars, handleBegin/Commit/Rollback)
// and plan_execute.go (newExecute: startTxIfNecessary, MaxBufferingRetries = 3, the denied-tables retry
// only outside a transaction).

import type { BindVars, QueryResult } from '../common/sql-types.js';
import { emptyResult } from '../common/sql-types.js';
import type { VtError } from '../common/errors.js';
import { isVtError } from '../common/errors.js';
import type { SimEnv } from '../engine/sim-env.js';
import type { Token } from './sqlparser/lexer.js';
import { LexError, tokenize } from './sqlparser/lexer.js';
import { syntaxError } from './sqlparser/parser.js';
import type { PreParsed } from './sqlparser/vitess-statements.js';
import { preParse } from './sqlparser/vitess-statements.js';
import type { Normalized } from './sqlparser/normalizer.js';
import { DB_VAR_NAME, FOUND_ROWS_NAME, LAST_INSERT_ID_NAME, ROW_COUNT_NAME, SYS_VAR_PREFIX, USER_VAR_PREFIX, compactStatement, normalize, normalizeKindOf } from './sqlparser/normalizer.js';
import type { Plan } from './planbuilder/plan.js';
import { NO_NEEDS } from './planbuilder/plan.js';
import { buildPlan } from './planbuilder/builder.js';
import type { OriginalText } from './planbuilder/builder.js';
import { createPlanContext } from './planbuilder/plan-context.js';
import { PlanCache } from './plan-cache.js';
import type { ServingView } from './vschema-manager.js';
import type { VSchemaManager } from './vschema-manager.js';
import type { Session, TransactionMode } from './session.js';
import type { TabletGateway } from './tablet-gateway.js';
import type { ExecutedShardQuery, VCursorConfig } from './vcursor.js';
import { VCursorImpl, commitSession, rollbackSession } from './vcursor.js';
import { vtgateError } from './vt-errors.js';

/** MaxBufferingRetries in plan_execute.go: attempts in total for a query hitting denied tables. */
export const MAX_BUFFERING_RETRIES = 3;

export interface ExecutorConfig {
  callerId: string;
  transactionMode: TransactionMode;
  planCacheSize: number;
  mysqlVersion: string;
  versionComment: string;
}

/** What a statement did, for observers (the TUI's query pane, traces). */
export interface QueryEvent {
  sessionId: number;
  sql: string;
  /** The normalized statement ('' for transaction control). */
  statement: string;
  planType: Plan['type'] | 'BEGIN' | 'COMMIT' | 'ROLLBACK';
  shardQueries: ExecutedShardQuery[];
  error: VtError | undefined;
  atMs: number;
}

/** A statement after classification and normalization, with the plan for the session's target. */
export interface PreparedStatement {
  sql: string;
  pre: PreParsed;
  normalized: Normalized;
  plan: Plan;
  view: ServingView;
  bindVars: BindVars;
}

/** Removes surrounding whitespace and trailing semicolons (the statement delimiter). */
export function trimStatement(sql: string): string {
  let end = sql.length;
  for (;;) {
    const c = sql.charCodeAt(end - 1);
    if (end > 0 && (c === 59 || c === 32 || c === 10 || c === 13 || c === 9)) end--;
    else break;
  }
  let start = 0;
  while (start < end && /\s/.test(sql[start] as string)) start++;
  return start === 0 && end === sql.length ? sql : sql.slice(start, end);
}

export class Executor {
  readonly plans: PlanCache;
  private planGeneration = -1;
  private readonly cursorConfig: VCursorConfig;
  private readonly listeners = new Set<(e: QueryEvent) => void>();

  constructor(
    private readonly vsm: VSchemaManager,
    private readonly gateway: TabletGateway,
    private readonly env: SimEnv,
    private readonly config: ExecutorConfig,
  ) {
    this.plans = new PlanCache(config.planCacheSize);
    this.cursorConfig = {
      callerId: config.callerId,
      transactionMode: config.transactionMode,
      mysqlVersion: config.mysqlVersion,
      sequences: new Map(),
    };
  }

  /** A cursor for one execution (or explanation) on the given view. */
  cursor(view: ServingView, session: Session): VCursorImpl {
    return new VCursorImpl(view, session, this.gateway, this.cursorConfig);
  }

  onQuery(listener: (e: QueryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Executes one statement (a trailing ';' is allowed). Throws VtError with the client's error. */
  execute(session: Session, rawSql: string): QueryResult {
    let result: QueryResult;
    try {
      result = this.executeStatement(session, rawSql);
    } catch (e) {
      session.rowCount = -1;
      throw e;
    }
    saveSessionStats(session, rawSql, result);
    return result;
  }

  private executeStatement(session: Session, rawSql: string): QueryResult {
    const sql = trimStatement(rawSql);
    if (sql === '') throw vtgateError('INVALID_ARGUMENT', 'Query was empty', 'EmptyQuery');
    const rawTokens = this.tokens(sql);
    if (rawTokens.length === 0) return emptyResult(); // only comments
    const { text, tokens } = this.compact(sql, rawTokens);
    const pre = preParse(text, tokens);
    switch (pre.kind) {
      case 'begin':
        return this.transactionControl(session, sql, 'BEGIN', () => {
          if (session.inTransaction) commitSession(session, this.gateway);
          session.inTransaction = true;
        });
      case 'commit':
        return this.transactionControl(session, sql, 'COMMIT', () => commitSession(session, this.gateway));
      case 'rollback':
        return this.transactionControl(session, sql, 'ROLLBACK', () => rollbackSession(session, this.gateway));
      case 'empty':
        return emptyResult();
      default:
        break;
    }
    let prepared: PreparedStatement;
    try {
      prepared = this.prepare(session, text, tokens, pre, { sql, tokens: rawTokens });
    } catch (e) {
      if (isVtError(e) && this.listeners.size > 0) {
        this.emit({ sessionId: session.id, sql, statement: text, planType: 'OTHER', shardQueries: [], error: e, atMs: this.env.clock.nowMs() });
      }
      throw e;
    }
    if (prepared.plan.implicitCommit && session.inTransaction) commitSession(session, this.gateway);
    const type = prepared.plan.type;
    if (!session.autocommit && !session.inTransaction && (type === 'SELECT' || type === 'INSERT' || type === 'UPDATE' || type === 'DELETE')) {
      session.inTransaction = true; // startTxIfNecessary
    }
    const executed: ExecutedShardQuery[] = [];
    for (let attempt = 1; ; attempt++) {
      const vc = this.cursor(prepared.view, session);
      vc.record = this.listeners.size > 0;
      try {
        const result = prepared.plan.primitive.execute(vc, prepared.bindVars);
        executed.push(...vc.executed);
        if (type === 'INSERT' && result.insertId > 0) session.lastInsertId = result.insertId;
        this.notify(session, sql, prepared, executed, undefined);
        return result;
      } catch (e) {
        executed.push(...vc.executed);
        const retry = isVtError(e) && e.message.includes('enforce denied tables') && !session.inTransaction && attempt < MAX_BUFFERING_RETRIES;
        if (!retry) {
          this.notify(session, sql, prepared, executed, isVtError(e) ? e : undefined);
          throw e;
        }
        // Re-plan against the newest vschema: a traffic switch may have moved the table.
        this.env.trace.record('vtgate', 'retry', `denied tables, attempt ${attempt + 1}: ${prepared.normalized.sql}`);
        prepared = this.prepare(session, text, tokens, pre, { sql, tokens: rawTokens });
      }
    }
  }

  /**
   * Classifies, normalizes and plans a statement for the session without running it (the plan comes
   * from the cache when it can). Transaction control statements are not planned.
   */
  prepare(session: Session, sql: string, tokens: readonly Token[], pre: PreParsed, original?: OriginalText): PreparedStatement {
    const view = this.vsm.current();
    if (view.generation !== this.planGeneration) {
      this.plans.clear();
      this.planGeneration = view.generation;
    }
    const normalized: Normalized =
      pre.kind === 'sql' ? normalize(sql, tokens, normalizeKindOf(tokens)) : { sql, bindVars: {}, needs: NO_NEEDS };
    const cacheable = pre.kind === 'sql';
    const key = PlanCache.key(session.targetString, normalized.sql);
    let plan = cacheable ? this.plans.get(key) : undefined;
    if (plan === undefined) {
      const planTokens = normalized.sql === sql ? tokens : this.tokens(normalized.sql);
      const ctx = createPlanContext(view, session.targetString, normalized.sql, planTokens);
      plan = buildPlan(pre, ctx, normalized.needs, original ?? { sql, tokens });
      if (cacheable && plan.type !== 'DDL') {
        this.plans.set(key, plan);
        this.env.trace.record('vtgate', 'plan', `${plan.type} ${normalized.sql}`);
      }
    }
    return { sql, pre, normalized, plan, view, bindVars: this.bindVars(session, normalized, plan) };
  }

  /** The statement on one line without comments (compactStatement), with its tokens. */
  compact(sql: string, tokens: Token[]): { text: string; tokens: Token[] } {
    const text = compactStatement(sql, tokens);
    return text === sql ? { text, tokens } : { text, tokens: this.tokens(text) };
  }

  /** Tokenizes, reporting an unterminated string or comment as a syntax error. */
  tokens(sql: string): Token[] {
    try {
      return tokenize(sql);
    } catch (e) {
      if (e instanceof LexError) throw syntaxError(sql, e.offset, []);
      throw e;
    }
  }

  /** The statement's bind variables plus the session values it needs (addNeededBindVars). */
  private bindVars(session: Session, n: Normalized, plan: Plan): BindVars {
    const needs = plan.needs;
    if (!needs.dbName && !needs.lastInsertId && !needs.rowCount && !needs.foundRows && needs.userVars.length === 0 && needs.sysVars.length === 0) {
      return n.bindVars;
    }
    const bv: BindVars = { ...n.bindVars };
    if (needs.dbName) bv[DB_VAR_NAME] = session.targetString;
    if (needs.lastInsertId) bv[LAST_INSERT_ID_NAME] = session.lastInsertId;
    if (needs.rowCount) bv[ROW_COUNT_NAME] = session.rowCount;
    if (needs.foundRows) bv[FOUND_ROWS_NAME] = session.foundRows;
    for (const u of needs.userVars) bv[USER_VAR_PREFIX + u] = session.userVars.get(u) ?? null;
    for (const v of needs.sysVars) bv[SYS_VAR_PREFIX + v] = this.sysVar(session, v);
    return bv;
  }

  private sysVar(session: Session, name: string): BindVars[string] {
    switch (name) {
      case 'autocommit':
        return session.autocommit ? 1 : 0;
      case 'version':
        return this.config.mysqlVersion;
      case 'version_comment':
        return this.config.versionComment;
      case 'transaction_mode':
        return session.transactionMode !== 'UNSPECIFIED' ? session.transactionMode : this.config.transactionMode;
      case 'workload':
        return 'OLTP';
      case 'ddl_strategy':
        return 'direct';
      case 'sql_select_limit':
        return null;
      default:
        return '';
    }
  }

  private transactionControl(session: Session, sql: string, kind: 'BEGIN' | 'COMMIT' | 'ROLLBACK', fn: () => void): QueryResult {
    const ev = (error: VtError | undefined): QueryEvent => ({
      sessionId: session.id,
      sql,
      statement: '',
      planType: kind,
      shardQueries: [],
      error,
      atMs: this.env.clock.nowMs(),
    });
    try {
      fn();
    } catch (e) {
      if (isVtError(e)) this.emit(ev(e));
      throw e;
    }
    this.emit(ev(undefined));
    return emptyResult();
  }

  private notify(session: Session, sql: string, p: PreparedStatement, executed: ExecutedShardQuery[], error: VtError | undefined): void {
    if (this.listeners.size === 0) return;
    this.emit({
      sessionId: session.id,
      sql,
      statement: p.normalized.sql,
      planType: p.plan.type,
      shardQueries: executed,
      error,
      atMs: this.env.clock.nowMs(),
    });
  }

  private emit(e: QueryEvent): void {
    for (const l of this.listeners) l(e);
  }
}

/**
 * ROW_COUNT() and FOUND_ROWS() after a statement, by its kind (executor.go saveSessionStats): rows
 * affected for DML, 0 for DDL, SET and transaction control, -1 otherwise; FOUND_ROWS() is the number
 * of rows returned.
 */
function saveSessionStats(session: Session, sql: string, result: QueryResult): void {
  session.foundRows = result.rows.length;
  const first = /^(?:\s|\/\*[\s\S]*?\*\/|#[^\n]*\n|--\s[^\n]*\n)*([A-Za-z]+)/.exec(sql)?.[1]?.toLowerCase() ?? '';
  if (DML_WORDS.has(first)) session.rowCount = result.rowsAffected;
  else if (ZERO_COUNT_WORDS.has(first)) session.rowCount = 0;
  else session.rowCount = -1;
}

const DML_WORDS = new Set(['insert', 'replace', 'update', 'delete']);
const ZERO_COUNT_WORDS = new Set(['create', 'alter', 'drop', 'rename', 'truncate', 'set', 'begin', 'start', 'commit', 'rollback', 'flush']);

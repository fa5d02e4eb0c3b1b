// Mysqld: the simulated MySQL server under one tablet. It owns the SQLite database (named
// `vt_<keyspace>` to its users), the `_vt` sidecar schema, the binlog and the executed GTID set.
// It outlives the vttablet process: stopping and starting a tablet keeps all of this, as a real
// mysqld keeps its data directory.
// Mirrors go/vt/mysqlctl/mysqld.go (the process) plus the parts of MySQL itself vtsim needs:
// statement execution in the MySQL dialect, autocommit and explicit transactions, row-based binlog
// with GTIDs, super_read_only, and applying a primary's binlog on replicas.

import type { BindVars, Field, QueryResult, SqlValue } from '../../common/sql-types.js';
import { fieldTypeOfMysqlType, fieldTypeOfValue } from '../../common/sql-types.js';
import { VtError } from '../../common/errors.js';
import type { Clock } from '../../engine/clock.js';
import type { Database, SqlJsStatic } from '../sqlite/sqljs.js';
import { Binlog } from '../binlog/binlog.js';
import type { BinlogEvent, BinlogTransaction, RowEvent } from '../binlog/binlog.js';
import { GtidSet } from '../binlog/gtid.js';
import { SIDECAR_DB, SIDECAR_TABLES } from '../sidecar/schema.js';
import { Capture } from './capture.js';
import type { CaptureOp } from './capture.js';
import { SchemaEngine } from './schema-engine.js';
import type { Affinity, TableLayout } from './schema-engine.js';
import type { InsertValues, ValueSource } from '../sql/insert-values.js';
import { RowApplier } from './row-applier.js';
import { translate } from '../sql/translate.js';
import type { Translated } from '../sql/translate.js';
import { showCreateTable } from '../sql/table-def.js';
import type { TableDef } from '../sql/table-def.js';
import { registerMysqlFunctions } from '../sql/functions.js';
import { fromSqliteError, mysqlError } from '../sql/mysql-errors.js';
import { executeShow } from './show.js';
import { selectResultTypes } from '../sql/result-types.js';
import type { ResultColumnType } from '../sql/result-types.js';

type Statement = ReturnType<Database['prepare']>;

export interface MysqldOptions {
  dbName: string;
  serverUuid: string;
  clock: Clock;
  /** A SQLite file to open as the main database instead of an empty one (restoring a snapshot). */
  mainFile?: Uint8Array;
}

/**
 * Everything a Mysqld holds, as plain data: what a real mysqld keeps in its data directory (tables,
 * the `_vt` schema, binlogs, gtid_executed). Snapshots for `vtsim serve --data-dir` are built from it.
 */
export interface MysqldImage {
  dbName: string;
  serverUuid: string;
  readOnly: boolean;
  running: boolean;
  nextSeq: number;
  /** gtid_executed as text (`uuid:1-5,uuid2:1-3`). */
  gtidExecuted: string;
  /** The MySQL definitions of the database's own tables (SQLite keeps only a translation). */
  tables: TableDef[];
  /**
   * The `_vt` sidecar tables' rows (sql.js exports only the main schema, so these travel as rows),
   * and their AUTOINCREMENT counters, so ids are never reused after a restore.
   */
  sidecar: {
    tables: Record<string, { columns: string[]; rows: SqlValue[][] }>;
    sequences: Record<string, number>;
  };
  /** The binlog: the absolute index of its first transaction, and the transactions in order. */
  binlog: { startIndex: number; transactions: BinlogTransaction[] };
  /** The main database as a SQLite file. */
  main: Uint8Array;
}

/** How many prepared statements a server keeps (bounded: statements hold WASM memory). */
const STATEMENT_CACHE_MAX = 500;

export class Mysqld {
  readonly dbName: string;
  readonly serverUuid: string;
  readonly binlog = new Binlog();
  readonly gtidExecuted = new GtidSet();
  readonly schema: SchemaEngine;
  /** super_read_only: replicas refuse writes that do not come from replication. */
  readOnly = false;
  /** False between `mysqlctl shutdown` and the next start. */
  running = true;

  private readonly db: Database;
  private readonly clock: Clock;
  private readonly rows: RowApplier;
  private readonly statements = new Map<string, Statement>();
  /** Named parameters of each cached statement, in SQLite's parameter-index order. */
  private readonly paramOrder = new Map<string, string[]>();
  /** Per plain INSERT (translations are cached, so this is per statement text): null when not eligible. */
  private insertPlans = new WeakMap<InsertValues, InsertPlan | null>();
  /** Per SELECT (translations are cached, so this is per statement text): its result column types. */
  private resultTypes = new WeakMap<Translated, Array<ResultColumnType | undefined> | null>();
  private pending: BinlogEvent[] = [];
  private suppressCapture = 0;
  /** An explicit transaction (BEGIN ... COMMIT) is open. */
  private inTx = false;
  /** SQLite has a transaction open (explicit, autocommit statement, DDL or replication apply). */
  private sqliteTxOpen = false;
  private lastInsertId = 0;
  /** ROW_COUNT() and FOUND_ROWS(): what the previous statement changed or returned. */
  private lastRowCount = -1;
  private lastFoundRows = 0;
  private nextSeq = 1;

  constructor(sql: SqlJsStatic, options: MysqldOptions) {
    this.dbName = options.dbName;
    this.serverUuid = options.serverUuid;
    this.clock = options.clock;
    this.db = options.mainFile ? new sql.Database(options.mainFile) : new sql.Database();
    const capture = new Capture(
      this.db,
      (table, op, values) => this.capture(table, op, values),
      () => this.suppressCapture === 0,
    );
    this.schema = new SchemaEngine(this.db, capture);
    this.rows = new RowApplier(this.db);
    registerMysqlFunctions(this.db, {
      nowMs: () => this.clock.nowMs(),
      lastInsertId: () => this.lastInsertId,
      databaseName: () => this.dbName,
      rowCount: () => this.lastRowCount,
      foundRows: () => this.lastFoundRows,
    });
    // REPLACE deletes conflicting rows; only with recursive triggers do those deletes reach the binlog.
    this.db.run('PRAGMA recursive_triggers = ON');
    // This connection is the only one to its database, as mysqld is to its datadir. Holding the file
    // lock spares SQLite a lock and a hot-journal check (a failing MEMFS lookup in sql.js) on every
    // autocommit statement: about ten times faster point selects and single-row writes.
    this.db.run('PRAGMA locking_mode = EXCLUSIVE');
    this.db.run(`ATTACH DATABASE ':memory:' AS ${SIDECAR_DB}`);
    this.suppressCapture++;
    try {
      for (const t of SIDECAR_TABLES) {
        this.db.run(t.ddl);
        this.schema.reload(SIDECAR_DB, t.name);
      }
    } finally {
      this.suppressCapture--;
    }
  }

  /** True while an explicit transaction is open. */
  inTransaction(): boolean {
    return this.inTx;
  }

  /** The executed GTID set as an encoded position (`MySQL56/uuid:1-N`). */
  position(): string {
    return this.gtidExecuted.toPosition();
  }

  // ---- statement execution (the MySQL protocol's COM_QUERY) ----

  /**
   * Runs one MySQL statement. Writes outside an explicit transaction autocommit. `asReplication`
   * bypasses super_read_only (VReplication and DBA actions write on primaries only, but the flag
   * keeps the rule in one place).
   */
  execute(sql: string, bindVars: BindVars = {}, options: { bypassReadOnly?: boolean } = {}): QueryResult {
    this.ensureRunning();
    const tr = translate(sql, { getTable: (n) => this.schema.tableDef(n) }, { dbName: this.dbName });
    switch (tr.kind) {
      case 'begin':
        this.begin();
        return empty();
      case 'commit':
        this.commit();
        return empty();
      case 'rollback':
        this.rollback();
        return empty();
      case 'set':
      case 'use':
      case 'lock_tables':
      case 'unlock_tables':
      case 'create_database':
      case 'drop_database':
        return empty();
      case 'show':
        return executeShow(sql, this);
      default:
        break;
    }
    if (tr.isWrite && this.readOnly && !options.bypassReadOnly) {
      throw mysqlError(
        1290,
        'HY000',
        'The MySQL server is running with the --super-read-only option so it cannot execute this statement',
      );
    }
    if (tr.isDdl) return this.executeDdl(sql, tr);
    return this.executeDml(sql, tr, bindVars);
  }

  private executeDml(sql: string, tr: Translated, bindVars: BindVars): QueryResult {
    const autocommit = tr.isWrite && !this.inTx;
    if (autocommit) this.sqliteBegin();
    const mark = this.pending.length;
    // A plain INSERT ... VALUES whose values the table stores as given is logged from the values
    // (as MySQL logs an insert's row images), without a capture trigger per row.
    const images = tr.insertValues ? this.imagesOf(tr.insertValues, bindVars) : undefined;
    try {
      let result = empty();
      if (images) this.suppressCapture++;
      try {
        for (const stmtSql of tr.sqlite) result = this.runStatement(stmtSql, bindVars, tr, sql);
      } finally {
        if (images) this.suppressCapture--;
      }
      if (images) {
        for (const after of images.rows) this.pending.push({ kind: 'row', schema: '', table: images.table, columns: images.columns, before: null, after });
      }
      if (autocommit) this.commit();
      if (tr.isWrite) {
        this.lastRowCount = result.rowsAffected;
      } else {
        this.lastRowCount = -1;
        this.lastFoundRows = result.rows.length;
      }
      return result;
    } catch (e) {
      this.pending.length = mark;
      if (autocommit) this.rollback();
      throw this.mapError(e, sql, bindVars);
    }
  }

  /** The rows a plain INSERT will store, when every value is stored as given and every key is set. */
  private imagesOf(values: InsertValues, bindVars: BindVars): { table: string; columns: readonly string[]; rows: SqlValue[][] } | undefined {
    const plan = this.insertPlan(values);
    if (!plan) return undefined;
    const { layout, order, keyIndex } = plan;
    const n = order.length;
    const rows: SqlValue[][] = [];
    for (const sources of values.rows) {
      const after = new Array<SqlValue>(n);
      for (let c = 0; c < n; c++) {
        const src = sources[order[c] as number] as ValueSource;
        const v = 'param' in src ? bindVars[src.param] : src.literal;
        after[c] = v === undefined ? null : typeof v === 'bigint' ? v.toString() : (v as SqlValue);
      }
      // A NULL key is allocated by SQLite (auto_increment): its value is not known beforehand.
      for (const k of keyIndex) if (after[k] === null) return undefined;
      if (!storedAsGiven(layout.affinities, after)) return undefined;
      rows.push(after);
    }
    return { table: plan.table, columns: layout.columns, rows };
  }

  /** For a plain INSERT: the table's layout and, per layout column, its position in the statement. */
  private insertPlan(values: InsertValues): InsertPlan | undefined {
    const def = this.schema.tableDef(values.table);
    const layout = def ? this.schema.layout(def.name) : undefined;
    if (!def || !layout) return undefined;
    const cached = this.insertPlans.get(values);
    if (cached !== undefined) return cached !== null && cached.layout === layout ? cached : undefined;
    let plan: InsertPlan | null = null;
    const written = values.columns.map((c) => c.toLowerCase());
    const order = layout.columns.map((c) => written.indexOf(c.toLowerCase()));
    if (written.length === order.length && new Set(written).size === written.length && order.every((i) => i >= 0)) {
      const keyIndex = layout.primaryKey.map((k) => layout.columns.indexOf(k));
      plan = { table: def.name, layout, order, keyIndex };
    }
    this.insertPlans.set(values, plan);
    return plan ?? undefined;
  }

  private runStatement(stmtSql: string, bindVars: BindVars, tr: Translated, mysqlSql: string): QueryResult {
    const st = this.prepare(stmtSql);
    try {
      this.bindNamed(st, stmtSql, bindVars);
      const rows: SqlValue[][] = [];
      while (st.step()) rows.push(st.get() as SqlValue[]);
      if (!tr.isWrite) return { fields: this.fieldsFor(st.getColumnNames(), rows, tr, mysqlSql), rows, rowsAffected: 0, insertId: 0 };
      const affected = this.db.getRowsModified();
      let insertId = 0;
      if ((tr.kind === 'insert' || tr.kind === 'replace') && affected > 0) {
        const name = tr.tables[0];
        const table = name ? this.schema.tableDef(name) : undefined;
        // Sidecar tables have no MySQL definition here; their ids are all auto-increment keys.
        if (table?.columns.some((c) => c.autoIncrement) || name?.startsWith('_vt.')) {
          const last = this.lastInsertRowid();
          insertId = last - affected + 1;
          this.lastInsertId = insertId;
        }
      }
      return { fields: [], rows: [], rowsAffected: affected, insertId };
    } finally {
      st.reset();
    }
  }

  /** SQLite's last_insert_rowid(), through a cached statement (db.exec would parse it on every insert). */
  private lastInsertRowid(): number {
    const st = this.prepare('SELECT last_insert_rowid()');
    try {
      st.step();
      return Number(st.get()[0] ?? 0);
    } finally {
      st.reset();
    }
  }

  /**
   * The result's fields. Types follow each select-list expression (a column reference has its
   * column's type, whatever the output name; arithmetic and aggregates get MySQL's DECIMAL scale),
   * worked out once per statement and schema; an expression without a known type is typed by its
   * values. Statements the typing cannot read fall back to the columns of the same name.
   */
  private fieldsFor(names: string[], rows: SqlValue[][], tr: Translated, mysqlSql: string): Field[] {
    let types = this.resultTypes.get(tr);
    if (types === undefined) {
      types = selectResultTypes(mysqlSql, (n) => this.schema.tableDef(n)) ?? null;
      this.resultTypes.set(tr, types);
    }
    const byValue = (name: string, i: number): Field => {
      const sample = rows.find((r) => r[i] !== null && r[i] !== undefined)?.[i];
      return { name, type: fieldTypeOfValue(sample ?? null) };
    };
    if (types !== null && types.length === names.length) {
      const known = types;
      return names.map((name, i) => {
        const t = known[i];
        if (t === undefined) return byValue(name, i);
        return t.decimals === undefined ? { name, type: t.type } : { name, type: t.type, decimals: t.decimals };
      });
    }
    const byName = new Map<string, string>();
    for (const t of tr.tables) {
      const def = this.schema.tableDef(t);
      for (const c of def?.columns ?? []) if (!byName.has(c.name.toLowerCase())) byName.set(c.name.toLowerCase(), c.mysqlType);
    }
    return names.map((name, i) => {
      const mysqlType = byName.get(name.toLowerCase());
      return mysqlType ? { name, type: fieldTypeOfMysqlType(mysqlType) } : byValue(name, i);
    });
  }

  private executeDdl(sql: string, tr: Translated): QueryResult {
    // MySQL commits any open transaction before DDL (implicit commit).
    if (this.inTx) this.commit();
    this.sqliteBegin();
    this.suppressCapture++;
    try {
      for (const s of tr.sqlite) this.db.run(s);
      this.applyDdlEffect(tr);
      this.sqliteCommitQuiet();
    } catch (e) {
      this.sqliteRollbackQuiet();
      this.reloadAllLayouts();
      throw this.mapError(e, sql);
    } finally {
      this.suppressCapture--;
    }
    this.invalidateStatements();
    if (!tr.ddl?.ifNotExistsSkipped) this.appendTransaction([{ kind: 'ddl', schema: '', sql }]);
    this.lastRowCount = 0;
    return empty();
  }

  private applyDdlEffect(tr: Translated): void {
    const d = tr.ddl;
    if (!d) return;
    for (const name of d.dropped ?? []) this.schema.forget('', name);
    for (const [from, to] of d.renamed ?? []) {
      const def = this.schema.tableDef(from);
      this.schema.forget('', from);
      if (def) this.schema.setDef({ ...def, name: to });
      this.schema.reload('', to);
    }
    if (d.created) {
      this.schema.setDef(d.created);
      this.schema.reload('', d.created.name);
    }
    if (d.altered) {
      if (d.altered.before !== d.altered.after.name) this.schema.forget('', d.altered.before);
      this.schema.setDef(d.altered.after);
      this.schema.reload('', d.altered.after.name);
    }
    if (tr.kind === 'truncate' || tr.kind === 'create_index' || tr.kind === 'drop_index') {
      for (const t of tr.tables) this.schema.reload('', t);
    }
  }

  private reloadAllLayouts(): void {
    for (const t of this.schema.tableNames()) this.schema.reload('', t);
  }

  // ---- transactions ----

  begin(): void {
    this.ensureRunning();
    if (this.inTx) this.commit(); // MySQL: BEGIN inside a transaction commits it first.
    this.sqliteBegin();
    this.inTx = true;
  }

  /** Commits; returns the GTID assigned, if the transaction changed anything. */
  commit(): BinlogTransaction | undefined {
    // COMMIT without BEGIN is accepted silently, as MySQL does.
    if (this.sqliteTxOpen) {
      this.db.run('COMMIT');
      this.sqliteTxOpen = false;
    }
    this.inTx = false;
    const events = this.pending;
    this.pending = [];
    return events.length > 0 ? this.appendTransaction(events) : undefined;
  }

  rollback(): void {
    if (this.sqliteTxOpen) {
      this.db.run('ROLLBACK');
      this.sqliteTxOpen = false;
    }
    this.inTx = false;
    this.pending = [];
  }

  private sqliteBegin(): void {
    if (this.sqliteTxOpen) return;
    this.db.run('BEGIN');
    this.sqliteTxOpen = true;
  }

  /** Commits SQLite's transaction without producing a binlog transaction (DDL, replication apply). */
  private sqliteCommitQuiet(): void {
    if (!this.sqliteTxOpen) return;
    this.db.run('COMMIT');
    this.sqliteTxOpen = false;
  }

  private sqliteRollbackQuiet(): void {
    if (!this.sqliteTxOpen) return;
    this.db.run('ROLLBACK');
    this.sqliteTxOpen = false;
  }

  private appendTransaction(events: BinlogEvent[]): BinlogTransaction {
    const tx: BinlogTransaction = {
      gtid: { uuid: this.serverUuid, seq: this.nextSeqFor() },
      timestampMs: this.clock.nowMs(),
      events,
    };
    this.gtidExecuted.add(tx.gtid);
    this.binlog.append(tx);
    return tx;
  }

  private nextSeqFor(): number {
    // After a reparent this server may already hold GTIDs of its own uuid from an earlier term.
    const n = Math.max(this.nextSeq, this.gtidExecuted.last(this.serverUuid) + 1);
    this.nextSeq = n + 1;
    return n;
  }

  // ---- row-level writes (replication and VReplication) ----

  /**
   * Applies a primary's transaction on this server (the replica SQL thread): same rows, same GTID,
   * appended to this server's binlog too (log_replica_updates). Skips transactions already executed.
   */
  applyReplicated(tx: BinlogTransaction): void {
    this.ensureRunning();
    if (this.gtidExecuted.contains(tx.gtid)) return;
    if (this.inTx) this.commit();
    this.suppressCapture++;
    this.sqliteBegin();
    try {
      const evs = tx.events;
      for (let i = 0; i < evs.length; ) {
        const ev = evs[i] as BinlogEvent;
        if (ev.kind !== 'row') {
          this.applyDdlText(ev.sql);
          i++;
        } else if (ev.before === null && ev.after !== null) {
          i = this.applyInsertRun(evs, i);
        } else {
          this.applyRow(ev);
          i++;
        }
      }
      this.sqliteCommitQuiet();
    } catch (e) {
      this.sqliteRollbackQuiet();
      throw this.mapError(e, '<replicated transaction>');
    } finally {
      this.suppressCapture--;
    }
    this.gtidExecuted.add(tx.gtid);
    this.binlog.append(tx);
  }

  /**
   * Applies the inserts into one table that follow each other from `start` (a bulk load, a copy
   * packet) with multi-row statements; returns the index after them.
   */
  private applyInsertRun(evs: readonly BinlogEvent[], start: number): number {
    const first = evs[start] as RowEvent;
    const rows: SqlValue[][] = [];
    let end = start;
    for (; end < evs.length; end++) {
      const ev = evs[end] as BinlogEvent;
      if (ev.kind !== 'row' || ev.before !== null || ev.after === null || ev.table !== first.table || ev.schema !== first.schema || ev.columns !== first.columns) break;
      rows.push(ev.after);
    }
    if (rows.length === 1) {
      this.applyRow(first);
      return end;
    }
    const qualified = first.schema === '' ? first.table : `${first.schema}.${first.table}`;
    if (!this.schema.layout(qualified)) throw mysqlError(1146, '42S02', `Table '${first.schema || this.dbName}.${first.table}' doesn't exist`);
    this.rows.insertMany(first.schema === '' ? `"${first.table}"` : `${first.schema}."${first.table}"`, first.columns, rows);
    return end;
  }

  private applyDdlText(sql: string): void {
    const tr = translate(sql, { getTable: (n) => this.schema.tableDef(n) }, { dbName: this.dbName });
    for (const s of tr.sqlite) this.db.run(s);
    this.applyDdlEffect(tr);
    this.invalidateStatements();
  }

  /** Applies one row event by primary key (capture follows the current mode). */
  applyRow(ev: RowEvent): number {
    const qualified = ev.schema === '' ? ev.table : `${ev.schema}.${ev.table}`;
    const layout = this.schema.layout(qualified);
    if (!layout) throw mysqlError(1146, '42S02', `Table '${ev.schema || this.dbName}.${ev.table}' doesn't exist`);
    const target = ev.schema === '' ? `"${ev.table}"` : `${ev.schema}."${ev.table}"`;
    if (ev.before === null && ev.after) return this.rows.insert(target, ev.columns, ev.after);
    if (ev.after === null && ev.before) return this.rows.delete(target, layout, ev.columns, ev.before);
    if (ev.before && ev.after) return this.rows.update(target, layout, ev.columns, ev.before, ev.after);
    return 0;
  }

  /**
   * Inserts rows into a table of this database, in the open transaction, when the rows' values are
   * exactly what the table will store: every column given, in the table's order, and no value that
   * the column's affinity would convert. VReplication's copy is such a writer (its rows come from a
   * table of the same definition). The rows go in with multi-row statements and logging off, and
   * their row events are written from the values, as MySQL logs an insert's row images; this avoids
   * a capture trigger per row, which costs as much as the insert. Returns false, having changed
   * nothing, when the values cannot be vouched for; throws, having changed nothing, when the insert
   * fails (the caller can then apply row by row to name the failing row).
   */
  insertImages(table: string, columns: readonly string[], rows: readonly SqlValue[][]): boolean {
    this.ensureRunning();
    const layout = this.schema.layout(table);
    if (!layout || !this.sqliteTxOpen || !sameColumns(layout.columns, columns)) return false;
    for (const row of rows) if (!storedAsGiven(layout.affinities, row)) return false;
    this.db.run('SAVEPOINT vt_insert_images');
    this.suppressCapture++;
    try {
      this.rows.insertMany(`"${table.replace(/"/g, '""')}"`, layout.columns, rows);
      this.db.run('RELEASE vt_insert_images');
    } catch (e) {
      this.db.run('ROLLBACK TO vt_insert_images');
      this.db.run('RELEASE vt_insert_images');
      throw this.mapError(e, `<insert into ${table}>`);
    } finally {
      this.suppressCapture--;
    }
    // The binlog keeps these images: copy them into arrays of their exact length (rows read with
    // sql.js grow by push and carry several times their size in spare capacity).
    for (const row of rows) this.pending.push({ kind: 'row', schema: '', table, columns: layout.columns, before: null, after: row.slice() });
    return true;
  }

  /**
   * Runs `fn` in one transaction whose changes are captured and committed with a new GTID (how
   * VReplication writes copied rows together with its bookkeeping). Returns the binlog transaction.
   */
  transaction<T>(fn: () => T): T {
    this.ensureRunning();
    const outer = this.inTx;
    if (!outer) this.begin();
    const mark = this.pending.length;
    try {
      const r = fn();
      if (!outer) this.commit();
      return r;
    } catch (e) {
      this.pending.length = mark;
      if (!outer) this.rollback();
      throw e;
    }
  }

  /**
   * Runs SQLite SQL directly (sidecar bookkeeping, snapshots), with capture on. Returns rows as
   * objects. For internal use by the tablet's own engines, never for user input.
   */
  query(sqliteSql: string, params: SqlValue[] | Record<string, SqlValue> = []): Array<Record<string, SqlValue>> {
    this.ensureRunning();
    const st = this.prepare(sqliteSql);
    try {
      st.bind(params as Parameters<Statement['bind']>[0]);
      const out: Array<Record<string, SqlValue>> = [];
      while (st.step()) out.push(st.getAsObject() as Record<string, SqlValue>);
      return out;
    } catch (e) {
      throw this.mapError(e, sqliteSql);
    } finally {
      st.reset();
    }
  }

  /** Runs SQLite statements that return nothing (internal use). Returns rows modified. */
  run(sqliteSql: string, params: SqlValue[] | Record<string, SqlValue> = []): number {
    this.ensureRunning();
    const st = this.prepare(sqliteSql);
    try {
      st.bind(params as Parameters<Statement['bind']>[0]);
      st.step();
      return this.db.getRowsModified();
    } catch (e) {
      throw this.mapError(e, sqliteSql);
    } finally {
      st.reset();
    }
  }

  /** Streams rows of a SQLite query in pages, for copy and VDiff snapshots. */
  selectRows(sqliteSql: string, params: SqlValue[] = []): { columns: string[]; rows: SqlValue[][] } {
    this.ensureRunning();
    const st = this.prepare(sqliteSql);
    try {
      st.bind(params as Parameters<Statement['bind']>[0]);
      const rows: SqlValue[][] = [];
      while (st.step()) rows.push(st.get() as SqlValue[]);
      return { columns: st.getColumnNames(), rows };
    } finally {
      st.reset();
    }
  }

  /** SHOW CREATE TABLE text of one of the database's tables. */
  showCreateTable(name: string): string | undefined {
    const def = this.schema.tableDef(name);
    return def ? showCreateTable(def) : undefined;
  }

  /** The whole database as SQLite bytes (snapshots for --data-dir). */
  exportMain(): Uint8Array {
    return this.db.export();
  }

  /**
   * The server's whole state as data (see MysqldImage). Refused while a transaction is open: an
   * image holds committed data only, as a backup taken between transactions would.
   */
  exportImage(): MysqldImage {
    if (this.sqliteTxOpen || this.inTx) {
      throw new VtError('FAILED_PRECONDITION', `cannot take an image of ${this.dbName}: a transaction is open`);
    }
    const sidecarTables: MysqldImage['sidecar']['tables'] = {};
    for (const t of SIDECAR_TABLES) {
      // Integers are read as bigint where a double would round them: the journal's 64-bit migration
      // ids are past 2^53, and two of them rounded to one double fail the restore's primary key.
      const st = this.db.prepare(`SELECT * FROM ${SIDECAR_DB}."${t.name}"`);
      try {
        const rows: SqlValue[][] = [];
        while (st.step()) rows.push(getExact(st));
        sidecarTables[t.name] = { columns: st.getColumnNames(), rows };
      } finally {
        st.free();
      }
    }
    const sequences: Record<string, number> = {};
    for (const row of this.db.exec(`SELECT name, seq FROM ${SIDECAR_DB}.sqlite_sequence`)[0]?.values ?? []) {
      sequences[String(row[0])] = Number(row[1]);
    }
    const transactions: BinlogTransaction[] = [];
    for (let i = this.binlog.startIndex(); i < this.binlog.endIndex(); i++) {
      transactions.push(this.binlog.at(i) as BinlogTransaction);
    }
    return {
      dbName: this.dbName,
      serverUuid: this.serverUuid,
      readOnly: this.readOnly,
      running: this.running,
      nextSeq: this.nextSeq,
      gtidExecuted: this.gtidExecuted.toString(),
      tables: this.schema.tableNames().map((n) => structuredClone(this.schema.tableDef(n) as TableDef)),
      sidecar: { tables: sidecarTables, sequences },
      binlog: { startIndex: this.binlog.startIndex(), transactions },
      main: this.db.export(),
    };
  }

  /** A server brought back from an image (exportImage), as mysqld restarts on its data directory. */
  static fromImage(sql: SqlJsStatic, image: MysqldImage, clock: Clock): Mysqld {
    const m = new Mysqld(sql, { dbName: image.dbName, serverUuid: image.serverUuid, clock, mainFile: image.main });
    m.loadImage(image);
    return m;
  }

  private loadImage(image: MysqldImage): void {
    this.suppressCapture++;
    this.sqliteBegin();
    try {
      // Re-reading each table re-installs its capture triggers with this process's ids.
      for (const def of image.tables) {
        this.schema.setDef(structuredClone(def));
        this.schema.reload('', def.name);
      }
      for (const t of SIDECAR_TABLES) {
        const saved = image.sidecar.tables[t.name];
        if (!saved || saved.rows.length === 0) continue;
        // Columns this version no longer has are dropped; new ones take their defaults.
        const layout = this.schema.layout(`${SIDECAR_DB}.${t.name}`);
        const keep = saved.columns.map((c, i) => [c, i] as const).filter(([c]) => layout?.columns.includes(c));
        const cols = keep.map(([c]) => `"${c}"`).join(', ');
        const st = this.db.prepare(`INSERT INTO ${SIDECAR_DB}."${t.name}" (${cols}) VALUES (${keep.map(() => '?').join(', ')})`);
        try {
          for (const row of saved.rows) st.run(keep.map(([, i]) => bindable(row[i] ?? null)) as Parameters<Statement['run']>[0]);
        } finally {
          st.free();
        }
      }
      for (const [name, seq] of Object.entries(image.sidecar.sequences)) {
        this.db.run(`DELETE FROM ${SIDECAR_DB}.sqlite_sequence WHERE name = ?`, [name]);
        this.db.run(`INSERT INTO ${SIDECAR_DB}.sqlite_sequence (name, seq) VALUES (?, ?)`, [name, seq]);
      }
      this.sqliteCommitQuiet();
    } catch (e) {
      this.sqliteRollbackQuiet();
      throw e;
    } finally {
      this.suppressCapture--;
    }
    this.gtidExecuted.union(GtidSet.parse(image.gtidExecuted));
    this.binlog.load(image.binlog.startIndex, image.binlog.transactions);
    this.nextSeq = image.nextSeq;
    this.readOnly = image.readOnly;
    this.running = image.running;
  }

  close(): void {
    this.invalidateStatements();
    this.db.close();
  }

  // ---- internals ----

  private capture(qualified: string, op: CaptureOp, values: unknown[]): void {
    if (this.suppressCapture > 0) return;
    const layout = this.schema.layout(qualified);
    if (!layout) return;
    const dot = qualified.indexOf('.');
    const schema = dot >= 0 ? qualified.slice(0, dot) : '';
    const table = dot >= 0 ? qualified.slice(dot + 1) : qualified;
    const n = layout.columns.length;
    const vals = values as SqlValue[];
    const ev: RowEvent = {
      kind: 'row',
      schema,
      table,
      columns: layout.columns,
      before: op === 'I' ? null : op === 'U' ? vals.slice(0, n) : vals,
      after: op === 'D' ? null : op === 'U' ? vals.slice(n) : vals,
    };
    this.pending.push(ev);
  }

  /**
   * Binds `:name` parameters positionally: binding by name costs a WASM lookup per name per call, and
   * SQLite numbers named parameters in order of first appearance, which we compute once per statement.
   */
  private bindNamed(st: Statement, sql: string, bindVars: BindVars): void {
    let names = this.paramOrder.get(sql);
    if (!names) {
      names = namedParameters(sql);
      this.paramOrder.set(sql, names);
    }
    if (names.length === 0) return;
    const values: SqlValue[] = new Array<SqlValue>(names.length);
    for (let i = 0; i < names.length; i++) {
      const v = bindVars[names[i] as string];
      values[i] = v === undefined ? null : typeof v === 'bigint' ? v.toString() : v;
    }
    st.bind(values as Parameters<Statement['bind']>[0]);
  }

  private prepare(sql: string): Statement {
    let st = this.statements.get(sql);
    if (st) return st;
    try {
      st = this.db.prepare(sql);
    } catch (e) {
      throw this.mapError(e, sql);
    }
    if (this.statements.size >= STATEMENT_CACHE_MAX) {
      const [oldestKey, oldest] = this.statements.entries().next().value as [string, Statement];
      oldest.free();
      this.statements.delete(oldestKey);
    }
    this.statements.set(sql, st);
    return st;
  }

  private invalidateStatements(): void {
    for (const st of this.statements.values()) st.free();
    this.statements.clear();
    this.paramOrder.clear();
    this.insertPlans = new WeakMap();
    this.resultTypes = new WeakMap();
    this.rows.invalidate();
  }

  private ensureRunning(): void {
    if (!this.running) {
      throw new VtError('UNAVAILABLE', `Can't connect to local MySQL server through socket (2002)`, {
        errno: 2002,
        sqlState: 'HY000',
      });
    }
  }

  /**
   * The MySQL error for whatever SQLite threw. Runs only on error paths; a duplicate key is looked up
   * in the table (the failed statement has been undone by then) to name the clashing row.
   */
  private mapError(e: unknown, sql: string, bindVars?: BindVars): VtError {
    if (e instanceof VtError) return e;
    return fromSqliteError(e, {
      dbName: this.dbName,
      sql,
      schema: { getTable: (n) => this.schema.tableDef(n) },
      ...(bindVars ? { bindVars } : {}),
      keyExists: (table, columns, values) => this.keyExists(table, columns, values),
    });
  }

  private keyExists(table: string, columns: readonly string[], values: readonly string[]): boolean {
    if (!this.schema.tableDef(table)) return false;
    const where = columns.map((c) => `"${c.replace(/"/g, '""')}" = ?`).join(' AND ');
    const st = this.db.prepare(`SELECT 1 FROM "${table.replace(/"/g, '""')}" WHERE ${where} LIMIT 1`);
    try {
      st.bind([...values]);
      return st.step();
    } catch {
      return false;
    } finally {
      st.free();
    }
  }
}

interface InsertPlan {
  table: string;
  layout: TableLayout;
  order: number[];
  keyIndex: number[];
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether SQLite stores each value of a row unchanged in columns of these affinities: NULLs and blobs
 * always; finite numbers unless the column is TEXT (which would turn them into text); strings only in
 * TEXT and untyped columns (numeric affinities turn numeric-looking text into numbers).
 */
function storedAsGiven(affinities: readonly Affinity[], row: readonly SqlValue[]): boolean {
  for (let i = 0; i < affinities.length; i++) {
    const v = row[i];
    if (v === null || v === undefined || v instanceof Uint8Array) continue;
    const a = affinities[i];
    if (typeof v === 'number') {
      if (a === 'TEXT' || !Number.isFinite(v)) return false;
    } else if (typeof v === 'string') {
      if (a !== 'TEXT' && a !== 'BLOB') return false;
    } else {
      return false;
    }
  }
  return true;
}

function empty(): QueryResult {
  return { fields: [], rows: [], rowsAffected: 0, insertId: 0 };
}

/** Distinct `:name` parameters of a SQLite statement in order of first appearance, outside quotes. */
export function namedParameters(sql: string): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      const close = sql.indexOf(c, i + 1);
      // Doubled quotes inside a literal are handled by scanning on from the closing one.
      i = close < 0 ? sql.length : close;
      continue;
    }
    if (c === ':' && sql[i + 1] !== ':' && sql[i - 1] !== ':') {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_]/.test(sql[j] as string)) j++;
      if (j > i + 1) {
        const name = sql.slice(i + 1, j);
        if (!seen.has(name)) {
          seen.add(name);
          names.push(name);
        }
        i = j - 1;
      }
    }
  }
  return names;
}

/** sql.js binds no bigint: a 64-bit integer goes in as its decimal text, which INTEGER affinity stores exactly. */
function bindable(v: SqlValue): Exclude<SqlValue, bigint> {
  return typeof v === 'bigint' ? v.toString() : v;
}

/** sql.js's Statement.get also takes { useBigInt } (missing from @types/sql.js). */
type GetWithConfig = (params: null, config: { useBigInt: boolean }) => SqlValue[];

/** A row with integers past 2^53 as bigint (exact), the others as numbers. */
function getExact(st: Statement): SqlValue[] {
  const row = (st.get as unknown as GetWithConfig).call(st, null, { useBigInt: true });
  return row.map((v) => (typeof v === 'bigint' && v >= Number.MIN_SAFE_INTEGER && v <= Number.MAX_SAFE_INTEGER ? Number(v) : v));
}

// Applies row events by primary key: how a replica's SQL thread applies row-based binlog events, and
// how VReplication's player writes source changes to the target.
// Mirrors MySQL's row-based apply (find the row by its before image's key, then insert/update/delete)
// and go/vt/vttablet/tabletmanager/vreplication/replicator_plan.go (statements built per table).

import type { Database, SqlJsStatic } from '../sqlite/sqljs.js';
import type { SqlValue } from '../../common/sql-types.js';
import type { TableLayout } from './schema-engine.js';

type Statement = ReturnType<Database['prepare']>;

/** Rows per statement of insertMany (beyond this, longer statements stop paying for themselves). */
const MULTI_ROW_MAX = 64;

function quoteId(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Caches prepared statements per (table, operation, column list). */
export class RowApplier {
  private readonly cache = new Map<string, Statement>();
  /**
   * Row events of one table version share one `columns` array, so the statement for (operation, table,
   * that array) is found by identity first, without building a string key for every row.
   */
  private readonly keys = new WeakMap<readonly string[], WeakMap<TableLayout, { index: number[]; where: string }>>();
  private byColumns = new WeakMap<readonly string[], Map<string, Statement>>();

  constructor(private readonly db: Database) {}

  private cached(columns: readonly string[], opTable: string, build: () => string): Statement {
    let m = this.byColumns.get(columns);
    if (!m) {
      m = new Map();
      this.byColumns.set(columns, m);
    }
    let st = m.get(opTable);
    if (st) return st;
    const k = `${opTable}|${columns.join(',')}`;
    st = this.cache.get(k);
    if (!st) {
      st = this.db.prepare(build());
      this.cache.set(k, st);
    }
    m.set(opTable, st);
    return st;
  }

  /** Forgets statements of a table whose definition changed. */
  invalidate(): void {
    for (const st of this.cache.values()) st.free();
    this.cache.clear();
    this.byColumns = new WeakMap();
  }

  insert(table: string, columns: readonly string[], values: SqlValue[], replace = false): number {
    const verb = replace ? 'INSERT OR REPLACE' : 'INSERT';
    const st = this.cached(columns, `${verb}|${table}`, () =>
      `${verb} INTO ${table} (${columns.map(quoteId).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    return this.run(st, values);
  }

  /**
   * Inserts many rows with multi-row statements: binding and stepping one statement per row costs
   * more than the insert itself. Chunks are powers of two, so a table needs at most a handful of
   * prepared statements whatever the row count.
   */
  insertMany(table: string, columns: readonly string[], rows: readonly SqlValue[][]): void {
    const width = columns.length;
    // SQLite allows 32766 bound parameters per statement.
    let chunk = MULTI_ROW_MAX;
    while (chunk > 1 && chunk * width > 32_000) chunk >>= 1;
    let i = 0;
    while (i < rows.length) {
      while (chunk > rows.length - i) chunk >>= 1;
      const n = chunk;
      const st = this.cached(columns, `IM${n}|${table}`, () => {
        const tuple = `(${columns.map(() => '?').join(', ')})`;
        return `INSERT INTO ${table} (${columns.map(quoteId).join(', ')}) VALUES ${new Array<string>(n).fill(tuple).join(', ')}`;
      });
      const params: SqlValue[] = new Array<SqlValue>(n * width);
      for (let r = 0; r < n; r++) {
        const row = rows[i + r] as SqlValue[];
        for (let c = 0; c < width; c++) params[r * width + c] = row[c] ?? null;
      }
      this.run(st, params);
      i += n;
    }
  }

  /** Deletes the row identified by the before image; returns rows affected. */
  delete(table: string, layout: TableLayout, columns: readonly string[], before: SqlValue[]): number {
    const key = this.keyFor(layout, columns);
    const st = this.cached(columns, `D|${table}|${key.where}`, () => `DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${key.where} LIMIT 1)`);
    return this.run(st, key.index.map((i) => before[i] ?? null));
  }

  /** Updates the row identified by the before image to the after image. */
  update(table: string, layout: TableLayout, columns: readonly string[], before: SqlValue[], after: SqlValue[]): number {
    const key = this.keyFor(layout, columns);
    const st = this.cached(columns, `U|${table}|${key.where}`, () => {
      const sets = columns.map((c) => `${quoteId(c)} = ?`).join(', ');
      return `UPDATE ${table} SET ${sets} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${key.where} LIMIT 1)`;
    });
    const params = after.slice();
    for (const i of key.index) params.push(before[i] ?? null);
    return this.run(st, params);
  }

  /** Which image positions identify a row, and the WHERE clause matching them (cached per layout). */
  private keyFor(layout: TableLayout, columns: readonly string[]): { index: number[]; where: string } {
    let byLayout = this.keys.get(columns);
    if (!byLayout) {
      byLayout = new WeakMap();
      this.keys.set(columns, byLayout);
    }
    let key = byLayout.get(layout);
    if (key) return key;
    // With a primary key, match on it; without one, on every column (as MySQL does for full images).
    const keyCols = layout.primaryKey.length > 0 ? layout.primaryKey : columns;
    const index: number[] = [];
    const parts: string[] = [];
    for (const c of keyCols) {
      const i = columns.indexOf(c);
      if (i < 0) continue;
      parts.push(`${quoteId(c)} IS ?`);
      index.push(i);
    }
    key = { index, where: parts.length > 0 ? parts.join(' AND ') : '1' };
    byLayout.set(layout, key);
    return key;
  }

  private run(st: Statement, params: SqlValue[]): number {
    st.bind(params as Parameters<Statement['bind']>[0]);
    st.step();
    st.reset();
    return this.db.getRowsModified();
  }
}

export type { SqlJsStatic };

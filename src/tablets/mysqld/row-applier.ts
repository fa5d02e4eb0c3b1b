// Applies row events by primary key: how a replica's SQL thread applies row-based binlog events, and
// how VReplication's player writes source changes to the target.
// Mirrors MySQL's row-based apply (find the row by its before image's key, then insert/update/delete)
// and go/vt/vttablet/tabletmanager/vreplication/replicator_plan.go (statements built per table).

import type { Database, SqlJsStatic } from '../sqlite/sqljs.js';
import type { SqlValue } from '../../common/sql-types.js';
import type { TableLayout } from './schema-engine.js';

type Statement = ReturnType<Database['prepare']>;

function quoteId(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Caches prepared statements per (table, operation, column list). */
export class RowApplier {
  private readonly cache = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  /** Forgets statements of a table whose definition changed. */
  invalidate(): void {
    for (const st of this.cache.values()) st.free();
    this.cache.clear();
  }

  insert(table: string, columns: readonly string[], values: SqlValue[], replace = false): number {
    const k = `${replace ? 'R' : 'I'}|${table}|${columns.join(',')}`;
    let st = this.cache.get(k);
    if (!st) {
      const verb = replace ? 'INSERT OR REPLACE' : 'INSERT';
      st = this.db.prepare(
        `${verb} INTO ${table} (${columns.map(quoteId).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      this.cache.set(k, st);
    }
    return this.run(st, values);
  }

  /** Deletes the row identified by the before image; returns rows affected. */
  delete(table: string, layout: TableLayout, columns: readonly string[], before: SqlValue[]): number {
    const { where, params } = this.whereFor(layout, columns, before);
    const k = `D|${table}|${where}`;
    let st = this.cache.get(k);
    if (!st) {
      st = this.db.prepare(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${where} LIMIT 1)`);
      this.cache.set(k, st);
    }
    return this.run(st, params);
  }

  /** Updates the row identified by the before image to the after image. */
  update(table: string, layout: TableLayout, columns: readonly string[], before: SqlValue[], after: SqlValue[]): number {
    const { where, params } = this.whereFor(layout, columns, before);
    const k = `U|${table}|${columns.join(',')}|${where}`;
    let st = this.cache.get(k);
    if (!st) {
      const sets = columns.map((c) => `${quoteId(c)} = ?`).join(', ');
      st = this.db.prepare(
        `UPDATE ${table} SET ${sets} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${where} LIMIT 1)`,
      );
      this.cache.set(k, st);
    }
    return this.run(st, [...after, ...params]);
  }

  private whereFor(layout: TableLayout, columns: readonly string[], image: SqlValue[]): { where: string; params: SqlValue[] } {
    // With a primary key, match on it; without one, on every column (as MySQL does for full images).
    const keyCols = layout.primaryKey.length > 0 ? layout.primaryKey : columns;
    const params: SqlValue[] = [];
    const parts: string[] = [];
    for (const c of keyCols) {
      const i = columns.indexOf(c);
      if (i < 0) continue;
      parts.push(`${quoteId(c)} IS ?`);
      params.push(image[i] ?? null);
    }
    return { where: parts.length > 0 ? parts.join(' AND ') : '1', params };
  }

  private run(st: Statement, params: SqlValue[]): number {
    st.bind(params as Parameters<Statement['bind']>[0]);
    st.step();
    st.reset();
    return this.db.getRowsModified();
  }
}

export type { SqlJsStatic };

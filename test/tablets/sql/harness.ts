// A minimal tablet database for the dialect-layer tests: a real sql.js database with the MySQL
// functions registered and the `_vt` sidecar schema attached, plus a schema map kept up to date
// from each DDL statement's reported effect (what the tablet's schema engine does).

import initSqlJs from 'sql.js';
import type { Database, SqlValue } from 'sql.js';
import { translate } from '../../../src/tablets/sql/translate.js';
import type { Translated } from '../../../src/tablets/sql/translate.js';
import { registerMysqlFunctions } from '../../../src/tablets/sql/functions.js';
import { fromSqliteError } from '../../../src/tablets/sql/mysql-errors.js';
import type { TableDef } from '../../../src/tablets/sql/table-def.js';
import { VtError } from '../../../src/common/errors.js';

export const DB = 'vt_commerce';
/** 2024-01-15 09:00:00 UTC. */
export const T0 = Date.UTC(2024, 0, 15, 9, 0, 0);

const SQL = await initSqlJs();

export interface TestTablet {
  db: Database;
  defs: Map<string, TableDef>;
  schema: { getTable(name: string): TableDef | undefined };
  clock: { now: number };
  /** Translates and runs one MySQL statement; returns the last result's rows. */
  exec(sql: string, params?: Record<string, SqlValue>): SqlValue[][];
  /** Like exec, but returns the VtError it fails with (or throws if it succeeds). */
  error(sql: string, params?: Record<string, SqlValue>): VtError;
  translate(sql: string): Translated;
}

export function newTablet(): TestTablet {
  const db = new SQL.Database();
  db.run("ATTACH DATABASE ':memory:' AS _vt");
  const clock = { now: T0 };
  let lastInsertId = 0;
  registerMysqlFunctions(db, { nowMs: () => clock.now, lastInsertId: () => lastInsertId, databaseName: () => DB });
  const defs = new Map<string, TableDef>();
  const schema = { getTable: (name: string) => defs.get(name.toLowerCase()) };
  const tr = (sql: string): Translated => translate(sql, schema, { dbName: DB });
  const exec = (sql: string, params: Record<string, SqlValue> = {}): SqlValue[][] => {
    const t = tr(sql);
    let rows: SqlValue[][] = [];
    db.run('SAVEPOINT stmt');
    try {
      for (const s of t.sqlite) {
        const st = db.prepare(s);
        try {
          const bound: Record<string, SqlValue> = {};
          for (const [k, v] of Object.entries(params)) if (s.includes(`:${k}`)) bound[`:${k}`] = v;
          st.bind(bound);
          rows = [];
          while (st.step()) rows.push(st.get());
        } finally {
          st.free();
        }
      }
      db.run('RELEASE stmt');
    } catch (e) {
      db.run('ROLLBACK TO stmt');
      db.run('RELEASE stmt');
      throw fromSqliteError(e, { dbName: DB, sql, schema, bindVars: params });
    }
    if ((t.kind === 'insert' || t.kind === 'replace') && db.getRowsModified() > 0) {
      lastInsertId = Number(db.exec('SELECT last_insert_rowid()')[0]?.values[0]?.[0] ?? 0);
    }
    const d = t.ddl;
    if (d) {
      for (const name of d.dropped ?? []) defs.delete(name.toLowerCase());
      for (const [from, to] of d.renamed ?? []) {
        const def = defs.get(from.toLowerCase()) as TableDef;
        defs.delete(from.toLowerCase());
        defs.set(to.toLowerCase(), { ...def, name: to.replace(/^_vt\./, '') });
      }
      if (d.created) defs.set(d.created.name.toLowerCase(), d.created);
      if (d.altered) {
        defs.delete(d.altered.before.toLowerCase());
        defs.set(d.altered.after.name.toLowerCase(), d.altered.after);
      }
    }
    return rows;
  };
  const error = (sql: string, params?: Record<string, SqlValue>): VtError => {
    try {
      exec(sql, params);
    } catch (e) {
      if (e instanceof VtError) return e;
      throw e;
    }
    throw new Error(`expected an error from: ${sql}`);
  };
  return { db, defs, schema, clock, exec, error, translate: tr };
}

/** Splits a MySQL script the way the mysql client does for these files: `;` ends a statement, `\!` lines are client commands. */
export function statements(script: string): string[] {
  return script
    .split('\n')
    .filter((line) => !line.startsWith('\\!'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

// Applying one row change to a target table, by primary key, with MySQL's error text when it fails:
// `<error> (errno N) (sqlstate S) during query: <statement>`, which is how the MySQL client library
// reports a failed statement to VReplication (and so what lands in the stream's message).
// Mirrors go/vt/vttablet/tabletmanager/vreplication/table_plan.go (TablePlan.applyChange: insert for
// a new image, update for both images, delete for an old image) and go/mysql/sqlerror (the format).

import type { SqlValue } from '../../common/sql-types.js';
import { VtError } from '../../common/errors.js';
import { fromSqliteError } from '../sql/mysql-errors.js';
import type { Mysqld } from '../mysqld/mysqld.js';

/** Applies an insert (before null), delete (after null) or update; returns rows affected. */
export function applyChange(
  mysqld: Mysqld,
  table: string,
  columns: readonly string[],
  before: SqlValue[] | null,
  after: SqlValue[] | null,
): number {
  try {
    return mysqld.applyRow({ kind: 'row', schema: '', table, columns, before, after });
  } catch (e) {
    const image = after ?? before ?? [];
    const bindVars: Record<string, SqlValue> = {};
    columns.forEach((c, i) => {
      bindVars[c] = image[i] ?? null;
    });
    const sql = renderChange(mysqld, table, columns, before, after);
    throw clientError(fromSqliteError(e, { dbName: mysqld.dbName, sql, schema: { getTable: (n) => mysqld.schema.tableDef(n) }, bindVars }), sql);
  }
}

/**
 * Inserts copied rows: in bulk when the server can log them from their values (Mysqld.insertImages),
 * otherwise, or to name the row a failed bulk insert stumbled on, one by one.
 */
export function applyInserts(mysqld: Mysqld, table: string, columns: readonly string[], rows: readonly SqlValue[][]): void {
  try {
    if (mysqld.insertImages(table, columns, rows)) return;
  } catch {
    // Nothing was inserted; the row-by-row pass below reports the failing row as VReplication would.
  }
  for (const row of rows) applyChange(mysqld, table, columns, null, row);
}

/** A failed statement as the MySQL client library reports it: `<msg> (errno N) (sqlstate S) during query: <sql>`. */
export function clientError(e: unknown, sql: string): VtError {
  const err = fromSqliteError(e, { dbName: '', sql });
  return new VtError(err.code, `${err.message} (errno ${err.errno}) (sqlstate ${err.sqlState}) during query: ${sql}`, {
    errno: err.errno,
    sqlState: err.sqlState,
  });
}

/** A MySQL literal for a value, as Vitess's bind-variable encoding prints it. */
export function sqlLiteral(v: SqlValue): string {
  if (v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v instanceof Uint8Array) {
    let hex = '';
    for (const b of v) hex += b.toString(16).padStart(2, '0');
    return `x'${hex}'`;
  }
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\0/g, '\\0')}'`;
}

/** The statement VReplication would have run for a change (for error messages). */
export function renderChange(
  mysqld: Mysqld,
  table: string,
  columns: readonly string[],
  before: SqlValue[] | null,
  after: SqlValue[] | null,
): string {
  const layout = mysqld.schema.layout(table);
  const pk = layout && layout.primaryKey.length > 0 ? layout.primaryKey : columns;
  const where = (img: SqlValue[]): string =>
    pk
      .filter((c) => columns.includes(c))
      .map((c) => `${c}=${sqlLiteral(img[columns.indexOf(c)] ?? null)}`)
      .join(' and ');
  if (before === null && after) return `insert into ${table}(${columns.join(',')}) values (${after.map(sqlLiteral).join(',')})`;
  if (after === null && before) return `delete from ${table} where ${where(before)}`;
  if (before && after) {
    return `update ${table} set ${columns.map((c, i) => `${c}=${sqlLiteral(after[i] ?? null)}`).join(', ')} where ${where(before)}`;
  }
  return '';
}

// Binlog capture: how committed changes become row events with full before/after images.
// Real MySQL writes row events to its binlog as part of the commit. Here every table gets AFTER
// INSERT/UPDATE/DELETE triggers that call a JS function (`vt_capture`) with the old and new column
// values; the function appends a RowEvent to the open transaction's buffer, and the Mysqld appends the
// buffer to the binlog with a GTID when the SQLite transaction commits. Because the triggers run inside
// the same SQLite statement, every committed change is captured exactly once and in commit order; a
// failed statement or a rollback discards its events along with its rows.

import type { Database } from '../sqlite/sqljs.js';

const FN = 'vt_capture';

function quoteId(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function triggerName(table: string, op: string): string {
  return `vt_capture_${op}_${table}`;
}

/** `schema` is '' for the tablet's own database, or '_vt'. */
function qualifiedName(schema: string, table: string): string {
  return schema === '' ? table : `${schema}.${table}`;
}

/** (Re)creates the three capture triggers of a table from its current columns. */
export function installCaptureTriggers(db: Database, schema: string, table: string, columns: readonly string[]): void {
  dropCaptureTriggers(db, schema, table);
  const prefix = schema === '' ? '' : `${schema}.`;
  const name = qualifiedName(schema, table).replace(/'/g, "''");
  const olds = columns.map((c) => `OLD.${quoteId(c)}`).join(', ');
  const news = columns.map((c) => `NEW.${quoteId(c)}`).join(', ');
  const t = quoteId(table);
  db.run(
    `CREATE TRIGGER ${prefix}${quoteId(triggerName(table, 'i'))} AFTER INSERT ON ${t} BEGIN SELECT ${FN}('${name}', 'I', ${news}); END`,
  );
  db.run(
    `CREATE TRIGGER ${prefix}${quoteId(triggerName(table, 'u'))} AFTER UPDATE ON ${t} BEGIN SELECT ${FN}('${name}', 'U', ${olds}, ${news}); END`,
  );
  db.run(
    `CREATE TRIGGER ${prefix}${quoteId(triggerName(table, 'd'))} AFTER DELETE ON ${t} BEGIN SELECT ${FN}('${name}', 'D', ${olds}); END`,
  );
}

export function dropCaptureTriggers(db: Database, schema: string, table: string): void {
  const prefix = schema === '' ? '' : `${schema}.`;
  for (const op of ['i', 'u', 'd']) db.run(`DROP TRIGGER IF EXISTS ${prefix}${quoteId(triggerName(table, op))}`);
}

/**
 * Registers the capture function. `sink` receives (qualified table name, op, values): for 'I' the new
 * row, for 'D' the old row, for 'U' the old row followed by the new row.
 */
export function registerCaptureFunction(
  db: Database,
  sink: (table: string, op: 'I' | 'U' | 'D', values: unknown[]) => void,
): void {
  const fn = function (table: unknown, op: unknown, ...values: unknown[]): null {
    sink(String(table), op as 'I' | 'U' | 'D', values);
    return null;
  };
  // sql.js registers a function with fn.length arguments; -1 makes it variadic in SQLite.
  Object.defineProperty(fn, 'length', { value: -1 });
  db.create_function(FN, fn as unknown as (...args: never[]) => null);
}

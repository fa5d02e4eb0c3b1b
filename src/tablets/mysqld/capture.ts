// Binlog capture: how committed changes become row events with full before/after images.
// Real MySQL writes row events to its binlog as part of the commit. Here every table gets AFTER
// INSERT/UPDATE/DELETE triggers that call a JS function (`vt_capture`) with the old and new column
// values; the function appends a RowEvent to the open transaction's buffer, and the Mysqld appends the
// buffer to the binlog with a GTID when the SQLite transaction commits. Because the triggers run inside
// the same SQLite statement, every committed change is captured exactly once and in commit order; a
// failed statement or a rollback discards its events along with its rows.
// The trigger passes one small integer naming the table and the operation, not strings: converting
// arguments out of WASM is the capture's main cost, and this is paid on every changed row.
// Each trigger runs only `WHEN vt_capture_on()`: like MySQL's `sql_log_bin = 0`, the server can write
// without logging (a replica applying its primary's events, which it logs as they are; VReplication's
// copy, which logs the rows it inserts itself). A skipped trigger body costs a fraction of a capture.

import type { Database } from '../sqlite/sqljs.js';

const FN = 'vt_capture';
const ON_FN = 'vt_capture_on';
const OPS = ['I', 'U', 'D'] as const;
export type CaptureOp = (typeof OPS)[number];

function quoteId(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function triggerName(table: string, op: string): string {
  return `vt_capture_${op}_${table}`;
}

/** Receives (qualified table name `t` or `_vt.t`, operation, values) for every changed row. */
export type CaptureSink = (table: string, op: CaptureOp, values: unknown[]) => void;

/** The capture function and triggers of one database. */
export class Capture {
  /** Qualified table names by capture id (ids are never reused, so stale triggers cannot mislead). */
  private readonly names: string[] = [];
  private readonly ids = new Map<string, number>();

  constructor(
    private readonly db: Database,
    sink: CaptureSink,
    /** Whether changes are logged right now (false while the server writes with sql_log_bin off). */
    isOn: () => boolean,
  ) {
    const names = this.names;
    const fn = function (code: unknown, ...values: unknown[]): null {
      const c = code as number;
      sink(names[c >> 2] as string, OPS[c & 3] as CaptureOp, values);
      return null;
    };
    // sql.js registers a function with fn.length arguments; -1 makes it variadic in SQLite.
    Object.defineProperty(fn, 'length', { value: -1 });
    db.create_function(FN, fn as unknown as (...args: never[]) => null);
    db.create_function(ON_FN, () => (isOn() ? 1 : 0));
  }

  /** (Re)creates the three capture triggers of a table from its current columns. */
  install(schema: string, table: string, columns: readonly string[]): void {
    this.drop(schema, table);
    const qualified = schema === '' ? table : `${schema}.${table}`;
    let id = this.ids.get(qualified);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(qualified);
      this.ids.set(qualified, id);
    }
    const prefix = schema === '' ? '' : `${schema}.`;
    const olds = columns.map((c) => `OLD.${quoteId(c)}`).join(', ');
    const news = columns.map((c) => `NEW.${quoteId(c)}`).join(', ');
    const t = quoteId(table);
    const code = (op: number) => id * 4 + op;
    const on = `WHEN ${ON_FN}()`;
    this.db.run(`CREATE TRIGGER ${prefix}${quoteId(triggerName(table, 'i'))} AFTER INSERT ON ${t} ${on} BEGIN SELECT ${FN}(${code(0)}, ${news}); END`);
    this.db.run(`CREATE TRIGGER ${prefix}${quoteId(triggerName(table, 'u'))} AFTER UPDATE ON ${t} ${on} BEGIN SELECT ${FN}(${code(1)}, ${olds}, ${news}); END`);
    this.db.run(`CREATE TRIGGER ${prefix}${quoteId(triggerName(table, 'd'))} AFTER DELETE ON ${t} ${on} BEGIN SELECT ${FN}(${code(2)}, ${olds}); END`);
  }

  drop(schema: string, table: string): void {
    const prefix = schema === '' ? '' : `${schema}.`;
    for (const op of ['i', 'u', 'd']) this.db.run(`DROP TRIGGER IF EXISTS ${prefix}${quoteId(triggerName(table, op))}`);
  }
}

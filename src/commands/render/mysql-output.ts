// The mysql command-line client's output formats: the --table box, tab-separated batch output,
// \G vertical output, error lines and the interactive status lines ("Query OK, ...").
// Mirrors client/mysql.cc (MySQL 8): print_table_data, print_tab_data, print_table_data_vertically,
// put_info and com_go. MariaDB's client prints the same.
//
// Block renderers return every line terminated by '\n'; the *Line functions return one line without
// its newline. The client prints nothing at all for an empty result in batch mode, so the block
// renderers return '' for zero rows.

import { cellText, isRightAligned } from './result-set.js';
import type { ResultSet } from './result-set.js';
import { mysqlNumCells, utf8ByteLength } from './mysql-width.js';

/** Past this width the client stops aligning a column (MAX_COLUMN_LENGTH). */
const MAX_COLUMN_LENGTH = 1024;

export interface BoxOptions {
  /** false for --skip-column-names: no header row, and names do not widen columns. */
  columnNames?: boolean;
}

/**
 * The --table box. A column is as wide as its longest value or name counted in bytes (at least 4
 * when it can hold NULL); each cell is then padded by screen cells, so multi-byte text lines up but
 * makes the column wider than it looks. Numeric columns are right-aligned.
 */
export function renderBox(rs: ResultSet, options: BoxOptions = {}): string {
  if (rs.rows.length === 0) return '';
  const columnNames = options.columnNames ?? true;
  const texts = rs.rows.map((row) => rs.fields.map((f, i) => cellText(row[i] ?? null, f.type, f.decimals)));

  const widths = rs.fields.map((f, i) => {
    let width = columnNames ? utf8ByteLength(f.name) : 0;
    let hasNull = false;
    for (const row of texts) {
      const t = row[i] ?? null;
      if (t === null) hasNull = true;
      else width = Math.max(width, utf8ByteLength(t));
    }
    if (width < 4 && (f.nullable === true || hasNull)) width = 4; // room for "NULL"
    return width;
  });

  const separator = '+' + widths.map((w) => '-'.repeat(w + 2) + '+').join('') + '\n';
  let out = separator;
  if (columnNames) {
    out += '|' + rs.fields.map((f, i) => ` ${padHeader(f.name, widths[i]!)} |`).join('') + '\n';
    out += separator;
  }
  for (const row of texts) {
    const cells = rs.fields.map((f, i) => padCell(row[i] ?? null, widths[i]!, isRightAligned(f.type)));
    out += '| ' + cells.join(' | ') + ' |\n';
  }
  return out + separator;
}

/** The header cell: printf("%-*s") with a byte width adjusted so the name fills `width` cells. */
function padHeader(name: string, width: number): string {
  const bytes = utf8ByteLength(name);
  const target = Math.min(width + bytes - mysqlNumCells(name), MAX_COLUMN_LENGTH);
  return name + ' '.repeat(Math.max(0, target - bytes));
}

/** A data cell: padded to `width` screen cells; NUL bytes print as spaces to keep the grid. */
function padCell(text: string | null, width: number, rightAlign: boolean): string {
  const data = text ?? 'NULL';
  const cells = mysqlNumCells(data);
  const shown = data.replace(/\0/g, ' ');
  if (width > MAX_COLUMN_LENGTH) return shown + ' '.repeat(Math.max(0, MAX_COLUMN_LENGTH - cells));
  const pad = ' '.repeat(Math.max(0, width - cells));
  return rightAlign ? pad + shown : shown + pad;
}

export interface BatchOptions {
  /** Print the header line of column names (false for -N / --skip-column-names). */
  columnNames: boolean;
  /** -r / --raw: print values without escaping special characters. */
  raw?: boolean;
}

/**
 * Tab-separated output (`mysql < file`, `mysql -B`): an optional header line of names, then one
 * line per row. Values escape NUL, tab, newline and backslash so a row stays on one line.
 */
export function renderBatch(rs: ResultSet, options: BatchOptions): string {
  if (rs.rows.length === 0) return '';
  let out = options.columnNames ? rs.fields.map((f) => f.name).join('\t') + '\n' : '';
  for (const row of rs.rows) {
    const cells = rs.fields.map((f, i) => {
      const t = cellText(row[i] ?? null, f.type, f.decimals);
      if (t === null) return 'NULL';
      return options.raw ? t : escapeBatch(t);
    });
    out += cells.join('\t') + '\n';
  }
  return out;
}

const BATCH_ESCAPES: Record<string, string> = { '\0': '\\0', '\t': '\\t', '\n': '\\n', '\\': '\\\\' };

function escapeBatch(s: string): string {
  return s.replace(/[\0\t\n\\]/g, (c) => BATCH_ESCAPES[c]!);
}

/** `\G` output: a star line per row, then "name: value" lines with names right-aligned. */
export function renderVertical(rs: ResultSet, options: BoxOptions = {}): string {
  if (rs.rows.length === 0) return '';
  const columnNames = options.columnNames ?? true;
  // printf("%*s") aligns by bytes, so multi-byte names are aligned by their byte length.
  const nameWidth = Math.max(0, ...rs.fields.map((f) => utf8ByteLength(f.name)));
  let out = '';
  rs.rows.forEach((row, r) => {
    out += `*************************** ${r + 1}. row ***************************\n`;
    rs.fields.forEach((f, i) => {
      if (columnNames) out += ' '.repeat(nameWidth - utf8ByteLength(f.name)) + f.name + ': ';
      const t = cellText(row[i] ?? null, f.type, f.decimals);
      out += (t === null ? 'NULL' : t.replace(/\0/g, ' ')) + '\n';
    });
  });
  return out;
}

export interface MysqlErrorInfo {
  errno: number;
  sqlState: string;
  message: string;
}

export interface ErrorMode {
  /** Batch mode (input from a file or pipe, or -e): errors name the line they came from. */
  batch: boolean;
  /** The line of the input where the failing statement started (1-based). */
  line?: number;
  /** Set when the statement came from a `source` file. */
  file?: string;
}

/**
 * The client's error line: `ERROR 1146 (42S02) at line 4: <message>` in batch mode, or
 * `ERROR 1146 (42S02): <message>` interactively. Without its trailing newline; it goes to stderr.
 */
export function formatMysqlError(e: MysqlErrorInfo, mode: ErrorMode): string {
  const code = e.errno ? (e.sqlState ? ` ${e.errno} (${e.sqlState})` : ` ${e.errno}`) : '';
  if (mode.batch) {
    let where = '';
    if (mode.line) {
      where = ` at line ${mode.line}`;
      if (mode.file !== undefined) where += ` in file: '${mode.file}'`;
    }
    return `ERROR${code}${where}: ${e.message}`;
  }
  // Interactively an error without a number is printed with puts(), which ends the line early.
  return e.errno ? `ERROR${code}: ${e.message}` : `ERROR: \n${e.message}`;
}

/** Interactive `Query OK, 1 row affected (0.00 sec)`; batch mode prints no such line. */
export function okPacketLine(affected: number, ms: number, warnings = 0): string {
  return `Query OK, ${affected} ${affected === 1 ? 'row' : 'rows'} affected${warningsText(warnings)} (${niceTime(ms)})`;
}

/** Interactive `5 rows in set (0.00 sec)`, printed after a box. */
export function rowsInSetLine(count: number, ms = 0, warnings = 0): string {
  return `${count} ${count === 1 ? 'row' : 'rows'} in set${warningsText(warnings)} (${niceTime(ms)})`;
}

/** Interactive `Empty set (0.00 sec)`, printed instead of a box when a query returns no rows. */
export function emptySetLine(ms = 0, warnings = 0): string {
  return `Empty set${warningsText(warnings)} (${niceTime(ms)})`;
}

function warningsText(warnings: number): string {
  if (warnings === 0) return '';
  return `, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`;
}

/** The client's nice_time(): `0.00 sec`, `1 min 5.25 sec`, `2 hours 1 min 0.00 sec`, `1 day ...`. */
export function niceTime(ms: number): string {
  let rest = Math.max(0, Math.round(ms));
  let out = '';
  const day = 86_400_000;
  const hour = 3_600_000;
  const minute = 60_000;
  if (rest >= day) {
    const n = Math.floor(rest / day);
    rest -= n * day;
    out += `${n} ${n > 1 ? 'days' : 'day'} `;
  }
  if (rest >= hour) {
    const n = Math.floor(rest / hour);
    rest -= n * hour;
    out += `${n} ${n > 1 ? 'hours' : 'hour'} `;
  }
  if (rest >= minute) {
    const n = Math.floor(rest / minute);
    rest -= n * minute;
    out += `${n} min `;
  }
  return `${out}${secondsFixed2(rest)} sec`;
}

/**
 * printf("%.2f") of rest/1000 s. toFixed agrees with C except on exact binary ties (e.g. 0.125),
 * where C rounds half to even and toFixed rounds up.
 */
function secondsFixed2(restMs: number): string {
  if (restMs % 10 === 5 && restMs % 125 === 0) {
    const down = (restMs - 5) / 10;
    const hundredths = down % 2 === 0 ? down : down + 1;
    return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
  }
  return (restMs / 1000).toFixed(2);
}

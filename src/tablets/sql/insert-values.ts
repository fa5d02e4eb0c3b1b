// Recognises the plainest INSERT: `INSERT [INTO] t (c1, c2, ...) VALUES (v, ...), (...)` where every
// value is a bind variable, NULL, a number or a plain string literal, with no IGNORE, no ON DUPLICATE
// KEY UPDATE and no SELECT. For such a statement the server knows each inserted row's values before
// it runs, so it can log the row images itself (see Mysqld.executeDml) instead of through a capture
// trigger per row. Anything else returns undefined and is captured by the triggers as usual.
// vtsim-specific (a fast path of the binlog capture); the statement shape is MySQL's INSERT ... VALUES.

import type { SqlValue } from '../../common/sql-types.js';
import type { Token } from './lexer.js';
import { identName, isOp, isWord } from './lexer.js';

/** Where one inserted value comes from: a bind variable, or a literal of the statement. */
export type ValueSource = { param: string } | { literal: SqlValue };

export interface InsertValues {
  /** The table as written (unqualified). */
  table: string;
  /** The column list as written. */
  columns: string[];
  /** One entry per VALUES tuple, each with one source per column. */
  rows: ValueSource[][];
}

/** The insert's values when the statement is a plain INSERT ... VALUES into a table of `dbName`. */
export function plainInsertValues(tokens: readonly Token[], dbName: string): InsertValues | undefined {
  let i = 0;
  if (!isWord(tokens[i], 'insert')) return undefined;
  i++;
  if (isWord(tokens[i], 'into')) i++;
  let table = identName(tokens[i]);
  if (table === undefined) return undefined;
  i++;
  if (isOp(tokens[i], '.')) {
    // Only the tablet's own database: sidecar and other schemas are left to the triggers.
    if (table.toLowerCase() !== dbName.toLowerCase()) return undefined;
    table = identName(tokens[i + 1]);
    if (table === undefined) return undefined;
    i += 2;
  }
  if (!isOp(tokens[i], '(')) return undefined;
  i++;
  const columns: string[] = [];
  for (;;) {
    const c = identName(tokens[i]);
    if (c === undefined) return undefined;
    columns.push(c);
    i++;
    if (isOp(tokens[i], ',')) {
      i++;
      continue;
    }
    if (!isOp(tokens[i], ')')) return undefined;
    i++;
    break;
  }
  if (!isWord(tokens[i], 'values') && !isWord(tokens[i], 'value')) return undefined;
  i++;
  const rows: ValueSource[][] = [];
  for (;;) {
    if (!isOp(tokens[i], '(')) return undefined;
    i++;
    const row: ValueSource[] = [];
    for (;;) {
      const v = valueAt(tokens, i);
      if (v === undefined) return undefined;
      row.push(v.source);
      i = v.next;
      if (isOp(tokens[i], ',')) {
        i++;
        continue;
      }
      if (!isOp(tokens[i], ')')) return undefined;
      i++;
      break;
    }
    if (row.length !== columns.length) return undefined;
    rows.push(row);
    if (isOp(tokens[i], ',')) {
      i++;
      continue;
    }
    break;
  }
  return i === tokens.length ? { table, columns, rows } : undefined;
}

function valueAt(tokens: readonly Token[], i: number): { source: ValueSource; next: number } | undefined {
  const t = tokens[i];
  if (t === undefined) return undefined;
  // `?` placeholders are positional; only named ones can be matched to bind variables.
  if (t.type === 'param' && t.text.startsWith(':')) return { source: { param: t.value }, next: i + 1 };
  if (isWord(t, 'null')) return { source: { literal: null }, next: i + 1 };
  const negative = isOp(t, '-');
  const n = negative ? tokens[i + 1] : t;
  if (n?.type === 'number' && /^\d+(\.\d*)?$/.test(n.text)) {
    const value = Number(n.text);
    // Beyond 2^53 a JS number is not the integer SQLite stores.
    if (!Number.isSafeInteger(Math.trunc(value))) return undefined;
    return { source: { literal: negative ? -value : value }, next: negative ? i + 2 : i + 1 };
  }
  // A plain quoted string (no charset introducer, no adjacent literals merged into it).
  if (!negative && t.type === 'string' && (t.text.startsWith("'") || t.text.startsWith('"')) && t.text.length === t.end - t.start) {
    return { source: { literal: t.value }, next: i + 1 };
  }
  return undefined;
}

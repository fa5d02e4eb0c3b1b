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
  const cols = parenList(tokens, i, (j) => {
    const c = identName(tokens[j]);
    return c === undefined ? undefined : { item: c, next: j + 1 };
  });
  if (!cols) return undefined;
  const columns = cols.items;
  i = cols.next;
  if (!isWord(tokens[i], 'values') && !isWord(tokens[i], 'value')) return undefined;
  i++;
  const rows: ValueSource[][] = [];
  for (;;) {
    const tuple = parenList(tokens, i, (j) => valueAt(tokens, j));
    if (!tuple || tuple.items.length !== columns.length) return undefined;
    rows.push(tuple.items);
    i = tuple.next;
    if (!isOp(tokens[i], ',')) break;
    i++;
  }
  return i === tokens.length ? { table, columns, rows } : undefined;
}

/** `( item, item, ... )` from tokens[i]: the items and the index after the `)`. */
function parenList<T>(
  tokens: readonly Token[],
  i: number,
  itemAt: (j: number) => { item: T; next: number } | undefined,
): { items: T[]; next: number } | undefined {
  if (!isOp(tokens[i], '(')) return undefined;
  const items: T[] = [];
  let j = i + 1;
  for (;;) {
    const r = itemAt(j);
    if (r === undefined) return undefined;
    items.push(r.item);
    j = r.next;
    if (isOp(tokens[j], ')')) return { items, next: j + 1 };
    if (!isOp(tokens[j], ',')) return undefined;
    j++;
  }
}

function valueAt(tokens: readonly Token[], i: number): { item: ValueSource; next: number } | undefined {
  const t = tokens[i];
  if (t === undefined) return undefined;
  // `?` placeholders are positional; only named ones can be matched to bind variables.
  if (t.type === 'param' && t.text.startsWith(':')) return { item: { param: t.value }, next: i + 1 };
  if (isWord(t, 'null')) return { item: { literal: null }, next: i + 1 };
  const negative = isOp(t, '-');
  const n = negative ? tokens[i + 1] : t;
  if (n?.type === 'number' && /^\d+(\.\d*)?$/.test(n.text)) {
    const value = Number(n.text);
    // Beyond 2^53 a JS number is not the integer SQLite stores.
    if (!Number.isSafeInteger(Math.trunc(value))) return undefined;
    return { item: { literal: negative ? -value : value }, next: negative ? i + 2 : i + 1 };
  }
  // A plain quoted string (no charset introducer, no adjacent literals merged into it).
  if (!negative && t.type === 'string' && (t.text.startsWith("'") || t.text.startsWith('"')) && t.text.length === t.end - t.start) {
    return { item: { literal: t.value }, next: i + 1 };
  }
  return undefined;
}

// MySQL's 1062 "Duplicate entry '<value>' for key '<table>.<key>'", rebuilt from SQLite's "UNIQUE
// constraint failed: t.a, t.b": which key (PRIMARY or the unique index over exactly those columns)
// and which value (the key columns of the row that clashed, joined with '-'). SQLite names neither,
// so the value is read back from the statement's literals and bind variables. A multi-row INSERT
// stops at its first clashing row, as MySQL does: the first row whose key equals an earlier row's,
// or a row already in the table. This only runs on the error path.
// Mirrors MySQL 8.0's print_keydup_error (handler.cc) and ER_DUP_ENTRY_WITH_KEY_NAME.

import { lex, isWord, isOp, identName, matchParen, splitTopLevel } from './lexer.js';
import type { Token } from './lexer.js';
import type { TableDef } from './table-def.js';

export interface DuplicateContext {
  /** The MySQL statement that failed. */
  sql: string;
  /** Table definitions, to name the unique key and to read an INSERT without a column list. */
  schema?: { getTable(name: string): TableDef | undefined } | undefined;
  /** The statement's bind variables (without ':'). */
  bindVars?: Record<string, unknown> | undefined;
  /**
   * Whether the table already holds a row with these key values (compared as the table compares
   * them). Asked after the failed statement was undone; without it, only clashes between the
   * statement's own rows are found.
   */
  keyExists?: ((table: string, columns: readonly string[], values: readonly string[]) => boolean) | undefined;
}

/** The message of a 1062 for SQLite's column list (`t.a, t.b`). */
export function duplicateEntryMessage(columnList: string, ctx: DuplicateContext): string {
  const parts = columnList.split(', ').map((p) => {
    const dot = p.lastIndexOf('.');
    return { table: dot >= 0 ? p.slice(0, dot) : '', column: dot >= 0 ? p.slice(dot + 1) : p };
  });
  const table = parts[0]?.table ?? '';
  const columns = parts.map((p) => p.column);
  const key = keyName(table, columns, ctx);
  const value = duplicateValue(table, columns, ctx) ?? '?';
  return `Duplicate entry '${value}' for key '${table}.${key}'`;
}

function keyName(table: string, columns: string[], ctx: DuplicateContext): string {
  const def = ctx.schema?.getTable(table.toLowerCase());
  if (!def) return 'PRIMARY';
  const same = (a: readonly string[]): boolean =>
    a.length === columns.length && a.every((c, i) => c.toLowerCase() === columns[i]?.toLowerCase());
  if (same(def.primaryKey)) return 'PRIMARY';
  return def.indexes.find((ix) => ix.unique && same(ix.columns))?.name ?? 'PRIMARY';
}

/**
 * The duplicated key value, when the statement shows it: the clashing row of an INSERT/REPLACE (by
 * column list or table order) or an UPDATE assigning the key columns constants.
 */
function duplicateValue(table: string, columns: string[], ctx: DuplicateContext): string | undefined {
  let tokens: Token[];
  try {
    tokens = lex(ctx.sql);
  } catch {
    return undefined;
  }
  const first = tokens[0];
  let rows: Array<Map<string, string>>;
  if (isWord(first, 'insert') || isWord(first, 'replace')) {
    const parsed = insertRows(tokens, ctx);
    if (!parsed) return undefined;
    rows = parsed;
  } else if (isWord(first, 'update')) {
    const assigned = updateAssignments(tokens, ctx);
    if (!assigned) return undefined;
    rows = [assigned];
  } else {
    return undefined;
  }
  const tuples = rows.map((values) => {
    const out: string[] = [];
    for (const c of columns) {
      const v = values.get(c.toLowerCase());
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  });
  return clashingTuple(table, columns, tuples, ctx)?.join('-');
}

/** The first tuple equal to an earlier one or already in the table (a lone row is the clash itself). */
function clashingTuple(
  table: string,
  columns: readonly string[],
  tuples: Array<string[] | undefined>,
  ctx: DuplicateContext,
): string[] | undefined {
  if (tuples.length === 1) return tuples[0];
  const seen = new Set<string>();
  for (const tuple of tuples) {
    // A row whose key is not known could be the clash: naming a later row would be a guess.
    if (tuple === undefined) return undefined;
    // Text keys compare case-insensitively under the default collation.
    const k = JSON.stringify(tuple.map((v) => v.toLowerCase()));
    if (seen.has(k)) return tuple;
    seen.add(k);
    if (ctx.keyExists?.(table, columns, tuple)) return tuple;
  }
  return undefined;
}

function constantOf(ts: Token[], ctx: DuplicateContext): string | undefined {
  if (ts.length === 1) {
    const t = ts[0] as Token;
    if (t.type === 'string' || t.type === 'number' || t.type === 'bit') return t.value;
    if (t.type === 'param' && ctx.bindVars && t.value in ctx.bindVars) return bindText(ctx.bindVars[t.value]);
  }
  if (ts.length === 2 && isOp(ts[0], '-') && ts[1]?.type === 'number') return `-${ts[1].value}`;
  return undefined;
}

/** Each VALUES row of an INSERT/REPLACE as column -> constant text (columns without one are absent). */
function insertRows(tokens: Token[], ctx: DuplicateContext): Array<Map<string, string>> | undefined {
  let i = 1;
  while (i < tokens.length && !isOp(tokens[i], '(') && !isWord(tokens[i], 'values') && !isWord(tokens[i], 'value')) i++;
  const tableName = identName(tokens[i - 1]);
  let names: string[] | undefined;
  if (isOp(tokens[i], '(')) {
    const close = matchParen(tokens, i);
    if (close < 0) return undefined;
    names = splitTopLevel(tokens.slice(i + 1, close)).map((ts) => identName(ts[ts.length - 1]) ?? '');
    i = close + 1;
  }
  if (!isWord(tokens[i], 'values') && !isWord(tokens[i], 'value')) return undefined;
  if (!names) {
    const def = tableName ? ctx.schema?.getTable(tableName.toLowerCase()) : undefined;
    names = def?.columns.map((c) => c.name);
  }
  if (!names) return undefined;
  const rows: Array<Map<string, string>> = [];
  let open = i + 1;
  for (;;) {
    if (!isOp(tokens[open], '(')) return undefined;
    const close = matchParen(tokens, open);
    if (close < 0) return undefined;
    const row = splitTopLevel(tokens.slice(open + 1, close));
    const values = new Map<string, string>();
    names.forEach((n, k) => {
      const v = constantOf(row[k] ?? [], ctx);
      if (v !== undefined) values.set(n.toLowerCase(), v);
    });
    rows.push(values);
    if (!isOp(tokens[close + 1], ',')) return rows;
    open = close + 2;
  }
}

/** The constants an UPDATE's SET clause assigns, by column. */
function updateAssignments(tokens: Token[], ctx: DuplicateContext): Map<string, string> | undefined {
  const set = tokens.findIndex((t) => isWord(t, 'set'));
  if (set < 0) return undefined;
  let end = tokens.findIndex((t, k) => k > set && (isWord(t, 'where') || isWord(t, 'order') || isWord(t, 'limit')));
  if (end < 0) end = tokens.length;
  const values = new Map<string, string>();
  for (const assign of splitTopLevel(tokens.slice(set + 1, end))) {
    const eq = assign.findIndex((t) => isOp(t, '='));
    if (eq < 1) continue;
    const v = constantOf(assign.slice(eq + 1), ctx);
    const name = identName(assign[eq - 1]);
    if (name && v !== undefined) values.set(name.toLowerCase(), v);
  }
  return values;
}

function bindText(v: unknown): string {
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return String(v);
}

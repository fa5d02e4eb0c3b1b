// Result column names of a SELECT that the SQLite rewrite would change. MySQL names an unaliased
// select-list expression by its text as written (`price / 10`, `current_timestamp`,
// `cast(x as char)`); SQLite names it by its own text, which the dialect rewrite changed
// (`price * 1.0 / 10`, `now()`, `cast(x as TEXT)`). Such items get an explicit alias holding the
// MySQL text, so `mysql --table` shows the header MySQL would.
// Mirrors MySQL's Item::item_name (the select-list text becomes the column name); nothing in Vitess.

import { isOp, isWord, sqliteIdent } from './lexer.js';
import { findTop, syn } from './rewrite-tokens.js';
import type { W } from './rewrite-tokens.js';

/** SELECT modifiers that come before the select list. */
const MODIFIERS = new Set([
  'all', 'distinct', 'distinctrow', 'high_priority', 'straight_join', 'sql_small_result', 'sql_big_result',
  'sql_buffer_result', 'sql_no_cache', 'sql_cache', 'sql_calc_found_rows',
]); // prettier-ignore

/** Words that end the select list. */
const LIST_END = new Set(['from', 'into', 'where', 'group', 'having', 'window', 'order', 'limit', 'union', 'for', 'lock']);

/** Words that, last in an item, belong to the expression rather than being an alias. */
const EXPRESSION_END = new Set(['end', 'null', 'true', 'false', 'unknown']);

/** Words after which a trailing word is still part of the expression (`x is not null`, `a div b`). */
const BINDING_WORDS = new Set([
  'is', 'not', 'and', 'or', 'xor', 'like', 'in', 'between', 'div', 'mod', 'regexp', 'rlike', 'binary', 'distinct',
  'interval', 'else', 'then', 'when', 'case', 'escape', 'select',
]); // prettier-ignore

/**
 * Adds `AS "<MySQL text>"` to the items of the statement's select list that `rewrite` would change
 * and that have no alias. `rewrite` is the expression rewrite, applied to one item at a time only to
 * see whether it changes anything; the statement is rewritten as a whole afterwards.
 */
export function nameRewrittenItems(ts: W[], rewrite: (item: W[]) => W[]): W[] {
  if (!isWord(ts[0], 'select')) return ts;
  let start = 1;
  while (ts[start] !== undefined && ts[start]?.type === 'word' && MODIFIERS.has((ts[start] as W).value.toLowerCase())) start++;
  let end = findTop(ts, start, (t) => (t.type === 'word' && LIST_END.has(t.value.toLowerCase())) || isOp(t, ';'));
  if (end < 0) end = ts.length;
  const additions = new Map<number, W[]>();
  let from = start;
  while (from < end) {
    let to = findTop(ts, from, (t, i) => i >= end || isOp(t, ','));
    if (to < 0 || to > end) to = end;
    const item = ts.slice(from, to);
    if (item.length > 0 && !hasAlias(item) && !isStar(item)) {
      const rewritten = rewrite(item);
      // Back-quoted names inside an expression come out double-quoted in SQLite's text (avg(`level`)).
      const changed =
        rewritten.length !== item.length || rewritten.some((t, k) => t !== item[k]) || (quotesNames(item) && !isColumnRef(item));
      if (changed) additions.set(to - 1, [syn('AS'), syn(sqliteIdent(mysqlText(item)))]);
    }
    from = to + 1;
  }
  if (additions.size === 0) return ts;
  const out: W[] = [];
  ts.forEach((t, i) => {
    out.push(t);
    const add = additions.get(i);
    if (add) out.push(...add);
  });
  return out;
}

/** Whether a select-list item ends in an alias (`expr AS x`, `expr x`). */
export function hasAlias(item: readonly W[]): boolean {
  if (findTop(item, 0, (t) => isWord(t, 'as')) >= 0) return true;
  if (item.length < 2) return false;
  const last = item[item.length - 1] as W;
  const prev = item[item.length - 2] as W;
  if (last.type === 'qident') return !isOp(prev, '.');
  if (last.type !== 'word' || EXPRESSION_END.has(last.value.toLowerCase())) return false;
  if (prev.type === 'op') return prev.value === ')';
  if (prev.type === 'word') return !BINDING_WORDS.has(prev.value.toLowerCase());
  return true;
}

function quotesNames(item: readonly W[]): boolean {
  return item.some((t) => t.type === 'qident');
}

/** `c` or `t.c`: SQLite names such a column by the column's name, as MySQL does. */
function isColumnRef(item: readonly W[]): boolean {
  if (item.length === 1) return item[0]?.type === 'qident' || item[0]?.type === 'word';
  return item.length === 3 && isOp(item[1], '.') && item[2]?.type !== 'op';
}

function isStar(item: readonly W[]): boolean {
  return isOp(item[item.length - 1], '*') && (item.length === 1 || isOp(item[item.length - 2], '.'));
}

/** The item as the user wrote it (whitespace between tokens made one space, as vtgate sends it). */
function mysqlText(item: readonly W[]): string {
  let s = '';
  item.forEach((t, k) => {
    if (k > 0 && t.spaceBefore) s += ' ';
    s += t.text;
  });
  return s;
}

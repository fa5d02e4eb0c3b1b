// The expression part of the MySQL -> SQLite rewrite: operators SQLite spells differently (||, &&,
// !, <=>, DIV, MOD, exact /), CAST/CONVERT target types, CURRENT_TIMESTAMP and friends (made calls
// to vtsim's clock-reading functions), BINARY and COLLATE, LIKE's default escape, GROUP_CONCAT's
// SEPARATOR, INTERVAL arguments of DATE_ADD/DATE_SUB, system variables.
// Mirrors nothing in Vitess; the MySQL rules follow the MySQL 8.0 manual.

import { endsOperand, identName, isOp, isWord, matchParen, sqliteQuote } from './lexer.js';
import { notSupported } from './mysql-errors.js';
import { findTop, spaced, syn, synOp } from './rewrite-tokens.js';
import type { W } from './rewrite-tokens.js';


/** Words that end a clause rather than an operand (so `select mod from t` keeps `mod` a name). */
const CLAUSE_WORDS = new Set([
  'select', 'from', 'where', 'and', 'or', 'not', 'on', 'by', 'set', 'having', 'when', 'then', 'else', 'case',
  'in', 'is', 'like', 'between', 'distinct', 'all', 'as', 'values', 'into', 'update', 'join', 'union', 'limit',
  'offset', 'order', 'group', 'using', 'xor', 'div', 'mod', 'regexp', 'rlike', 'escape', 'interval', 'exists',
]); // prettier-ignore

function endsOperandW(t: W | undefined): boolean {
  if (t === undefined) return false;
  if (t.type === 'word') return !CLAUSE_WORDS.has(t.value.toLowerCase());
  return endsOperand(t);
}

function startsOperand(t: W | undefined): boolean {
  if (t === undefined) return false;
  if (t.type === 'op') return t.value === '(' || t.value === '-' || t.value === '+' || t.value === '~' || t.value === '!';
  if (t.type === 'word') return !CLAUSE_WORDS.has(t.value.toLowerCase()) || isWord(t, 'not') || isWord(t, 'exists');
  return true;
}

/** Index of the last token of the operand starting at `i` (a name, a call, a parenthesised group). */
function operandEnd(ts: readonly W[], i: number): number {
  const t = ts[i];
  if (t === undefined) return i - 1;
  if (isOp(t, '(')) return matchParen(ts, i);
  if ((isOp(t, '-') || isOp(t, '+') || isOp(t, '~')) && i + 1 < ts.length) return operandEnd(ts, i + 1);
  if (t.type === 'word' && isOp(ts[i + 1], '(')) return matchParen(ts, i + 1);
  let j = i;
  while (isOp(ts[j + 1], '.') && ts[j + 2] !== undefined) j += 2;
  return j;
}

/** MySQL CAST/CONVERT target types as SQLite spells them, with any wrapping needed. */
function castTarget(typeTokens: W[]): { type: string; pre?: string; post?: string } {
  const words = typeTokens.map((t) => t.value.toLowerCase());
  const base = words[0] ?? '';
  switch (base) {
    case 'signed':
    case 'unsigned':
    case 'integer':
    case 'int':
    case 'bigint':
    case 'year':
      return { type: 'INTEGER' };
    case 'char':
    case 'nchar':
    case 'varchar':
    case 'text':
    case 'json':
    case 'time':
      return { type: 'TEXT' };
    case 'binary':
      // CAST(x AS BINARY) compares byte-wise: a case-sensitive collation on a text value.
      return { type: 'TEXT', pre: '(', post: ' COLLATE BINARY)' };
    case 'date':
      return { type: 'TEXT', pre: 'date(', post: ')' };
    case 'datetime':
      return { type: 'TEXT', pre: 'vt_datetime(', post: ')' };
    case 'double':
    case 'float':
    case 'real':
      return { type: 'REAL' };
    case 'decimal': {
      const nums = typeTokens.filter((t) => t.type === 'number').map((t) => t.value);
      const scale = nums[1] ?? '0';
      return { type: 'TEXT', pre: 'vt_decimal(', post: `, ${scale})` };
    }
    default:
      throw notSupported(`CAST AS ${words.join(' ').toUpperCase()}`);
  }
}

const TIME_FUNCTIONS: Record<string, string> = {
  current_timestamp: 'now',
  localtime: 'now',
  localtimestamp: 'now',
  utc_timestamp: 'utc_timestamp',
  current_date: 'curdate',
  utc_date: 'curdate',
  current_time: 'curtime',
  utc_time: 'curtime',
  current_user: 'current_user',
};

/** Collation names as SQLite knows them: _ci collations compare case-insensitively. */
function sqliteCollation(name: string): string {
  const n = name.toLowerCase();
  return n.endsWith('_ci') ? 'NOCASE' : 'BINARY';
}

export function rewriteExpressions(ts: W[]): W[] {
  const out: W[] = [];
  // Tokens to add after the token at an index, and ranges to replace.
  const after = new Map<number, W[]>();
  const replaceRange = new Map<number, { to: number; with: W[] }>();
  const addAfter = (i: number, ws: W[]): void => {
    const list = after.get(i) ?? [];
    list.push(...ws);
    after.set(i, list);
  };
  for (let i = 0; i < ts.length; i++) {
    const range = replaceRange.get(i);
    if (range) {
      out.push(...range.with);
      i = range.to - 1;
      const tail = after.get(range.to - 1);
      if (tail) out.push(...tail);
      continue;
    }
    const t = ts[i] as W;
    const prev = ts[i - 1];
    let emitted: W | W[] = t;
    if (t.out !== undefined) {
      // already rewritten by a statement-level pass
    } else if (t.type === 'sysvar') {
      emitted = syn(`vt_sysvar(${sqliteQuote(t.value)})`, t.spaceBefore);
    } else if (t.type === 'listparam') {
      throw notSupported('list bind variables (::name) at the tablet');
    } else if (t.type === 'op') {
      emitted = rewriteOperator(ts, i, t, addAfter);
    } else if (t.type === 'word' && !isOp(prev, '.')) {
      emitted = rewriteWord(ts, i, t, addAfter, replaceRange);
    }
    if (Array.isArray(emitted)) out.push(...emitted);
    else out.push(emitted);
    const tail = after.get(i);
    if (tail) out.push(...tail);
  }
  return out;
}

type AddAfter = (i: number, ws: W[]) => void;
type Ranges = Map<number, { to: number; with: W[] }>;

function rewriteOperator(ts: readonly W[], i: number, t: W, addAfter: AddAfter): W | W[] {
  switch (t.value) {
    case '/':
      // MySQL's / always divides exactly (7/2 = 3.5); SQLite divides integers as integers.
      return spaced('* 1.0 /');
    case '||':
      return spaced('OR');
    case '&&':
      return spaced('AND');
    case '<=>':
      return spaced('IS');
    case ':=':
      throw notSupported('assignment operator :=');
    case '!': {
      // MySQL's ! binds tighter than comparison; SQLite's NOT does not: (NOT operand).
      const end = operandEnd(ts, i + 1);
      addAfter(end, [synOp(')')]);
      return [synOp('(', t.spaceBefore), syn('NOT ', false)];
    }
    default:
      return t;
  }
}

function rewriteWord(ts: readonly W[], i: number, t: W, addAfter: AddAfter, ranges: Ranges): W | W[] {
  const w = t.value.toLowerCase();
  const prev = ts[i - 1];
  const next = ts[i + 1];
  const call = isOp(next, '(');
  switch (w) {
    case 'true':
      return { ...t, out: '1' };
    case 'false':
      return { ...t, out: '0' };
    case 'div':
      if (endsOperandW(prev) && startsOperand(next)) return spaced('/');
      return t;
    case 'mod':
      if (!call && endsOperandW(prev) && startsOperand(next)) return spaced('%');
      return t;
    case 'xor':
      if (endsOperandW(prev)) throw notSupported('XOR operator');
      return t;
    case 'rlike':
      return { ...t, out: 'REGEXP' };
    case 'sysdate':
      return call ? { ...t, out: 'now' } : t;
    case 'binary':
      if (!isWord(prev, 'as') && startsOperand(next) && !isOp(prev, '(')) {
        const end = operandEnd(ts, i + 1);
        addAfter(end, [syn('COLLATE'), syn('BINARY'), synOp(')')]);
        return synOp('(', t.spaceBefore);
      }
      return t;
    case 'collate': {
      const name = identName(next) ?? (next?.type === 'string' ? next.value : undefined);
      if (name !== undefined) {
        ranges.set(i + 1, { to: i + 2, with: [syn(sqliteCollation(name))] });
      }
      return t;
    }
    case 'like': {
      // MySQL's LIKE escapes with \ by default; SQLite's has no default escape character.
      const pattern = next;
      const hasEscape = isWord(ts[i + 2], 'escape');
      if (!hasEscape && pattern !== undefined) {
        if ((pattern.type === 'string' && pattern.value.includes('\\')) || pattern.type === 'param') {
          addAfter(i + 1, [syn('ESCAPE'), syn("'\\'")]);
        }
      }
      return t;
    }
    case 'interval':
      throw notSupported('INTERVAL arithmetic (use DATE_ADD/DATE_SUB)');
    case 'cast':
      if (call) return rewriteCast(ts, i, t, addAfter, ranges);
      return t;
    case 'convert':
      if (call) return rewriteConvert(ts, i, t, addAfter, ranges);
      return t;
    case 'group_concat':
      if (call) rewriteGroupConcat(ts, i, ranges);
      return t;
    case 'date_add':
    case 'date_sub':
    case 'adddate':
    case 'subdate':
      if (call) rewriteIntervalArg(ts, i, ranges);
      return t;
    case 'timestampdiff':
    case 'timestampadd':
      if (call && ts[i + 2]?.type === 'word') {
        ranges.set(i + 2, { to: i + 3, with: [syn(sqliteQuote((ts[i + 2] as W).value.toUpperCase()), false)] });
      }
      return t;
    case 'extract':
      if (call && ts[i + 2]?.type === 'word' && isWord(ts[i + 3], 'from')) {
        ranges.set(i + 2, { to: i + 4, with: [syn(sqliteQuote((ts[i + 2] as W).value.toUpperCase()), false), synOp(',')] });
      }
      return t;
    default:
      break;
  }
  const fn = TIME_FUNCTIONS[w];
  if (fn !== undefined) return call ? { ...t, out: fn } : { ...t, out: `${fn}()` };
  return t;
}

function rewriteCast(ts: readonly W[], i: number, t: W, addAfter: AddAfter, ranges: Ranges): W | W[] {
  const close = matchParen(ts, i + 1);
  if (close < 0) return t;
  let as = -1;
  let depth = 0;
  for (let k = i + 2; k < close; k++) {
    if (isOp(ts[k], '(')) depth++;
    else if (isOp(ts[k], ')')) depth--;
    else if (depth === 0 && isWord(ts[k], 'as')) as = k;
  }
  if (as < 0) return t;
  const target = castTarget(ts.slice(as + 1, close).filter((x) => !isOp(x, '(') && !isOp(x, ')') && !isOp(x, ',')));
  ranges.set(as + 1, { to: close, with: [syn(target.type)] });
  if (target.post !== undefined) addAfter(close, [syn(target.post, false)]);
  return target.pre !== undefined ? [syn(target.pre, t.spaceBefore), { ...t, spaceBefore: false }] : t;
}

/** CONVERT(x, type) is CAST(x AS type); CONVERT(x USING charset) changes nothing SQLite stores. */
function rewriteConvert(ts: readonly W[], i: number, t: W, addAfter: AddAfter, ranges: Ranges): W | W[] {
  const close = matchParen(ts, i + 1);
  if (close < 0) return t;
  const sep = findTop(ts.slice(0, close), i + 2, (x) => isOp(x, ',') || isWord(x, 'using'));
  if (sep < 0) return t;
  if (isWord(ts[sep], 'using')) {
    ranges.set(sep, { to: close, with: [] });
    return { ...t, out: '' };
  }
  const target = castTarget(ts.slice(sep + 1, close).filter((x) => !isOp(x, '(') && !isOp(x, ')') && !isOp(x, ',')));
  ranges.set(sep, { to: close, with: [syn('AS'), syn(target.type)] });
  if (target.post !== undefined) addAfter(close, [syn(target.post, false)]);
  const cast = { ...t, out: 'CAST' };
  return target.pre !== undefined ? [syn(target.pre, t.spaceBefore), { ...cast, spaceBefore: false }] : cast;
}

/**
 * GROUP_CONCAT(a, b ORDER BY c SEPARATOR s): MySQL concatenates several arguments and names the
 * separator; SQLite takes (expr, separator ORDER BY ...).
 */
function rewriteGroupConcat(ts: readonly W[], i: number, ranges: Ranges): void {
  const open = i + 1;
  const close = matchParen(ts, open);
  if (close < 0) return;
  const inner = (k: number): boolean => k > open && k < close;
  const order = findTop(ts.slice(0, close), open + 1, (x, k) => isWord(x, 'order') && isWord(ts[k + 1], 'by'));
  const sepAt = findTop(ts.slice(0, close), open + 1, (x) => isWord(x, 'separator'));
  const argsEnd = order >= 0 ? order : sepAt >= 0 ? sepAt : close;
  // Several arguments are concatenated.
  let depth = 0;
  for (let k = open + 1; k < argsEnd; k++) {
    if (isOp(ts[k], '(')) depth++;
    else if (isOp(ts[k], ')')) depth--;
    else if (depth === 0 && isOp(ts[k], ',')) ranges.set(k, { to: k + 1, with: [syn('||')] });
  }
  if (sepAt >= 0 && inner(sepAt)) {
    const sep = ts[sepAt + 1] as W;
    ranges.set(sepAt, { to: sepAt + 2, with: [] });
    const sepTokens = [synOp(','), { ...sep, spaceBefore: true }];
    if (order >= 0 && order < sepAt) {
      const before = ranges.get(order);
      ranges.set(order, { to: order + 1, with: [...sepTokens, ...(before?.with ?? [ts[order] as W])] });
    } else {
      ranges.set(close, { to: close + 1, with: [...sepTokens, ts[close] as W] });
    }
  }
}

/** DATE_ADD(d, INTERVAL n UNIT) -> date_add(d, n, 'UNIT') (vtsim's function reads the unit). */
function rewriteIntervalArg(ts: readonly W[], i: number, ranges: Ranges): void {
  const close = matchParen(ts, i + 1);
  if (close < 0) return;
  const comma = findTop(ts.slice(0, close), i + 2, (x) => isOp(x, ','));
  if (comma < 0 || !isWord(ts[comma + 1], 'interval')) return;
  const unit = ts[close - 1] as W;
  ranges.set(comma + 1, { to: comma + 2, with: [] });
  ranges.set(close - 1, { to: close, with: [synOp(','), syn(sqliteQuote(unit.value.toUpperCase()))] });
}

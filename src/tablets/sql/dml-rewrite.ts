// Rewrites a MySQL DML statement (already checked by the parser) into SQLite's dialect, token by
// token, so the statement keeps its own spelling wherever SQLite agrees and bind variables (`:vtg1`)
// pass through untouched. node-sql-parser's own sqlify is not used for this: it drops comments,
// leaves INSERT column lists unquoted, keeps MySQL string escapes and FOR UPDATE, and so on.
// This file does the statement structure: string literals (MySQL escapes, "double quotes"), `db.`
// qualifiers, locking clauses, index hints and modifiers, INSERT IGNORE / ON DUPLICATE KEY UPDATE /
// INSERT ... SET, UPDATE and DELETE with ORDER BY/LIMIT, parenthesised UNION members; expressions
// are rewritten by expression-rewrite.ts.
// Mirrors nothing in Vitess (MySQL runs the SQL there); the MySQL rules follow the MySQL 8.0 manual.

import type { Token } from './lexer.js';
import { identName, isOp, isWord, matchParen, sqliteIdent, sqliteQuote } from './lexer.js';
import { notSupported } from './mysql-errors.js';
import type { StatementKind } from './statement-kind.js';
import { findTop, syn, synOp } from './rewrite-tokens.js';
import type { W } from './rewrite-tokens.js';
import { rewriteExpressions } from './expression-rewrite.js';
import { nameRewrittenItems } from './select-names.js';

export interface RewriteOptions {
  /** A qualifier equal to this database name is dropped (`vt_commerce.customer` -> `customer`). */
  dbName: string;
}

/** The SQLite statement for a MySQL SELECT/INSERT/REPLACE/UPDATE/DELETE (or an expression). */
export function rewriteDml(tokens: readonly Token[], kind: StatementKind, options: RewriteOptions): string {
  let ts: W[] = stripQualifiers(tokens, options.dbName);
  ts = stripClauses(ts, kind);
  if (kind === 'insert' || kind === 'replace') ts = rewriteInsert(ts);
  else if (kind === 'update' || kind === 'delete') ts = rewriteUpdateDelete(ts, kind);
  ts = unwrapParenthesizedUnions(ts);
  if (kind === 'select') ts = nameRewrittenItems(ts, rewriteExpressions);
  ts = rewriteExpressions(ts);
  return emit(ts);
}

/** SQLite text for a MySQL expression (column DEFAULT expressions and the like). */
export function rewriteExpression(tokens: readonly Token[], options: RewriteOptions): string {
  return emit(rewriteExpressions(stripQualifiers(tokens, options.dbName)));
}

function emit(ts: readonly W[]): string {
  let s = '';
  for (const t of ts) {
    const piece = t.out ?? tokenText(t);
    // MySQL's `a--1` is a minus of a negative; written together it would start an SQLite comment.
    if (s !== '' && (t.spaceBefore || (s.endsWith('-') && piece.startsWith('-')))) s += ' ';
    s += piece;
  }
  return s;
}

function tokenText(t: Token): string {
  switch (t.type) {
    case 'string':
      return sqliteQuote(t.value);
    case 'qident':
      return sqliteIdent(t.value);
    case 'bit':
      return t.value;
    default:
      return t.text;
  }
}

// ---- qualifiers and clauses ----

function stripQualifiers(tokens: readonly Token[], dbName: string): W[] {
  const out: W[] = [];
  const db = dbName.toLowerCase();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const name = identName(t);
    const next2 = tokens[i + 2];
    if (
      name !== undefined &&
      name.toLowerCase() === db &&
      isOp(tokens[i + 1], '.') &&
      !isOp(tokens[i - 1], '.') &&
      next2 !== undefined &&
      (identName(next2) !== undefined || isOp(next2, '*'))
    ) {
      out.push({ ...next2, spaceBefore: t.spaceBefore });
      i += 2;
      continue;
    }
    out.push(t);
  }
  return out;
}

const SELECT_MODIFIERS = new Set([
  'sql_calc_found_rows',
  'sql_no_cache',
  'sql_cache',
  'sql_small_result',
  'sql_big_result',
  'sql_buffer_result',
  'high_priority',
  'low_priority',
  'delayed',
]);

/** Drops what SQLite has no use for: locking reads, index hints, modifiers, FROM DUAL. */
function stripClauses(ts: W[], kind: StatementKind): W[] {
  const out: W[] = [];
  let depth = 0;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i] as W;
    const next = ts[i + 1];
    if (isOp(t, '(')) depth++;
    if (isOp(t, ')')) depth--;
    if (t.type !== 'word') {
      out.push(t);
      continue;
    }
    const w = t.value.toLowerCase();
    if (SELECT_MODIFIERS.has(w) || (w === 'quick' && isWord(ts[i - 1], 'delete'))) continue;
    if (w === 'distinctrow') {
      out.push({ ...t, out: 'DISTINCT' });
      continue;
    }
    if (w === 'straight_join') {
      const prev = out[out.length - 1];
      if (!(isWord(prev, 'select') || isWord(prev, 'distinct') || isWord(prev, 'all'))) out.push({ ...t, out: 'JOIN' });
      continue;
    }
    if (w === 'for' && (isWord(next, 'update') || isWord(next, 'share'))) {
      // FOR UPDATE|SHARE [OF t, ...] [NOWAIT | SKIP LOCKED]: SQLite locks the whole database anyway.
      let j = i + 2;
      if (isWord(ts[j], 'of')) {
        j++;
        while (j < ts.length && (identName(ts[j]) !== undefined || isOp(ts[j], ',') || isOp(ts[j], '.'))) j++;
      }
      if (isWord(ts[j], 'nowait')) j++;
      else if (isWord(ts[j], 'skip') && isWord(ts[j + 1], 'locked')) j += 2;
      i = j - 1;
      continue;
    }
    if (w === 'lock' && isWord(next, 'in') && isWord(ts[i + 2], 'share') && isWord(ts[i + 3], 'mode')) {
      i += 3;
      continue;
    }
    if ((w === 'use' || w === 'force' || w === 'ignore') && (isWord(next, 'index') || isWord(next, 'key'))) {
      let j = i + 2;
      while (j < ts.length && !isOp(ts[j], '(')) j++;
      const close = matchParen(ts, j);
      if (close > 0) {
        i = close;
        continue;
      }
    }
    if (w === 'from' && isWord(next, 'dual')) {
      i++;
      continue;
    }
    if (w === 'union' && isWord(next, 'distinct')) {
      out.push(t);
      i++;
      continue;
    }
    if (w === 'with' && isWord(next, 'rollup')) throw notSupported('WITH ROLLUP');
    if (w === 'partition' && isOp(next, '(') && kind !== 'select') throw notSupported('PARTITION clause');
    if (w === 'into' && kind === 'select' && depth === 0) throw notSupported('SELECT ... INTO');
    out.push(t);
  }
  return out;
}

// ---- INSERT / REPLACE ----

function splitTop(ts: readonly W[]): W[][] {
  const parts: W[][] = [[]];
  let depth = 0;
  for (const t of ts) {
    if (isOp(t, '(')) depth++;
    else if (isOp(t, ')')) depth--;
    if (depth === 0 && isOp(t, ',')) {
      parts.push([]);
      continue;
    }
    (parts[parts.length - 1] as W[]).push(t);
  }
  return parts;
}

function joinWith(parts: W[][], sep: () => W): W[] {
  const out: W[] = [];
  parts.forEach((p, k) => {
    if (k > 0) out.push(sep());
    out.push(...p);
  });
  return out;
}

/** The tokens of a table name at `i` (`t`, `db.t`), and the index after it. */
function tableRef(ts: readonly W[], i: number): [W[], number] {
  const ref: W[] = [];
  if (identName(ts[i]) === undefined) return [ref, i];
  ref.push(ts[i] as W);
  let j = i + 1;
  while (isOp(ts[j], '.') && identName(ts[j + 1]) !== undefined) {
    ref.push(ts[j] as W, ts[j + 1] as W);
    j += 2;
  }
  return [ref, j];
}

function rewriteInsert(ts: W[]): W[] {
  const verb = ts[0] as W;
  const replace = isWord(verb, 'replace');
  let i = 1;
  let ignore = false;
  if (isWord(ts[i], 'ignore')) {
    ignore = true;
    i++;
  }
  if (isWord(ts[i], 'into')) i++;
  const [table, afterTable] = tableRef(ts, i);
  const odku = findTop(
    ts,
    afterTable,
    (t, k) => isWord(t, 'on') && isWord(ts[k + 1], 'duplicate') && isWord(ts[k + 2], 'key') && isWord(ts[k + 3], 'update'),
  );
  let body = ts.slice(afterTable, odku < 0 ? ts.length : odku);
  const updates = odku < 0 ? [] : ts.slice(odku + 4);

  if (isWord(body[0], 'set')) {
    // INSERT ... SET a = 1, b = 2  ->  (a, b) VALUES (1, 2)
    const assigns = splitTop(body.slice(1));
    const cols: W[][] = [];
    const vals: W[][] = [];
    for (const a of assigns) {
      const eq = a.findIndex((t) => isOp(t, '=') || isOp(t, ':='));
      cols.push(a.slice(0, eq));
      vals.push(a.slice(eq + 1));
    }
    body = [
      synOp('(', true),
      ...joinWith(cols, () => synOp(',')),
      synOp(')'),
      syn('VALUES'),
      synOp('(', true),
      ...joinWith(vals, () => synOp(',')),
      synOp(')'),
    ];
  } else {
    const values = findTop(body, 0, (t) => isWord(t, 'values') || isWord(t, 'value'));
    if (values >= 0) {
      if (isWord(body[values], 'value')) body[values] = { ...(body[values] as W), out: 'VALUES' };
    } else {
      // INSERT ... SELECT: SQLite needs the SELECT of an upsert to end in a WHERE clause, a WITH
      // clause in front of the INSERT, and no parentheses around the query. Wrapping the query as a
      // subquery satisfies all three.
      const queryStart = firstQueryToken(body);
      const q = body[queryStart];
      if (queryStart >= 0 && (odku >= 0 || isWord(q, 'with') || isOp(q, '('))) {
        body = [
          ...body.slice(0, queryStart),
          syn('SELECT'),
          synOp('*', true),
          syn('FROM'),
          synOp('(', true),
          ...body.slice(queryStart),
          synOp(')'),
          syn('WHERE'),
          syn('1'),
        ];
      }
    }
  }

  const head: W[] = replace
    ? [{ ...verb, out: 'REPLACE' }, syn('INTO')]
    : [{ ...verb, out: 'INSERT' }, ...(ignore ? [syn('OR'), syn('IGNORE')] : []), syn('INTO')];
  const out = [...head, ...table, ...body];
  if (odku >= 0) {
    // ON DUPLICATE KEY UPDATE -> SQLite's upsert. No conflict target: like MySQL, any unique key
    // (primary or secondary) that conflicts turns the insert into the update.
    out.push(syn('ON'), syn('CONFLICT'), syn('DO'), syn('UPDATE'), syn('SET'));
    out.push(...rewriteUpsertAssignments(updates));
  }
  return out;
}

function startsQuery(ts: readonly W[], i: number): boolean {
  return isWord(ts[i], 'select') || isWord(ts[i], 'with') || (isOp(ts[i], '(') && startsQuery(ts, i + 1));
}

/** Where the query of an INSERT ... SELECT starts (after an optional column list), or -1. */
function firstQueryToken(body: readonly W[]): number {
  let i = 0;
  if (isOp(body[0], '(') && !startsQuery(body, 1)) {
    const close = matchParen(body, 0);
    if (close < 0) return -1;
    i = close + 1;
  }
  return startsQuery(body, i) ? i : -1;
}

function rewriteUpsertAssignments(updates: W[]): W[] {
  const parts = splitTop(updates).map((a) => {
    const eq = a.findIndex((t) => isOp(t, '=') || isOp(t, ':='));
    // The updated column is unqualified in SQLite (`t.b = ...` -> `b = ...`).
    let left = a.slice(0, eq);
    if (left.length === 3 && isOp(left[1], '.')) left = [{ ...(left[2] as W), spaceBefore: left[0]?.spaceBefore ?? true }];
    const right: W[] = [];
    const rhs = a.slice(eq + 1);
    for (let k = 0; k < rhs.length; k++) {
      const t = rhs[k] as W;
      // VALUES(col) names the value the insert would have written: SQLite's excluded.col.
      if (isWord(t, 'values') && isOp(rhs[k + 1], '(') && identName(rhs[k + 2]) !== undefined && isOp(rhs[k + 3], ')')) {
        right.push(syn('excluded', t.spaceBefore), synOp('.'), { ...(rhs[k + 2] as W), spaceBefore: false });
        k += 3;
        continue;
      }
      right.push(t);
    }
    return [...left, { ...(a[eq] as W), out: '=' }, ...right];
  });
  return joinWith(parts, () => synOp(','));
}

// ---- UPDATE / DELETE ----

function rewriteUpdateDelete(ts: W[], kind: 'update' | 'delete'): W[] {
  let i = 1;
  let ignore = false;
  if (isWord(ts[i], 'ignore')) {
    ignore = true;
    i++;
  }
  let head: W[];
  let refStart: number;
  if (kind === 'delete') {
    if (!isWord(ts[i], 'from')) throw notSupported('multi-table DELETE');
    refStart = i + 1;
    head = [{ ...(ts[0] as W), out: 'DELETE' }, syn('FROM')];
  } else {
    refStart = i;
    head = [{ ...(ts[0] as W), out: 'UPDATE' }, ...(ignore ? [syn('OR'), syn('IGNORE')] : [])];
  }
  const setOrWhere = findTop(ts, refStart, (t) =>
    kind === 'update' ? isWord(t, 'set') : isWord(t, 'where') || isWord(t, 'order') || isWord(t, 'limit'),
  );
  const refEnd = setOrWhere < 0 ? ts.length : setOrWhere;
  let ref = ts.slice(refStart, refEnd);
  if (ref.some((t) => isOp(t, ',') || isWord(t, 'join') || isWord(t, 'using'))) {
    throw notSupported(kind === 'update' ? 'multi-table UPDATE' : 'multi-table DELETE');
  }
  const [name, afterName] = tableRef(ref, 0);
  if (afterName < ref.length && !isWord(ref[afterName], 'as')) {
    // SQLite requires AS before an alias in UPDATE/DELETE.
    ref = [...name, syn('AS'), ...ref.slice(afterName)];
  }
  const rest = ts.slice(refEnd);
  const orderOrLimit = findTop(rest, 0, (t) => isWord(t, 'order') || isWord(t, 'limit'));
  if (orderOrLimit < 0) return [...head, ...ref, ...rest];
  // SQLite (as sql.js builds it) has no UPDATE/DELETE ... ORDER BY/LIMIT: pick the rows by rowid.
  const where = findTop(rest, 0, (t) => isWord(t, 'where'));
  const setPart = where >= 0 ? rest.slice(0, where) : rest.slice(0, orderOrLimit);
  const wherePart = where >= 0 ? rest.slice(where, orderOrLimit) : [];
  const tail = rest.slice(orderOrLimit);
  return [
    ...head,
    ...ref,
    ...setPart,
    syn('WHERE'),
    syn('rowid'),
    syn('IN'),
    synOp('(', true),
    syn('SELECT', false),
    syn('rowid'),
    syn('FROM'),
    ...ref,
    ...wherePart,
    ...tail,
    synOp(')'),
  ];
}

/** `(SELECT ...) UNION (SELECT ...)`: SQLite takes no parentheses around compound members. */
function unwrapParenthesizedUnions(ts: W[]): W[] {
  const SETOPS = ['union', 'except', 'intersect'];
  const out: W[] = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i] as W;
    if (isOp(t, '(') && startsQuery(ts, i + 1)) {
      const close = matchParen(ts, i);
      const after = ts[close + 1];
      let b = out.length - 1;
      while (b >= 0 && (isWord(out[b], 'all') || isWord(out[b], 'distinct'))) b--;
      const before = out[b];
      const inCompound =
        SETOPS.some((w) => isWord(after, w) || isWord(before, w)) || (i === 0 && close === ts.length - 1);
      if (close > 0 && inCompound) {
        out.push(syn('SELECT', t.spaceBefore), synOp('*', true), syn('FROM'), { ...t, spaceBefore: true });
        continue;
      }
    }
    if (isWord(t, 'distinct') && SETOPS.some((w) => isWord(ts[i - 1], w))) continue; // UNION DISTINCT
    out.push(t);
  }
  return out;
}


// The statements vtgate recognises from their tokens before (or instead of) parsing: Vitess-only
// syntax (`show vitess_tablets`, `show keyspaces`, `show vschema tables`, `use ks@replica`,
// `use customer/-80`), transaction control, SET, and the SHOW forms vtgate answers or forwards.
// Mirrors the parts of go/vt/sqlparser/sql.y that Vitess adds to MySQL's grammar (show_statement,
// use_statement, set_statement, begin/commit/rollback). node-sql-parser knows none of the Vitess forms
// and only some SHOW and SET forms, so these are classified here; everything else goes to parser.ts.

import type { SqlValue } from '../../common/sql-types.js';
import type { Token } from './lexer.js';
import { isName, isOp, isWord } from './lexer.js';
import { syntaxError } from './parser.js';

/** A SHOW statement, as vtgate plans it (planbuilder/show.go). */
export type ShowStatement =
  | { type: 'vitess_tablets'; like?: string }
  | { type: 'vitess_shards'; like?: string }
  | { type: 'vitess_replication_status'; like?: string }
  | { type: 'vitess_target' }
  | { type: 'keyspaces'; like?: string }
  | { type: 'databases'; like?: string }
  | { type: 'vschema_tables' }
  | { type: 'vschema_keyspaces' }
  /** SHOW VSCHEMA VINDEXES [ON|FROM [ks.]t]. */
  | { type: 'vschema_vindexes'; qualifier?: string; table?: string }
  | { type: 'warnings' }
  /** SHOW [FULL] TABLES [FROM db] [LIKE ... | WHERE ...]: `rest` is the filter text as written. */
  | { type: 'tables'; full: boolean; db?: string; rest: string }
  | { type: 'create_table'; qualifier?: string; table: string }
  /** SHOW [FULL] COLUMNS|FIELDS / INDEX|INDEXES|KEYS FROM t [FROM db] [filter]. */
  | { type: 'table_info'; what: string; full: boolean; qualifier?: string; table: string; rest: string }
  /** Any other MySQL SHOW: forwarded to a tablet as written. */
  | { type: 'other' };

/** One assignment of a SET statement. */
export interface SetAssignment {
  /** 'user' for @x; otherwise the scope of a system variable. */
  scope: 'user' | 'session' | 'global' | 'persist';
  /** Lower-case variable name (without @ / @@ / scope prefix). */
  name: string;
  /** The value: a literal, a bare word (`on`, `single`), DEFAULT, or text vtgate does not evaluate. */
  value: { kind: 'value'; value: SqlValue } | { kind: 'word'; word: string } | { kind: 'default' } | { kind: 'expr'; text: string };
}

export type PreParsed =
  | { kind: 'empty' }
  | { kind: 'use'; target: string }
  | { kind: 'begin' }
  | { kind: 'commit' }
  | { kind: 'rollback' }
  | { kind: 'set'; assignments: SetAssignment[]; ignored: boolean }
  | { kind: 'show'; show: ShowStatement }
  /** SELECT NEXT n VALUES FROM seq: values from a sequence table. */
  | { kind: 'next_values'; count: number; qualifier?: string; table: string }
  /** Everything else: parsed by node-sql-parser. */
  | { kind: 'sql' };

const VITESS_SHOW = new Set(['vitess_tablets', 'vitess_shards', 'vitess_replication_status', 'vitess_target', 'vitess_keyspaces', 'keyspaces']);
/** SHOW forms MySQL knows that vtgate forwards to a tablet (buildSendAnywherePlan / ShowOther). */
const FORWARDED_SHOW = new Set([
  'variables', 'status', 'global', 'session', 'engines', 'engine', 'plugins', 'charset', 'character', 'collation',
  'processlist', 'privileges', 'grants', 'triggers', 'events', 'open', 'table', 'function', 'procedure', 'master',
  'slave', 'replica', 'binary', 'binlog', 'errors', 'count', 'profiles', 'profile', 'create', 'schemas', 'storage',
]);

/** Classifies one statement (tokens from tokenize, trailing semicolons already removed). */
export function preParse(sql: string, tokens: readonly Token[]): PreParsed {
  const first = tokens[0];
  if (first === undefined) return { kind: 'empty' };
  if (first.kind !== 'ident') return { kind: 'sql' };
  switch (first.lower) {
    case 'use':
      return { kind: 'use', target: useTarget(sql, tokens) };
    case 'begin':
      if (tokens.length === 1 || (tokens.length === 2 && isWord(tokens[1], 'work'))) return { kind: 'begin' };
      throw syntaxError(sql, (tokens[1] as Token).start, tokens);
    case 'start':
      if (isWord(tokens[1], 'transaction')) return { kind: 'begin' };
      throw syntaxError(sql, tokens[1]?.start ?? sql.length, tokens);
    case 'commit':
      return endTransaction('commit', sql, tokens);
    case 'rollback':
      return endTransaction('rollback', sql, tokens);
    case 'set':
      return parseSet(sql, tokens);
    case 'show':
      return { kind: 'show', show: parseShow(sql, tokens) };
    case 'select':
      return isWord(tokens[1], 'next') ? parseNextValues(sql, tokens) : { kind: 'sql' };
    default:
      return { kind: 'sql' };
  }
}

function endTransaction(kind: 'commit' | 'rollback', sql: string, tokens: readonly Token[]): PreParsed {
  let i = 1;
  if (isWord(tokens[i], 'work')) i++;
  if (i < tokens.length) throw syntaxError(sql, (tokens[i] as Token).start, tokens);
  return { kind };
}

/**
 * The target of `use`: everything after the keyword, with backticks removed. Vitess's tokenizer reads
 * `commerce@replica`, `customer/-80` and `commerce:0@rdonly` as one name; the raw text does the same.
 */
function useTarget(sql: string, tokens: readonly Token[]): string {
  const second = tokens[1];
  if (second === undefined) return '';
  const last = tokens[tokens.length - 1] as Token;
  const text = sql.slice(second.start, last.end).trim();
  if (tokens.length === 2 && second.kind === 'qident') return second.value;
  return text.replace(/`([^`]*)`/g, '$1');
}

function likeOf(sql: string, tokens: readonly Token[], i: number): string | undefined {
  if (isWord(tokens[i], 'like')) {
    const lit = tokens[i + 1];
    if (lit?.kind !== 'string') throw syntaxError(sql, lit?.start ?? sql.length, tokens);
    if (i + 2 < tokens.length) throw syntaxError(sql, (tokens[i + 2] as Token).start, tokens);
    return lit.value;
  }
  if (i < tokens.length && !isWord(tokens[i], 'where')) throw syntaxError(sql, (tokens[i] as Token).start, tokens);
  return undefined; // WHERE filters are ignored by vtgate for these (executor.go).
}

function restText(sql: string, tokens: readonly Token[], i: number): string {
  const t = tokens[i];
  return t === undefined ? '' : sql.slice(t.start, (tokens[tokens.length - 1] as Token).end);
}

function parseShow(sql: string, tokens: readonly Token[]): ShowStatement {
  const w = tokens[1];
  if (w === undefined || w.kind !== 'ident') throw syntaxError(sql, w?.start ?? sql.length, tokens);
  let i = 2;
  let full = false;
  let word = w.lower;
  if (word === 'full') {
    full = true;
    const nx = tokens[2];
    if (nx === undefined || nx.kind !== 'ident') throw syntaxError(sql, nx?.start ?? sql.length, tokens);
    word = nx.lower;
    i = 3;
  }
  if (VITESS_SHOW.has(word) && !full) {
    switch (word) {
      case 'vitess_tablets':
        return { type: 'vitess_tablets', like: likeOf(sql, tokens, i) };
      case 'vitess_shards':
        return { type: 'vitess_shards', like: likeOf(sql, tokens, i) };
      case 'vitess_replication_status':
        return { type: 'vitess_replication_status', like: likeOf(sql, tokens, i) };
      case 'vitess_target':
        return { type: 'vitess_target' };
      default:
        return { type: 'keyspaces', like: likeOf(sql, tokens, i) };
    }
  }
  switch (word) {
    case 'databases':
    case 'schemas':
      if (full) break;
      return { type: 'databases', like: likeOf(sql, tokens, i) };
    case 'vschema': {
      const what = tokens[i];
      if (isWord(what, 'tables') && tokens.length === i + 1) return { type: 'vschema_tables' };
      if (isWord(what, 'keyspaces') && tokens.length === i + 1) return { type: 'vschema_keyspaces' };
      if (isWord(what, 'vindexes')) {
        if (tokens.length === i + 1) return { type: 'vschema_vindexes' };
        if (isWord(tokens[i + 1], 'on') || isWord(tokens[i + 1], 'from')) {
          const name = qualifiedName(sql, tokens, i + 2);
          if (name.next < tokens.length) throw syntaxError(sql, (tokens[name.next] as Token).start, tokens);
          return { type: 'vschema_vindexes', qualifier: name.qualifier, table: name.name };
        }
        throw syntaxError(sql, (tokens[i + 1] as Token).start, tokens);
      }
      throw syntaxError(sql, what?.start ?? sql.length, tokens);
    }
    case 'warnings':
      return { type: 'warnings' };
    case 'tables': {
      let db: string | undefined;
      if (isWord(tokens[i], 'from') || isWord(tokens[i], 'in')) {
        const name = tokens[i + 1];
        if (!isName(name) || name === undefined) throw syntaxError(sql, name?.start ?? sql.length, tokens);
        db = name.value;
        i += 2;
      }
      if (i < tokens.length && !isWord(tokens[i], 'like') && !isWord(tokens[i], 'where')) {
        throw syntaxError(sql, (tokens[i] as Token).start, tokens);
      }
      return { type: 'tables', full, db, rest: restText(sql, tokens, i) };
    }
    case 'create':
      if (isWord(tokens[i], 'table') && !full) {
        const name = qualifiedName(sql, tokens, i + 1);
        if (name.next < tokens.length) throw syntaxError(sql, (tokens[name.next] as Token).start, tokens);
        return { type: 'create_table', qualifier: name.qualifier, table: name.name };
      }
      return { type: 'other' };
    case 'columns':
    case 'fields':
    case 'index':
    case 'indexes':
    case 'keys': {
      if (!isWord(tokens[i], 'from') && !isWord(tokens[i], 'in')) throw syntaxError(sql, tokens[i]?.start ?? sql.length, tokens);
      const name = qualifiedName(sql, tokens, i + 1);
      let qualifier = name.qualifier;
      let j = name.next;
      if (isWord(tokens[j], 'from') || isWord(tokens[j], 'in')) {
        const db = tokens[j + 1];
        if (!isName(db) || db === undefined) throw syntaxError(sql, db?.start ?? sql.length, tokens);
        qualifier = db.value;
        j += 2;
      }
      const what = word === 'fields' ? 'columns' : word === 'columns' ? 'columns' : 'index';
      return { type: 'table_info', what, full, qualifier, table: name.name, rest: restText(sql, tokens, j) };
    }
    default:
      break;
  }
  if (FORWARDED_SHOW.has(word)) return { type: 'other' };
  throw syntaxError(sql, (full ? (tokens[2] as Token) : w).start, tokens);
}

function qualifiedName(sql: string, tokens: readonly Token[], i: number): { qualifier?: string; name: string; next: number } {
  const a = tokens[i];
  if (!isName(a) || a === undefined) throw syntaxError(sql, a?.start ?? sql.length, tokens);
  if (isOp(tokens[i + 1], '.')) {
    const b = tokens[i + 2];
    if (!isName(b) || b === undefined) throw syntaxError(sql, b?.start ?? sql.length, tokens);
    return { qualifier: a.value, name: b.value, next: i + 3 };
  }
  return { name: a.value, next: i + 1 };
}

/** SELECT NEXT <n> VALUE[S] FROM [ks.]seq (sql.y: SELECT NEXT num_val VALUES FROM table_name). */
function parseNextValues(sql: string, tokens: readonly Token[]): PreParsed {
  let i = 2;
  let count = 1;
  const n = tokens[i];
  if (isWord(n, 'value')) i++; // NEXT VALUE: one value
  else {
    if (n?.kind !== 'number' || n.numberType !== 'int') return { kind: 'sql' }; // `next` as a column name
    if (!isWord(tokens[i + 1], 'values')) throw syntaxError(sql, tokens[i + 1]?.start ?? sql.length, tokens);
    count = Number(n.value);
    i += 2;
  }
  if (!isWord(tokens[i], 'from')) throw syntaxError(sql, tokens[i]?.start ?? sql.length, tokens);
  const name = qualifiedName(sql, tokens, i + 1);
  if (name.next < tokens.length) throw syntaxError(sql, (tokens[name.next] as Token).start, tokens);
  return { kind: 'next_values', count, qualifier: name.qualifier, table: name.name };
}

// ---- SET ----

function parseSet(sql: string, tokens: readonly Token[]): PreParsed {
  let i = 1;
  const t1 = tokens[1];
  if (t1 === undefined) throw syntaxError(sql, sql.length, tokens);
  // SET NAMES x [COLLATE y], SET CHARACTER SET x, SET CHARSET x, SET [scope] TRANSACTION ...: accepted,
  // nothing for vtsim to change.
  if (isWord(t1, 'names') || isWord(t1, 'charset') || (isWord(t1, 'character') && isWord(tokens[2], 'set'))) {
    return { kind: 'set', assignments: [], ignored: true };
  }
  if (isWord(t1, 'transaction') || (isScopeWord(t1) && isWord(tokens[2], 'transaction'))) {
    return { kind: 'set', assignments: [], ignored: true };
  }
  const assignments: SetAssignment[] = [];
  for (;;) {
    const start = tokens[i];
    if (start === undefined) throw syntaxError(sql, sql.length, tokens);
    let scope: SetAssignment['scope'] = 'session';
    let name: string;
    if (start.kind === 'uservar') {
      scope = 'user';
      name = start.lower;
      i++;
    } else if (start.kind === 'sysvar') {
      const m = /^(global|session|local|persist|persist_only)\.(.+)$/.exec(start.lower);
      if (m) {
        scope = scopeOf(m[1] as string);
        name = m[2] as string;
      } else name = start.lower;
      i++;
    } else if (start.kind === 'ident' || start.kind === 'qident') {
      if (isScopeWord(start)) {
        scope = scopeOf(start.lower);
        i++;
      }
      const n = tokens[i];
      if (n === undefined || (n.kind !== 'ident' && n.kind !== 'qident')) throw syntaxError(sql, n?.start ?? sql.length, tokens);
      name = n.lower;
      i++;
    } else {
      throw syntaxError(sql, start.start, tokens);
    }
    const eq = tokens[i];
    if (!isOp(eq, '=') && !isOp(eq, ':=')) throw syntaxError(sql, eq?.start ?? sql.length, tokens);
    i++;
    // The value runs to the next top-level comma.
    const vStart = i;
    let depth = 0;
    while (i < tokens.length) {
      const t = tokens[i] as Token;
      if (isOp(t, '(')) depth++;
      else if (isOp(t, ')')) depth--;
      else if (isOp(t, ',') && depth === 0) break;
      i++;
    }
    if (i === vStart) throw syntaxError(sql, tokens[i]?.start ?? sql.length, tokens);
    assignments.push({ scope, name, value: setValue(sql, tokens.slice(vStart, i)) });
    if (i >= tokens.length) break;
    i++; // the comma
  }
  return { kind: 'set', assignments, ignored: false };
}

function isScopeWord(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'ident' && ['global', 'session', 'local', 'persist', 'persist_only'].includes(t.lower);
}

function scopeOf(word: string): SetAssignment['scope'] {
  if (word === 'global') return 'global';
  if (word === 'persist' || word === 'persist_only') return 'persist';
  return 'session';
}

function setValue(sql: string, toks: readonly Token[]): SetAssignment['value'] {
  const [a, b] = toks;
  if (toks.length === 1 && a !== undefined) {
    if (a.kind === 'string') return { kind: 'value', value: a.value };
    if (a.kind === 'number') return { kind: 'value', value: Number(a.value) };
    if (a.kind === 'ident') {
      if (a.lower === 'default') return { kind: 'default' };
      if (a.lower === 'null') return { kind: 'value', value: null };
      if (a.lower === 'true') return { kind: 'value', value: 1 };
      if (a.lower === 'false') return { kind: 'value', value: 0 };
      return { kind: 'word', word: a.lower };
    }
    if (a.kind === 'qident') return { kind: 'word', word: a.lower };
  }
  if (toks.length === 2 && a !== undefined && b !== undefined && isOp(a, '-') && b.kind === 'number') {
    return { kind: 'value', value: -Number(b.value) };
  }
  const first = toks[0] as Token;
  const last = toks[toks.length - 1] as Token;
  return { kind: 'expr', text: sql.slice(first.start, last.end) };
}

// Statements the tablet answers itself rather than running in SQLite: transaction control, SET,
// USE, SHOW/DESCRIBE, LOCK TABLES, CREATE/DROP DATABASE and maintenance no-ops. They are recognised
// from their leading keywords (their grammar is a closed list; the general parser knows few of them).
// Mirrors go/vt/sqlparser/ast_funcs.go Preview (classification by leading keyword).

import type { Token } from './lexer.js';
import { identName, isOp, isWord, splitTopLevel } from './lexer.js';
import { notSupported, syntaxError } from './mysql-errors.js';
import type { SetAssignment, StatementKind, Translated } from './statement-kind.js';

function control(kind: StatementKind, extra: Partial<Translated> = {}): Translated {
  return { kind, tables: [], isWrite: false, isDdl: false, sqlite: [], ...extra };
}

/** Statement words vtsim does not simulate, reported as MySQL's 1235. */
const UNSUPPORTED_FIRST = new Set([
  'grant', 'revoke', 'call', 'do', 'handler', 'load', 'prepare', 'execute', 'deallocate', 'xa', 'kill', 'purge',
  'reset', 'install', 'uninstall', 'change', 'stop', 'values', 'table', 'help', 'signal', 'resignal', 'get',
  'import', 'clone', 'restart', 'shutdown',
]); // prettier-ignore

const UNSUPPORTED_OBJECTS = new Set([
  'view', 'trigger', 'procedure', 'function', 'event', 'user', 'role', 'server', 'tablespace', 'spatial',
  'logfile', 'resource', 'algorithm', 'definer', 'sql', 'or', 'aggregate',
]); // prettier-ignore

/**
 * Translates a statement classified by its leading keywords, or returns undefined when the
 * statement needs the SQL parser (queries, DML, table DDL).
 */
export function translateControl(tokens: Token[], sql: string): Translated | undefined {
  const w = (i: number): string => (tokens[i]?.type === 'word' ? (tokens[i] as Token).value.toLowerCase() : '');
  const expectEnd = (i: number): void => {
    const t = tokens[i];
    if (t !== undefined) throw syntaxError(sql, t.start);
  };
  const first = w(0);
  switch (first) {
    case 'begin': {
      expectEnd(isWord(tokens[1], 'work') ? 2 : 1);
      return control('begin');
    }
    case 'start':
      if (w(1) !== 'transaction') throw w(1) === 'replica' || w(1) === 'slave' ? notSupported('START REPLICA') : syntaxError(sql, tokens[1]?.start ?? sql.length);
      return control('begin');
    case 'commit':
    case 'rollback': {
      let i = isWord(tokens[1], 'work') ? 2 : 1;
      if (first === 'rollback' && isWord(tokens[i], 'to')) {
        i++;
        if (isWord(tokens[i], 'savepoint')) i++;
        const name = identName(tokens[i]);
        if (name === undefined) throw syntaxError(sql, tokens[i]?.start ?? sql.length);
        expectEnd(i + 1);
        return control('other', { sqlite: [`ROLLBACK TO SAVEPOINT "${name.replace(/"/g, '""')}"`] });
      }
      if (isWord(tokens[i], 'and')) i += isWord(tokens[i + 1], 'no') ? 3 : 2;
      if (isWord(tokens[i], 'no') || isWord(tokens[i], 'release')) i += isWord(tokens[i], 'no') ? 2 : 1;
      expectEnd(i);
      return control(first);
    }
    case 'savepoint':
    case 'release': {
      const i = first === 'release' ? (isWord(tokens[1], 'savepoint') ? 2 : -1) : 1;
      const name = i > 0 ? identName(tokens[i]) : undefined;
      if (name === undefined) throw syntaxError(sql, tokens[Math.max(i, 1)]?.start ?? sql.length);
      expectEnd(i + 1);
      const verb = first === 'release' ? 'RELEASE SAVEPOINT' : 'SAVEPOINT';
      return control('other', { sqlite: [`${verb} "${name.replace(/"/g, '""')}"`] });
    }
    case 'set':
      return control('set', { set: parseSet(tokens.slice(1), sql) });
    case 'use':
      if (tokens.length < 2) throw syntaxError(sql, sql.length);
      return control('use');
    case 'show':
      return control('show', { tables: showTables(tokens) });
    case 'describe':
    case 'desc':
    case 'explain': {
      const next = w(1);
      if (['select', 'insert', 'update', 'delete', 'replace', 'with', 'analyze', 'format', 'table'].includes(next) || isOp(tokens[1], '(')) {
        throw notSupported('EXPLAIN');
      }
      const name = tableName(tokens, 1);
      if (name === undefined) throw syntaxError(sql, tokens[1]?.start ?? sql.length);
      return control('show', { tables: [name] });
    }
    case 'lock': {
      if (w(1) !== 'tables' && w(1) !== 'table') throw w(1) === 'instance' ? notSupported('LOCK INSTANCE') : syntaxError(sql, tokens[1]?.start ?? sql.length);
      const tables = splitTopLevel(tokens.slice(2))
        .map((part) => tableName(part, 0))
        .filter((n): n is string => n !== undefined);
      return control('lock_tables', { tables });
    }
    case 'unlock':
      if (w(1) !== 'tables' && w(1) !== 'table') throw syntaxError(sql, tokens[1]?.start ?? sql.length);
      expectEnd(2);
      return control('unlock_tables');
    case 'flush':
    case 'analyze':
    case 'optimize':
    case 'check':
    case 'repair':
      // Maintenance statements: nothing to do on SQLite, and no result anyone relies on.
      return control('other');
    case 'create':
    case 'drop': {
      let i = 1;
      if (first === 'create' && w(1) === 'or' && w(2) === 'replace') i = 3;
      const object = w(i);
      if (object === 'database' || object === 'schema') {
        return control(first === 'create' ? 'create_database' : 'drop_database', { isWrite: true, isDdl: true });
      }
      if (UNSUPPORTED_OBJECTS.has(object)) throw notSupported(`${first.toUpperCase()} ${object.toUpperCase()}`);
      return undefined;
    }
    default:
      if (UNSUPPORTED_FIRST.has(first)) throw notSupported(first.toUpperCase());
      return undefined;
  }
}

/** `[db.]table` at `i`, lower-cased (`_vt.t` kept qualified, other qualifiers dropped). */
function tableName(tokens: readonly Token[], i: number): string | undefined {
  const a = identName(tokens[i]);
  if (a === undefined) return undefined;
  if (isOp(tokens[i + 1], '.')) {
    const b = identName(tokens[i + 2]);
    if (b === undefined) return undefined;
    return a.toLowerCase() === '_vt' ? `_vt.${b.toLowerCase()}` : b.toLowerCase();
  }
  return a.toLowerCase();
}

/** The table a SHOW statement is about (SHOW CREATE TABLE t, SHOW COLUMNS FROM t, SHOW INDEX FROM t). */
function showTables(tokens: readonly Token[]): string[] {
  const words = tokens.map((t) => (t.type === 'word' ? t.value.toLowerCase() : ''));
  if (words[1] === 'create' && words[2] === 'table') {
    const n = tableName(tokens, 3);
    return n ? [n] : [];
  }
  const from = words.findIndex((x, k) => k > 1 && (x === 'from' || x === 'in'));
  const about = ['columns', 'fields', 'index', 'indexes', 'keys'];
  if (from > 0 && words.slice(1, from).some((x) => about.includes(x))) {
    const n = tableName(tokens, from + 1);
    return n ? [n] : [];
  }
  return [];
}

/** Reads SET's assignments: `autocommit = 0`, `@@session.sql_mode = ''`, `NAMES utf8mb4`, `@x := 1`. */
function parseSet(tokens: Token[], sql: string): SetAssignment[] {
  if (tokens.length === 0) throw syntaxError(sql, sql.length);
  return splitTopLevel(tokens).map((part) => {
    const bad = (): Error => syntaxError(sql, part[0]?.start ?? sql.length);
    let scope: SetAssignment['scope'] = 'session';
    let i = 0;
    const w0 = part[0]?.type === 'word' ? (part[0] as Token).value.toLowerCase() : '';
    if (['global', 'persist', 'persist_only'].includes(w0)) {
      scope = 'global';
      i = 1;
    } else if (w0 === 'session' || w0 === 'local') {
      i = 1;
    }
    const head = part[i];
    if (head === undefined) throw bad();
    if (isWord(head, 'names')) return { scope: 'session', name: 'names', value: valueText(part.slice(i + 1, collateAt(part, i + 1))) };
    if (isWord(head, 'charset') || (isWord(head, 'character') && isWord(part[i + 1], 'set'))) {
      return { scope: 'session', name: 'character_set', value: valueText(part.slice(isWord(head, 'charset') ? i + 1 : i + 2)) };
    }
    if (isWord(head, 'transaction')) return { scope, name: 'transaction', value: part.slice(i + 1).map((t) => t.text).join(' ') };
    const eq = part.findIndex((t) => isOp(t, '=') || isOp(t, ':='));
    if (eq !== i + 1 && !(head.type === 'word' && isOp(part[i + 1], '.') && eq === i + 3)) throw bad();
    const value = valueText(part.slice(eq + 1));
    if (head.type === 'uservar') return { scope: 'user', name: head.value.toLowerCase(), value };
    if (head.type === 'sysvar') {
      const m = /^(global|session|local|persist|persist_only)\.(.+)$/.exec(head.value);
      const s = m?.[1];
      return { scope: s === 'global' || s === 'persist' || s === 'persist_only' ? 'global' : 'session', name: m?.[2] ?? head.value, value };
    }
    const name = identName(head);
    if (name === undefined) throw bad();
    const full = eq === i + 3 ? `${name}.${identName(part[i + 2]) ?? ''}` : name;
    return { scope, name: full.toLowerCase(), value };
  });
}

function collateAt(part: readonly Token[], from: number): number {
  const k = part.findIndex((t, j) => j >= from && isWord(t, 'collate'));
  return k < 0 ? part.length : k;
}

function valueText(ts: readonly Token[]): string {
  if (ts.length === 1) {
    const t = ts[0] as Token;
    if (t.type === 'string' || t.type === 'qident') return t.value;
    return t.text;
  }
  return ts.map((t) => (t.type === 'string' ? t.value : t.text)).join(' ');
}

// The tablet's MySQL dialect layer: one MySQL statement in, what SQLite must run out, plus what the
// tablet needs to know about it (kind, tables, read or write, DDL effect). Errors are MySQL's
// (1064 syntax, 1146 missing table, 1235 unsupported...). Translations of statements that do not
// depend on the schema are cached by their text, since vtgate sends the same normalised statements
// (with bind variables) again and again.
// Mirrors the role of go/vt/vttablet/tabletserver/planbuilder (classifying the statements a tablet
// receives); the SQLite translation has no Vitess counterpart.

import type { Token } from './lexer.js';
import { identName, isOp, isWord, matchParen } from './lexer.js';
import { notSupported } from './mysql-errors.js';
import { parseTokens, tokenize } from './sql-parser.js';
import type { Parsed } from './sql-parser.js';
import { translateControl } from './control-statements.js';
import { plainInsertValues } from './insert-values.js';
import type { InsertValues } from './insert-values.js';
import { rewriteDml } from './dml-rewrite.js';
import { alterTable, createIndex, createTable, dropIndex, dropTable, renameTable, truncateTable } from './ddl.js';
import type { DdlResult } from './ddl.js';
import type { SchemaLookup, StatementKind, TranslateOptions, Translated } from './statement-kind.js';

export type {
  DdlEffect,
  SchemaLookup,
  SetAssignment,
  StatementKind,
  TranslateOptions,
  Translated,
} from './statement-kind.js';

/** How many translations are kept (each is small; the hot path is a few hundred distinct statements). */
const CACHE_MAX = 2000;
/** Per database name, statement text → translation (two levels: no key concatenation per call). */
const cache = new Map<string, Map<string, Translated>>();
let cacheSize = 0;

/**
 * Translates one MySQL statement for the tablet whose database is `options.dbName`.
 * Throws VtError with MySQL's errno/SQLSTATE on bad input. DDL is checked against `schema`.
 */
export function translate(mysqlSql: string, schema: SchemaLookup, options: TranslateOptions): Translated {
  let byDb = cache.get(options.dbName);
  if (byDb === undefined) {
    byDb = new Map();
    cache.set(options.dbName, byDb);
  }
  const hit = byDb.get(mysqlSql);
  // A hit is returned as is: re-inserting on every hit (true LRU) costs more than the rare eviction
  // of a hot statement, which is simply translated again.
  if (hit !== undefined) return hit;
  const tr = translateUncached(mysqlSql, schema, options);
  if (!tr.isDdl) {
    if (cacheSize >= CACHE_MAX) {
      cache.clear();
      cacheSize = 0;
      byDb = new Map();
      cache.set(options.dbName, byDb);
    }
    byDb.set(mysqlSql, tr);
    cacheSize++;
  }
  return tr;
}

/** Empties the translation cache (tests, or after changing how statements translate). */
export function clearTranslationCache(): void {
  cache.clear();
  cacheSize = 0;
}

function translateUncached(sql: string, schema: SchemaLookup, options: TranslateOptions): Translated {
  const tokens = tokenize(sql);
  const control = translateControl(tokens, sql);
  if (control) return freeze(control);
  const parsed = parseTokens(sql, tokens);
  const kind = kindOf(parsed);
  switch (kind) {
    case 'select':
    case 'insert':
    case 'replace':
    case 'update':
    case 'delete':
      if (kind !== 'select' && isWord(tokens[0], 'with')) throw notSupported(`WITH ... ${kind.toUpperCase()}`);
      return freeze(withInsertValues(
        {
          kind,
          tables: tablesOf(parsed, options),
          isWrite: kind !== 'select',
          isDdl: false,
          sqlite: [rewriteDml(tokens, kind, options)],
        },
        kind === 'insert' ? plainInsertValues(tokens, options.dbName) : undefined,
      ));
    default:
      return freeze(ddlTranslated(ddlResult(kind, parsed, schema, options)));
  }
}

function withInsertValues(tr: Translated, values: InsertValues | undefined): Translated {
  if (values !== undefined) tr.insertValues = values;
  return tr;
}

function ddlResult(kind: StatementKind, p: Parsed, schema: SchemaLookup, options: TranslateOptions): DdlResult {
  switch (kind) {
    case 'create_table':
      return createTable(p, schema, options);
    case 'drop_table':
      return dropTable(p, schema, options);
    case 'alter_table':
      return alterTable(p, schema, options);
    case 'rename_table':
      return renameTable(p, schema, options);
    case 'truncate':
      return truncateTable(p, schema, options);
    case 'create_index':
      return createIndex(p, schema, options);
    case 'drop_index':
      return dropIndex(p, schema, options);
    default:
      throw notSupported(String(p.ast.type ?? 'statement').toUpperCase());
  }
}

function ddlTranslated(r: DdlResult): Translated {
  const tr: Translated = { kind: r.kind, tables: r.tables, isWrite: true, isDdl: true, sqlite: r.sqlite };
  if (r.ddl !== undefined) tr.ddl = r.ddl;
  return tr;
}

function kindOf(p: Parsed): StatementKind {
  const ast = p.ast;
  const keyword = String(ast.keyword ?? '').toLowerCase();
  switch (ast.type) {
    case 'select':
      return 'select';
    case 'insert':
      return 'insert';
    case 'replace':
      return 'replace';
    case 'update':
      return 'update';
    case 'delete':
      return 'delete';
    case 'create':
      if (keyword === 'table') return 'create_table';
      if (keyword === 'index') return 'create_index';
      break;
    case 'drop':
      if (keyword === 'table') return 'drop_table';
      if (keyword === 'index') return 'drop_index';
      break;
    case 'alter':
      return 'alter_table';
    case 'rename':
      return 'rename_table';
    case 'truncate':
      return 'truncate';
    default:
      break;
  }
  const first = (p.tokens[0] as Token).value.toUpperCase();
  throw notSupported(keyword ? `${first} ${keyword.toUpperCase()}` : first);
}

/** Tables a DML statement reads or writes, from the parser's table list (CTE names excluded). */
function tablesOf(p: Parsed, options: TranslateOptions): string[] {
  const ctes = cteNames(p.tokens);
  const out: string[] = [];
  const db = options.dbName.toLowerCase();
  // The written table first (the tablet reads the insert target from tables[0]), then the ones read.
  const written = (e: string): boolean => !e.startsWith('select::');
  const entries = [...p.tableList.filter(written), ...p.tableList.filter((e) => !written(e))];
  for (const entry of entries) {
    const [, rawDb, rawTable] = entry.split('::');
    if (rawTable === undefined || rawTable === 'null') continue;
    const table = rawTable.toLowerCase();
    const qualifier = rawDb === undefined || rawDb === 'null' ? '' : rawDb.toLowerCase();
    let name: string;
    if (qualifier === '' || qualifier === db) {
      if (ctes.has(table)) continue;
      name = table;
    } else {
      name = `${qualifier}.${table}`;
    }
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** Names defined by WITH clauses anywhere in the statement: `WITH [RECURSIVE] a [(cols)] AS (...), b AS (...)`. */
function cteNames(tokens: readonly Token[]): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i], 'with')) continue;
    let j = isWord(tokens[i + 1], 'recursive') ? i + 2 : i + 1;
    for (;;) {
      const name = identName(tokens[j]);
      if (name === undefined) break;
      let k = j + 1;
      if (isOp(tokens[k], '(')) k = matchParen(tokens, k) + 1;
      if (k <= 0 || !isWord(tokens[k], 'as') || !isOp(tokens[k + 1], '(')) break;
      names.add(name.toLowerCase());
      const close = matchParen(tokens, k + 1);
      if (close < 0 || !isOp(tokens[close + 1], ',')) break;
      j = close + 2;
    }
  }
  return names;
}

/** Cached results are shared: freeze them so no caller can change another's translation. */
function freeze(tr: Translated): Translated {
  Object.freeze(tr.tables);
  Object.freeze(tr.sqlite);
  if (tr.set) Object.freeze(tr.set);
  return Object.freeze(tr);
}

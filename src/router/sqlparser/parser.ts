// Parsing MySQL statements into an AST with node-sql-parser (its MySQL-only build), and turning its
// failures into the error vtgate gives for a statement it cannot parse.
// Mirrors go/vt/sqlparser/parser.go (Parse2) and token.go (PositionedErr: "syntax error at position N
// near 'tok'"). Vitess has its own yacc grammar; vtsim uses a maintained parser library instead (see
// docs/ARCHITECTURE.md) and reports its failure position in Vitess's words: the position is the
// offset just past the offending token, counted from 1, and `near` quotes that token.

import pkg from 'node-sql-parser/build/mysql.js';
import type { AST } from 'node-sql-parser/build/mysql.js';
import { VtError } from '../../common/errors.js';
import { LexError, tokenize } from './lexer.js';
import type { Token } from './lexer.js';

const parser = new pkg.Parser();
const OPTIONS = { database: 'MySQL', parseOptions: { includeLocations: true } };

/** Words a statement can start with; any other first word fails right there, as in Vitess's grammar. */
const STATEMENT_WORDS = new Set([
  'select', 'insert', 'update', 'delete', 'replace', 'create', 'drop', 'alter', 'rename', 'truncate', 'with',
  'begin', 'start', 'commit', 'rollback', 'set', 'use', 'show', 'lock', 'unlock', 'explain', 'describe', 'desc',
  'analyze', 'optimize', 'repair', 'grant', 'revoke', 'flush', 'kill', 'call', 'do', 'handler', 'load', 'prepare',
  'execute', 'deallocate', 'savepoint', 'release', 'xa', 'vexplain', 'values', 'table', 'stream', 'vstream', 'purge',
]);

/** A node-sql-parser statement; the router reads it as loosely typed JSON (see ast.ts). */
export type Statement = Record<string, unknown> & { type: string };

/**
 * Parses one statement. Throws the VtError vtgate returns for a syntax error (code
 * INVALID_ARGUMENT, which clients see as MySQL 1105 / HY000).
 */
export function parseStatement(sql: string, tokens?: readonly Token[]): Statement {
  const first = (tokens ?? safeTokenize(sql))?.[0];
  if (first !== undefined && first.kind === 'ident' && !STATEMENT_WORDS.has(first.lower)) {
    throw syntaxError(sql, first.start, tokens);
  }
  let ast: AST | AST[];
  try {
    ast = parser.astify(parserSpelling(sql, tokens ?? safeTokenize(sql)), OPTIONS);
  } catch (e) {
    throw syntaxError(sql, errorOffset(e, sql), tokens);
  }
  if (Array.isArray(ast)) {
    if (ast.length !== 1) {
      const toks = tokens ?? safeTokenize(sql);
      const semi = toks?.find((t) => t.kind === 'op' && t.value === ';');
      throw syntaxError(sql, semi?.start ?? sql.length, tokens);
    }
    ast = ast[0] as AST;
  }
  return ast as unknown as Statement;
}

/**
 * The statement as node-sql-parser can read it. Its grammar lacks the column type BOOL (a synonym of
 * BOOLEAN that Vitess's grammar accepts), so in CREATE/ALTER TABLE it is read as `int ` (same length:
 * error positions stay right). Only the parse sees this: DDL reaches the tablets as the user wrote it.
 */
function parserSpelling(sql: string, tokens: readonly Token[] | undefined): string {
  const first = tokens?.[0];
  if (tokens === undefined || first === undefined || !(first.lower === 'create' || first.lower === 'alter')) return sql;
  let out = sql;
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    if (t.kind === 'ident' && t.lower === 'bool' && prev !== undefined && (prev.kind === 'ident' || prev.kind === 'qident')) {
      out = `${out.slice(0, t.start)}int ${out.slice(t.end)}`;
    }
  });
  return out;
}

function errorOffset(e: unknown, sql: string): number {
  if (e instanceof LexError) return e.offset;
  const loc = (e as { location?: { start?: { offset?: number } } }).location;
  const offset = loc?.start?.offset;
  return typeof offset === 'number' ? offset : sql.length;
}

function safeTokenize(sql: string): Token[] | undefined {
  try {
    return tokenize(sql);
  } catch {
    return undefined;
  }
}

/**
 * The error for a statement that does not parse, failing at `offset`:
 * `syntax error at position <end of the token there + 1> near '<token>'`, or without `near` at the end
 * of the input.
 */
export function syntaxError(sql: string, offset: number, tokens?: readonly Token[]): VtError {
  const toks = tokens ?? safeTokenize(sql);
  const tok = toks?.find((t) => t.end > offset);
  if (tok === undefined || toks === undefined) {
    return new VtError('INVALID_ARGUMENT', `syntax error at position ${sql.length + 1}`, { errno: 1105, sqlState: 'HY000' });
  }
  const near = tok.kind === 'string' || tok.kind === 'qident' ? tok.value : sql.slice(tok.start, tok.end);
  return new VtError('INVALID_ARGUMENT', `syntax error at position ${tok.end + 1} near '${near}'`, {
    errno: 1105,
    sqlState: 'HY000',
  });
}

/** MySQL text of an AST (node-sql-parser's sqlify; identifiers come out backtick-quoted). */
export function sqlify(ast: Statement | Record<string, unknown>): string {
  return parser.sqlify(ast as unknown as AST, { database: 'MySQL' });
}

// The MySQL grammar check: node-sql-parser's MySQL build, fed a normalised copy of the statement.
// String literals are replaced by placeholders (the parser's string decoding is inconsistent; the
// lexer's values are exact), and a few valid MySQL spellings the parser lacks are respelled
// (`<=>`, index hints, BOOL, REAL, ...). Syntax errors are mapped back to the original text so the
// 1064 message quotes what the user wrote.
// Mirrors go/vt/sqlparser/parser.go (Parse, and the "near '...'" position of its errors).

import pkg from 'node-sql-parser/build/mysql.js';
import type { AST } from 'node-sql-parser/build/mysql.js';
import { LexError, isOp, isWord, lex, matchParen, mysqlQuote } from './lexer.js';
import type { Token } from './lexer.js';
import { mysqlError, notSupported, syntaxError } from './mysql-errors.js';

const parser = new pkg.Parser();
const PARSE_OPTIONS = { database: 'MySQL' };

/** Placeholder spelling of the k-th string literal in the parser's input. */
const placeholder = (k: number): string => `__vtsim_s${k}__`;
const PLACEHOLDER = /^__vtsim_s(\d+)__$/;

export interface Parsed {
  /** The statement's tokens (comments dropped, trailing semicolons removed). */
  tokens: Token[];
  /** The parser's AST (one statement). */
  ast: AstNode;
  /** node-sql-parser's table list: `select::db::table` entries. */
  tableList: string[];
  /** Maps a string value of the AST back to the literal's exact value. */
  str: (raw: unknown) => string;
  /** MySQL text of an AST expression, with string literals restored (optionally with a charset introducer). */
  exprSql: (expr: unknown, introducer?: string) => string;
}

/** The untyped AST nodes node-sql-parser produces. */
export type AstNode = Record<string, unknown> & { type?: string };

/** Words that may start a statement; anything else is a syntax error at the first word. */
const STATEMENT_WORDS = new Set([
  'select', 'insert', 'update', 'delete', 'replace', 'create', 'drop', 'alter', 'rename', 'truncate', 'with',
  'begin', 'start', 'commit', 'rollback', 'set', 'use', 'show', 'lock', 'unlock', 'explain', 'describe', 'desc',
  'savepoint', 'release', 'flush', 'analyze', 'optimize', 'check', 'repair', 'grant', 'revoke', 'call', 'do',
  'handler', 'load', 'prepare', 'execute', 'deallocate', 'xa', 'kill', 'purge', 'reset', 'install', 'uninstall',
  'change', 'stop', 'values', 'table', 'help', 'signal', 'resignal', 'get', 'import', 'clone', 'restart', 'shutdown',
]); // prettier-ignore

/**
 * Lexes a statement: comments dropped, trailing semicolons removed. Throws 1065 for an empty
 * statement and 1064 for unterminated literals or several statements.
 */
export function tokenize(sql: string): Token[] {
  let tokens: Token[];
  try {
    tokens = lex(sql);
  } catch (e) {
    if (!(e instanceof LexError)) throw e;
    // The parser reads left to right: a statement that does not even start right fails there.
    const lead = /^(?:\s+|\/\*(?!!)[\s\S]*?\*\/|#[^\n]*\n|--\s[^\n]*\n)*([A-Za-z_]+|\(|)/.exec(sql) as RegExpExecArray;
    const word = (lead[1] ?? '').toLowerCase();
    if (word !== '(' && !STATEMENT_WORDS.has(word)) throw syntaxError(sql, lead[0].length - word.length);
    throw syntaxError(sql, e.offset);
  }
  while (tokens.length > 0 && isOp(tokens[tokens.length - 1], ';')) tokens.pop();
  if (tokens.length === 0) throw mysqlError(1065, '42000', 'Query was empty');
  const semi = tokens.findIndex((t) => isOp(t, ';'));
  if (semi >= 0) {
    // Only one statement per call (the mysql client splits scripts); MySQL with multi-statements
    // off reports the second statement as a syntax error.
    const next = tokens[semi + 1];
    throw syntaxError(sql, next ? next.start : sql.length);
  }
  const first = tokens[0] as Token;
  if (!(first.type === 'word' && STATEMENT_WORDS.has(first.value.toLowerCase())) && !isOp(first, '(')) {
    throw syntaxError(sql, first.start);
  }
  return tokens;
}

/** Parses one tokenized statement; syntax errors become MySQL's 1064. */
export function parseTokens(sql: string, tokens: Token[]): Parsed {
  const { text, offsets, strings } = parserInput(tokens);
  let result: { ast: AST[] | AST; tableList: string[] };
  try {
    result = parser.parse(text, PARSE_OPTIONS);
  } catch (e) {
    unsupportedByParser(tokens);
    throw syntaxError(sql, originalOffset(e, sql, tokens, offsets, text.length));
  }
  const asts = Array.isArray(result.ast) ? result.ast : [result.ast];
  if (asts.length !== 1) throw syntaxError(sql, sql.length);
  const str = (raw: unknown): string => {
    let s = String(raw ?? '');
    if (s.length >= 2 && (s[0] === "'" || s[0] === '"') && s[s.length - 1] === s[0]) s = s.slice(1, -1);
    const m = PLACEHOLDER.exec(s);
    return m ? (strings[Number(m[1])] ?? s) : s;
  };
  const exprSql = (expr: unknown, introducer = ''): string =>
    parser
      .exprToSQL(expr, PARSE_OPTIONS)
      .replace(/'__vtsim_s(\d+)__'/g, (_, k: string) => introducer + mysqlQuote(strings[Number(k)] ?? ''));
  return { tokens, ast: asts[0] as unknown as AstNode, tableList: result.tableList, str, exprSql };
}

/**
 * Valid MySQL that node-sql-parser rejects and vtsim does not rewrite: report it as unsupported
 * (1235) rather than as a syntax error the user did not make.
 */
function unsupportedByParser(tokens: readonly Token[]): void {
  const words = tokens.map((t) => (t.type === 'word' ? t.value.toLowerCase() : t.value));
  const has = (...seq: string[]): boolean =>
    words.some((_, i) => seq.every((w, k) => words[i + k] === w || (w === '*' && words[i + k] !== undefined)));
  if (words[0] === 'alter') {
    if (has('set', 'default') || has('drop', 'default')) throw notSupported('ALTER COLUMN ... DEFAULT');
    if (has('rename', 'index') || has('rename', 'key')) throw notSupported('RENAME INDEX');
    if (has('convert', 'to')) throw notSupported('CONVERT TO CHARACTER SET');
  }
  if ((words[0] === 'insert' || words[0] === 'replace') && has(')', 'as', '*', 'on', 'duplicate')) {
    throw notSupported('row alias in INSERT ... ON DUPLICATE KEY UPDATE');
  }
}

/** Where in the original statement a parser error points: the start of the offending token. */
function originalOffset(e: unknown, sql: string, tokens: Token[], offsets: number[], textLength: number): number {
  const loc = (e as { location?: { start?: { offset?: number } } }).location?.start?.offset;
  if (typeof loc !== 'number') return 0; // e.g. stack overflow on absurd nesting: report the start
  if (loc >= textLength) return sql.length;
  let k = -1;
  for (let i = 0; i < offsets.length && (offsets[i] as number) <= loc; i++) k = i;
  if (k < 0) return (tokens[0] as Token).start;
  const tok = tokens[k] as Token;
  const parsedEnd = (offsets[k] as number) + tokenParseLength(tokens, k, offsets, textLength);
  // A failure just after a whole token means the next token is the unexpected one.
  if (loc >= parsedEnd) return tokens[k + 1]?.start ?? sql.length;
  return tok.start;
}

function tokenParseLength(tokens: Token[], k: number, offsets: number[], textLength: number): number {
  const next = offsets[k + 1] ?? textLength;
  // The next token's offset includes a separating space when there was one.
  return next - (offsets[k] as number) - (tokens[k + 1]?.spaceBefore ? 1 : 0);
}

/** DDL type spellings the parser does not know, respelled as their MySQL equivalents. */
const TYPE_ALIASES: Record<string, string> = {
  bool: 'boolean',
  dec: 'decimal',
  fixed: 'decimal',
  real: 'double',
  nchar: 'char',
  nvarchar: 'varchar',
  serial: 'bigint unsigned not null auto_increment unique',
};

/** Function names the parser does not accept, respelled as ones of the same shape it does. */
const PARSER_FUNCTION_NAMES: Record<string, string> = { variance: 'var_pop', std: 'stddev' };

/** Builds the parser's input: one string per token, separated as in the original. */
function parserInput(tokens: Token[]): { text: string; offsets: number[]; strings: string[] } {
  const strings: string[] = [];
  const offsets: number[] = [];
  const spelled = respell(tokens);
  let text = '';
  tokens.forEach((t, i) => {
    const s = spelled[i];
    if (text !== '' && t.spaceBefore) text += ' ';
    offsets.push(text.length);
    if (s !== undefined) {
      text += s;
      return;
    }
    if (t.type === 'string') {
      strings.push(t.value);
      text += `'${placeholder(strings.length - 1)}'`;
    } else if (t.type === 'bit') {
      text += t.value;
    } else if (t.type === 'listparam') {
      text += `(:${t.value})`;
    } else {
      text += t.text;
    }
  });
  return { text, offsets, strings };
}

/**
 * Per-token replacements that make valid MySQL acceptable to node-sql-parser. The parse result is
 * only used for checking and classification; the SQLite text is produced from the original tokens.
 */
function respell(tokens: Token[]): Array<string | undefined> {
  const out: Array<string | undefined> = new Array(tokens.length).fill(undefined);
  const first = tokens[0]?.value.toLowerCase();
  const ddl = first === 'create' || first === 'alter';
  const insertLike = first === 'insert' || first === 'replace';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (t.type === 'op' && t.value === '<=>') {
      out[i] = '=';
      continue;
    }
    if (t.type !== 'word') continue;
    const w = t.value.toLowerCase();
    if (ddl) {
      // Only in a column definition's type position: after the column name.
      const alias = TYPE_ALIASES[w];
      if (alias !== undefined && (prev?.type === 'word' || prev?.type === 'qident')) {
        out[i] = alias;
      } else if (w === 'double' && isWord(next, 'precision')) {
        out[i + 1] = '';
      } else if (w === 'national' && (isWord(next, 'char') || isWord(next, 'varchar'))) {
        out[i] = '';
      } else if (w === 'binary' && isOp(prev, ')')) {
        out[i] = ''; // `varchar(10) BINARY`: the binary collation, which vtsim does not model
      }
      continue;
    }
    if (w === 'low_priority' || w === 'delayed' || w === 'high_priority' || (w === 'quick' && isWord(prev, 'delete'))) {
      out[i] = '';
    } else if (w === 'ignore' && (isWord(prev, 'update') || isWord(prev, 'delete') || isWord(prev, 'quick') || isWord(prev, 'low_priority'))) {
      out[i] = ''; // UPDATE IGNORE / DELETE IGNORE
    } else if (isOp(next, '(') && PARSER_FUNCTION_NAMES[w] !== undefined) {
      out[i] = PARSER_FUNCTION_NAMES[w];
    } else if (w === 'natural' && (isWord(next, 'join') || isWord(next, 'left') || isWord(next, 'right') || isWord(next, 'inner'))) {
      out[i] = '';
    } else if (w === 'share' && isWord(prev, 'for')) {
      out[i] = 'update';
    } else if ((w === 'localtime' || w === 'localtimestamp') && prev?.value !== '.') {
      out[i] = isOp(next, '(') ? 'now' : 'now()';
    } else if (insertLike && w === 'value' && isOp(next, '(') && (prev?.type === 'word' || prev?.type === 'qident' || isOp(prev, ')'))) {
      out[i] = 'values';
    } else if ((w === 'use' || w === 'force' || w === 'ignore') && (isWord(next, 'index') || isWord(next, 'key'))) {
      // Index hints: USE INDEX [FOR JOIN|ORDER BY|GROUP BY] (list)
      let j = i + 2;
      while (j < tokens.length && !isOp(tokens[j], '(')) j++;
      const close = matchParen(tokens, j);
      if (close < 0) continue;
      for (let k = i; k <= close; k++) out[k] = '';
      i = close;
    } else if (w === 'binary' && !isWord(prev, 'as') && next !== undefined && !isOp(next, ')') && !isOp(next, ',')) {
      out[i] = ''; // BINARY expr (case-sensitive comparison)
    }
  }
  return out;
}

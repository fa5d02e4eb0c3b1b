// A MySQL lexer: splits one statement into tokens, with MySQL's literal rules (backslash escapes,
// double-quoted strings, adjacent-string concatenation, charset introducers, `/*! ... */` comments
// whose content MySQL executes). It is not a parser: node-sql-parser checks the grammar; this only
// gives the dialect layer exact literal values and token positions, which the parser's AST lacks
// (it keeps some escapes raw and decodes others) and which SQL rewriting needs.
// Mirrors go/vt/sqlparser/token.go (Vitess's MySQL tokenizer), reduced to what vtsim rewrites.

export type TokenType =
  | 'word' // bare identifier or keyword
  | 'qident' // `backtick quoted` identifier (value = name)
  | 'string' // '...' or "..." (value = decoded text)
  | 'number'
  | 'hex' // x'0A' or 0x0A (text kept)
  | 'bit' // b'101' or 0b101 (value = decimal digits)
  | 'param' // :name or ? (vtgate bind variables, kept verbatim)
  | 'listparam' // ::name (Vitess list bind variable)
  | 'uservar' // @name
  | 'sysvar' // @@[scope.]name (value = lower-cased name with scope)
  | 'op'; // operators and punctuation

export interface Token {
  type: TokenType;
  /** The text as written (for a merged string, the first literal's text). */
  text: string;
  /** Offset of the token's first character in the statement. */
  start: number;
  /** Offset just past the token. */
  end: number;
  /** Decoded value: string contents, identifier name, parameter name, bit value. */
  value: string;
  /** Whitespace or a comment came before this token (so rewriting keeps words apart). */
  spaceBefore: boolean;
}

/** A statement MySQL's tokenizer rejects (unterminated string, identifier or comment). */
export class LexError extends Error {
  constructor(readonly offset: number) {
    super(`lex error at ${offset}`);
    this.name = 'LexError';
  }
}

const OPERATORS = ['<=>', '->>', '<<', '>>', '<=', '>=', '<>', '!=', '||', '&&', ':=', '->'];

/** Character sets a `_charset'...'` introducer may name (the literal's value is unchanged). */
const INTRODUCERS = new Set(['_utf8mb4', '_utf8mb3', '_utf8', '_latin1', '_binary', '_ascii', '_utf16', '_utf32', '_ucs2']);

function isIdentChar(c: string): boolean {
  return /[A-Za-z0-9_$]/.test(c) || c.charCodeAt(0) >= 0x80;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

/** MySQL's backslash escapes (\% and \_ keep their backslash: they are LIKE escapes). */
function unescape(c: string): string {
  switch (c) {
    case '0':
      return '\0';
    case 'b':
      return '\b';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'Z':
      return '\x1a';
    case '%':
      return '\\%';
    case '_':
      return '\\_';
    default:
      return c;
  }
}

/**
 * Tokenizes a statement. Comments are dropped (they only set `spaceBefore` on the next token),
 * except MySQL's executable comments, whose content is tokenized in place.
 */
export function lex(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let space = false;
  const n = sql.length;
  const push = (type: TokenType, start: number, end: number, value: string): void => {
    tokens.push({ type, text: sql.slice(start, end), start, end, value, spaceBefore: space });
    space = false;
  };
  // Executable comments `/*! ... */` nest one level: their closing `*/` is skipped when reached.
  let inExecComment = false;
  while (i < n) {
    const c = sql[i] as string;
    const next = sql[i + 1] ?? '';
    if (isSpace(c)) {
      space = true;
      i++;
      continue;
    }
    if (inExecComment && c === '*' && next === '/') {
      inExecComment = false;
      space = true;
      i += 2;
      continue;
    }
    if (c === '#' || (c === '-' && next === '-' && (i + 2 >= n || isSpace(sql[i + 2] as string)))) {
      while (i < n && sql[i] !== '\n') i++;
      space = true;
      continue;
    }
    if (c === '/' && next === '*') {
      if (sql[i + 2] === '!' && !inExecComment) {
        // MySQL runs the content of /*! ... */ (and /*!NNNNN ... */ for versions it has).
        i += 3;
        while (i < n && /[0-9]/.test(sql[i] as string)) i++;
        inExecComment = true;
        space = true;
        continue;
      }
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) throw new LexError(i);
      i = close + 2;
      space = true;
      continue;
    }
    const start = i;
    if (c === "'" || c === '"') {
      const [value, end] = readQuoted(sql, i, c);
      push('string', start, end, value);
      i = end;
      continue;
    }
    if (c === '`') {
      let value = '';
      i++;
      for (;;) {
        if (i >= n) throw new LexError(start);
        const ch = sql[i] as string;
        if (ch === '`') {
          if (sql[i + 1] === '`') {
            value += '`';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += ch;
        i++;
      }
      push('qident', start, i, value);
      continue;
    }
    if ((c === 'x' || c === 'X') && next === "'") {
      const close = sql.indexOf("'", i + 2);
      if (close < 0) throw new LexError(i);
      i = close + 1;
      push('hex', start, i, sql.slice(start + 2, close));
      continue;
    }
    if ((c === 'b' || c === 'B') && next === "'") {
      const close = sql.indexOf("'", i + 2);
      if (close < 0) throw new LexError(i);
      i = close + 1;
      push('bit', start, i, bitsToDecimal(sql.slice(start + 2, close)));
      continue;
    }
    if (c === '0' && (next === 'x' || next === 'X') && /[0-9a-fA-F]/.test(sql[i + 2] ?? '')) {
      let j = i + 2;
      while (j < n && /[0-9a-fA-F]/.test(sql[j] as string)) j++;
      if (j >= n || !isIdentChar(sql[j] as string)) {
        push('hex', start, j, sql.slice(start + 2, j));
        i = j;
        continue;
      }
    }
    if (c === '0' && next === 'b' && /[01]/.test(sql[i + 2] ?? '')) {
      let j = i + 2;
      while (j < n && /[01]/.test(sql[j] as string)) j++;
      if (j >= n || !isIdentChar(sql[j] as string)) {
        push('bit', start, j, bitsToDecimal(sql.slice(start + 2, j)));
        i = j;
        continue;
      }
    }
    const prev = tokens[tokens.length - 1];
    const afterQualifier = prev !== undefined && prev.type === 'op' && prev.value === '.' && !space;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(next) && !endsOperand(prev))) {
      const m = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(sql.slice(i, i + 400)) as RegExpExecArray;
      let j = i + m[0].length;
      if (j < n && isIdentChar(sql[j] as string) && !/[.eE]/.test(m[0])) {
        // 1abc is an identifier in MySQL.
        while (j < n && isIdentChar(sql[j] as string)) j++;
        push('word', start, j, sql.slice(start, j));
      } else if (afterQualifier) {
        push('word', start, j, sql.slice(start, j));
      } else {
        push('number', start, j, m[0]);
      }
      i = j;
      continue;
    }
    if (isIdentChar(c)) {
      let j = i;
      while (j < n && isIdentChar(sql[j] as string)) j++;
      const word = sql.slice(start, j);
      // A charset introducer or N'...' (national string) before a string literal is dropped.
      let k = j;
      while (k < n && isSpace(sql[k] as string)) k++;
      if (
        (sql[k] === "'" || sql[k] === '"') &&
        ((INTRODUCERS.has(word.toLowerCase()) && !afterQualifier) || ((word === 'N' || word === 'n') && k === j))
      ) {
        const [value, end] = readQuoted(sql, k, sql[k] as string);
        push('string', start, end, value);
        i = end;
        continue;
      }
      push('word', start, j, word);
      i = j;
      continue;
    }
    if (c === '?') {
      push('param', start, i + 1, '?');
      i++;
      continue;
    }
    if (c === ':' && next === ':' && /[A-Za-z_]/.test(sql[i + 2] ?? '')) {
      let j = i + 2;
      while (j < n && /[A-Za-z0-9_]/.test(sql[j] as string)) j++;
      push('listparam', start, j, sql.slice(i + 2, j));
      i = j;
      continue;
    }
    if (c === ':' && /[A-Za-z0-9_]/.test(next)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_]/.test(sql[j] as string)) j++;
      push('param', start, j, sql.slice(i + 1, j));
      i = j;
      continue;
    }
    if (c === '@' && next === '@') {
      let j = i + 2;
      while (j < n && (isIdentChar(sql[j] as string) || (sql[j] === '.' && isIdentChar(sql[j + 1] ?? '')))) j++;
      if (j === i + 2) throw new LexError(i);
      push('sysvar', start, j, sql.slice(i + 2, j).toLowerCase());
      i = j;
      continue;
    }
    if (c === '@') {
      let j = i + 1;
      if (sql[j] === "'" || sql[j] === '"' || sql[j] === '`') {
        const q = sql[j] as string;
        const close = sql.indexOf(q, j + 1);
        if (close < 0) throw new LexError(i);
        push('uservar', start, close + 1, sql.slice(j + 1, close));
        i = close + 1;
        continue;
      }
      while (j < n && (isIdentChar(sql[j] as string) || sql[j] === '.')) j++;
      push('uservar', start, j, sql.slice(i + 1, j));
      i = j;
      continue;
    }
    const op = OPERATORS.find((o) => sql.startsWith(o, i)) ?? c;
    push('op', start, i + op.length, op);
    i += op.length;
  }
  if (inExecComment) throw new LexError(n);
  return mergeAdjacentStrings(tokens);
}

function readQuoted(sql: string, at: number, quote: string): [string, number] {
  let value = '';
  let i = at + 1;
  const n = sql.length;
  for (;;) {
    if (i >= n) throw new LexError(at);
    const ch = sql[i] as string;
    if (ch === '\\') {
      if (i + 1 >= n) throw new LexError(at);
      value += unescape(sql[i + 1] as string);
      i += 2;
      continue;
    }
    if (ch === quote) {
      if (sql[i + 1] === quote) {
        value += quote;
        i += 2;
        continue;
      }
      return [value, i + 1];
    }
    value += ch;
    i++;
  }
}

function bitsToDecimal(bits: string): string {
  return bits === '' ? '0' : BigInt('0b' + bits).toString();
}

/** MySQL concatenates adjacent string literals: 'a' 'b' is 'ab'. */
function mergeAdjacentStrings(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const last = out[out.length - 1];
    if (t.type === 'string' && last !== undefined && last.type === 'string') {
      out[out.length - 1] = { ...last, value: last.value + t.value, end: t.end };
      continue;
    }
    out.push(t);
  }
  return out;
}

/** True when a token can end an operand (so a following `.5` is not a number, `-` is binary...). */
export function endsOperand(t: Token | undefined): boolean {
  if (t === undefined) return false;
  if (t.type === 'op') return t.value === ')';
  return true;
}

/** True for a bare word equal (case-insensitively) to `w`. */
export function isWord(t: Token | undefined, w: string): boolean {
  return t !== undefined && t.type === 'word' && t.value.toLowerCase() === w;
}

export function isOp(t: Token | undefined, op: string): boolean {
  return t !== undefined && t.type === 'op' && t.value === op;
}

/** Index of the `)` matching the `(` at `open`, or -1. */
export function matchParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type !== 'op') continue;
    if (t.value === '(') depth++;
    else if (t.value === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** An identifier token's name (word or backtick-quoted), or undefined. */
export function identName(t: Token | undefined): string | undefined {
  if (t === undefined) return undefined;
  if (t.type === 'word' || t.type === 'qident') return t.value;
  return undefined;
}

/** A string as MySQL prints it in SHOW CREATE TABLE (sql_show.cc append_unescaped). */
export function mysqlQuote(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "''")
    .replace(/\0/g, '\\0')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
  return `'${escaped}'`;
}

/** A string as a SQLite literal (SQLite has no backslash escapes; NUL needs char(0)). */
export function sqliteQuote(value: string): string {
  if (!value.includes('\0')) return `'${value.replace(/'/g, "''")}'`;
  return `(${value
    .split('\0')
    .map((p) => `'${p.replace(/'/g, "''")}'`)
    .join(' || char(0) || ')})`;
}

/** An identifier quoted for SQLite. */
export function sqliteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** An identifier quoted as MySQL prints it. */
export function mysqlIdent(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** Splits tokens at commas outside parentheses. */
export function splitTopLevel(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (isOp(t, '(')) depth++;
    else if (isOp(t, ')')) depth--;
    if (depth === 0 && isOp(t, ',')) {
      out.push([]);
      continue;
    }
    (out[out.length - 1] as Token[]).push(t);
  }
  return out;
}

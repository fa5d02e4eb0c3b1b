// The MySQL tokenizer vtgate runs before parsing: it splits a statement into tokens with their byte
// offsets, aware of quoted strings, backtick identifiers, comments, bind variables and @-variables.
// Mirrors go/vt/sqlparser/token.go (Tokenizer.Scan). vtgate needs it because the statement is never
// re-printed from an AST: literals are replaced by bind variables and keyspace qualifiers removed by
// editing the user's text at token offsets, so everything else stays as the user wrote it (the text a
// tablet's error quotes back). Parsing proper is node-sql-parser's job (parser.ts).

export type TokenKind =
  /** A bare word: identifier or keyword (`select`, `customer`). */
  | 'ident'
  /** A backtick-quoted identifier; `value` is unescaped. */
  | 'qident'
  /** A '...' or "..." string; `value` is unescaped. */
  | 'string'
  /** An integer (`12`), decimal (`1.5`) or float (`1e3`) literal. */
  | 'number'
  /** 0x1F, X'1F', 0b101, B'101': kept as written (vtsim does not bind them). */
  | 'hex'
  /** `:name` (a bind variable) or `::name` (a list bind variable). */
  | 'param'
  /** `?` placeholder. */
  | 'qmark'
  /** `@@version`, `@@session.autocommit`: a system variable; `value` is the name after @@. */
  | 'sysvar'
  /** `@x`, `@'x'`: a user-defined variable; `value` is its name. */
  | 'uservar'
  /** Punctuation and operators: ( ) , ; . = <=> != <> <= >= := || && << >> -> ->> and single chars. */
  | 'op';

export interface Token {
  kind: TokenKind;
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
  /** The token's text with quotes unescaped (strings, backtick identifiers) or as written. */
  value: string;
  /** Lower-case `value` for words and operators (keyword tests). */
  lower: string;
  /** For numbers: 'int' | 'decimal' | 'float'. */
  numberType?: 'int' | 'decimal' | 'float';
}

/** A tokenizing error (unterminated quote or comment) at an offset of the input. */
export class LexError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'LexError';
  }
}

const MULTI_OPS = ['<=>', '->>', '<=', '>=', '<>', '!=', ':=', '||', '&&', '<<', '>>', '->'];

function isIdentChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || // a-z
    (c >= 65 && c <= 90) || // A-Z
    (c >= 48 && c <= 57) || // 0-9
    c === 95 || // _
    c === 36 || // $
    c >= 0x80
  );
}

function isIdentStart(c: number): boolean {
  return isIdentChar(c) && !(c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

/** MySQL's backslash escapes inside strings (\% and \_ keep their backslash, for LIKE). */
const ESCAPES: Record<string, string> = {
  '0': '\0',
  "'": "'",
  '"': '"',
  b: '\b',
  n: '\n',
  r: '\r',
  t: '\t',
  Z: '\x1a',
  '\\': '\\',
  '%': '\\%',
  _: '\\_',
};

/**
 * Splits one statement into tokens; whitespace and comments are skipped (their offsets are the gaps
 * between tokens). Throws LexError for an unterminated string, identifier or comment.
 */
export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    // Comments: -- (followed by a space or control char), #, /* */.
    if (c === 45 /* - */ && sql.charCodeAt(i + 1) === 45 && (i + 2 >= n || sql.charCodeAt(i + 2) <= 32)) {
      while (i < n && sql.charCodeAt(i) !== 10) i++;
      continue;
    }
    if (c === 35 /* # */) {
      while (i < n && sql.charCodeAt(i) !== 10) i++;
      continue;
    }
    if (c === 47 /* / */ && sql.charCodeAt(i + 1) === 42 /* * */) {
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) throw new LexError('unterminated comment', n);
      i = close + 2;
      continue;
    }
    const start = i;
    // Strings.
    if (c === 39 /* ' */ || c === 34 /* " */) {
      const [value, end] = scanQuoted(sql, i, c);
      out.push({ kind: 'string', start, end, value, lower: value });
      i = end;
      continue;
    }
    if (c === 96 /* ` */) {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= n) throw new LexError('unterminated quoted identifier', n);
        if (sql.charCodeAt(j) === 96) {
          if (sql.charCodeAt(j + 1) === 96) {
            value += '`';
            j += 2;
            continue;
          }
          break;
        }
        value += sql[j];
        j++;
      }
      out.push({ kind: 'qident', start, end: j + 1, value, lower: value.toLowerCase() });
      i = j + 1;
      continue;
    }
    // Hex and bit strings: X'..', B'..' (and 0x.., 0b.. below).
    if ((c === 120 || c === 88 || c === 98 || c === 66) && sql.charCodeAt(i + 1) === 39) {
      const close = sql.indexOf("'", i + 2);
      if (close < 0) throw new LexError('unterminated string', n);
      const text = sql.slice(i, close + 1);
      out.push({ kind: 'hex', start, end: close + 1, value: text, lower: text.toLowerCase() });
      i = close + 1;
      continue;
    }
    // Numbers (and identifiers that start with digits, which MySQL allows).
    if (isDigit(c) || (c === 46 /* . */ && isDigit(sql.charCodeAt(i + 1)) && !prevIsNameLike(out, sql, i))) {
      i = scanNumberOrWord(sql, i, out);
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentChar(sql.charCodeAt(j))) j++;
      const value = sql.slice(i, j);
      out.push({ kind: 'ident', start, end: j, value, lower: value.toLowerCase() });
      i = j;
      continue;
    }
    // Bind variables.
    if (c === 58 /* : */) {
      const list = sql.charCodeAt(i + 1) === 58;
      const nameStart = i + (list ? 2 : 1);
      if (nameStart < n && isIdentStart(sql.charCodeAt(nameStart))) {
        let j = nameStart + 1;
        while (j < n && (isIdentChar(sql.charCodeAt(j)) || sql.charCodeAt(j) === 46)) j++;
        const value = sql.slice(nameStart, j);
        out.push({ kind: 'param', start, end: j, value, lower: list ? '::' : ':' });
        i = j;
        continue;
      }
    }
    if (c === 63 /* ? */) {
      out.push({ kind: 'qmark', start, end: i + 1, value: '?', lower: '?' });
      i++;
      continue;
    }
    // @@system and @user variables.
    if (c === 64 /* @ */) {
      if (sql.charCodeAt(i + 1) === 64) {
        let j = i + 2;
        while (j < n && (isIdentChar(sql.charCodeAt(j)) || sql.charCodeAt(j) === 46)) j++;
        const value = sql.slice(i + 2, j);
        out.push({ kind: 'sysvar', start, end: j, value, lower: value.toLowerCase() });
        i = j;
        continue;
      }
      const q = sql.charCodeAt(i + 1);
      if (q === 39 || q === 34 || q === 96) {
        const [value, end] = q === 96 ? scanBacktick(sql, i + 1) : scanQuoted(sql, i + 1, q);
        out.push({ kind: 'uservar', start, end, value, lower: value.toLowerCase() });
        i = end;
        continue;
      }
      let j = i + 1;
      while (j < n && (isIdentChar(sql.charCodeAt(j)) || sql.charCodeAt(j) === 46)) j++;
      const value = sql.slice(i + 1, j);
      out.push({ kind: 'uservar', start, end: j, value, lower: value.toLowerCase() });
      i = j;
      continue;
    }
    // Operators.
    let op = sql[i] as string;
    for (const m of MULTI_OPS) {
      if (sql.startsWith(m, i)) {
        op = m;
        break;
      }
    }
    out.push({ kind: 'op', start, end: i + op.length, value: op, lower: op });
    i += op.length;
  }
  return out;
}

/** True when the previous token ends right at `i` and is a name (so `.5` is `t.5`, not 0.5). */
function prevIsNameLike(out: Token[], _sql: string, i: number): boolean {
  const prev = out[out.length - 1];
  return prev !== undefined && prev.end === i && (prev.kind === 'ident' || prev.kind === 'qident');
}

function scanQuoted(sql: string, at: number, quote: number): [string, number] {
  let value = '';
  let j = at + 1;
  const n = sql.length;
  for (;;) {
    if (j >= n) throw new LexError('unterminated string', n);
    const c = sql.charCodeAt(j);
    if (c === quote) {
      if (sql.charCodeAt(j + 1) === quote) {
        value += sql[j];
        j += 2;
        continue;
      }
      return [value, j + 1];
    }
    if (c === 92 /* \ */) {
      if (j + 1 >= n) throw new LexError('unterminated string', n);
      const e = sql[j + 1] as string;
      value += ESCAPES[e] ?? e;
      j += 2;
      continue;
    }
    value += sql[j];
    j++;
  }
}

function scanBacktick(sql: string, at: number): [string, number] {
  const close = sql.indexOf('`', at + 1);
  if (close < 0) throw new LexError('unterminated quoted identifier', sql.length);
  return [sql.slice(at + 1, close), close + 1];
}

function scanNumberOrWord(sql: string, i: number, out: Token[]): number {
  const n = sql.length;
  const start = i;
  // 0x1F / 0b101
  if (sql.charCodeAt(i) === 48 && (sql[i + 1] === 'x' || sql[i + 1] === 'X' || sql[i + 1] === 'b' || sql[i + 1] === 'B')) {
    let j = i + 2;
    while (j < n && isIdentChar(sql.charCodeAt(j))) j++;
    const text = sql.slice(i, j);
    const isHex = /^0[xX][0-9a-fA-F]+$/.test(text) || /^0[bB][01]+$/.test(text);
    out.push({ kind: isHex ? 'hex' : 'ident', start, end: j, value: text, lower: text.toLowerCase() });
    return j;
  }
  let j = i;
  let type: 'int' | 'decimal' | 'float' = 'int';
  while (j < n && isDigit(sql.charCodeAt(j))) j++;
  if (sql.charCodeAt(j) === 46 /* . */) {
    type = 'decimal';
    j++;
    while (j < n && isDigit(sql.charCodeAt(j))) j++;
  }
  const e = sql.charCodeAt(j);
  if (e === 101 || e === 69) {
    let k = j + 1;
    if (sql[k] === '+' || sql[k] === '-') k++;
    if (isDigit(sql.charCodeAt(k))) {
      type = 'float';
      j = k;
      while (j < n && isDigit(sql.charCodeAt(j))) j++;
    }
  }
  // MySQL identifiers may start with digits (`1abc`); a number never runs into a word.
  if (type === 'int' && j < n && isIdentChar(sql.charCodeAt(j))) {
    while (j < n && isIdentChar(sql.charCodeAt(j))) j++;
    const word = sql.slice(start, j);
    out.push({ kind: 'ident', start, end: j, value: word, lower: word.toLowerCase() });
    return j;
  }
  const text = sql.slice(start, j);
  out.push({ kind: 'number', start, end: j, value: text, lower: text, numberType: type });
  return j;
}

/** True when the token is the bare word `word` (lower-case). Backtick-quoted names never match. */
export function isWord(t: Token | undefined, word: string): boolean {
  return t !== undefined && t.kind === 'ident' && t.lower === word;
}

/** True when the token is the operator `op`. */
export function isOp(t: Token | undefined, op: string): boolean {
  return t !== undefined && t.kind === 'op' && t.value === op;
}

/** True for a name token (bare or backtick-quoted). */
export function isName(t: Token | undefined): boolean {
  return t !== undefined && (t.kind === 'ident' || t.kind === 'qident');
}

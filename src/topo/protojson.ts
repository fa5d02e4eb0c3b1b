// A protojson decoder for the few proto messages users hand to topo as JSON (vschema.Keyspace,
// vschema.RoutingRules).
// Mirrors google.golang.org/protobuf/encoding/protojson/decode.go and internal/encoding/json/decode*.go,
// which `vtctldclient ApplyVSchema` / `ApplyRoutingRules` use through go/json2.UnmarshalPB
// (DiscardUnknown: true). The point of a port rather than JSON.parse is the error texts: a user who
// types a bad --vschema sees exactly what vtctldclient prints, e.g.
//   proto: syntax error (line 1:2): invalid value x
//   proto: (line 3:16): invalid value for bool field sharded: "yes"
// and the same inputs are accepted: both the proto name (column_vindexes) and the JSON name
// (columnVindexes) of a field, numbers as strings, enum names or numbers, null meaning "unset".
// (The real prefix is randomly "proto: " with regular or non-breaking spaces; we always use regular ones.)

import { VtError } from '../common/errors.js';

/** The scalar kinds our messages use, named as protoreflect.Kind prints them. */
export type ProtoScalarKind = 'bool' | 'string' | 'int32' | 'enum';

/** An enum: its value names and numbers, in declaration order. */
export interface ProtoEnum {
  readonly values: ReadonlyArray<readonly [name: string, number: number]>;
}

/** The type of a field's value (or of a map's values). */
export interface ProtoValueType {
  readonly kind: ProtoScalarKind | 'message';
  /** For kind 'message'; a thunk so messages can refer to each other in any order. */
  readonly message?: () => ProtoMessage;
  /** For kind 'enum'. */
  readonly enumType?: ProtoEnum;
}

export interface ProtoField extends ProtoValueType {
  readonly number: number;
  /** The proto (text) name, e.g. 'column_vindexes'; decoded objects use it as the key. */
  readonly name: string;
  /** The lowerCamelCase JSON name, e.g. 'columnVindexes'; errors print it. */
  readonly jsonName: string;
  /** 'map' fields are map<string, value type>. */
  readonly label: 'singular' | 'optional' | 'repeated' | 'map';
}

export interface ProtoMessage {
  readonly fullName: string;
  readonly fields: readonly ProtoField[];
}

/** protoc's json_name: drop each underscore and upper-case the letter after it. */
export function protoJsonName(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()).replace(/_/g, '');
}

/** Builds a field descriptor; `jsonName` is derived from the proto name. */
export function protoField(
  number: number,
  name: string,
  type: ProtoValueType,
  label: ProtoField['label'] = 'singular',
): ProtoField {
  return { number, name, jsonName: protoJsonName(name), label, ...type };
}

/** A JSON input protojson refused; the message is the text vtctldclient prints. */
export class ProtoJsonError extends VtError {
  constructor(message: string) {
    super('INVALID_ARGUMENT', `proto: ${message}`);
    this.name = 'ProtoJsonError';
  }
}

export interface ProtoJsonOptions {
  /** Skip fields the message does not have (json2.UnmarshalPB does); otherwise `unknown field "x"`. */
  discardUnknown?: boolean;
}

/** A decoded message: only the fields present in the input, keyed by proto name. */
export type DecodedMessage = Record<string, unknown>;

/** Decodes `text` as the protojson form of `message`, or throws a ProtoJsonError with protojson's text. */
export function decodeProtoJson(text: string, message: ProtoMessage, options: ProtoJsonOptions = {}): DecodedMessage {
  return new MessageDecoder(text, options.discardUnknown ?? false).decodeRoot(message);
}

// ---------------------------------------------------------------------------------------------------------
// Tokens (internal/encoding/json/decode.go).

type TokenKind = 'none' | 'EOF' | 'null' | 'bool' | 'number' | 'string' | 'name' | '{' | '}' | '[' | ']' | ',';

interface Token {
  kind: TokenKind;
  /** The input text of the token (strings keep their quotes and escapes). */
  raw: string;
  /** Index of the token in the input. */
  pos: number;
  /** The decoded value of a string or name token. */
  str: string;
  bool: boolean;
}

const NO_TOKEN: Token = { kind: 'none', raw: '', pos: 0, str: '', bool: false };
const SCALAR_KINDS: ReadonlySet<TokenKind> = new Set(['null', 'bool', 'number', 'string']);
const DEFAULT_RECURSION_LIMIT = 10_000; // protowire.DefaultRecursionLimit

function isNotDelim(c: string | undefined): boolean {
  return c !== undefined && /[-+._a-zA-Z0-9]/.test(c);
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** The length of the JSON number at `start`, or 0 if there is none (it must end at a delimiter). */
function numberLength(s: string, start: number): number {
  let i = start;
  if (s[i] === '-') i++;
  if (s[i] === '0') i++;
  else if (s[i] !== undefined && s[i]! >= '1' && s[i]! <= '9') while (isDigit(s[i])) i++;
  else return 0;
  if (s[i] === '.' && isDigit(s[i + 1])) {
    i += 2;
    while (isDigit(s[i])) i++;
  }
  if ((s[i] === 'e' || s[i] === 'E') && i + 1 < s.length) {
    i++;
    if (s[i] === '+' || s[i] === '-') {
      i++;
      if (i >= s.length) return 0;
    }
    while (isDigit(s[i])) i++;
  }
  if (isNotDelim(s[i])) return 0;
  return i - start;
}

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;

/**
 * The int32 value of a JSON number text, or undefined if it is not an integer in range. Like protojson,
 * integral values in any notation count (1.0, 1e2, 100e-2 ...).
 */
function int32FromNumber(raw: string): number | undefined {
  const m = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]*))?$/.exec(raw);
  if (!m) return undefined;
  const neg = m[1] === '-';
  const intp = m[2] === '0' ? '' : (m[2] ?? '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  let exp = 0;
  if (m[4] !== undefined && m[4] !== '') {
    if (!/^[+-]?[0-9]+$/.test(m[4])) return undefined;
    const e = BigInt(m[4]);
    if (e < INT32_MIN || e > INT32_MAX) return undefined;
    exp = Number(e);
  }
  let digits: string;
  if (intp === '' && frac === '') {
    digits = '0';
  } else if (exp >= 0) {
    if (frac.length > exp || intp.length + exp > 20) return undefined;
    digits = intp + frac + '0'.repeat(exp - frac.length);
  } else {
    if (frac.length > 0) return undefined;
    const index = intp.length + exp;
    if (index < 0 || /[^0]/.test(intp.slice(index))) return undefined;
    digits = intp.slice(0, index);
  }
  const n = BigInt((neg && digits !== '0' ? '-' : '') + digits);
  return n < INT32_MIN || n > INT32_MAX ? undefined : Number(n);
}

/** Go's strconv.QuoteRune for the control characters JSON strings may not contain. */
function goQuoteRune(code: number): string {
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
  return `'${named[code] ?? `\\x${code.toString(16).padStart(2, '0')}`}'`;
}

/** Go's strconv.Quote (enough of it for the escape sequences an error can quote). */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c < 0x20 || c === 0x7f) out += goQuoteRune(c).slice(1, -1);
    else if ((c >= 0x80 && c <= 0x9f) || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A token reader with protojson's sequencing rules and error texts. */
class JsonTokens {
  private index = 0;
  private lastCall: 'read' | 'peek' = 'read';
  private lastToken: Token = NO_TOKEN;
  private peekError: ProtoJsonError | undefined;
  private readonly openStack: Array<'{' | '['> = [];

  constructor(private readonly text: string) {}

  /** The next token, validated against what may come next. */
  read(): Token {
    if (this.lastCall === 'peek') {
      this.lastCall = 'read';
      if (this.peekError) throw this.peekError;
      return this.lastToken;
    }
    return this.readNext();
  }

  /** The next token, without consuming it. */
  peek(): Token {
    if (this.lastCall === 'read') {
      try {
        this.readNext();
        this.peekError = undefined;
      } catch (e) {
        if (!(e instanceof ProtoJsonError)) throw e;
        this.peekError = e;
      }
    }
    this.lastCall = 'peek';
    if (this.peekError) throw this.peekError;
    return this.lastToken;
  }

  /** "(line L:C): " for an index of the input; columns count code points. */
  position(pos: number): string {
    const before = this.text.slice(0, pos);
    const line = before.split('\n').length;
    const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
    return `(line ${line}:${column})`;
  }

  syntaxError(pos: number, message: string): ProtoJsonError {
    return new ProtoJsonError(`syntax error ${this.position(pos)}: ${message}`);
  }

  unexpectedToken(tok: Token): ProtoJsonError {
    return this.syntaxError(tok.pos, `unexpected token ${tok.raw}`);
  }

  private readNext(): Token {
    const tok = this.parseNext();
    switch (tok.kind) {
      case 'EOF':
        if (this.openStack.length !== 0) throw unexpectedEof();
        break;
      case 'null':
      case 'bool':
      case 'number':
        if (!this.isValueNext()) throw this.unexpectedToken(tok);
        break;
      case 'string': {
        if (this.isValueNext()) break;
        // Otherwise it can only be a field name.
        if (this.lastToken.kind !== '{' && this.lastToken.kind !== ',') throw this.unexpectedToken(tok);
        const c = this.text[this.index];
        if (c === undefined) throw unexpectedEof();
        if (c !== ':') {
          throw this.syntaxError(this.index, `unexpected character ${c}, missing ":" after field name`);
        }
        tok.kind = 'name';
        this.consume(1);
        break;
      }
      case '{':
      case '[':
        if (!this.isValueNext()) throw this.unexpectedToken(tok);
        this.openStack.push(tok.kind);
        break;
      case '}':
        if (
          this.openStack.length === 0 ||
          this.lastToken.kind === 'name' ||
          this.lastToken.kind === ',' ||
          this.openStack[this.openStack.length - 1] !== '{'
        ) {
          throw this.unexpectedToken(tok);
        }
        this.openStack.pop();
        break;
      case ']':
        if (
          this.openStack.length === 0 ||
          this.lastToken.kind === ',' ||
          this.openStack[this.openStack.length - 1] !== '['
        ) {
          throw this.unexpectedToken(tok);
        }
        this.openStack.pop();
        break;
      case ',':
        if (
          this.openStack.length === 0 ||
          !(SCALAR_KINDS.has(this.lastToken.kind) || this.lastToken.kind === '}' || this.lastToken.kind === ']')
        ) {
          throw this.unexpectedToken(tok);
        }
        break;
      default:
        break;
    }
    this.lastToken = tok;
    return tok.kind === ',' ? this.readNext() : tok;
  }

  private isValueNext(): boolean {
    const top = this.openStack[this.openStack.length - 1];
    if (top === undefined) return this.lastToken.kind === 'none';
    if (top === '{') return this.lastToken.kind === 'name';
    return this.lastToken.kind === '[' || this.lastToken.kind === ',';
  }

  private consume(n: number): void {
    this.index += n;
    while (this.index < this.text.length && ' \n\r\t'.includes(this.text[this.index]!)) this.index++;
  }

  private token(kind: TokenKind, size: number, str = '', bool = false): Token {
    const pos = this.index;
    const raw = this.text.slice(pos, pos + size);
    this.consume(size);
    return { kind, raw, pos, str, bool };
  }

  private matchWord(word: string): number {
    const s = this.text;
    return s.startsWith(word, this.index) && !isNotDelim(s[this.index + word.length]) ? word.length : 0;
  }

  private parseNext(): Token {
    this.consume(0);
    const c = this.text[this.index];
    if (c === undefined) return this.token('EOF', 0);
    switch (c) {
      case 'n': {
        const n = this.matchWord('null');
        if (n) return this.token('null', n);
        break;
      }
      case 't': {
        const n = this.matchWord('true');
        if (n) return this.token('bool', n, '', true);
        break;
      }
      case 'f': {
        const n = this.matchWord('false');
        if (n) return this.token('bool', n, '', false);
        break;
      }
      case '"': {
        const [str, size] = this.parseString();
        return this.token('string', size, str);
      }
      case '{':
      case '}':
      case '[':
      case ']':
      case ',':
        return this.token(c, 1);
      default:
        if (c === '-' || isDigit(c)) {
          const n = numberLength(this.text, this.index);
          if (n) return this.token('number', n);
        }
    }
    const shown = /^([-+._a-zA-Z0-9]{1,32}|[^\n])/u.exec(this.text.slice(this.index))?.[0] ?? '';
    throw this.syntaxError(this.index, `invalid value ${shown}`);
  }

  /** Decodes the string starting at the current index; returns its value and its length in the input. */
  private parseString(): [string, number] {
    const s = this.text;
    const start = this.index;
    const at = this.index; // string errors point at the opening quote
    let i = start + 1;
    let out = '';
    while (i < s.length) {
      const ch = s[i]!;
      const code = ch.charCodeAt(0);
      if (code < 0x20) throw this.syntaxError(at, `invalid character ${goQuoteRune(code)} in string`);
      if (ch === '"') return [out, i + 1 - start];
      if (ch !== '\\') {
        out += ch;
        i++;
        continue;
      }
      if (i + 1 >= s.length) throw unexpectedEof();
      const esc = s[i + 1]!;
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (simple[esc] !== undefined) {
        out += simple[esc];
        i += 2;
        continue;
      }
      if (esc !== 'u') throw this.syntaxError(at, `invalid escape code ${goQuote(s.slice(i, i + 2))} in string`);
      if (s.length - i < 6) throw unexpectedEof();
      const hex = s.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        throw this.syntaxError(at, `invalid escape code ${goQuote(s.slice(i, i + 6))} in string`);
      }
      let r = parseInt(hex, 16);
      i += 6;
      if (r >= 0xd800 && r <= 0xdfff) {
        if (s.length - i < 6) throw unexpectedEof();
        const hex2 = s.slice(i + 2, i + 6);
        const low = /^[0-9a-fA-F]{4}$/.test(hex2) ? parseInt(hex2, 16) : -1;
        const paired = r <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
        if (s[i] !== '\\' || s[i + 1] !== 'u' || !paired) {
          throw this.syntaxError(at, `invalid escape code ${goQuote(s.slice(i, i + 6))} in string`);
        }
        r = 0x10000 + ((r - 0xd800) << 10) + (low - 0xdc00);
        i += 6;
      }
      out += String.fromCodePoint(r);
    }
    throw unexpectedEof();
  }
}

function unexpectedEof(): ProtoJsonError {
  return new ProtoJsonError('unexpected EOF');
}

// ---------------------------------------------------------------------------------------------------------
// Messages (encoding/protojson/decode.go).

/** Sets an own property even for keys like "__proto__" (table names are user data). */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

class MessageDecoder {
  private readonly tokens: JsonTokens;

  constructor(
    text: string,
    private readonly discardUnknown: boolean,
  ) {
    this.tokens = new JsonTokens(text);
  }

  decodeRoot(message: ProtoMessage): DecodedMessage {
    const out = this.decodeMessage(message, DEFAULT_RECURSION_LIMIT);
    const tok = this.tokens.read();
    if (tok.kind !== 'EOF') throw this.tokens.unexpectedToken(tok);
    return out;
  }

  private newError(pos: number, message: string): ProtoJsonError {
    return new ProtoJsonError(`${this.tokens.position(pos)}: ${message}`);
  }

  private decodeMessage(message: ProtoMessage, recursionLimit: number): DecodedMessage {
    const limit = recursionLimit - 1;
    if (limit < 0) throw new ProtoJsonError('exceeded max recursion depth');
    const t = this.tokens;
    const open = t.read();
    if (open.kind !== '{') throw t.unexpectedToken(open);
    const out: DecodedMessage = {};
    const seen = new Set<number>();
    for (;;) {
      const tok = t.read();
      if (tok.kind === '}') return out;
      if (tok.kind !== 'name') throw t.unexpectedToken(tok);
      const fd =
        message.fields.find((f) => f.jsonName === tok.str) ?? message.fields.find((f) => f.name === tok.str);
      if (fd === undefined) {
        if (!this.discardUnknown) throw this.newError(tok.pos, `unknown field ${tok.raw}`);
        this.skipValue(limit);
        continue;
      }
      if (seen.has(fd.number)) throw this.newError(tok.pos, `duplicate field ${tok.raw}`);
      seen.add(fd.number);
      // null means "not set" (there is no google.protobuf.Value in our messages).
      let next: Token | undefined;
      try {
        next = t.peek();
      } catch {
        next = undefined; // the next read reports it
      }
      if (next?.kind === 'null') {
        t.read();
        continue;
      }
      switch (fd.label) {
        case 'repeated':
          setOwn(out, fd.name, this.decodeList(fd, limit));
          break;
        case 'map':
          setOwn(out, fd.name, this.decodeMap(fd, limit));
          break;
        default: {
          const v = this.decodeValue(fd, fd.jsonName, limit);
          if (v !== undefined) setOwn(out, fd.name, v);
        }
      }
    }
  }

  /** A message or scalar value; undefined for an unknown enum name that is being discarded. */
  private decodeValue(type: ProtoValueType, jsonName: string, limit: number): unknown {
    if (type.kind === 'message') return this.decodeMessage(type.message!(), limit);
    return this.decodeScalar(type, jsonName);
  }

  private decodeScalar(type: ProtoValueType, jsonName: string): unknown {
    const tok = this.tokens.read();
    switch (type.kind) {
      case 'bool':
        if (tok.kind === 'bool') return tok.bool;
        break;
      case 'string':
        if (tok.kind === 'string') return tok.str;
        break;
      case 'int32': {
        const n = int32FromToken(tok);
        if (n !== undefined) return n;
        break;
      }
      case 'enum': {
        const values = type.enumType!.values;
        if (tok.kind === 'string') {
          const hit = values.find(([name]) => name === tok.str);
          if (hit) return hit[0];
          if (this.discardUnknown) return undefined;
        } else if (tok.kind === 'number') {
          const n = int32FromNumber(tok.raw);
          if (n !== undefined) return values.find(([, num]) => num === n)?.[0] ?? n;
        }
        break;
      }
      default:
        break;
    }
    throw this.newError(tok.pos, `invalid value for ${type.kind} field ${jsonName}: ${tok.raw}`);
  }

  private decodeList(fd: ProtoField, limit: number): unknown[] {
    const t = this.tokens;
    const open = t.read();
    if (open.kind !== '[') throw t.unexpectedToken(open);
    const out: unknown[] = [];
    for (;;) {
      if (t.peek().kind === ']') {
        t.read();
        return out;
      }
      const v = this.decodeValue(fd, fd.jsonName, limit);
      if (v !== undefined) out.push(v);
    }
  }

  private decodeMap(fd: ProtoField, limit: number): Record<string, unknown> {
    const t = this.tokens;
    const open = t.read();
    if (open.kind !== '{') throw t.unexpectedToken(open);
    const out: Record<string, unknown> = {};
    const keys = new Set<string>();
    for (;;) {
      const tok = t.read();
      if (tok.kind === '}') return out;
      if (tok.kind !== 'name') throw t.unexpectedToken(tok);
      if (keys.has(tok.str)) throw this.newError(tok.pos, `duplicate map key ${tok.raw}`);
      // A map entry's value field is named "value".
      const v = this.decodeValue(fd, 'value', limit);
      if (v !== undefined) {
        keys.add(tok.str);
        setOwn(out, tok.str, v);
      }
    }
  }

  /** Skips an unknown field's value, whatever its shape. */
  private skipValue(limit: number): void {
    let open = 0;
    for (;;) {
      const tok = this.tokens.read();
      if (tok.kind === '}' || tok.kind === ']') open--;
      else if (tok.kind === '{' || tok.kind === '[') {
        open++;
        if (open > limit) throw new ProtoJsonError('exceeded max recursion depth');
      } else if (tok.kind === 'EOF') throw unexpectedEof();
      if (open === 0) return;
    }
  }
}

/** An int32 from a number token or a string holding exactly one JSON number. */
function int32FromToken(tok: Token): number | undefined {
  if (tok.kind === 'number') return int32FromNumber(tok.raw);
  if (tok.kind !== 'string') return undefined;
  const s = tok.str;
  if (s.trim() !== s || s === '' || numberLength(s, 0) !== s.length) return undefined;
  return int32FromNumber(s);
}

// The two JSON printers vtctldclient's output goes through.
// Mirrors go/cmd/vtctldclient/cli/json.go: proto messages are printed with protojson (multiline,
// two-space indent), anything else with Go's json.MarshalIndent. The layouts are the same; they
// differ in string escaping (Go's encoder escapes <, >, & and U+2028/2029 for HTML safety, protojson
// does not) and in key order (callers give proto/struct fields in declaration order; Go maps, passed
// as JS Maps, are printed with sorted keys).
//
// Values: objects and arrays, JS Maps (Go/proto maps), strings, numbers, bigints (printed as integer
// literals; protojson's int64-as-string is the caller's job), booleans, null, and Uint8Array (bytes,
// printed as base64). Object properties whose value is undefined are left out, as omitempty would.
// The result has no trailing newline (the CLI's Println adds it).

import { compareBytes } from './go-string.js';

type Escaper = (s: string) => string;

interface Printer {
  indent: string;
  escape: Escaper;
  /** Sort the keys of plain objects too (Go map[string]T given as an object). */
  sortKeys: boolean;
  /** Order of JS Map keys. */
  mapOrder: (keys: unknown[]) => Array<[unknown, string]>;
  nonFinite: (n: number) => string;
}

/** protojson's output for a proto message (vtctldclient's default for proto responses). */
export function protoJson(value: unknown): string {
  return print(value, '', {
    indent: '  ',
    escape: escapeProtoJson,
    sortKeys: false,
    mapOrder: protoMapOrder,
    // protojson writes the special float values as strings.
    nonFinite: (n) => (Number.isNaN(n) ? '"NaN"' : n > 0 ? '"Infinity"' : '"-Infinity"'),
  });
}

export interface GoJsonOptions {
  /** Print every plain object with sorted keys, as Go does for maps (JS Maps are always sorted). */
  sortKeys?: boolean;
}

/** Go's json.MarshalIndent(value, "", indent). */
export function goJson(value: unknown, indent = '  ', options: GoJsonOptions = {}): string {
  return print(value, '', {
    indent,
    escape: escapeGoJson,
    sortKeys: options.sortKeys ?? false,
    mapOrder: goMapOrder,
    nonFinite: (n) => {
      throw new Error(`json: unsupported value: ${n}`);
    },
  });
}

/** goJson with tab indentation, as older vtctldclient VDiff output (and the docs) show it. */
export function goJsonTabs(value: unknown, options: GoJsonOptions = {}): string {
  return goJson(value, '\t', options);
}

function print(value: unknown, prefix: string, p: Printer): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return p.escape(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'number':
      return Number.isFinite(value) ? goFloat(value) : p.nonFinite(value);
    case 'object':
      break;
    default:
      throw new Error(`json: unsupported type: ${typeof value}`);
  }
  if (value instanceof Uint8Array) return p.escape(base64(value));
  const inner = prefix + p.indent;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => inner + print(v, inner, p));
    return `[\n${items.join(',\n')}\n${prefix}]`;
  }
  let entries: Array<[string, unknown]>;
  if (value instanceof Map) {
    entries = p.mapOrder([...value.keys()]).map(([k, name]) => [name, value.get(k)]);
  } else {
    entries = Object.entries(value as Record<string, unknown>);
    if (p.sortKeys) entries.sort(([a], [b]) => compareBytes(a, b));
  }
  entries = entries.filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const members = entries.map(([k, v]) => `${inner}${p.escape(k)}: ${print(v, inner, p)}`);
  return `{\n${members.join(',\n')}\n${prefix}}`;
}

/**
 * A float64 as Go's encoders write it: shortest round-trip digits, exponent form only below 1e-6
 * or from 1e21 (as `1e-7`, `1e+21`), which is exactly JavaScript's Number formatting; Go keeps the
 * sign of negative zero.
 */
export function goFloat(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}

/** Go's encoding/json map order: keys turned into strings, sorted bytewise. */
function goMapOrder(keys: unknown[]): Array<[unknown, string]> {
  return keys.map((k): [unknown, string] => [k, String(k)]).sort(([, a], [, b]) => compareBytes(a, b));
}

/** protojson's map order (order.GenericKeyOrder): numeric keys by value, others bytewise. */
function protoMapOrder(keys: unknown[]): Array<[unknown, string]> {
  const pairs = keys.map((k): [unknown, string] => [k, String(k)]);
  if (keys.every((k) => typeof k === 'number' || typeof k === 'bigint')) {
    return pairs.sort(([a], [b]) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0));
  }
  return pairs.sort(([, a], [, b]) => compareBytes(a, b));
}

/** Go encoding/json string escaping (HTML-safe, as json.Marshal does by default). */
function escapeGoJson(s: string): string {
  return escapeWith(s, (cp) => {
    if (cp === 0x3c || cp === 0x3e || cp === 0x26 || cp === 0x2028 || cp === 0x2029) return unicodeEscape(cp);
    return null;
  });
}

/** protojson string escaping: only quotes, backslashes and control characters. */
function escapeProtoJson(s: string): string {
  return escapeWith(s, () => null);
}

const SHORT_ESCAPES: Record<number, string> = {
  0x22: '\\"',
  0x5c: '\\\\',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
};

function escapeWith(s: string, extra: (cp: number) => string | null): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const short = SHORT_ESCAPES[cp];
    if (short !== undefined) out += short;
    else if (cp < 0x20) out += unicodeEscape(cp);
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd'; // a lone surrogate is not valid UTF-8
    else out += extra(cp) ?? ch;
  }
  return out + '"';
}

function unicodeEscape(cp: number): string {
  return '\\u' + cp.toString(16).padStart(4, '0');
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding, as both Go encoders write []byte / bytes fields. */
function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += BASE64[(n >> 18) & 63]! + BASE64[(n >> 12) & 63]!;
    out += b === undefined ? '=' : BASE64[(n >> 6) & 63]!;
    out += c === undefined ? '=' : BASE64[n & 63]!;
  }
  return out;
}

// The parts of Go's strconv that pflag uses to read flag values, with Go's exact error texts
// (`strconv.ParseInt: parsing "abc": invalid syntax`), and FormatFloat(v, 'g', -1, 64), which pflag uses
// to print float defaults in help.
// Mirrors Go's src/strconv/atoi.go, atof.go, atob.go and ftoa.go (only what pflag reaches).

import { goQuote } from '../render/go-string.js';
import { GoValueError } from '../../common/go-duration.js';

function syntaxError(fn: string, s: string): GoValueError {
  return new GoValueError(`strconv.${fn}: parsing ${goQuote(s)}: invalid syntax`);
}

function rangeError(fn: string, s: string): GoValueError {
  return new GoValueError(`strconv.${fn}: parsing ${goQuote(s)}: value out of range`);
}

/** Go's underscoreOK: underscores only between digits (or after a base prefix). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  const p = (s[1] ?? '').toLowerCase();
  if (s.length >= 2 && s[0] === '0' && (p === 'b' || p === 'o' || p === 'x')) {
    i = 2;
    saw = '0';
    hex = p === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i] ?? '';
    const lc = c.toLowerCase();
    if ((c >= '0' && c <= '9') || (hex && lc >= 'a' && lc <= 'f')) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** The body of strconv.ParseUint(s, 0, bitSize), reporting errors as `fn` on `whole`. */
function parseUintBase0(s: string, bitSize: number, fn: string, whole: string): bigint {
  if (s === '') throw syntaxError(fn, whole);
  let base = 10;
  let digits = s;
  if (s[0] === '0') {
    const p = (s[1] ?? '').toLowerCase();
    const prefixed = s.length >= 3 ? ({ b: 2, o: 8, x: 16 } as Record<string, number>)[p] : undefined;
    base = prefixed ?? 8;
    digits = prefixed === undefined ? s.slice(1) : s.slice(2);
  }
  const maxVal = (1n << BigInt(bitSize)) - 1n;
  const b = BigInt(base);
  // The smallest number such that cutoff*base > maxUint64.
  const cutoff = ((1n << 64n) - 1n) / b + 1n;
  let n = 0n;
  let underscores = false;
  for (const c of digits) {
    let d: number;
    const lc = c.toLowerCase();
    if (c === '_') {
      underscores = true;
      continue;
    } else if (c >= '0' && c <= '9') d = c.charCodeAt(0) - 48;
    else if (lc >= 'a' && lc <= 'z') d = lc.charCodeAt(0) - 97 + 10;
    else throw syntaxError(fn, whole);
    if (d >= base) throw syntaxError(fn, whole);
    if (n >= cutoff) throw rangeError(fn, whole);
    n *= b;
    const n1 = n + BigInt(d);
    if (n1 > maxVal) throw rangeError(fn, whole);
    n = n1;
  }
  if (underscores && !underscoreOK(s)) throw syntaxError(fn, whole);
  return n;
}

/** strconv.ParseUint(s, 0, bitSize): Go integer literal syntax (0x, 0o, 0b, leading-0 octal, `_`). */
export function parseGoUint(s: string, bitSize: number): bigint {
  return parseUintBase0(s, bitSize, 'ParseUint', s);
}

/** strconv.ParseInt(s, 0, bitSize). */
export function parseGoInt(s: string, bitSize: number): bigint {
  if (s === '') throw syntaxError('ParseInt', s);
  let body = s;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    body = s.slice(1);
  }
  const un = parseUintBase0(body, 64, 'ParseInt', s);
  const cutoff = 1n << BigInt(bitSize - 1);
  if (!neg && un >= cutoff) throw rangeError('ParseInt', s);
  if (neg && un > cutoff) throw rangeError('ParseInt', s);
  return neg ? -un : un;
}

/** strconv.ParseBool. */
export function parseGoBool(s: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  throw syntaxError('ParseBool', s);
}

const DECIMAL_FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/;
const SPECIAL_FLOAT = /^([+-]?)(inf|infinity|nan)$/i;
const MAX_FLOAT32 = 3.4028234663852886e38;

/** strconv.ParseFloat(s, bitSize): decimal and hex literals, inf/infinity/nan; no `_` separators. */
export function parseGoFloat(s: string, bitSize: 32 | 64): number {
  const special = SPECIAL_FLOAT.exec(s);
  if (special) {
    if ((special[2] ?? '').toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  let v: number;
  const hex = HEX_FLOAT.exec(s);
  if (hex) {
    const intPart = hex[2] ?? '';
    const fracPart = hex[3] ?? '';
    if (intPart === '' && fracPart === '') throw syntaxError('ParseFloat', s);
    const mantissa = parseInt((intPart + fracPart) || '0', 16);
    v = mantissa * Math.pow(2, Number(hex[4]) - 4 * fracPart.length);
    if (hex[1] === '-') v = -v;
  } else if (DECIMAL_FLOAT.test(s)) {
    v = Number(s);
  } else {
    throw syntaxError('ParseFloat', s);
  }
  if (!Number.isFinite(v) || (bitSize === 32 && Math.abs(v) > MAX_FLOAT32)) throw rangeError('ParseFloat', s);
  return bitSize === 32 ? Math.fround(v) : v;
}

/**
 * Go's strconv.FormatFloat(v, 'g', -1, 64): the shortest digits that round-trip, in %e form when the
 * exponent is < -4 or >= 6 (Go decides with precision 6 in shortest mode): 1e6 prints as `1e+06`.
 */
export function formatGoFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const neg = v < 0;
  // toExponential() without an argument gives the shortest round-trip digits, as Go's shortest mode does.
  const [mant = '', expText = '0'] = Math.abs(v).toExponential().split('e');
  const digits = mant.replace('.', '');
  const exp = Number(expText);
  let out: string;
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? '.' + digits.slice(1) : '';
    const e = Math.abs(exp);
    out = `${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' + e : e}`;
  } else if (exp < 0) {
    out = '0.' + '0'.repeat(-exp - 1) + digits;
  } else {
    const intLen = exp + 1;
    out = digits.length <= intLen ? digits + '0'.repeat(intLen - digits.length) : digits.slice(0, intLen) + '.' + digits.slice(intLen);
  }
  return neg ? '-' + out : out;
}

/** fmt's %q for a single byte/rune: a Go character literal such as 'x' or '\''. */
export function goQuoteRune(ch: string): string {
  if (ch === "'") return "'\\''";
  const q = goQuote(ch);
  return "'" + q.slice(1, -1).replace(/\\"/g, '"') + "'";
}

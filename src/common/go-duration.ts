// Shared by the command layer (flag parsing), the workflow server and the tablets (messages).
// Go's time.Duration text forms, which vtctldclient's flags accept and its help prints: ParseDuration
// (`30s`, `1m30s`, `500ms`, `1.5h`) and Duration.String (`30s`, `1m0s`, `1h0m0s`, `500ms`).
// Mirrors Go's src/time/format.go (ParseDuration) and src/time/time.go (Duration.String).
// Durations are kept in milliseconds, as the spec types say; the arithmetic is done in nanoseconds with
// BigInt so values, limits and errors match Go's int64 exactly.

const MAX_INT64 = (1n << 63n) - 1n;
const ONE_63 = 1n << 63n;

const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 micro sign
  'μs': 1_000n, // U+03BC Greek small letter mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** A Go value-parse error; `message` is Go's error text (e.g. `time: invalid duration "abc"`). */
export class GoValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoValueError';
  }
}

/** time's own quote(): `"` + text + `"`, escaping `"` and `\`, and bytes outside printable ASCII as \xNN. */
function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0x80 || cp < 0x20) {
      for (const byte of utf8Bytes(ch)) out += '\\x' + byte.toString(16).padStart(2, '0');
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return out + '"';
}

function utf8Bytes(ch: string): number[] {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** Parses a Go duration string into nanoseconds (Go's time.ParseDuration). Throws GoValueError. */
export function parseGoDurationNs(orig: string): bigint {
  const invalid = () => new GoValueError(`time: invalid duration ${timeQuote(orig)}`);
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let d = 0n;
  while (s !== '') {
    // The next character must be [0-9.].
    if (!(s[0] === '.' || isDigit(s[0]))) throw invalid();
    // Leading integer, with Go's overflow rule.
    let i = 0;
    let v = 0n;
    while (isDigit(s[i])) {
      if (v > ONE_63 / 10n) throw invalid();
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > ONE_63) throw invalid();
      i++;
    }
    const pre = i > 0;
    s = s.slice(i);
    // Optional fraction: digits beyond int64 precision are consumed and ignored, as Go does.
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      while (isDigit(s[j])) {
        if (!overflow) {
          const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
          if (f > MAX_INT64 / 10n || y > ONE_63) overflow = true;
          else {
            f = y;
            scale *= 10;
          }
        }
        j++;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) throw invalid();
    // The unit is everything up to the next digit or dot.
    let k = 0;
    while (k < s.length && !(s[k] === '.' || isDigit(s[k]))) k++;
    if (k === 0) throw new GoValueError(`time: missing unit in duration ${timeQuote(orig)}`);
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = UNIT_NS[u];
    if (unit === undefined) throw new GoValueError(`time: unknown unit ${timeQuote(u)} in duration ${timeQuote(orig)}`);
    if (v > ONE_63 / unit) throw invalid();
    v *= unit;
    if (f > 0n) {
      // Go computes this part in float64; so do we, to round the same way.
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > ONE_63) throw invalid();
    }
    d += v;
    if (d > ONE_63) throw invalid();
  }
  if (neg) return -d;
  if (d > MAX_INT64) throw invalid();
  return d;
}

/** Parses a Go duration string into milliseconds (fractions kept for sub-millisecond units). */
export function parseGoDuration(s: string): number {
  return Number(parseGoDurationNs(s)) / 1e6;
}

/** fmtFrac: the fraction of v/10^prec without trailing zeros (and without the dot when it is zero). */
function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let digits = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print = print || digit !== 0n;
    if (print) digits = String(digit) + digits;
    v /= 10n;
  }
  return [print ? '.' + digits : '', v];
}

/** Go's Duration.String for a duration in nanoseconds. */
export function durationStringNs(d: bigint): string {
  const neg = d < 0n;
  let u = neg ? -d : d;
  let out: string;
  if (u < 1_000_000_000n) {
    // Under a second Go switches to smaller units, like 1.2ms.
    let unit: string;
    let prec: number;
    if (u === 0n) return '0s';
    if (u < 1_000n) {
      unit = 'ns';
      prec = 0;
    } else if (u < 1_000_000n) {
      unit = 'µs';
      prec = 3;
    } else {
      unit = 'ms';
      prec = 6;
    }
    const [frac, whole] = fmtFrac(u, prec);
    out = String(whole) + frac + unit;
  } else {
    const [frac, secs] = fmtFrac(u, 9);
    u = secs;
    out = String(u % 60n) + frac + 's';
    u /= 60n;
    if (u > 0n) {
      out = String(u % 60n) + 'm' + out;
      u /= 60n;
      if (u > 0n) out = String(u) + 'h' + out;
    }
  }
  return neg ? '-' + out : out;
}

/** Go's Duration.String for a duration given in milliseconds: `30s`, `1m0s`, `1h0m0s`, `500ms`, `1.5µs`. */
export function durationString(ms: number): string {
  return durationStringNs(BigInt(Math.round(ms * 1e6)));
}

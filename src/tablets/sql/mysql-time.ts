// MySQL date and time values for vtsim's SQL functions: parsing 'YYYY-MM-DD HH:MM:SS[.ffffff]'
// strings, formatting (always UTC: a simulated server's time_zone is UTC), interval arithmetic with
// MySQL's month clamping, DATE_FORMAT. Times are integer milliseconds; sub-millisecond digits of
// an input are kept as a microsecond remainder so round trips print what was given.
// Mirrors MySQL's sql-common/my_time.cc behaviour (not its code) for the functions vtsim provides.

export interface MysqlTime {
  /** Milliseconds since the epoch (UTC). */
  ms: number;
  /** Microseconds within the millisecond (0-999). */
  micros: number;
  /** True when the value had a time part (DATETIME) rather than a bare DATE. */
  hasTime: boolean;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Parses a MySQL DATE/DATETIME string or number (20240115, 20240115093000); null if invalid. */
export function parseMysqlTime(v: unknown): MysqlTime | null {
  if (v === null || v === undefined) return null;
  let s = typeof v === 'number' ? String(Math.trunc(v)) : String(v).trim();
  if (/^\d{8}$/.test(s)) s = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  else if (/^\d{14}$/.test(s)) s = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)} ${s.slice(8, 10)}:${s.slice(10, 12)}:${s.slice(12)}`;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6}))?)?)?$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => Number(x ?? 0)) as number[];
  if ((mo as number) < 1 || (mo as number) > 12 || (d as number) < 1 || (d as number) > daysInMonth(y as number, mo as number)) {
    return null;
  }
  if ((h as number) > 23 || (mi as number) > 59 || (sec as number) > 59) return null;
  const frac = (m[7] ?? '').padEnd(6, '0');
  const ms = Date.UTC(y as number, (mo as number) - 1, d as number, h as number, mi as number, sec as number) + Number(frac.slice(0, 3));
  return { ms, micros: Number(frac.slice(3)), hasTime: m[4] !== undefined };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 'YYYY-MM-DD HH:MM:SS' with `fsp` fractional digits (0-6). */
export function formatDatetime(ms: number, fsp = 0, micros = 0): string {
  const d = new Date(ms);
  let s = `${formatDate(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (fsp > 0) s += `.${(pad(d.getUTCMilliseconds(), 3) + pad(micros, 3)).slice(0, fsp)}`;
  return s;
}

export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function formatTime(ms: number, fsp = 0): string {
  return formatDatetime(ms, fsp).slice(11);
}

/** The value of a DATE/DATETIME after adding, printed as MySQL does (DATE stays DATE for day units). */
export function formatLike(t: MysqlTime, ms: number, unit: string): string {
  const dayUnit = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR', 'YEAR_MONTH'].includes(unit);
  if (!t.hasTime && dayUnit) return formatDate(ms);
  return formatDatetime(ms, t.micros > 0 || ms % 1000 !== 0 ? 6 : 0, t.micros);
}

/** Adds months keeping the day, clamped to the month's last day (2024-01-31 + 1 MONTH = 2024-02-29). */
function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, month + 1));
  return Date.UTC(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

const UNIT_MS: Record<string, number> = {
  MICROSECOND: 0.001,
  SECOND: 1000,
  MINUTE: 60_000,
  HOUR: 3_600_000,
  DAY: 86_400_000,
  WEEK: 7 * 86_400_000,
};

/** Compound units: the fields of 'd h:m:s'-style interval strings, largest first. */
const COMPOUND: Record<string, string[]> = {
  SECOND_MICROSECOND: ['SECOND', 'MICROSECOND'],
  MINUTE_MICROSECOND: ['MINUTE', 'SECOND', 'MICROSECOND'],
  MINUTE_SECOND: ['MINUTE', 'SECOND'],
  HOUR_MICROSECOND: ['HOUR', 'MINUTE', 'SECOND', 'MICROSECOND'],
  HOUR_SECOND: ['HOUR', 'MINUTE', 'SECOND'],
  HOUR_MINUTE: ['HOUR', 'MINUTE'],
  DAY_MICROSECOND: ['DAY', 'HOUR', 'MINUTE', 'SECOND', 'MICROSECOND'],
  DAY_SECOND: ['DAY', 'HOUR', 'MINUTE', 'SECOND'],
  DAY_MINUTE: ['DAY', 'HOUR', 'MINUTE'],
  DAY_HOUR: ['DAY', 'HOUR'],
  YEAR_MONTH: ['YEAR', 'MONTH'],
};

export function isIntervalUnit(unit: string): boolean {
  return unit in UNIT_MS || unit in COMPOUND || unit === 'MONTH' || unit === 'QUARTER' || unit === 'YEAR';
}

/** Adds `amount` `unit`s (sign -1 subtracts); null for an unknown unit or a malformed amount. */
export function addInterval(ms: number, amount: unknown, unit: string, sign: 1 | -1): number | null {
  const fields = COMPOUND[unit];
  if (fields !== undefined) {
    const text = String(amount ?? '').trim();
    const negative = text.startsWith('-');
    const nums = text.replace(/^-/, '').split(/[^0-9]+/).filter((x) => x !== '').map(Number);
    if (nums.length === 0 || nums.length > fields.length) return null;
    // Missing leading fields: '5:30' as DAY_SECOND is minutes:seconds.
    const used = fields.slice(fields.length - nums.length);
    let out = ms;
    const s = (negative ? -sign : sign) as 1 | -1;
    used.forEach((f, k) => {
      out = addInterval(out, nums[k], f, s) ?? out;
    });
    return out;
  }
  const n = Number(amount);
  if (!Number.isFinite(n)) return null;
  const whole = unit === 'MICROSECOND' || unit === 'SECOND' ? n : Math.round(n);
  if (unit === 'MONTH') return addMonths(ms, sign * whole);
  if (unit === 'QUARTER') return addMonths(ms, sign * whole * 3);
  if (unit === 'YEAR') return addMonths(ms, sign * whole * 12);
  const per = UNIT_MS[unit];
  if (per === undefined) return null;
  return ms + sign * Math.round(whole * per);
}

/** TIMESTAMPDIFF(unit, a, b): whole units from a to b. */
export function diffInUnits(a: number, b: number, unit: string): number | null {
  if (unit === 'MONTH' || unit === 'QUARTER' || unit === 'YEAR') {
    const da = new Date(a);
    const db = new Date(b);
    let months = (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + (db.getUTCMonth() - da.getUTCMonth());
    // A partial month does not count: compare the position within the month.
    const dayA = da.getUTCDate() * 86_400_000 + (((a % 86_400_000) + 86_400_000) % 86_400_000);
    const dayB = db.getUTCDate() * 86_400_000 + (((b % 86_400_000) + 86_400_000) % 86_400_000);
    if (months > 0 && dayB < dayA) months--;
    if (months < 0 && dayB > dayA) months++;
    if (unit === 'MONTH') return months;
    return Math.trunc(months / (unit === 'QUARTER' ? 3 : 12));
  }
  const per = UNIT_MS[unit];
  if (per === undefined) return null;
  return Math.trunc((b - a) / per);
}

/** EXTRACT(unit FROM t) and the YEAR()/MONTH()/... functions. */
export function extractUnit(t: MysqlTime, unit: string): number | null {
  const d = new Date(t.ms);
  switch (unit) {
    case 'YEAR':
      return d.getUTCFullYear();
    case 'QUARTER':
      return Math.floor(d.getUTCMonth() / 3) + 1;
    case 'MONTH':
      return d.getUTCMonth() + 1;
    case 'DAY':
      return d.getUTCDate();
    case 'HOUR':
      return d.getUTCHours();
    case 'MINUTE':
      return d.getUTCMinutes();
    case 'SECOND':
      return d.getUTCSeconds();
    case 'MICROSECOND':
      return d.getUTCMilliseconds() * 1000 + t.micros;
    case 'YEAR_MONTH':
      return d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;
    case 'DAY_HOUR':
      return d.getUTCDate() * 100 + d.getUTCHours();
    case 'HOUR_MINUTE':
      return d.getUTCHours() * 100 + d.getUTCMinutes();
    case 'MINUTE_SECOND':
      return d.getUTCMinutes() * 100 + d.getUTCSeconds();
    default:
      return null;
  }
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

/** DATE_FORMAT's specifiers (the common ones; week numbers are not simulated). */
export function dateFormat(t: MysqlTime, fmt: string): string {
  const d = new Date(t.ms);
  const h = d.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const dayOfYear = Math.floor((t.ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  return fmt.replace(/%(.)/g, (_, c: string) => {
    switch (c) {
      case 'Y':
        return pad(d.getUTCFullYear(), 4);
      case 'y':
        return pad(d.getUTCFullYear() % 100);
      case 'm':
        return pad(d.getUTCMonth() + 1);
      case 'c':
        return String(d.getUTCMonth() + 1);
      case 'd':
        return pad(d.getUTCDate());
      case 'e':
        return String(d.getUTCDate());
      case 'D':
        return ordinal(d.getUTCDate());
      case 'H':
        return pad(h);
      case 'k':
        return String(h);
      case 'h':
      case 'I':
        return pad(h12);
      case 'l':
        return String(h12);
      case 'i':
        return pad(d.getUTCMinutes());
      case 's':
      case 'S':
        return pad(d.getUTCSeconds());
      case 'f':
        return pad(d.getUTCMilliseconds(), 3) + pad(t.micros, 3);
      case 'p':
        return h < 12 ? 'AM' : 'PM';
      case 'T':
        return `${pad(h)}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      case 'r':
        return `${pad(h12)}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
      case 'W':
        return DAY_NAMES[d.getUTCDay()] as string;
      case 'a':
        return (DAY_NAMES[d.getUTCDay()] as string).slice(0, 3);
      case 'w':
        return String(d.getUTCDay());
      case 'M':
        return MONTH_NAMES[d.getUTCMonth()] as string;
      case 'b':
        return (MONTH_NAMES[d.getUTCMonth()] as string).slice(0, 3);
      case 'j':
        return pad(dayOfYear, 3);
      default:
        return c;
    }
  });
}

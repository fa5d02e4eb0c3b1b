// MySQL's built-in functions that SQLite lacks or defines differently, registered on a tablet's
// sql.js database. They are deterministic: time comes from the tablet's virtual clock (never the
// wall clock; the dialect layer also rewrites CURRENT_TIMESTAMP and friends to now()), RAND() from a
// seeded generator, UUID() from the clock and a counter. sql.js's legacy extension functions (which
// print a deprecation warning on every use) are replaced, and non-MySQL ones among them report
// MySQL's "FUNCTION ... does not exist".
// Mirrors MySQL 8.0's item_func / item_strfunc / item_timefunc semantics (go/vt/vtgate/evalengine
// implements the same functions for vtgate).

import type { Database } from 'sql.js';
import { registerMoreFunctions } from './functions-more.js';
import { registerDigestFunctions } from './functions-digest.js';
import { argCount, fail, fixed, num, text, timeArg, variadic } from './function-args.js';
import type { SqlArg, SqlResult } from './function-args.js';
import {
  addInterval,
  dateFormat,
  diffInUnits,
  extractUnit,
  formatDate,
  formatDatetime,
  formatLike,
  formatTime,
  isIntervalUnit,
} from './mysql-time.js';

export interface MysqlFunctionEnv {
  /** The tablet's virtual time (ms since the epoch). */
  nowMs(): number;
  /** The connection's LAST_INSERT_ID(). */
  lastInsertId(): number;
  /** DATABASE(): the tablet's database name (vt_<keyspace>). */
  databaseName(): string;
  /** A deterministic source in [0, 1) for RAND(); a generator seeded by the database name when absent. */
  random?(): number;
  /** ROW_COUNT(): rows changed by the previous statement, -1 after a SELECT, 0 after DDL. */
  rowCount?(): number;
  /** FOUND_ROWS(): rows the previous SELECT returned. */
  foundRows?(): number;
}


/** The MySQL server version a tablet's mysqld reports. */
export const MYSQL_VERSION = '8.0.40';

/** System variables a tablet answers in SELECT @@name (vtgate answers most of them itself). */
const SYSTEM_VARIABLES: Record<string, string | number> = {
  version: MYSQL_VERSION,
  version_comment: 'MySQL Community Server - GPL',
  autocommit: 1,
  sql_mode: 'ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION',
  transaction_isolation: 'REPEATABLE-READ',
  tx_isolation: 'REPEATABLE-READ',
  transaction_read_only: 0,
  read_only: 0,
  super_read_only: 0,
  character_set_client: 'utf8mb4',
  character_set_connection: 'utf8mb4',
  character_set_results: 'utf8mb4',
  character_set_server: 'utf8mb4',
  character_set_database: 'utf8mb4', // the mysql client's `status` asks for it
  collation_database: 'utf8mb4_0900_ai_ci',
  collation_connection: 'utf8mb4_0900_ai_ci',
  collation_server: 'utf8mb4_0900_ai_ci',
  time_zone: 'SYSTEM',
  system_time_zone: 'UTC',
  max_allowed_packet: 67108864,
  lower_case_table_names: 0,
  gtid_mode: 'ON',
  enforce_gtid_consistency: 'ON',
  binlog_format: 'ROW',
  binlog_row_image: 'FULL',
  log_bin: 1,
  server_id: 1,
  port: 3306,
};







function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A small seeded generator (mulberry32) for RAND() when the tablet gives none. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function compareMysql(a: SqlArg, b: SqlArg): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number' || typeof b === 'number') return num(a) - num(b);
  const x = text(a as SqlArg).toLowerCase();
  const y = text(b as SqlArg).toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}


/** Registers the MySQL functions on a tablet's database. */
export function registerMysqlFunctions(db: Database, env: MysqlFunctionEnv): void {
  const random = env.random?.bind(env) ?? seeded(hashString(env.databaseName()));
  let uuidCounter = 0;
  const nowText = (fsp: SqlArg = 0): string => formatDatetime(env.nowMs(), Math.max(0, Math.min(6, num(fsp))));

  // ---- time (virtual clock, UTC) ----
  for (const name of ['now', 'sysdate', 'utc_timestamp', 'current_timestamp', 'localtime', 'localtimestamp']) {
    variadic(db, name, (...a) => {
      argCount(name, a, 0, 1);
      return nowText(a[0] ?? 0);
    });
  }
  for (const name of ['curdate', 'utc_date', 'current_date']) variadic(db, name, () => formatDate(env.nowMs()));
  for (const name of ['curtime', 'utc_time', 'current_time']) {
    variadic(db, name, (...a) => formatTime(env.nowMs(), Math.max(0, Math.min(6, num(a[0] ?? 0)))));
  }
  variadic(db, 'unix_timestamp', (...a) => {
    argCount('unix_timestamp', a, 0, 1);
    if (a.length === 0) return Math.floor(env.nowMs() / 1000);
    const t = timeArg(a[0] as SqlArg);
    if (!t) return a[0] === null ? null : 0;
    return t.ms % 1000 === 0 && t.micros === 0 ? t.ms / 1000 : Number(((t.ms + t.micros / 1000) / 1000).toFixed(6));
  });
  variadic(db, 'from_unixtime', (...a) => {
    argCount('from_unixtime', a, 1, 2);
    if (a[0] === null) return null;
    const ms = Math.round(num(a[0] as SqlArg) * 1000);
    const t = { ms, micros: 0, hasTime: true };
    return a.length === 2 ? dateFormat(t, text(a[1] as SqlArg)) : formatDatetime(ms, ms % 1000 === 0 ? 0 : 6);
  });
  // date(x) and time(x) with one argument: MySQL's part extraction (SQLite's would read 'now').
  fixed(db, 'date', 1, (v) => {
    const t = timeArg(v);
    return t ? formatDate(t.ms) : null;
  });
  fixed(db, 'time', 1, (v) => {
    if (v === null) return null;
    const t = timeArg(v);
    if (t) return formatTime(t.ms, t.ms % 1000 !== 0 || t.micros > 0 ? 6 : 0);
    const m = /^\s*(-?\d{1,3}):(\d{2})(?::(\d{2}))?/.exec(text(v));
    return m ? `${m[1]?.padStart(2, '0')}:${m[2]}:${m[3] ?? '00'}` : null;
  });
  fixed(db, 'vt_datetime', 1, (v) => {
    const t = timeArg(v);
    return t ? formatDatetime(t.ms) : null;
  });
  const dateArith = (name: string, sign: 1 | -1): void => {
    variadic(db, name, (...a) => {
      argCount(name, a, 2, 3);
      const t = timeArg(a[0] as SqlArg);
      if (!t || a[1] === null) return null;
      const unit = a.length === 3 ? text(a[2] as SqlArg).toUpperCase() : 'DAY';
      const ms = addInterval(t.ms, a[1], unit, sign);
      return ms === null ? null : formatLike(t, ms, unit);
    });
  };
  dateArith('date_add', 1);
  dateArith('adddate', 1);
  dateArith('date_sub', -1);
  dateArith('subdate', -1);
  fixed(db, 'datediff', 2, (a, b) => {
    const x = timeArg(a);
    const y = timeArg(b);
    if (!x || !y) return null;
    return Math.floor(x.ms / 86_400_000) - Math.floor(y.ms / 86_400_000);
  });
  fixed(db, 'timestampdiff', 3, (unit, a, b) => {
    const x = timeArg(a);
    const y = timeArg(b);
    if (!x || !y) return null;
    return diffInUnits(x.ms, y.ms, text(unit).toUpperCase());
  });
  fixed(db, 'timestampadd', 3, (unit, n, d) => {
    const t = timeArg(d);
    const u = text(unit).toUpperCase();
    if (!t || n === null || !isIntervalUnit(u)) return null;
    const ms = addInterval(t.ms, n, u, 1);
    return ms === null ? null : formatLike({ ...t, hasTime: true }, ms, u);
  });
  fixed(db, 'extract', 2, (unit, d) => {
    const t = timeArg(d);
    return t ? extractUnit(t, text(unit).toUpperCase()) : null;
  });
  const part = (name: string, unit: string): void =>
    fixed(db, name, 1, (d) => {
      const t = timeArg(d);
      return t ? extractUnit(t, unit) : null;
    });
  part('year', 'YEAR');
  part('quarter', 'QUARTER');
  part('month', 'MONTH');
  part('day', 'DAY');
  part('dayofmonth', 'DAY');
  part('hour', 'HOUR');
  part('minute', 'MINUTE');
  part('second', 'SECOND');
  part('microsecond', 'MICROSECOND');
  fixed(db, 'dayofweek', 1, (d) => {
    const t = timeArg(d);
    return t ? new Date(t.ms).getUTCDay() + 1 : null;
  });
  fixed(db, 'weekday', 1, (d) => {
    const t = timeArg(d);
    return t ? (new Date(t.ms).getUTCDay() + 6) % 7 : null;
  });
  fixed(db, 'dayofyear', 1, (d) => {
    const t = timeArg(d);
    if (!t) return null;
    const y = new Date(t.ms).getUTCFullYear();
    return Math.floor((t.ms - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
  });
  fixed(db, 'last_day', 1, (d) => {
    const t = timeArg(d);
    if (!t) return null;
    const x = new Date(t.ms);
    return formatDate(Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + 1, 0));
  });
  fixed(db, 'date_format', 2, (d, f) => {
    const t = timeArg(d);
    return t && f !== null ? dateFormat(t, text(f)) : null;
  });

  // ---- strings ----
  variadic(db, 'concat', (...a) => {
    if (a.length === 0) fail(1582, '42000', "Incorrect parameter count in the call to native function 'concat'");
    if (a.some((x) => x === null)) return null;
    return a.map((x) => text(x as SqlArg)).join('');
  });
  variadic(db, 'concat_ws', (...a) => {
    argCount('concat_ws', a, 2, Infinity);
    if (a[0] === null) return null;
    return a
      .slice(1)
      .filter((x) => x !== null)
      .map((x) => text(x as SqlArg))
      .join(text(a[0] as SqlArg));
  });
  const chars = (s: string): string[] => [...s];
  fixed(db, 'left', 2, (s, n) => (s === null || n === null ? null : chars(text(s)).slice(0, Math.max(0, num(n))).join('')));
  fixed(db, 'right', 2, (s, n) => {
    if (s === null || n === null) return null;
    const c = chars(text(s));
    const k = Math.max(0, num(n));
    return k === 0 ? '' : c.slice(-k).join('');
  });
  fixed(db, 'lcase', 1, (s) => (s === null ? null : text(s).toLowerCase()));
  fixed(db, 'ucase', 1, (s) => (s === null ? null : text(s).toUpperCase()));
  for (const name of ['char_length', 'character_length']) fixed(db, name, 1, (s) => (s === null ? null : chars(text(s)).length));
  // MySQL's LENGTH counts bytes.
  fixed(db, 'length', 1, (s) => {
    if (s === null) return null;
    if (s instanceof Uint8Array) return s.length;
    return new TextEncoder().encode(text(s)).length;
  });
  fixed(db, 'octet_length', 1, (s) => (s === null ? null : new TextEncoder().encode(text(s)).length));
  variadic(db, 'locate', (...a) => {
    argCount('locate', a, 2, 3);
    if (a[0] === null || a[1] === null) return null;
    const start = a.length === 3 ? Math.max(1, num(a[2] as SqlArg)) : 1;
    const hay = chars(text(a[1] as SqlArg).toLowerCase());
    const needle = text(a[0] as SqlArg).toLowerCase();
    const at = hay.join('').indexOf(needle, chars(hay.join('')).slice(0, start - 1).join('').length);
    return at < 0 ? 0 : chars(hay.join('').slice(0, at)).length + 1;
  });
  fixed(db, 'substring_index', 3, (s, d, c) => {
    if (s === null || d === null || c === null) return null;
    const str = text(s);
    const delim = text(d);
    const count = num(c);
    if (delim === '' || count === 0) return '';
    const parts = str.split(delim);
    return count > 0 ? parts.slice(0, count).join(delim) : parts.slice(count).join(delim);
  });
  fixed(db, 'repeat', 2, (s, n) => (s === null || n === null ? null : text(s).repeat(Math.max(0, num(n)))));
  fixed(db, 'space', 1, (n) => (n === null ? null : ' '.repeat(Math.max(0, num(n)))));
  const padFn = (name: string, left: boolean): void =>
    fixed(db, name, 3, (s, n, p) => {
      if (s === null || n === null || p === null) return null;
      const str = chars(text(s));
      const len = num(n);
      if (len < 0) return null;
      if (str.length >= len) return str.slice(0, len).join('');
      const fill = chars(text(p));
      if (fill.length === 0) return null;
      const need = len - str.length;
      const padding = Array.from({ length: need }, (_, k) => fill[k % fill.length]).join('');
      return left ? padding + str.join('') : str.join('') + padding;
    });
  padFn('lpad', true);
  padFn('rpad', false);
  fixed(db, 'reverse', 1, (s) => (s === null ? null : chars(text(s)).reverse().join('')));
  fixed(db, 'strcmp', 2, (a, b) => (a === null || b === null ? null : Math.sign(compareMysql(text(a), text(b)))));
  variadic(db, 'field', (...a) => {
    argCount('field', a, 2, Infinity);
    if (a[0] === null) return 0;
    const k = a.slice(1).findIndex((x) => x !== null && compareMysql(a[0] as SqlArg, x) === 0);
    return k + 1;
  });
  variadic(db, 'elt', (...a) => {
    argCount('elt', a, 2, Infinity);
    const n = num(a[0] as SqlArg);
    return n >= 1 && n < a.length ? (a[n] ?? null) : null;
  });
  fixed(db, 'find_in_set', 2, (s, list) => {
    if (s === null || list === null) return null;
    const k = text(list)
      .split(',')
      .findIndex((x) => x.toLowerCase() === text(s).toLowerCase());
    return k + 1;
  });
  fixed(db, 'mid', 3, (s, p, n) => {
    if (s === null || p === null || n === null) return null;
    const c = chars(text(s));
    const pos = num(p);
    const start = pos > 0 ? pos - 1 : c.length + pos;
    return pos === 0 || start < 0 ? '' : c.slice(start, start + Math.max(0, num(n))).join('');
  });
  variadic(db, 'format', (...a) => {
    // MySQL FORMAT(x, d[, locale]): grouped thousands, d decimals. (SQLite's format is printf.)
    argCount('format', a, 2, 3);
    if (a[0] === null || a[1] === null) return null;
    const d = Math.max(0, Math.min(30, num(a[1] as SqlArg)));
    const [int, frac] = num(a[0] as SqlArg).toFixed(d).split('.');
    const grouped = (int ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return frac !== undefined ? `${grouped}.${frac}` : grouped;
  });
  // REGEXP operator (SQLite calls regexp(pattern, value)) and REGEXP_LIKE; case-insensitive like
  // MySQL's default collation.
  const regex = (pattern: SqlArg, flags = 'i'): RegExp => {
    try {
      return new RegExp(text(pattern), flags);
    } catch {
      return fail(3685, 'HY000', 'Illegal argument to a regular expression.');
    }
  };
  fixed(db, 'regexp', 2, (p, v) => (p === null || v === null ? null : regex(p).test(text(v)) ? 1 : 0));
  variadic(db, 'regexp_like', (...a) => {
    argCount('regexp_like', a, 2, 3);
    if (a[0] === null || a[1] === null) return null;
    const flags = a.length === 3 && text(a[2] as SqlArg).includes('c') ? '' : 'i';
    return regex(a[1] as SqlArg, flags).test(text(a[0] as SqlArg)) ? 1 : 0;
  });
  variadic(db, 'regexp_replace', (...a) => {
    argCount('regexp_replace', a, 3, 6);
    if (a[0] === null || a[1] === null || a[2] === null) return null;
    return text(a[0] as SqlArg).replace(regex(a[1] as SqlArg, 'gi'), text(a[2] as SqlArg));
  });
  fixed(db, 'json_unquote', 1, (j) => {
    if (j === null) return null;
    const s = text(j);
    try {
      const v: unknown = JSON.parse(s);
      return typeof v === 'string' ? v : s;
    } catch {
      return s;
    }
  });

  // ---- comparison and numbers ----
  const pick = (name: string, want: 1 | -1): void =>
    variadic(db, name, (...a) => {
      argCount(name, a, 2, Infinity);
      if (a.some((x) => x === null)) return null;
      return a.reduce((best, x) => (compareMysql(x, best) * want > 0 ? x : best));
    });
  pick('greatest', 1);
  pick('least', -1);
  fixed(db, 'truncate', 2, (x, d) => {
    if (x === null || d === null) return null;
    const f = 10 ** num(d);
    return Math.trunc(num(x) * f) / f;
  });
  // CAST(x AS DECIMAL(m, d)): decimal rounding (half away from zero) of the value as written.
  fixed(db, 'vt_decimal', 2, (x, d) => {
    if (x === null) return null;
    const scale = Math.max(0, Math.min(30, Math.trunc(num(d))));
    const n = num(x);
    const s = Math.abs(n).toString();
    // Shift by the decimal exponent in text, so 1.555 rounds to 1.56 as MySQL's DECIMAL does.
    const shifted = s.includes('e') ? Math.round(Math.abs(n) * 10 ** scale) : Math.round(Number(`${s}e${scale}`));
    return Math.sign(n) * Number(`${shifted}e-${scale}`);
  });
  fixed(db, 'mod', 2, (a, b) => (a === null || b === null || num(b) === 0 ? null : num(a) % num(b)));
  const math1: Record<string, (x: number) => number> = {
    floor: Math.floor,
    ceil: Math.ceil,
    ceiling: Math.ceil,
    sqrt: Math.sqrt,
    exp: Math.exp,
    ln: Math.log,
    log10: Math.log10,
    log2: Math.log2,
    sign: Math.sign,
    degrees: (x) => (x * 180) / Math.PI,
    radians: (x) => (x * Math.PI) / 180,
    sin: Math.sin,
    cos: Math.cos,
    tan: Math.tan,
    cot: (x) => 1 / Math.tan(x),
    asin: Math.asin,
    acos: Math.acos,
    atan: Math.atan,
  };
  for (const [name, f] of Object.entries(math1)) {
    fixed(db, name, 1, (x) => {
      if (x === null) return null;
      const r = f(num(x));
      return Number.isFinite(r) ? r : null;
    });
  }
  fixed(db, 'log', 1, (x) => (x === null || num(x) <= 0 ? null : Math.log(num(x))));
  fixed(db, 'log', 2, (b, x) => (b === null || x === null || num(x) <= 0 || num(b) <= 1 ? null : Math.log(num(x)) / Math.log(num(b))));
  for (const name of ['power', 'pow']) fixed(db, name, 2, (a, b) => (a === null || b === null ? null : num(a) ** num(b)));
  fixed(db, 'atan2', 2, (y, x) => (y === null || x === null ? null : Math.atan2(num(y), num(x))));
  fixed(db, 'atan', 2, (y, x) => (y === null || x === null ? null : Math.atan2(num(y), num(x))));
  fixed(db, 'pi', 0, () => Math.PI);
  // Legacy sql.js extension functions that MySQL does not have.
  const notMysql: Array<[string, number]> = [
    ['atn2', 2], ['acosh', 1], ['asinh', 1], ['atanh', 1], ['difference', 2], ['cosh', 1], ['sinh', 1], ['tanh', 1],
    ['coth', 1], ['square', 1], ['replicate', 2], ['charindex', 2], ['charindex', 3], ['leftstr', 2], ['rightstr', 2],
    ['proper', 1], ['padl', 2], ['padr', 2], ['padc', 2], ['strfilter', 2],
  ]; // prettier-ignore
  for (const [name, n] of notMysql) {
    fixed(db, name, n, () => fail(1305, '42000', `FUNCTION ${env.databaseName()}.${name} does not exist`));
  }
  registerAggregates(db, env);
  registerMoreFunctions(db);
  registerDigestFunctions(db);

  // ---- session and server ----
  variadic(db, 'last_insert_id', (...a) => {
    argCount('last_insert_id', a, 0, 1);
    return a.length === 1 ? (a[0] ?? null) : env.lastInsertId();
  });
  // ROW_COUNT() and FOUND_ROWS() describe the connection's previous statement.
  fixed(db, 'row_count', 0, () => env.rowCount?.() ?? -1);
  fixed(db, 'found_rows', 0, () => env.foundRows?.() ?? 0);
  for (const name of ['database', 'schema']) fixed(db, name, 0, () => env.databaseName());
  fixed(db, 'version', 0, () => MYSQL_VERSION);
  for (const name of ['user', 'current_user', 'session_user', 'system_user']) fixed(db, name, 0, () => 'vt_app@localhost');
  fixed(db, 'connection_id', 0, () => 1);
  fixed(db, 'sleep', 1, () => 0); // no time passes inside a statement of the simulation
  fixed(db, 'vt_sysvar', 1, (name) => {
    const key = text(name).replace(/^(global|session|local)\./, '');
    const v = SYSTEM_VARIABLES[key];
    if (v === undefined) return fail(1193, 'HY000', `Unknown system variable '${key}'`);
    return v;
  });

  // ---- deterministic replacements for nondeterministic functions ----
  variadic(db, 'rand', (...a) => {
    argCount('rand', a, 0, 1);
    // RAND(N) is repeatable in MySQL too: the first value of a generator seeded with N.
    return a.length === 1 ? seeded(num(a[0] as SqlArg))() : random();
  });
  fixed(db, 'uuid', 0, () => {
    // A version-1 UUID from the virtual clock, a counter and the database name (MySQL's UUID() is v1).
    const ticks = (BigInt(env.nowMs()) + 12219292800000n) * 10000n + BigInt(uuidCounter++ % 10000);
    const hex = (v: bigint, w: number): string => v.toString(16).padStart(w, '0');
    const low = ticks & 0xffffffffn;
    const mid = (ticks >> 32n) & 0xffffn;
    const high = ((ticks >> 48n) & 0x0fffn) | 0x1000n;
    const h = hashString(env.databaseName());
    const clockSeq = 0x8000 | (h & 0x3fff);
    const node = (BigInt(h) << 16n) | BigInt(hashString(`${env.databaseName()}#`) & 0xffff);
    return `${hex(low, 8)}-${hex(mid, 4)}-${hex(high, 4)}-${clockSeq.toString(16)}-${hex(node, 12)}`;
  });
  fixed(db, 'uuid_short', 0, () => env.nowMs() * 1000 + (uuidCounter++ % 1000));
}

/** MySQL's variance/stddev aggregates (population unless _samp); replaces sql.js's legacy ones. */
function registerAggregates(db: Database, env: MysqlFunctionEnv): void {
  const withAggregate = db as unknown as {
    create_aggregate(name: string, fns: { init: () => unknown; step: (state: unknown, v: SqlArg) => unknown; finalize: (state: unknown) => SqlResult }): void;
  };
  if (typeof withAggregate.create_aggregate !== 'function') return;
  interface Acc {
    n: number;
    sum: number;
    sq: number;
  }
  const make = (name: string, sample: boolean, root: boolean): void => {
    withAggregate.create_aggregate(name, {
      init: (): Acc => ({ n: 0, sum: 0, sq: 0 }),
      step: (s, v) => {
        const acc = s as Acc;
        if (v !== null) {
          const x = num(v);
          acc.n++;
          acc.sum += x;
          acc.sq += x * x;
        }
        return acc;
      },
      finalize: (s) => {
        const acc = s as Acc;
        const div = sample ? acc.n - 1 : acc.n;
        if (div <= 0) return null;
        const variance = Math.max(0, (acc.sq - (acc.sum * acc.sum) / acc.n) / div);
        return root ? Math.sqrt(variance) : variance;
      },
    });
  };
  make('variance', false, false);
  make('var_pop', false, false);
  make('var_samp', true, false);
  make('std', false, true);
  make('stddev', false, true);
  make('stddev_pop', false, true);
  make('stddev_samp', true, true);
  for (const name of ['stdev', 'mode', 'median', 'lower_quartile', 'upper_quartile']) {
    withAggregate.create_aggregate(name, {
      init: () => null,
      step: () => fail(1305, '42000', `FUNCTION ${env.databaseName()}.${name} does not exist`),
      finalize: () => null,
    });
  }
}

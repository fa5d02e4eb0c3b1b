// STR_TO_DATE(str, format): reads a date, time or datetime written in DATE_FORMAT's notation. The
// result is a DATETIME when the format has date and time parts, a DATE or TIME when it has only one
// kind (with six fractional digits when it reads %f). Input that does not match the format, or a
// day the month does not have, gives NULL; text left over after the format is ignored (MySQL only
// warns). Leading spaces before each field are skipped.
// Mirrors MySQL 8.0's extract_date_time and Item_func_str_to_date (sql/item_timefunc.cc).

import { daysInMonth } from './mysql-time.js';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DATE_SPECS = new Set(['Y', 'y', 'm', 'c', 'd', 'e', 'D', 'M', 'b', 'j', 'a', 'W', 'U', 'u', 'V', 'v', 'X', 'x', 'w']);
const TIME_SPECS = new Set(['H', 'k', 'h', 'I', 'l', 'i', 's', 'S', 'f', 'p', 'T', 'r']);

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** What the format makes of its result: which parts it has, and whether it reads microseconds. */
function resultKind(format: string): { date: boolean; time: boolean; micros: boolean } {
  let date = false;
  let time = false;
  let micros = false;
  for (let i = 0; i < format.length - 1; i++) {
    if (format[i] !== '%') continue;
    const c = format[++i] as string;
    if (DATE_SPECS.has(c)) date = true;
    if (TIME_SPECS.has(c)) time = true;
    if (c === 'f') micros = true;
  }
  return { date, time, micros };
}

export function strToDate(value: string, format: string): string | null {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let micro = 0;
  let pm: boolean | undefined;
  let twelveHour = false;
  let yday: number | undefined;
  let v = 0;
  const skipSpaces = (): void => {
    while (v < value.length && /\s/.test(value[v] as string)) v++;
  };
  /** Up to `max` digits (at least one), or undefined. */
  const digits = (max: number): number | undefined => {
    const m = new RegExp(`^[0-9]{1,${max}}`).exec(value.slice(v));
    if (!m) return undefined;
    v += m[0].length;
    return Number(m[0]);
  };
  const name = (names: readonly string[], abbreviated: boolean): number | undefined => {
    const rest = value.slice(v).toLowerCase();
    const i = names.findIndex((n) => rest.startsWith(abbreviated ? n.slice(0, 3) : n));
    if (i < 0) return undefined;
    v += abbreviated ? 3 : (names[i] as string).length;
    return i;
  };
  const expand = (fmt: string): string => fmt.replace(/%T/g, '%H:%i:%s').replace(/%r/g, '%I:%i:%S %p');
  const fmt = expand(format);
  for (let f = 0; f < fmt.length; f++) {
    const fc = fmt[f] as string;
    if (fc !== '%' || f === fmt.length - 1) {
      if (/\s/.test(fc)) {
        skipSpaces();
        continue;
      }
      if (v >= value.length) break;
      if (value[v] !== fc) return null;
      v++;
      continue;
    }
    const spec = fmt[++f] as string;
    skipSpaces();
    if (v >= value.length) break;
    let n: number | undefined;
    switch (spec) {
      case 'Y': {
        const start = v;
        n = digits(4);
        // A two-digit year is a year of 1970-2069, as with %y.
        if (n !== undefined && v - start <= 2) n += n < 70 ? 2000 : 1900;
        year = n ?? -1;
        break;
      }
      case 'y':
        n = digits(2);
        if (n !== undefined) year = n + (n < 70 ? 2000 : 1900);
        break;
      case 'm':
      case 'c':
        n = digits(2);
        month = n ?? -1;
        break;
      case 'd':
      case 'e':
        n = digits(2);
        day = n ?? -1;
        break;
      case 'D':
        n = digits(2);
        day = n ?? -1;
        if (n !== undefined && /^(st|nd|rd|th)/i.test(value.slice(v))) v += 2;
        break;
      case 'H':
      case 'k':
        n = digits(2);
        hour = n ?? -1;
        twelveHour = false;
        break;
      case 'h':
      case 'I':
      case 'l':
        n = digits(2);
        hour = n ?? -1;
        twelveHour = true;
        break;
      case 'i':
        n = digits(2);
        minute = n ?? -1;
        break;
      case 's':
      case 'S':
        n = digits(2);
        second = n ?? -1;
        break;
      case 'f': {
        const start = v;
        n = digits(6);
        if (n !== undefined) micro = n * 10 ** (6 - (v - start));
        break;
      }
      case 'p': {
        const two = value.slice(v, v + 2).toUpperCase();
        if (two !== 'AM' && two !== 'PM') return null;
        pm = two === 'PM';
        v += 2;
        n = 0;
        break;
      }
      case 'M':
      case 'b':
        n = name(MONTHS, spec === 'b');
        if (n !== undefined) month = n + 1;
        break;
      case 'W':
      case 'a':
        n = name(DAYS, spec === 'a');
        break;
      case 'j':
        n = digits(3);
        yday = n;
        break;
      case '%':
        if (value[v] !== '%') return null;
        v++;
        n = 0;
        break;
      default:
        return null;
    }
    if (n === undefined) return null;
  }
  if (twelveHour) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (pm ? 12 : 0);
  } else if (pm !== undefined) {
    return null;
  }
  if (yday !== undefined && year > 0) {
    const d = new Date(Date.UTC(year, 0, yday));
    if (d.getUTCFullYear() !== year) return null;
    month = d.getUTCMonth() + 1;
    day = d.getUTCDate();
  }
  const kind = resultKind(format);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  const time = `${pad(hour)}:${pad(minute)}:${pad(second)}${kind.micros ? `.${pad(micro, 6)}` : ''}`;
  if (!kind.date) return time;
  // sql_mode NO_ZERO_IN_DATE and NO_ZERO_DATE (MySQL 8.0's default) reject zero parts.
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  return kind.time ? `${date} ${time}` : date;
}

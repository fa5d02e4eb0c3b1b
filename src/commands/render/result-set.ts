// The result set the output renderers draw: column fields plus rows of raw values, and how the
// mysql client turns one raw value into the text it prints.
// Mirrors the client side of proto/query.proto QueryResult (the types are querypb.Type names, shared
// with src/common/sql-types.ts so a router result can be rendered as is).

import { isNumericFieldType } from '../../common/sql-types.js';
import type { FieldType, SqlValue } from '../../common/sql-types.js';
import { formatMysqlDouble } from './mysql-double.js';
import { decimalText } from './decimal-text.js';

export type { FieldType } from '../../common/sql-types.js';

/** One value of a row, as the router hands it over (SQLite's types plus bigint). */
export type CellValue = SqlValue;

export interface ResultField {
  name: string;
  type: FieldType;
  /**
   * Whether the column may hold NULL (MySQL's NOT_NULL_FLAG unset). The mysql client widens a
   * nullable column to at least 4 so "NULL" fits. When not given, a column counts as nullable only
   * if one of its values is null.
   */
  nullable?: boolean;
  /** For DECIMAL: the digits after the point the server gives every value (`decimal(10,2)` → 2). */
  decimals?: number;
}

export interface ResultSet {
  fields: ResultField[];
  rows: CellValue[][];
}

/** True for the numeric querypb types (integers, floats, decimals). */
export function isNumericType(t: FieldType): boolean {
  return isNumericFieldType(t);
}

/**
 * Whether the mysql client right-aligns a column of this type in its boxes. The client's IS_NUM
 * macro counts MYSQL_TYPE_NULL as numeric, so a `select null` column is right-aligned too.
 */
export function isRightAligned(t: FieldType): boolean {
  return isNumericType(t) || t === 'NULL_TYPE';
}

/**
 * The text the mysql client shows for a value, or null for SQL NULL. Strings are shown as they are;
 * integers plainly (bigint exactly); floating-point values the way MySQL formats a DOUBLE (shortest
 * round-trip digits, `1e20` style past 15 integer digits); binary values as their bytes decoded as
 * UTF-8 (the local example runs the client with --binary-as-hex=false). `type` only matters for
 * numbers: a FLOAT64 column formats even integral values as a double, and a DECIMAL with `decimals`
 * prints that many digits after the point (`100.00`).
 */
export function cellText(v: CellValue, type?: FieldType, decimals?: number): string | null {
  if (v === null) return null;
  if (type === 'DECIMAL' && decimals !== undefined && (typeof v === 'number' || typeof v === 'bigint')) return decimalText(v, decimals);
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (type !== 'FLOAT64' && Number.isInteger(v)) return integerText(v);
    return formatMysqlDouble(v);
  }
  return utf8Decoder.decode(v);
}

const utf8Decoder = new TextDecoder('utf-8');

/** An integral JS number in plain digits (String() would switch to exponent form past 1e21). */
function integerText(v: number): string {
  if (Object.is(v, -0)) return '0';
  return Number.isSafeInteger(v) ? String(v) : BigInt(v).toString();
}

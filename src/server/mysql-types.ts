// How vtgate's result fields (querypb type names) appear on the MySQL wire: the column type, flags,
// character set and display length of each column definition, and each value in the text and the
// binary (prepared statement) protocol.
// Mirrors go/sqltypes/type.go (TypeToMySQL: querypb.Type → MySQL type and flags) and
// go/mysql/binlog/..., go/mysql/query.go (writeBinaryRow: binary value encodings).

import type { Field, FieldType, SqlValue } from '../common/sql-types.js';
import { cellText } from '../commands/render/result-set.js';
import type { ColumnDefinition } from './mysql-packets.js';
import { PayloadBuilder } from './mysql-packets.js';

/** MySQL column types (enum_field_types). */
export const MysqlType = {
  DECIMAL: 0,
  TINY: 1,
  SHORT: 2,
  LONG: 3,
  FLOAT: 4,
  DOUBLE: 5,
  NULL: 6,
  TIMESTAMP: 7,
  LONGLONG: 8,
  INT24: 9,
  DATE: 10,
  TIME: 11,
  DATETIME: 12,
  YEAR: 13,
  VARCHAR: 15,
  BIT: 16,
  JSON: 245,
  NEWDECIMAL: 246,
  ENUM: 247,
  SET: 248,
  TINY_BLOB: 249,
  MEDIUM_BLOB: 250,
  LONG_BLOB: 251,
  BLOB: 252,
  VAR_STRING: 253,
  STRING: 254,
  GEOMETRY: 255,
} as const;

/** Column flags (mysql_com.h *_FLAG). */
export const ColumnFlag = {
  NOT_NULL: 1,
  BLOB: 16,
  UNSIGNED: 32,
  BINARY: 128,
  NUM: 32768,
} as const;

/** utf8mb4_general_ci: a utf8mb4 collation both MySQL and MariaDB clients know. */
export const CHARSET_UTF8MB4 = 45;
/** The `binary` character set. */
export const CHARSET_BINARY = 63;

interface TypeInfo {
  type: number;
  flags: number;
  charset: number;
  length: number;
  decimals: number;
}

const TYPES: Record<FieldType, TypeInfo> = {
  INT64: { type: MysqlType.LONGLONG, flags: ColumnFlag.NUM, charset: CHARSET_BINARY, length: 20, decimals: 0 },
  UINT64: { type: MysqlType.LONGLONG, flags: ColumnFlag.NUM | ColumnFlag.UNSIGNED, charset: CHARSET_BINARY, length: 20, decimals: 0 },
  INT32: { type: MysqlType.LONG, flags: ColumnFlag.NUM, charset: CHARSET_BINARY, length: 11, decimals: 0 },
  FLOAT64: { type: MysqlType.DOUBLE, flags: ColumnFlag.NUM, charset: CHARSET_BINARY, length: 22, decimals: 31 },
  DECIMAL: { type: MysqlType.NEWDECIMAL, flags: ColumnFlag.NUM, charset: CHARSET_BINARY, length: 66, decimals: 0 },
  VARCHAR: { type: MysqlType.VAR_STRING, flags: 0, charset: CHARSET_UTF8MB4, length: 1020, decimals: 0 },
  VARBINARY: { type: MysqlType.VAR_STRING, flags: ColumnFlag.BINARY, charset: CHARSET_BINARY, length: 255, decimals: 0 },
  TEXT: { type: MysqlType.BLOB, flags: ColumnFlag.BLOB, charset: CHARSET_UTF8MB4, length: 262140, decimals: 0 },
  BLOB: { type: MysqlType.BLOB, flags: ColumnFlag.BLOB | ColumnFlag.BINARY, charset: CHARSET_BINARY, length: 65535, decimals: 0 },
  DATETIME: { type: MysqlType.DATETIME, flags: ColumnFlag.BINARY, charset: CHARSET_BINARY, length: 19, decimals: 0 },
  DATE: { type: MysqlType.DATE, flags: ColumnFlag.BINARY, charset: CHARSET_BINARY, length: 10, decimals: 0 },
  TIME: { type: MysqlType.TIME, flags: ColumnFlag.BINARY, charset: CHARSET_BINARY, length: 10, decimals: 0 },
  TIMESTAMP: { type: MysqlType.TIMESTAMP, flags: ColumnFlag.BINARY, charset: CHARSET_BINARY, length: 19, decimals: 0 },
  JSON: { type: MysqlType.JSON, flags: ColumnFlag.BLOB | ColumnFlag.BINARY, charset: CHARSET_BINARY, length: 4294967295, decimals: 0 },
  NULL_TYPE: { type: MysqlType.NULL, flags: ColumnFlag.BINARY, charset: CHARSET_BINARY, length: 0, decimals: 0 },
};

/**
 * The column definitions of a result. A column is NOT NULL on the wire when none of its values is
 * NULL: the mysql client widens nullable columns to fit "NULL", and vtsim's own `mysql` renderer
 * decides the same way, so both draw identical boxes.
 */
export function columnDefinitions(fields: readonly Field[], rows: readonly SqlValue[][], schema: string): ColumnDefinition[] {
  return fields.map((f, i) => {
    const info = TYPES[f.type] ?? TYPES.VARCHAR;
    const hasNull = rows.some((r) => r[i] === null || r[i] === undefined);
    return {
      schema: f.table ? schema : '',
      table: f.table ?? '',
      orgTable: f.table ?? '',
      name: f.name,
      orgName: f.table ? f.name : '',
      characterSet: info.charset,
      columnLength: info.length,
      columnType: info.type,
      flags: info.flags | (hasNull ? 0 : ColumnFlag.NOT_NULL),
      decimals: f.type === 'DECIMAL' && f.decimals !== undefined ? f.decimals : info.decimals,
    };
  });
}

/** A value in the text protocol: what the mysql client prints (bytes stay bytes). */
export function textValue(v: SqlValue | undefined, type: FieldType, decimals?: number): string | Uint8Array | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Uint8Array) return v;
  return cellText(v, type, decimals);
}

/** Writes one binary-protocol row (ProtocolBinary::ResultsetRow) for the given columns. */
export function binaryRowPayload(row: readonly SqlValue[], columns: readonly ColumnDefinition[]): Buffer {
  const n = columns.length;
  const bitmap = Buffer.alloc(Math.floor((n + 7 + 2) / 8));
  const p = new PayloadBuilder(16 + n * 9).u8(0x00);
  const values = new PayloadBuilder(n * 9 + 8);
  for (let i = 0; i < n; i++) {
    const c = columns[i] as ColumnDefinition;
    const v = row[i];
    if (v === null || v === undefined || c.columnType === MysqlType.NULL) {
      const bit = i + 2;
      bitmap[bit >> 3] = (bitmap[bit >> 3] as number) | (1 << (bit & 7));
      continue;
    }
    writeBinaryValue(values, v, c);
  }
  return p.bytes(bitmap).bytes(values.build()).build();
}

function writeBinaryValue(p: PayloadBuilder, v: SqlValue, c: ColumnDefinition): void {
  const unsigned = (c.flags & ColumnFlag.UNSIGNED) !== 0;
  switch (c.columnType) {
    case MysqlType.LONGLONG:
      if (unsigned) p.u64(toBigInt(v));
      else p.i64(toBigInt(v));
      return;
    case MysqlType.LONG:
    case MysqlType.INT24:
      p.i32(Number(toBigInt(v)));
      return;
    case MysqlType.SHORT:
    case MysqlType.YEAR:
      p.u16(Number(toBigInt(v)));
      return;
    case MysqlType.TINY:
      p.u8(Number(toBigInt(v)));
      return;
    case MysqlType.DOUBLE:
      p.f64(toNumber(v));
      return;
    case MysqlType.FLOAT:
      p.f32(toNumber(v));
      return;
    case MysqlType.DATE:
    case MysqlType.DATETIME:
    case MysqlType.TIMESTAMP:
      writeBinaryDateTime(p, String(v));
      return;
    case MysqlType.TIME:
      writeBinaryTime(p, String(v));
      return;
    case MysqlType.NEWDECIMAL:
      // Decimals travel as text, with the column's scale (`0.50`).
      p.lenencString(cellText(v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : v, 'DECIMAL', c.decimals) ?? '');
      return;
    default:
      if (v instanceof Uint8Array) p.lenencBytes(v);
      else p.lenencString(cellText(v, 'VARCHAR') ?? '');
  }
}

function toBigInt(v: SqlValue): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(Math.trunc(Number.isFinite(v) ? v : 0));
  const text = v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : v;
  const m = /^\s*-?\d+/.exec(text ?? '');
  return m ? BigInt(m[0].trim()) : 0n;
}

function toNumber(v: SqlValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const n = Number(v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : v);
  return Number.isFinite(n) ? n : 0;
}

/** 'YYYY-MM-DD[ HH:MM:SS[.ffffff]]' in the binary layout: length, then only the parts that are set. */
function writeBinaryDateTime(p: PayloadBuilder, text: string): void {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?)?/.exec(text);
  if (!m) {
    p.u8(0);
    return;
  }
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as number[];
  const us = m[7] ? Number(m[7].padEnd(6, '0')) : 0;
  if (y === 0 && mo === 0 && d === 0 && h === 0 && mi === 0 && s === 0 && us === 0) {
    p.u8(0);
  } else if (us !== 0) {
    p.u8(11).u16(y as number).u8(mo as number).u8(d as number).u8(h as number).u8(mi as number).u8(s as number).u32(us);
  } else if (h !== 0 || mi !== 0 || s !== 0) {
    p.u8(7).u16(y as number).u8(mo as number).u8(d as number).u8(h as number).u8(mi as number).u8(s as number);
  } else {
    p.u8(4).u16(y as number).u8(mo as number).u8(d as number);
  }
}

/** '[-]HHH:MM:SS[.ffffff]' in the binary layout (days and hours split). */
function writeBinaryTime(p: PayloadBuilder, text: string): void {
  const m = /^(-)?(\d+):(\d{2}):(\d{2})(?:\.(\d{1,6}))?/.exec(text);
  if (!m) {
    p.u8(0);
    return;
  }
  const hours = Number(m[2]);
  const us = m[5] ? Number(m[5].padEnd(6, '0')) : 0;
  const days = Math.floor(hours / 24);
  const fields = [days, hours % 24, Number(m[3]), Number(m[4])];
  if (fields.every((x) => x === 0) && us === 0) {
    p.u8(0);
    return;
  }
  p.u8(us !== 0 ? 12 : 8)
    .u8(m[1] ? 1 : 0)
    .u32(days)
    .u8(fields[1] as number)
    .u8(fields[2] as number)
    .u8(fields[3] as number);
  if (us !== 0) p.u32(us);
}

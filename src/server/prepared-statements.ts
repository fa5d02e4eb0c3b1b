// Server-side prepared statements (COM_STMT_PREPARE / EXECUTE / SEND_LONG_DATA / RESET / CLOSE), which
// drivers such as mysql2's execute() and Go's database/sql use. vtgate's API takes SQL text, so an
// execution substitutes the bound values into the statement as SQL literals at the `?` markers
// (outside strings and comments) and runs the result like a COM_QUERY.
// Mirrors go/mysql/conn.go (ComPrepare / ComStmtExecute handling, PrepareData) and
// go/mysql/query.go (parseComStmtExecute: null bitmap, new-params-bound flag, binary values).

import { MysqlType } from './mysql-types.js';

/** A statement prepared on one connection. */
export interface PreparedStatement {
  id: number;
  sql: string;
  paramCount: number;
  /** Parameter types from the last execute that sent them (clients may send them only once). */
  paramTypes: number[];
  /** Data sent with COM_STMT_SEND_LONG_DATA, by parameter index, until the next execute or reset. */
  longData: Map<number, Buffer[]>;
}

/** A bound value, ready to become a SQL literal. */
export type BoundValue = null | number | bigint | string | Buffer | { temporal: string };

/** A packet that does not parse (MySQL's ER_MALFORMED_PACKET). */
export class MalformedPacketError extends Error {
  constructor() {
    super('Malformed communication packet.');
    this.name = 'MalformedPacketError';
  }
}

/** Positions of the `?` parameter markers of a statement, outside quotes and comments. */
export function placeholderPositions(sql: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < sql.length && sql[j] !== c) j += sql[j] === '\\' && c !== '`' ? 2 : 1;
      i = j;
    } else if (c === '#' || (c === '-' && sql[i + 1] === '-' && /\s/.test(sql[i + 2] ?? ' '))) {
      while (i < sql.length && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 1;
    } else if (c === '?') {
      out.push(i);
    }
  }
  return out;
}

/** Reads COM_STMT_EXECUTE's payload (after the command byte) for a statement. */
export function parseExecuteValues(body: Buffer, stmt: PreparedStatement): BoundValue[] {
  const r = new Reader(body);
  r.skip(4 + 1 + 4); // statement id, cursor flags, iteration count
  const n = stmt.paramCount;
  if (n === 0) return [];
  const bitmap = r.bytes(Math.floor((n + 7) / 8));
  if (r.u8() === 1) {
    stmt.paramTypes = [];
    for (let i = 0; i < n; i++) {
      const type = r.u8();
      const flags = r.u8();
      stmt.paramTypes.push(type | ((flags & 0x80) << 1));
    }
  }
  if (stmt.paramTypes.length !== n) throw new MalformedPacketError();
  const values: BoundValue[] = [];
  for (let i = 0; i < n; i++) {
    if (((bitmap[i >> 3] as number) >> (i & 7)) & 1) {
      values.push(null);
      continue;
    }
    const long = stmt.longData.get(i);
    if (long) {
      values.push(Buffer.concat(long));
      continue;
    }
    values.push(readValue(r, stmt.paramTypes[i] as number));
  }
  return values;
}

function readValue(r: Reader, typeAndSign: number): BoundValue {
  const unsigned = (typeAndSign & 0x100) !== 0;
  const type = typeAndSign & 0xff;
  switch (type) {
    case MysqlType.NULL:
      return null;
    case MysqlType.TINY: {
      const v = r.u8();
      return unsigned ? v : (v << 24) >> 24;
    }
    case MysqlType.SHORT:
    case MysqlType.YEAR: {
      const v = r.u16();
      return unsigned || type === MysqlType.YEAR ? v : (v << 16) >> 16;
    }
    case MysqlType.LONG:
    case MysqlType.INT24: {
      const v = r.u32();
      return unsigned ? v : v | 0;
    }
    case MysqlType.LONGLONG: {
      const v = r.u64();
      const big = unsigned ? v : BigInt.asIntN(64, v);
      return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
    }
    case MysqlType.FLOAT:
      return r.f32();
    case MysqlType.DOUBLE:
      return r.f64();
    case MysqlType.DATE:
    case MysqlType.DATETIME:
    case MysqlType.TIMESTAMP:
      return { temporal: readDateTime(r, type === MysqlType.DATE) };
    case MysqlType.TIME:
      return { temporal: readTime(r) };
    default:
      return r.lenencBytes();
  }
}

function readDateTime(r: Reader, dateOnly: boolean): string {
  const len = r.u8();
  if (len === 0) return dateOnly ? '0000-00-00' : '0000-00-00 00:00:00';
  const y = r.u16();
  const mo = r.u8();
  const d = r.u8();
  let h = 0;
  let mi = 0;
  let s = 0;
  let us = 0;
  if (len >= 7) {
    h = r.u8();
    mi = r.u8();
    s = r.u8();
  }
  if (len >= 11) us = r.u32();
  const date = `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}`;
  if (dateOnly) return date;
  return `${date} ${two(h)}:${two(mi)}:${two(s)}${us ? `.${String(us).padStart(6, '0')}` : ''}`;
}

function readTime(r: Reader): string {
  const len = r.u8();
  if (len === 0) return '00:00:00';
  const neg = r.u8() === 1;
  const days = r.u32();
  const h = r.u8();
  const mi = r.u8();
  const s = r.u8();
  const us = len >= 12 ? r.u32() : 0;
  return `${neg ? '-' : ''}${two(days * 24 + h)}:${two(mi)}:${two(s)}${us ? `.${String(us).padStart(6, '0')}` : ''}`;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** The statement with each `?` replaced by its value as a SQL literal. */
export function interpolate(sql: string, positions: readonly number[], values: readonly BoundValue[]): string {
  let out = '';
  let last = 0;
  positions.forEach((pos, i) => {
    out += sql.slice(last, pos) + sqlLiteral(values[i] ?? null);
    last = pos + 1;
  });
  return out + sql.slice(last);
}

export function sqlLiteral(v: BoundValue): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NULL';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string') return quoteString(v);
  if (Buffer.isBuffer(v)) {
    const text = v.toString('utf8');
    // Text stays readable in the statement (and in errors); other bytes go as a hex literal.
    return Buffer.from(text, 'utf8').equals(v) ? quoteString(text) : `X'${v.toString('hex')}'`;
  }
  return quoteString(v.temporal);
}

function quoteString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/\0/g, '\\0')}'`;
}

/** A bounds-checked reader over a packet payload. */
class Reader {
  private pos = 0;

  constructor(private readonly b: Buffer) {}

  private need(n: number): void {
    if (this.pos + n > this.b.length) throw new MalformedPacketError();
  }

  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }

  u8(): number {
    this.need(1);
    return this.b[this.pos++] as number;
  }

  u16(): number {
    this.need(2);
    const v = this.b.readUInt16LE(this.pos);
    this.pos += 2;
    return v;
  }

  u32(): number {
    this.need(4);
    const v = this.b.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  u64(): bigint {
    this.need(8);
    const v = this.b.readBigUInt64LE(this.pos);
    this.pos += 8;
    return v;
  }

  f32(): number {
    this.need(4);
    const v = this.b.readFloatLE(this.pos);
    this.pos += 4;
    return v;
  }

  f64(): number {
    this.need(8);
    const v = this.b.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  bytes(n: number): Buffer {
    this.need(n);
    const v = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  lenenc(): number {
    const first = this.u8();
    if (first < 0xfb) return first;
    if (first === 0xfc) return this.u16();
    if (first === 0xfd) {
      this.need(3);
      const v = this.b.readUIntLE(this.pos, 3);
      this.pos += 3;
      return v;
    }
    if (first === 0xfe) {
      const v = this.u64();
      if (v > BigInt(this.b.length)) throw new MalformedPacketError();
      return Number(v);
    }
    throw new MalformedPacketError();
  }

  lenencBytes(): Buffer {
    return Buffer.from(this.bytes(this.lenenc()));
  }
}

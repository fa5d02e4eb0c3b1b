// MySQL client/server protocol packets the server writes after the handshake: OK, ERR, EOF, result
// sets in the text and binary protocols, and COM_STMT_PREPARE's answer. mysql2's server side writes
// ERR packets with a fixed `#_____` SQLSTATE and text rows only as strings; writing the packets here
// gives clients the real SQLSTATE, binary values and status flags.
// Mirrors go/mysql/conn.go (writeOKPacket, writeErrorPacket, writeEOFPacket) and go/mysql/query.go
// (writeFields, writeRows, writeBinaryRows, writePrepare); formats from the MySQL protocol docs.

/** Server status flags (mysql_com.h SERVER_STATUS_*). */
export const SERVER_STATUS_IN_TRANS = 0x0001;
export const SERVER_STATUS_AUTOCOMMIT = 0x0002;
export const SERVER_MORE_RESULTS_EXISTS = 0x0008;

const MAX_PAYLOAD = 0xffffff;

/** Builds one response: a run of packets with consecutive sequence ids, written to the socket at once. */
export class PacketWriter {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  /** `sequenceId` is the id of the first packet (1 when answering a command). */
  constructor(public sequenceId = 1) {}

  /** Appends a packet with the given payload, split into 16 MB pieces as the protocol requires. */
  packet(payload: Buffer): void {
    let off = 0;
    for (;;) {
      const len = Math.min(MAX_PAYLOAD, payload.length - off);
      const header = Buffer.allocUnsafe(4);
      header.writeUIntLE(len, 0, 3);
      header[3] = this.sequenceId & 0xff;
      this.sequenceId = (this.sequenceId + 1) & 0xff;
      this.chunks.push(header, payload.subarray(off, off + len));
      this.size += 4 + len;
      off += len;
      // A payload of exactly 16 MB (or a multiple) is followed by an empty packet.
      if (len < MAX_PAYLOAD) break;
    }
  }

  /** Bytes waiting to be written. */
  pendingBytes(): number {
    return this.size;
  }

  /** Everything appended so far, and forgets it (sequence ids carry on). */
  take(): Buffer {
    const b = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.size);
    this.chunks.length = 0;
    this.size = 0;
    return b;
  }
}

/** A growable byte buffer for building payloads. */
export class PayloadBuilder {
  private buf: Buffer;
  private pos = 0;

  constructor(capacity = 64) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  u8(v: number): this {
    this.ensure(1);
    this.buf[this.pos++] = v & 0xff;
    return this;
  }

  u16(v: number): this {
    this.ensure(2);
    this.buf.writeUInt16LE(v & 0xffff, this.pos);
    this.pos += 2;
    return this;
  }

  u32(v: number): this {
    this.ensure(4);
    this.buf.writeUInt32LE(v >>> 0, this.pos);
    this.pos += 4;
    return this;
  }

  i32(v: number): this {
    this.ensure(4);
    this.buf.writeInt32LE(v | 0, this.pos);
    this.pos += 4;
    return this;
  }

  i64(v: bigint): this {
    this.ensure(8);
    this.buf.writeBigInt64LE(BigInt.asIntN(64, v), this.pos);
    this.pos += 8;
    return this;
  }

  u64(v: bigint): this {
    this.ensure(8);
    this.buf.writeBigUInt64LE(BigInt.asUintN(64, v), this.pos);
    this.pos += 8;
    return this;
  }

  f32(v: number): this {
    this.ensure(4);
    this.buf.writeFloatLE(v, this.pos);
    this.pos += 4;
    return this;
  }

  f64(v: number): this {
    this.ensure(8);
    this.buf.writeDoubleLE(v, this.pos);
    this.pos += 8;
    return this;
  }

  /** A length-encoded integer (int<lenenc>). */
  lenenc(n: number): this {
    if (n < 0xfb) return this.u8(n);
    if (n <= 0xffff) return this.u8(0xfc).u16(n);
    if (n <= 0xffffff) {
      this.u8(0xfd);
      this.ensure(3);
      this.buf.writeUIntLE(n, this.pos, 3);
      this.pos += 3;
      return this;
    }
    return this.u8(0xfe).u64(BigInt(n));
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  /** A string without terminator or length (string<EOF>, or fixed-length text). */
  raw(s: string): this {
    const n = Buffer.byteLength(s, 'utf8');
    this.ensure(n);
    this.buf.write(s, this.pos, 'utf8');
    this.pos += n;
    return this;
  }

  /** A length-encoded string (string<lenenc>). */
  lenencString(s: string): this {
    return this.lenenc(Buffer.byteLength(s, 'utf8')).raw(s);
  }

  lenencBytes(b: Uint8Array): this {
    return this.lenenc(b.length).bytes(b);
  }

  zeros(n: number): this {
    this.ensure(n);
    this.buf.fill(0, this.pos, this.pos + n);
    this.pos += n;
    return this;
  }

  /** The payload (a view of the internal buffer: build a new builder for the next payload). */
  build(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

export function okPayload(affectedRows: number, insertId: number | bigint, status: number, warnings = 0): Buffer {
  const p = new PayloadBuilder(16).u8(0x00);
  lenencNumber(p, affectedRows);
  lenencNumber(p, insertId);
  return p.u16(status).u16(warnings).build();
}

function lenencNumber(p: PayloadBuilder, n: number | bigint): void {
  if (typeof n === 'bigint' || n > Number.MAX_SAFE_INTEGER) {
    const v = BigInt(n);
    if (v < 0xfbn) p.u8(Number(v));
    else p.u8(0xfe).u64(v);
    return;
  }
  p.lenenc(Math.max(0, Math.floor(n)));
}

/** An ERR packet with the real SQLSTATE (5 characters; HY000 when unknown). */
export function errPayload(errno: number, sqlState: string, message: string): Buffer {
  const state = /^[0-9A-Z]{5}$/.test(sqlState) ? sqlState : 'HY000';
  return new PayloadBuilder(16 + message.length).u8(0xff).u16(errno).raw('#').raw(state).raw(message).build();
}

export function eofPayload(status: number, warnings = 0): Buffer {
  return new PayloadBuilder(5).u8(0xfe).u16(warnings).u16(status).build();
}

/** One column of a result set as the protocol describes it (Protocol::ColumnDefinition41). */
export interface ColumnDefinition {
  schema: string;
  table: string;
  orgTable: string;
  name: string;
  orgName: string;
  characterSet: number;
  columnLength: number;
  columnType: number;
  flags: number;
  decimals: number;
}

export function columnDefinitionPayload(c: ColumnDefinition): Buffer {
  return new PayloadBuilder(64)
    .lenencString('def')
    .lenencString(c.schema)
    .lenencString(c.table)
    .lenencString(c.orgTable)
    .lenencString(c.name)
    .lenencString(c.orgName)
    .u8(0x0c)
    .u16(c.characterSet)
    .u32(c.columnLength)
    .u8(c.columnType)
    .u16(c.flags)
    .u8(c.decimals)
    .u16(0)
    .build();
}

/** A text-protocol row: each value as a length-encoded string, NULL as 0xfb. */
export function textRowPayload(values: ReadonlyArray<string | Uint8Array | null>): Buffer {
  const p = new PayloadBuilder(16 * values.length + 8);
  for (const v of values) {
    if (v === null) p.u8(0xfb);
    else if (typeof v === 'string') p.lenencString(v);
    else p.lenencBytes(v);
  }
  return p.build();
}

/** COM_STMT_PREPARE_OK, followed (by the caller) by the parameter and column definitions. */
export function prepareOkPayload(statementId: number, columns: number, params: number): Buffer {
  return new PayloadBuilder(12).u8(0x00).u32(statementId).u16(columns).u16(params).u8(0).u16(0).build();
}

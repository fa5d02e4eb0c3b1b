// A minimal MySQL protocol client over a raw socket, for what real drivers never send: malformed
// packets, commands mysql2 has no API for (COM_INIT_DB), and abrupt disconnects mid-command.
import { connect } from 'node:net';
import type { Socket } from 'node:net';

export interface RawPacket {
  seq: number;
  payload: Buffer;
}

export class RawClient {
  private buf = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (d) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => {});
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  static open(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new RawClient(s)));
      s.once('error', reject);
    });
  }

  /** The next packet, or undefined when the server closed the connection first. */
  async read(): Promise<RawPacket | undefined> {
    for (;;) {
      if (this.buf.length >= 4) {
        const len = this.buf.readUIntLE(0, 3);
        if (this.buf.length >= 4 + len) {
          const p = { seq: this.buf[3] as number, payload: this.buf.subarray(4, 4 + len) };
          this.buf = this.buf.subarray(4 + len);
          return p;
        }
      }
      if (this.closed) return undefined;
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  write(seq: number, payload: Buffer): void {
    const h = Buffer.alloc(4);
    h.writeUIntLE(payload.length, 0, 3);
    h[3] = seq;
    this.socket.write(Buffer.concat([h, payload]));
  }

  /** Reads the greeting and answers it as user root without a password; returns the server's reply. */
  async handshake(database?: string): Promise<RawPacket | undefined> {
    const greeting = await this.read();
    if (!greeting) return undefined;
    // PROTOCOL_41 | SECURE_CONNECTION | PLUGIN_AUTH | LONG_PASSWORD | TRANSACTIONS (| CONNECT_WITH_DB)
    const flags = 0x200 | 0x8000 | 0x80000 | 0x1 | 0x2000 | (database ? 0x8 : 0);
    const head = Buffer.alloc(32);
    head.writeUInt32LE(flags, 0);
    head.writeUInt32LE(1 << 24, 4);
    head[8] = 45;
    const parts = [head, Buffer.from('root\0'), Buffer.from([0])];
    if (database) parts.push(Buffer.from(`${database}\0`));
    parts.push(Buffer.from('mysql_native_password\0'));
    this.write(1, Buffer.concat(parts));
    return this.read();
  }

  /** Sends a command (sequence 0) and reads packets until OK, ERR or the final EOF of a result set. */
  async command(payload: Buffer): Promise<RawPacket[]> {
    this.write(0, payload);
    const out: RawPacket[] = [];
    let eofs = 0;
    for (;;) {
      const p = await this.read();
      if (!p) return out;
      out.push(p);
      const first = p.payload[0];
      if (out.length === 1 && (first === 0x00 || first === 0xff)) return out;
      if (first === 0xfe && p.payload.length < 9 && ++eofs === 2) return out;
      if (first === 0xff) return out;
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

/** The errno, SQLSTATE and message of an ERR packet. */
export function parseErr(p: RawPacket): { errno: number; sqlState: string; message: string } {
  return { errno: p.payload.readUInt16LE(1), sqlState: p.payload.subarray(4, 9).toString(), message: p.payload.subarray(9).toString() };
}

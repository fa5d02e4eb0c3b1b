// The MySQL-protocol endpoint of `vtsim serve`: what vtgate's port 15306 is in the local example. Real
// clients (the `mysql` command, mysql2, Go's driver ...) connect, each connection gets its own vtgate
// session, and every statement runs through the simulated vtgate exactly as the in-process `mysql`
// command runs it, so results and errors (errno, SQLSTATE, text) are the same.
// mysql2's server side does the connection phase: the greeting and reading the client's handshake
// response. Once the client is authenticated this module takes the socket over and speaks the
// command phase itself (packet framing, OK/ERR/EOF, result sets, prepared statements), because
// mysql2 hard-codes the SQLSTATE of errors, routes any COM_QUERY starting with SET/PREPARE/EXECUTE to
// its prepared-statement events, never resets the sequence id between commands (see
// reference/stack-notes.md §5), and drops the connection on a malformed COM_STMT_EXECUTE.
// Mirrors go/mysql/server.go (Listener, handshake, auth) and go/mysql/conn.go (handleNextCommand)
// plus go/vt/vtgate/plugin_mysql_server.go (a vtgate session per connection, `use` for COM_INIT_DB).

import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import type { EventEmitter } from 'node:events';
import mysql from 'mysql2';
import type { QueryResult } from '../common/sql-types.js';
import { isVtError } from '../common/errors.js';
import type { VTGate } from '../router/vtgate.js';
import { VTGATE_MYSQL_VERSION } from '../router/vtgate.js';
import type { Session } from '../router/session.js';
import { splitSqlStatements } from '../commands/sql-split.js';
import {
  PacketWriter,
  PayloadBuilder,
  SERVER_MORE_RESULTS_EXISTS,
  SERVER_STATUS_AUTOCOMMIT,
  SERVER_STATUS_IN_TRANS,
  columnDefinitionPayload,
  eofPayload,
  errPayload,
  okPayload,
  prepareOkPayload,
  textRowPayload,
} from './mysql-packets.js';
import type { ColumnDefinition } from './mysql-packets.js';
import { CHARSET_UTF8MB4, MysqlType, binaryRowPayload, columnDefinitions, textValue } from './mysql-types.js';
import type { PreparedStatement } from './prepared-statements.js';
import { MalformedPacketError, interpolate, parseExecuteValues, placeholderPositions } from './prepared-statements.js';
import type { StaticAuth } from './static-auth.js';
import { checkNativePassword } from './static-auth.js';

/** Command bytes (my_command.h COM_*). */
const Com = {
  QUIT: 0x01,
  INIT_DB: 0x02,
  QUERY: 0x03,
  PING: 0x0e,
  STMT_PREPARE: 0x16,
  STMT_EXECUTE: 0x17,
  STMT_SEND_LONG_DATA: 0x18,
  STMT_CLOSE: 0x19,
  STMT_RESET: 0x1a,
  SET_OPTION: 0x1b,
  RESET_CONNECTION: 0x1f,
} as const;

/** Client capability flags (mysql_com.h CLIENT_*). */
const Cap = {
  LONG_PASSWORD: 0x1,
  FOUND_ROWS: 0x2,
  LONG_FLAG: 0x4,
  CONNECT_WITH_DB: 0x8,
  PROTOCOL_41: 0x200,
  TRANSACTIONS: 0x2000,
  SECURE_CONNECTION: 0x8000,
  MULTI_STATEMENTS: 0x10000,
  MULTI_RESULTS: 0x20000,
  PS_MULTI_RESULTS: 0x40000,
  PLUGIN_AUTH: 0x80000,
  CONNECT_ATTRS: 0x100000,
  PLUGIN_AUTH_LENENC_CLIENT_DATA: 0x200000,
} as const;

/**
 * What the server announces. Not CLIENT_SSL (no TLS), not CLIENT_DEPRECATE_EOF (result sets end with
 * EOF packets), not CLIENT_QUERY_ATTRIBUTES (COM_QUERY carries no parameter block).
 */
const SERVER_CAPABILITIES = Object.values(Cap).reduce((a, b) => a | b, 0);

/** A response larger than this is written in pieces while it is built. */
const FLUSH_BYTES = 256 * 1024;
/** The largest command accepted (MySQL's max_allowed_packet default, 64 MB). */
const MAX_COMMAND_BYTES = 64 * 1024 * 1024;
const MAX_PAYLOAD = 0xffffff;

/** The server side of a mysql2 connection, as far as this module uses it (the connection phase). */
interface ServerConnection extends EventEmitter {
  stream: Socket;
  sequenceId: number;
  clientHelloReply?: { clientFlags: number };
  serverHandshake(args: Record<string, unknown>): unknown;
}

/** Splits the byte stream of the command phase into commands (joining 16 MB continuation packets). */
class CommandReader {
  private buf: Buffer = Buffer.alloc(0);
  private parts: Buffer[] = [];
  private partsSize = 0;

  /** Adds bytes; returns the complete commands with the sequence id of their last packet. */
  push(data: Buffer): Array<{ payload: Buffer; seq: number }> {
    this.buf = this.buf.length === 0 ? data : Buffer.concat([this.buf, data]);
    const out: Array<{ payload: Buffer; seq: number }> = [];
    while (this.buf.length >= 4) {
      const len = this.buf.readUIntLE(0, 3);
      if (this.partsSize + len > MAX_COMMAND_BYTES) throw new PacketTooLargeError();
      if (this.buf.length < 4 + len) break;
      const seq = this.buf[3] as number;
      const body = this.buf.subarray(4, 4 + len);
      this.buf = this.buf.subarray(4 + len);
      if (len === MAX_PAYLOAD) {
        this.parts.push(Buffer.from(body));
        this.partsSize += len;
        continue;
      }
      const payload = this.parts.length === 0 ? Buffer.from(body) : Buffer.concat([...this.parts, body]);
      this.parts = [];
      this.partsSize = 0;
      out.push({ payload, seq });
    }
    return out;
  }
}

class PacketTooLargeError extends Error {
  constructor() {
    super("Got a packet bigger than 'max_allowed_packet' bytes");
  }
}

interface AuthInfo {
  user: string;
  database?: string;
  authPluginData1: Buffer;
  authPluginData2: Buffer;
  authToken: Buffer;
}

export interface MysqlServerOptions {
  /** The vtgate serving now, or undefined while it is not running (vtgate-down.sh, before 101). */
  vtgate: () => VTGate | undefined;
  /** Users and passwords; undefined accepts any user (--mysql_auth_server_impl none). */
  auth?: StaticAuth;
  /** For unexpected (internal) errors; they never stop the server. */
  log?: (message: string) => void;
}

/** One client connection: its vtgate session and prepared statements. */
class ClientConnection {
  session: Session;
  readonly statements = new Map<number, PreparedStatement>();
  nextStatementId = 1;
  multiStatements = false;
  closed = false;

  constructor(
    readonly id: number,
    readonly conn: ServerConnection,
    readonly vtgate: VTGate,
  ) {
    this.session = vtgate.newSession();
  }

  /** The status flags every OK/EOF carries. */
  status(): number {
    return (this.session.autocommit ? SERVER_STATUS_AUTOCOMMIT : 0) | (this.session.inTransaction ? SERVER_STATUS_IN_TRANS : 0);
  }
}

export class MysqlServer {
  private readonly server: Server;
  private readonly clients = new Set<ClientConnection>();
  private nextConnectionId = 1;
  private address: AddressInfo | undefined;

  constructor(private readonly options: MysqlServerOptions) {
    this.server = createServer((socket) => this.accept(socket));
    this.server.on('error', (e) => this.log(`mysql server: ${e.message}`));
  }

  /** Starts listening; resolves with the bound address (port 0 picks a free port). */
  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        this.address = this.server.address() as AddressInfo;
        resolve(this.address);
      });
    });
  }

  /** Open client connections. */
  connectionCount(): number {
    return this.clients.size;
  }

  /** Stops listening and closes every connection (open transactions are rolled back). */
  close(): Promise<void> {
    for (const c of [...this.clients]) this.drop(c, true);
    return new Promise((resolve) => {
      if (!this.server.listening) {
        resolve();
        return;
      }
      this.server.close(() => resolve());
    });
  }

  private log(message: string): void {
    this.options.log?.(message);
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true); // one write per response, sent at once (else ~40 ms per query: Nagle + delayed ACK)
    socket.on('error', () => socket.destroy());
    const vtgate = this.options.vtgate();
    if (!vtgate) {
      // What a client sees when nothing listens on vtgate's port, sent as the greeting's error.
      const where = this.address ? `${this.address.address}:${this.address.port}` : 'vtgate';
      const w = new PacketWriter(0);
      w.packet(errPayload(2003, 'HY000', `Can't connect to MySQL server on '${where}' (111: vtgate is not running)`));
      socket.end(w.take());
      return;
    }
    const conn = mysql.createConnection({ stream: socket, isServer: true } as mysql.ConnectionOptions) as unknown as ServerConnection;
    const client = new ClientConnection(this.nextConnectionId++, conn, vtgate);
    this.clients.add(client);
    conn.on('error', () => this.drop(client, false));
    socket.on('close', () => this.drop(client, false));
    conn.serverHandshake({
      protocolVersion: 10,
      serverVersion: VTGATE_MYSQL_VERSION,
      connectionId: client.id,
      statusFlags: SERVER_STATUS_AUTOCOMMIT,
      characterSet: CHARSET_UTF8MB4,
      capabilityFlags: SERVER_CAPABILITIES,
      authCallback: (info: AuthInfo) => this.onAuth(client, info),
    });
  }

  /** The client's handshake response: check the password, apply the initial database, answer OK or ERR. */
  private onAuth(client: ClientConnection, info: AuthInfo): void {
    const w = new PacketWriter(client.conn.sequenceId);
    const fail = (errno: number, state: string, message: string) => {
      w.packet(errPayload(errno, state, message));
      this.send(client, w);
      this.drop(client, true);
    };
    if (this.options.auth) {
      const scramble = Buffer.concat([info.authPluginData1, info.authPluginData2]);
      if (!checkNativePassword(this.options.auth, info.user, scramble, info.authToken ?? Buffer.alloc(0))) {
        fail(1045, '28000', `Access denied for user '${info.user}'`);
        return;
      }
    }
    client.multiStatements = ((client.conn.clientHelloReply?.clientFlags ?? 0) & Cap.MULTI_STATEMENTS) !== 0;
    if (info.database) {
      try {
        client.vtgate.execute(client.session, useStatement(info.database));
      } catch (e) {
        const err = this.errorOf(e);
        fail(err.errno, err.sqlState, err.message);
        return;
      }
    }
    w.packet(okPayload(0, 0, client.status()));
    this.send(client, w);
    this.takeOver(client);
  }

  /** From here on this module reads the socket: mysql2's parser is detached. */
  private takeOver(client: ClientConnection): void {
    const socket = client.conn.stream;
    socket.removeAllListeners('data');
    const reader = new CommandReader();
    socket.on('data', (data: Buffer) => {
      if (client.closed) return;
      let commands;
      try {
        commands = reader.push(data);
      } catch (e) {
        const w = new PacketWriter(0);
        w.packet(errPayload(1153, '08S01', (e as Error).message));
        this.send(client, w);
        this.drop(client, true);
        return;
      }
      for (const c of commands) this.onCommand(client, c.payload, c.seq);
    });
  }

  private onCommand(client: ClientConnection, payload: Buffer, seq: number): void {
    if (client.closed || payload.length === 0) return;
    if (this.options.vtgate() !== client.vtgate) {
      // vtgate was stopped or restarted: its connections are gone (the client sees a lost connection).
      this.drop(client, false);
      return;
    }
    const first = (seq + 1) & 0xff;
    const w = new PacketWriter(first);
    try {
      if (this.dispatch(client, payload[0] as number, payload.subarray(1), w) === 'no-reply') return;
    } catch (e) {
      w.take();
      w.sequenceId = first;
      const err = e instanceof MalformedPacketError ? { errno: 1835, sqlState: 'HY000', message: e.message } : this.errorOf(e);
      w.packet(errPayload(err.errno, err.sqlState, err.message));
    }
    this.send(client, w);
  }

  private dispatch(client: ClientConnection, command: number, body: Buffer, w: PacketWriter): 'reply' | 'no-reply' {
    switch (command) {
      case Com.QUIT:
        this.drop(client, true);
        return 'no-reply';
      case Com.INIT_DB:
        this.runQuery(client, useStatement(body.toString('utf8')), false, w);
        return 'reply';
      case Com.QUERY:
        this.comQuery(client, body.toString('utf8'), w);
        return 'reply';
      case Com.PING:
        w.packet(okPayload(0, 0, client.status()));
        return 'reply';
      case Com.SET_OPTION:
        if (body.length < 2) throw new MalformedPacketError();
        client.multiStatements = body.readUInt16LE(0) === 0;
        w.packet(eofPayload(client.status()));
        return 'reply';
      case Com.RESET_CONNECTION:
        client.vtgate.closeSession(client.session);
        client.session = client.vtgate.newSession();
        client.statements.clear();
        w.packet(okPayload(0, 0, client.status()));
        return 'reply';
      case Com.STMT_PREPARE:
        this.prepare(client, body.toString('utf8'), w);
        return 'reply';
      case Com.STMT_EXECUTE:
        this.execute(client, body, w);
        return 'reply';
      case Com.STMT_SEND_LONG_DATA: {
        if (body.length < 6) return 'no-reply';
        const stmt = client.statements.get(body.readUInt32LE(0));
        const param = body.readUInt16LE(4);
        if (stmt && param < stmt.paramCount) {
          const parts = stmt.longData.get(param) ?? [];
          parts.push(Buffer.from(body.subarray(6)));
          stmt.longData.set(param, parts);
        }
        return 'no-reply';
      }
      case Com.STMT_CLOSE:
        if (body.length >= 4) client.statements.delete(body.readUInt32LE(0));
        return 'no-reply';
      case Com.STMT_RESET: {
        const id = body.length >= 4 ? body.readUInt32LE(0) : 0;
        const stmt = client.statements.get(id);
        if (!stmt) {
          w.packet(errPayload(1243, 'HY000', `Unknown prepared statement handler (${id}) given to mysqld_stmt_reset`));
        } else {
          stmt.longData.clear();
          w.packet(okPayload(0, 0, client.status()));
        }
        return 'reply';
      }
      default:
        // go/mysql/conn.go: ERUnknownComError / SSUnknownComError.
        w.packet(errPayload(1047, '08S01', `command handling not implemented yet: ${command}`));
        return 'reply';
    }
  }

  /** COM_QUERY: one statement, or several when the client enabled multi-statements. */
  private comQuery(client: ClientConnection, text: string, w: PacketWriter): void {
    let statements = [text];
    if (client.multiStatements) {
      const parts = splitSqlStatements(text);
      if (parts.length > 1) statements = parts.map((s) => s.sql);
    }
    for (let i = 0; i < statements.length; i++) {
      if (!this.runQuery(client, statements[i] as string, i < statements.length - 1, w)) break;
    }
  }

  /** Runs one statement and appends its result (or error) to the response. False after an error. */
  private runQuery(client: ClientConnection, sql: string, more: boolean, w: PacketWriter, binary = false): boolean {
    let result: QueryResult;
    try {
      result = client.vtgate.execute(client.session, sql);
    } catch (e) {
      const err = this.errorOf(e);
      w.packet(errPayload(err.errno, err.sqlState, err.message));
      return false;
    }
    const status = client.status() | (more ? SERVER_MORE_RESULTS_EXISTS : 0);
    if (result.fields.length === 0) {
      w.packet(okPayload(result.rowsAffected, result.insertId, status));
      return true;
    }
    const defs = columnDefinitions(result.fields, result.rows, client.session.targetString.split(/[@:/]/)[0] ?? '');
    w.packet(new PayloadBuilder(4).lenenc(defs.length).build());
    for (const d of defs) w.packet(columnDefinitionPayload(d));
    w.packet(eofPayload(status));
    for (const row of result.rows) {
      w.packet(binary ? binaryRowPayload(row, defs) : textRowPayload(result.fields.map((f, i) => textValue(row[i], f.type, f.decimals))));
      if (w.pendingBytes() >= FLUSH_BYTES) this.write(client, w.take());
    }
    w.packet(eofPayload(status));
    return true;
  }

  private prepare(client: ClientConnection, sql: string, w: PacketWriter): void {
    const positions = placeholderPositions(sql);
    const stmt: PreparedStatement = {
      id: client.nextStatementId++,
      sql,
      paramCount: positions.length,
      paramTypes: [],
      longData: new Map(),
    };
    client.statements.set(stmt.id, stmt);
    // The result columns are sent with each execution's result set (the column count here is 0).
    w.packet(prepareOkPayload(stmt.id, 0, stmt.paramCount));
    if (stmt.paramCount > 0) {
      const param: ColumnDefinition = {
        schema: '',
        table: '',
        orgTable: '',
        name: '?',
        orgName: '',
        characterSet: 63,
        columnLength: 0,
        columnType: MysqlType.VAR_STRING,
        flags: 128,
        decimals: 0,
      };
      for (let i = 0; i < stmt.paramCount; i++) w.packet(columnDefinitionPayload(param));
      w.packet(eofPayload(client.status()));
    }
  }

  private execute(client: ClientConnection, body: Buffer, w: PacketWriter): void {
    if (body.length < 4) throw new MalformedPacketError();
    const id = body.readUInt32LE(0);
    const stmt = client.statements.get(id);
    if (!stmt) {
      w.packet(errPayload(1243, 'HY000', `Unknown prepared statement handler (${id}) given to mysqld_stmt_execute`));
      return;
    }
    try {
      const values = parseExecuteValues(body, stmt);
      this.runQuery(client, interpolate(stmt.sql, placeholderPositions(stmt.sql), values), false, w, true);
    } finally {
      stmt.longData.clear();
    }
  }

  private send(client: ClientConnection, w: PacketWriter): void {
    this.write(client, w.take());
  }

  private write(client: ClientConnection, data: Buffer): void {
    const s = client.conn.stream;
    if (data.length > 0 && !s.destroyed && s.writable) s.write(data);
  }

  /** Forgets a connection: its transaction is rolled back, as when a client disconnects. */
  private drop(client: ClientConnection, closeSocket: boolean): void {
    if (client.closed) return;
    client.closed = true;
    this.clients.delete(client);
    try {
      if (this.options.vtgate() === client.vtgate) client.vtgate.closeSession(client.session);
    } catch (e) {
      this.log(`rolling back the session of connection ${client.id}: ${(e as Error).message}`);
    }
    const s = client.conn.stream;
    if (closeSocket) s.end();
    else s.destroy();
  }

  /** The MySQL error a thrown value becomes. Unexpected errors are logged with their stack. */
  private errorOf(e: unknown): { errno: number; sqlState: string; message: string } {
    if (isVtError(e)) return { errno: e.errno, sqlState: e.sqlState, message: e.message };
    const message = e instanceof Error ? e.message : String(e);
    this.log(`vtsim internal error: ${e instanceof Error ? (e.stack ?? message) : message}`);
    return { errno: 1105, sqlState: 'HY000', message: `vtsim internal error: ${message}` };
  }
}

/** COM_INIT_DB becomes `use` of the quoted name, as vtgate does (`use \`commerce@replica\``). */
function useStatement(db: string): string {
  return `use \`${db.replace(/`/g, '``')}\``;
}

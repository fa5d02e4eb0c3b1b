// The MySQL port of vtsim serve with mysql2 as the client: result types, errors with their codes,
// sessions per connection, prepared statements, many queries without leaks, and bad clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import type { FieldPacket, RowDataPacket } from 'mysql2/promise';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServeHandle } from '../../src/server/serve.js';
import { commerceCluster, connect, serve } from './support.js';
import { RawClient, parseErr } from './raw-client.js';

let h: ServeHandle;

beforeAll(async () => {
  h = await serve();
  commerceCluster(h);
});

afterAll(async () => {
  await h.close();
});

describe('mysql2 client against vtsim serve', () => {
  it('returns rows with MySQL column types from the querypb types', async () => {
    const c = await connect(h, { database: 'commerce' });
    const [rows, fields] = (await c.query('select customer_id, email from customer order by customer_id')) as [RowDataPacket[], FieldPacket[]];
    expect(rows.length).toBe(5);
    expect(rows[0]).toEqual({ customer_id: 1, email: 'alice@domain.com' });
    expect(fields.map((f) => [f.name, f.type])).toEqual([
      ['customer_id', mysql.Types.LONGLONG],
      ['email', mysql.Types.VAR_STRING],
    ]);
    const [r2, f2] = (await c.query("select null as n, 'x' as s, 7 as i")) as [RowDataPacket[], FieldPacket[]];
    expect(r2[0]).toEqual({ n: null, s: 'x', i: 7 });
    expect(f2.map((f) => f.type)).toEqual([mysql.Types.NULL, mysql.Types.VAR_STRING, mysql.Types.LONGLONG]);
    // A NOT NULL flag exactly when no value is NULL (the mysql client sizes its boxes by it).
    expect(fields.map((f) => (f.flags as number) & 1)).toEqual([1, 1]);
    expect((f2[0]?.flags as number) & 1).toBe(0);
    await c.end();
  });

  it('sends errors with the errno, SQLSTATE and text of the in-process mysql command', async () => {
    const c = await connect(h);
    const err = await c.query('select * from nosuch').then(
      () => undefined,
      (e: { errno: number; sqlState: string; sqlMessage: string }) => e,
    );
    expect(err?.errno).toBe(1146);
    expect(err?.sqlState).toBe('42S02');
    expect(err?.sqlMessage).toBe(
      `target: commerce.0.primary: vttablet: rpc error: code = NotFound desc = Table 'vt_commerce.nosuch' doesn't exist (errno 1146) (sqlstate 42S02) (CallerID: userData1): Sql: "select * from nosuch", BindVars: {}`,
    );
    const inProcess = h.run({ line: 'mysql -e "select * from nosuch"' });
    expect(inProcess.stderr).toContain(`ERROR 1146 (42S02) at line 1: ${err?.sqlMessage}`);
    // The connection is still usable after an error.
    const [rows] = (await c.query('select 1 as one')) as [RowDataPacket[], FieldPacket[]];
    expect(rows[0]).toEqual({ one: 1 });
    await c.end();
  });

  it('gives each connection its own session (use, @replica, transactions)', async () => {
    const a = await connect(h);
    const b = await connect(h, { database: 'commerce@replica' });
    await a.query('use commerce');
    const db = async (c: mysql.Connection) => ((await c.query('select database() as db')) as [RowDataPacket[], FieldPacket[]])[0][0]?.db;
    expect(await db(a)).toBe('commerce');
    expect(await db(b)).toBe('commerce@replica');
    // A write through a replica target is refused (VT09002).
    const e = await b.query("insert into product (sku, description, price) values ('SKU-9', 'x', 1)").catch((x: { errno: number; sqlMessage: string }) => x);
    expect((e as { sqlMessage: string }).sqlMessage).toMatch(/VT09002/);
    // An open transaction is rolled back when its client disconnects abruptly.
    await a.query('begin');
    await a.query("insert into product (sku, description, price) values ('SKU-TX', 'tx', 1)");
    a.destroy();
    await waitFor(() => h.run({ line: 'vtsim settle now' }).exitCode === 0);
    const c = await connect(h, { database: 'commerce' });
    const [rows] = (await c.query("select count(*) as n from product where sku = 'SKU-TX'")) as [RowDataPacket[], FieldPacket[]];
    expect(rows[0]?.n).toBe(0);
    await b.end();
    await c.end();
  });

  it('answers COM_INIT_DB like `use`, including ks@replica and ks:shard', async () => {
    const raw = await RawClient.open(h.mysqlAddress.port);
    expect((await raw.handshake())?.payload[0]).toBe(0x00);
    for (const target of ['commerce@replica', 'commerce:0', 'commerce']) {
      const r = await raw.command(Buffer.concat([Buffer.from([0x02]), Buffer.from(target)]));
      expect(r[0]?.payload[0]).toBe(0x00);
    }
    const bad = await raw.command(Buffer.concat([Buffer.from([0x02]), Buffer.from('nosuch')]));
    expect(bad[0]?.payload[0]).toBe(0xff);
    expect(parseErr(bad[0] as { seq: number; payload: Buffer }).sqlState).toMatch(/^[0-9A-Z]{5}$/);
    const ping = await raw.command(Buffer.from([0x0e]));
    expect(ping[0]?.payload[0]).toBe(0x00);
    raw.close();
  });

  it('runs prepared statements (mysql2 execute) with bound values', async () => {
    const c = await connect(h, { database: 'commerce' });
    const [rows, fields] = (await c.execute('select customer_id, email from customer where customer_id = ?', [2])) as [RowDataPacket[], FieldPacket[]];
    expect(rows).toEqual([{ customer_id: 2, email: 'bob@domain.com' }]);
    expect(fields.map((f) => f.type)).toEqual([mysql.Types.LONGLONG, mysql.Types.VAR_STRING]);
    await c.execute('insert into product (sku, description, price) values (?, ?, ?)', ['SKU-PS', "it's \\ quoted", 12]);
    const [p] = (await c.execute('select description, price from product where sku = ?', ['SKU-PS'])) as [RowDataPacket[], FieldPacket[]];
    expect(p).toEqual([{ description: "it's \\ quoted", price: 12 }]);
    const [none] = (await c.execute('select * from product where sku = ?', [null])) as [RowDataPacket[], FieldPacket[]];
    expect(none).toEqual([]);
    await c.execute('delete from product where sku = ?', ['SKU-PS']);
    const err = await c.execute('select * from nosuch where a = ?', [1]).catch((e: { errno: number }) => e);
    expect((err as { errno: number }).errno).toBe(1146);
    await c.end();
  });

  it('sends DECIMAL values with their column scale, in text and binary results', async () => {
    h.run({ line: `vtctldclient ApplySchema --sql "create table price_list (sku varchar(16) primary key, amount decimal(10,2))" commerce` });
    h.run({ line: `mysql -e "insert into commerce.price_list values ('a', 5), ('b', 0.5)"` });
    const c = await connect(h, { database: 'commerce', decimalNumbers: false });
    const [text, fields] = (await c.query('select amount from price_list order by sku')) as [RowDataPacket[], FieldPacket[]];
    expect(text).toEqual([{ amount: '5.00' }, { amount: '0.50' }]);
    expect(fields[0]?.type).toBe(mysql.Types.NEWDECIMAL);
    expect(fields[0]?.decimals).toBe(2);
    const [binary] = (await c.execute('select amount from price_list where sku = ?', ['b'])) as [RowDataPacket[], FieldPacket[]];
    expect(binary).toEqual([{ amount: '0.50' }]);
    await c.end();
  });

  it('answers multi-statement queries when the client enables them', async () => {
    const c = await connect(h, { database: 'commerce', multipleStatements: true });
    const [results] = (await c.query('select 1 as a; select 2 as b')) as unknown as [RowDataPacket[][]];
    expect(results).toEqual([[{ a: 1 }], [{ b: 2 }]]);
    await c.end();
  });

  it('serves many connections at once', async () => {
    const conns = await Promise.all(Array.from({ length: 8 }, () => connect(h, { database: 'commerce' })));
    const counts = await Promise.all(conns.map(async (c, i) => ((await c.query(`select count(*) + ${i} as n from customer`)) as [RowDataPacket[], FieldPacket[]])[0][0]?.n));
    expect(counts).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    await Promise.all(conns.map((c) => c.end()));
    await waitFor(() => connectionCount(h) === 0);
  });

  it('runs 10,000 queries on one connection without leaking memory or handles', async () => {
    const c = await connect(h, { database: 'commerce' });
    const loop = async (n: number) => {
      for (let i = 0; i < n; i++) await c.query('select customer_id from customer where customer_id = 3');
    };
    await loop(1000);
    const heapBefore = process.memoryUsage().heapUsed;
    const resourcesBefore = process.getActiveResourcesInfo().length;
    await loop(10_000);
    const heapAfter = process.memoryUsage().heapUsed;
    expect(process.getActiveResourcesInfo().length).toBeLessThanOrEqual(resourcesBefore);
    // Without a forced GC the heap wobbles; a leak of even 1 KB per query would show as 10 MB.
    expect(heapAfter - heapBefore).toBeLessThan(24 * 1024 * 1024);
    await c.end();
    await waitFor(() => connectionCount(h) === 0);
  }, 60_000);

  it('survives malformed packets and abrupt disconnects', async () => {
    // Garbage instead of a handshake response.
    const g = await RawClient.open(h.mysqlAddress.port);
    await g.read();
    g.socket.write(Buffer.from([0x05, 0x00, 0x00, 0x01, 0xde, 0xad, 0xbe, 0xef, 0x00]));
    // A truncated COM_STMT_EXECUTE and an unknown command after a good handshake.
    const r = await RawClient.open(h.mysqlAddress.port);
    await r.handshake();
    const prep = await r.command(Buffer.concat([Buffer.from([0x16]), Buffer.from('select ? + ?')]));
    expect(prep[0]?.payload[0]).toBe(0x00);
    expect(prep[0]?.payload.readUInt16LE(7)).toBe(2); // two parameters: their definitions and an EOF follow
    for (let i = 0; i < 3; i++) await r.read();
    const exec = await r.command(Buffer.from([0x17, 0x01, 0x00, 0x00, 0x00, 0x00]));
    expect(parseErr(exec[0] as { seq: number; payload: Buffer })).toMatchObject({ errno: 1835, sqlState: 'HY000' });
    const unknown = await r.command(Buffer.from([0x42]));
    expect(parseErr(unknown[0] as { seq: number; payload: Buffer })).toMatchObject({ errno: 1047, sqlState: '08S01' });
    // A header announcing a huge packet, then silence; a query sent and the socket dropped at once.
    const big = await RawClient.open(h.mysqlAddress.port);
    await big.handshake();
    big.socket.write(Buffer.from([0xff, 0xff, 0xfe, 0x00, 0x03, 0x73]));
    const drop = await RawClient.open(h.mysqlAddress.port);
    await drop.handshake();
    drop.write(0, Buffer.concat([Buffer.from([0x03]), Buffer.from('select * from customer')]));
    drop.close();
    g.close();
    big.close();
    r.close();
    // The server still answers.
    const c = await connect(h, { database: 'commerce' });
    const [rows] = (await c.query('select count(*) as n from customer')) as [RowDataPacket[], FieldPacket[]];
    expect(rows[0]?.n).toBe(5);
    await c.end();
  });
});

describe('vtsim serve access', () => {
  it('refuses clients while vtgate is not running, as an unreachable vtgate would', async () => {
    const empty = await serve();
    try {
      const e = await connect(empty).catch((x: { errno: number; message: string }) => x);
      expect((e as { errno: number }).errno).toBe(2003);
      expect((e as { message: string }).message).toMatch(/Can't connect to MySQL server/);
    } finally {
      await empty.close();
    }
  });

  it('checks users against a vtgate-style static auth file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vtsim-auth-'));
    const file = join(dir, 'auth.json');
    writeFileSync(file, JSON.stringify({ alice: [{ Password: 's3cret', UserData: 'alice' }], bob: { MysqlNativePassword: '*6BB4837EB74329105EE4568DDA7DC67ED2CA2AD9' } }));
    const s = await serve({ authFile: file });
    try {
      s.run({ line: './101_initial_cluster.sh' });
      const ok = await connect(s, { user: 'alice', password: 's3cret' });
      await ok.query('select 1');
      await ok.end();
      // bob's stored hash is that of '123456'.
      const bob = await connect(s, { user: 'bob', password: '123456' });
      await bob.end();
      const e = await connect(s, { user: 'alice', password: 'wrong' }).catch((x: { errno: number; sqlState: string; message: string }) => x);
      expect(e).toMatchObject({ errno: 1045, sqlState: '28000', message: "Access denied for user 'alice'" });
    } finally {
      await s.close();
    }
  });
});

function connectionCount(s: ServeHandle): number {
  return s.connections();
}

async function waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

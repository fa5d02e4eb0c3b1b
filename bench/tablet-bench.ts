// Raw sql.js inserts and primary-key paging versus the tablet write path (MySQL statement → SQLite with
// binlog capture and GTIDs) and replica apply.

import { performance } from 'node:perf_hooks';
import { loadSqlJs } from '../src/tablets/sqlite/sqljs.js';
import { Mysqld } from '../src/tablets/mysqld/mysqld.js';
import { Replication } from '../src/tablets/replication.js';
import { createSimEnv } from '../src/engine/sim-env.js';

const ROWS = 200_000;
const BATCH = 1000;

function rate(n: number, ms: number): number {
  return Math.round((n / ms) * 1000);
}

export async function benchTablet(): Promise<string[]> {
  const SQL = await loadSqlJs();
  const out: string[] = [];

  // Raw sql.js: prepared insert, 1000 rows per transaction.
  const raw = new SQL.Database();
  raw.run('create table t (id INTEGER PRIMARY KEY, email TEXT, price INTEGER)');
  const ins = raw.prepare('insert into t values (?, ?, ?)');
  let t0 = performance.now();
  for (let i = 1; i <= ROWS; i += BATCH) {
    raw.run('begin');
    for (let j = i; j < i + BATCH; j++) {
      ins.bind([j, `user${j}@example.com`, j % 10000]);
      ins.step();
      ins.reset();
    }
    raw.run('commit');
  }
  const rawInsert = rate(ROWS, performance.now() - t0);
  ins.free();

  // Raw paging by primary key.
  const page = raw.prepare('select * from t where id > ? order by id limit 1000');
  t0 = performance.now();
  let last = 0;
  let n = 0;
  for (;;) {
    page.bind([last]);
    let got = 0;
    while (page.step()) {
      const r = page.get();
      last = r[0] as number;
      got++;
    }
    page.reset();
    n += got;
    if (got === 0) break;
  }
  const rawPage = rate(n, performance.now() - t0);
  page.free();
  raw.close();

  // The tablet write path: MySQL statements with bind variables, 1000 per transaction, binlog capture.
  const env = createSimEnv(1);
  const primary = new Mysqld(SQL, { dbName: 'vt_bench', serverUuid: env.rng.serverUuid(), clock: env.clock });
  primary.execute('create table t (id bigint not null, email varchar(128), price bigint, primary key (id))');
  t0 = performance.now();
  for (let i = 1; i <= ROWS; i += BATCH) {
    primary.begin();
    for (let j = i; j < i + BATCH; j++) {
      primary.execute('insert into t (id, email, price) values (:id, :email, :price)', { id: j, email: `user${j}@example.com`, price: j % 10000 });
    }
    primary.commit();
  }
  const tabletInsert = rate(ROWS, performance.now() - t0);

  // Replica apply of that binlog.
  const replica = new Mysqld(SQL, { dbName: 'vt_bench', serverUuid: env.rng.serverUuid(), clock: env.clock });
  const repl = new Replication(replica, env, 'bench-replica', 0);
  t0 = performance.now();
  repl.start(primary, 'primary');
  env.scheduler.advance(1);
  const applied = replica.selectRows('select count(*) from t').rows[0]?.[0];
  const applyRate = rate(ROWS, performance.now() - t0);

  out.push(`raw sql.js insert (prepared, ${BATCH}/txn):        ${rawInsert.toLocaleString()} rows/s`);
  out.push(`raw sql.js page by primary key (1000/page):      ${rawPage.toLocaleString()} rows/s`);
  out.push(`tablet write path (MySQL + binlog + GTID):       ${tabletInsert.toLocaleString()} rows/s  ratio ${(tabletInsert / rawInsert).toFixed(2)} (target >= 0.50)`);
  out.push(`replica apply (row events by PK):                ${applyRate.toLocaleString()} rows/s  ratio ${(applyRate / rawInsert).toFixed(2)} (rows applied: ${String(applied)})`);
  return out;
}

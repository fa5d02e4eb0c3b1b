// Raw sql.js inserts and primary-key paging versus the tablet write path (MySQL statement → SQLite with
// binlog capture and GTIDs) and replica apply. The machine is noisy: each measurement runs three times,
// interleaved, and the medians are compared.

import { performance } from 'node:perf_hooks';
import { loadSqlJs } from '../src/tablets/sqlite/sqljs.js';
import type { SqlJsStatic } from '../src/tablets/sqlite/sqljs.js';
import { Mysqld } from '../src/tablets/mysqld/mysqld.js';
import { Replication } from '../src/tablets/replication.js';
import { createSimEnv } from '../src/engine/sim-env.js';

const ROWS = 200_000;
const BATCH = 1000;
const RUNS = 3;

function rate(n: number, ms: number): number {
  return Math.round((n / ms) * 1000);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function rawInsertAndPage(SQL: SqlJsStatic): { insert: number; literal: number; page: number } {
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
  const insert = rate(ROWS, performance.now() - t0);
  ins.free();
  // Single-row literal statements, one db.run each (the stack notes' "alit" mode): what running each
  // client statement as SQL text costs without bind variables.
  const lit = new SQL.Database();
  lit.run('create table t (id INTEGER PRIMARY KEY, email TEXT, price INTEGER)');
  t0 = performance.now();
  for (let i = 1; i <= ROWS; i += BATCH) {
    lit.run('begin');
    for (let j = i; j < i + BATCH; j++) lit.run(`insert into t values (${j}, 'user${j}@example.com', ${j % 10000})`);
    lit.run('commit');
  }
  const literal = rate(ROWS, performance.now() - t0);
  lit.close();
  const page = raw.prepare('select * from t where id > ? order by id limit 1000');
  t0 = performance.now();
  let last = 0;
  let n = 0;
  for (;;) {
    page.bind([last]);
    let got = 0;
    while (page.step()) {
      last = page.get()[0] as number;
      got++;
    }
    page.reset();
    n += got;
    if (got === 0) break;
  }
  const pageRate = rate(n, performance.now() - t0);
  page.free();
  raw.close();
  return { insert, literal, page: pageRate };
}

function tabletWriteAndApply(SQL: SqlJsStatic): { insert: number; insertBatched: number; apply: number } {
  const env = createSimEnv(1);
  const primary = new Mysqld(SQL, { dbName: 'vt_bench', serverUuid: env.rng.serverUuid(), clock: env.clock });
  primary.execute('create table t (id bigint not null, email varchar(128), price bigint, primary key (id))');
  let t0 = performance.now();
  for (let i = 1; i <= ROWS; i += BATCH) {
    primary.begin();
    for (let j = i; j < i + BATCH; j++) {
      primary.execute('insert into t (id, email, price) values (:id, :email, :price)', { id: j, email: `user${j}@example.com`, price: j % 10000 });
    }
    primary.commit();
  }
  const insert = rate(ROWS, performance.now() - t0);

  // The same rows as 100-row INSERT statements (how vtgate forwards multi-row inserts and how bulk
  // loads arrive): the per-statement cost is shared, the per-row capture remains.
  const batched = new Mysqld(SQL, { dbName: 'vt_bench', serverUuid: env.rng.serverUuid(), clock: env.clock });
  batched.execute('create table t (id bigint not null, email varchar(128), price bigint, primary key (id))');
  const PER = 100;
  const tuples = Array.from({ length: PER }, (_, k) => `(:i${k}, :e${k}, :p${k})`).join(', ');
  const multi = `insert into t (id, email, price) values ${tuples}`;
  t0 = performance.now();
  for (let i = 1; i <= ROWS; i += BATCH) {
    batched.begin();
    for (let j = i; j < i + BATCH; j += PER) {
      const bv: Record<string, number | string> = {};
      for (let k = 0; k < PER; k++) {
        bv[`i${k}`] = j + k;
        bv[`e${k}`] = `user${j + k}@example.com`;
        bv[`p${k}`] = (j + k) % 10000;
      }
      batched.execute(multi, bv);
    }
    batched.commit();
  }
  const insertBatched = rate(ROWS, performance.now() - t0);
  batched.close();

  const replica = new Mysqld(SQL, { dbName: 'vt_bench', serverUuid: env.rng.serverUuid(), clock: env.clock });
  const repl = new Replication(replica, env, 'bench-replica', 0);
  t0 = performance.now();
  repl.start(primary, 'primary');
  env.scheduler.advance(1);
  const apply = rate(ROWS, performance.now() - t0);
  if (replica.selectRows('select count(*) from t').rows[0]?.[0] !== ROWS) throw new Error('replica did not apply every row');
  primary.close();
  replica.close();
  return { insert, insertBatched, apply };
}

export async function benchTablet(): Promise<string[]> {
  const SQL = await loadSqlJs();
  const raw: Array<{ insert: number; literal: number; page: number }> = [];
  const tablet: Array<{ insert: number; insertBatched: number; apply: number }> = [];
  for (let r = 0; r < RUNS; r++) {
    raw.push(rawInsertAndPage(SQL));
    tablet.push(tabletWriteAndApply(SQL));
  }
  const rawInsert = median(raw.map((x) => x.insert));
  const rawPage = median(raw.map((x) => x.page));
  const rawLiteral = median(raw.map((x) => x.literal));
  const tabletInsert = median(tablet.map((x) => x.insert));
  const apply = median(tablet.map((x) => x.apply));
  const tabletBatched = median(tablet.map((x) => x.insertBatched));
  return [
    `(${ROWS.toLocaleString()} rows, medians of ${RUNS} interleaved runs)`,
    `raw sql.js insert (prepared, ${BATCH}/txn):        ${rawInsert.toLocaleString()} rows/s`,
    `raw sql.js insert (literal SQL text per row):    ${rawLiteral.toLocaleString()} rows/s`,
    `raw sql.js page by primary key (1000/page):      ${rawPage.toLocaleString()} rows/s`,
    `tablet write path, 100-row INSERT statements:   ${tabletBatched.toLocaleString()} rows/s  ratio ${(tabletBatched / rawInsert).toFixed(2)} (target >= 0.50)`,
    `tablet write path, single-row INSERT statements: ${tabletInsert.toLocaleString()} rows/s  ratio ${(tabletInsert / rawInsert).toFixed(2)}; ` +
      `${(tabletInsert / rawLiteral).toFixed(2)} of raw single-row SQL statements (per-statement cost bounds it)`,
    `replica apply (row events by primary key):       ${apply.toLocaleString()} rows/s  ratio ${(apply / rawInsert).toFixed(2)}`,
  ];
}

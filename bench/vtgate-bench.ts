// Point selects through vtgate (plan-cache hit path: normalise, cache lookup, route, tablet query
// service, SQLite) versus a direct sql.js prepared select on the same data (issue 3's target: >= 50%).

import { performance } from 'node:perf_hooks';
import { Cluster } from '../src/cluster/cluster.js';
import { CommandSession } from '../src/commands/session.js';
import { loadSqlJs } from '../src/tablets/sqlite/sqljs.js';
import { median } from './tablet-bench.js';

const ROWS = 10_000;
const QUERIES = 50_000;
const RUNS = 3;

export async function benchVtgate(): Promise<string[]> {
  const SQL = await loadSqlJs();
  const cluster = Cluster.createSync(SQL, { seed: 1 });
  const session = new CommandSession(cluster);
  for (const line of ['./101_initial_cluster.sh']) {
    const r = session.run(line);
    if (r.exitCode !== 0) throw new Error(`setup failed: ${line}\n${r.stderr}`);
  }
  const vtgate = cluster.vtgate;
  if (!vtgate) throw new Error('vtgate is not running');
  const vs = vtgate.newSession('commerce');
  vtgate.execute(vs, 'begin');
  for (let i = 1; i <= ROWS; i++) vtgate.execute(vs, `insert into customer(email) values ('user${i}@example.com')`);
  vtgate.execute(vs, 'commit');

  // Two raw databases: sql.js as it comes (the issue's and the stack notes' baseline), and with the
  // tablets' own setting, locking_mode=EXCLUSIVE, which spares each autocommit statement a lock and a
  // hot-journal check (a failing MEMFS lookup): for reference, since it is most of what vtgate gains.
  const rawDb = (exclusive: boolean) => {
    const db = new SQL.Database();
    if (exclusive) db.run('PRAGMA locking_mode = EXCLUSIVE');
    db.run('create table customer (customer_id INTEGER PRIMARY KEY, email TEXT)');
    db.run('begin');
    const ins = db.prepare('insert into customer values (?, ?)');
    for (let i = 1; i <= ROWS; i++) {
      ins.bind([i, `user${i}@example.com`]);
      ins.step();
      ins.reset();
    }
    ins.free();
    db.run('commit');
    return db;
  };
  const raw = rawDb(false);
  const rawExclusive = rawDb(true);
  const sel = raw.prepare('select * from customer where customer_id = ?');
  const selExclusive = rawExclusive.prepare('select * from customer where customer_id = ?');
  const pointSelects = (st: typeof sel): number => {
    const t0 = performance.now();
    for (let q = 0; q < QUERIES; q++) {
      st.bind([1 + (q % ROWS)]);
      while (st.step()) st.get();
      st.reset();
    }
    return Math.round((QUERIES / (performance.now() - t0)) * 1000);
  };

  const rawRates: number[] = [];
  const exclusiveRates: number[] = [];
  const gateRates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    rawRates.push(pointSelects(sel));
    exclusiveRates.push(pointSelects(selExclusive));
    const t0 = performance.now();
    for (let q = 0; q < QUERIES; q++) {
      vtgate.execute(vs, `select * from customer where customer_id = ${1 + (q % ROWS)}`);
    }
    gateRates.push(Math.round((QUERIES / (performance.now() - t0)) * 1000));
  }
  sel.free();
  selExclusive.free();
  raw.close();
  rawExclusive.close();
  const rawRate = median(rawRates);
  const exclusiveRate = median(exclusiveRates);
  const gateRate = median(gateRates);
  return [
    `(${QUERIES.toLocaleString()} point selects over ${ROWS.toLocaleString()} rows, medians of ${RUNS} interleaved runs)`,
    `direct sql.js prepared select:                    ${rawRate.toLocaleString()} queries/s`,
    `  the same with locking_mode=EXCLUSIVE:           ${exclusiveRate.toLocaleString()} queries/s (the tablets' setting)`,
    `through vtgate (plan cache hit, unsharded route): ${gateRate.toLocaleString()} queries/s  ratio ${(gateRate / rawRate).toFixed(2)} (target >= 0.50); ` +
      `${(gateRate / exclusiveRate).toFixed(2)} of the EXCLUSIVE baseline`,
  ];
}

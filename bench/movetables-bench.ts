// MoveTables copy of a large table versus raw sql.js (select-page from one database + insert into
// another, measured in the same run), the running-phase apply rate, and the process's peak memory.
// Issue 4's targets: copy >= 50% of raw, apply >= 100k row events/s, peak memory under 1 GB.

import { performance } from 'node:perf_hooks';
import { Cluster } from '../src/cluster/cluster.js';
import { CommandSession } from '../src/commands/session.js';
import { loadSqlJs } from '../src/tablets/sqlite/sqljs.js';
import type { SqlJsStatic } from '../src/tablets/sqlite/sqljs.js';
import type { Mysqld } from '../src/tablets/mysqld/mysqld.js';

const ROWS = Number(process.env.VTSIM_BENCH_ROWS ?? 1_000_000);
const APPLY_ROWS = 100_000;

function rawCopy(SQL: SqlJsStatic): number {
  const src = new SQL.Database();
  const dst = new SQL.Database();
  for (const db of [src, dst]) db.run('create table customer (customer_id INTEGER PRIMARY KEY, email TEXT)');
  src.run('begin');
  const ins = src.prepare('insert into customer values (?, ?)');
  for (let i = 1; i <= ROWS; i++) {
    ins.bind([i, `user${i}@domain.com`]);
    ins.step();
    ins.reset();
  }
  ins.free();
  src.run('commit');
  const page = src.prepare('select * from customer where customer_id > ? order by customer_id limit 1000');
  const out = dst.prepare('insert into customer values (?, ?)');
  const t0 = performance.now();
  let last = 0;
  for (;;) {
    page.bind([last]);
    let got = 0;
    dst.run('begin');
    while (page.step()) {
      const r = page.get();
      out.bind(r);
      out.step();
      out.reset();
      last = r[0] as number;
      got++;
    }
    dst.run('commit');
    page.reset();
    if (got === 0) break;
  }
  const rate = Math.round((ROWS / (performance.now() - t0)) * 1000);
  page.free();
  out.free();
  src.close();
  dst.close();
  return rate;
}

/** Inserts `count` rows from id `first` on a primary, 1000 per transaction (captured in its binlog). */
function loadRows(m: Mysqld, first: number, count: number, tick: () => void = () => {}): void {
  const end = first + count;
  for (let i = first; i < end; i += 1000) {
    m.transaction(() => {
      for (let j = i; j < Math.min(i + 1000, end); j++) m.run('insert into customer (customer_id, email) values (?, ?)', [j, `user${j}@domain.com`]);
    });
    if ((i - first) % 100_000 === 0) tick();
  }
}

function must(s: CommandSession, line: string): string {
  const r = s.run(line);
  if (r.exitCode !== 0) throw new Error(`${line}\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

export async function benchMoveTables(): Promise<string[]> {
  const SQL = await loadSqlJs();
  let peakRss = 0;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  const raw = rawCopy(SQL);
  sample();

  const cluster = Cluster.createSync(SQL, { seed: 1 });
  const s = new CommandSession(cluster);
  must(s, './101_initial_cluster.sh');
  // Load the source table through the commerce primary (batched multi-row inserts), so the rows are
  // in its binlog and on its replicas, as in a real cluster.
  const primary = cluster.tabletProcesses().find((p) => p.server?.type === 'PRIMARY' && p.keyspace === 'commerce');
  if (!primary?.mysqld) throw new Error('no commerce primary');
  const m = primary.mysqld;
  loadRows(m, 1, ROWS, sample);
  must(s, 'vtsim settle now');
  sample();
  must(s, './201_customer_tablets.sh');
  s.settleEnabled = false;
  // Time the copy itself: the target's replicas replay the copied rows afterwards (timed separately).
  const targetReplicas = cluster.shardTablets('customer', '0').filter((p) => p.server?.type !== 'PRIMARY');
  for (const p of targetReplicas) p.server?.replication.stop();
  const t0 = performance.now();
  must(s, "vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer create --source-keyspace commerce --tables 'customer'");
  // Run the simulation until the copy is done (the stream leaves the copy phase).
  const target = cluster.tabletProcesses().find((p) => p.server?.type === 'PRIMARY' && p.keyspace === 'customer');
  const engine = target?.manager?.vreplication as { streams(): Array<{ tablesToCopy: string[]; state: string; rowsCopied: number }> } | undefined;
  if (!engine) throw new Error('no customer primary');
  let steps = 0;
  cluster.env.scheduler.runUntil(
    () => {
      if (++steps % 2000 === 0) sample();
      const st = engine.streams();
      return st.length > 0 && st.every((x) => x.tablesToCopy.length === 0 && x.rowsCopied >= ROWS && x.state === 'Running');
    },
    { maxMs: 24 * 3600_000, maxSteps: 50_000_000, what: 'the copy to finish' },
  );
  const copyMs = performance.now() - t0;
  sample();
  const tr = performance.now();
  for (const p of targetReplicas) cluster.startReplicationFor(p);
  must(s, 'vtsim settle now');
  const replicaMs = performance.now() - tr;
  sample();
  const copied = target?.mysqld?.selectRows('select count(*) from customer').rows[0]?.[0];

  // Running phase, cluster-wide: new source rows flow to the source replicas, through the target's
  // vplayer, and on to the target replicas.
  const t1 = performance.now();
  loadRows(m, ROWS + 1, APPLY_ROWS);
  const loadMs = performance.now() - t1;
  const t2 = performance.now();
  must(s, 'vtsim settle now');
  const applyMs = performance.now() - t2;
  sample();
  const targetCount = () => Number(target?.mysqld?.selectRows('select count(*) from customer').rows[0]?.[0]);
  const applied = targetCount() - ROWS;

  // The vplayer alone: stop the stream, let the source replicas take the new rows, stop the target's
  // replicas, then time the stream catching up.
  must(s, 'vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer stop');
  loadRows(m, ROWS + APPLY_ROWS + 1, APPLY_ROWS);
  must(s, 'vtsim settle now');
  for (const p of cluster.shardTablets('customer', '0')) if (p.server?.type !== 'PRIMARY') p.server?.replication.stop();
  const before = targetCount();
  const t3 = performance.now();
  must(s, 'vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer start');
  cluster.env.scheduler.runUntil(() => targetCount() >= before + APPLY_ROWS, { maxMs: 3600_000, maxSteps: 50_000_000, what: 'the vplayer to catch up' });
  const playerMs = performance.now() - t3;

  const copyRate = Math.round((ROWS / copyMs) * 1000);
  return [
    `(${ROWS.toLocaleString()} rows; 6 tablets with replicas; apply of ${APPLY_ROWS.toLocaleString()} new rows)`,
    `raw sql.js select-page + insert:        ${raw.toLocaleString()} rows/s`,
    `MoveTables copy (create to Running):    ${copyRate.toLocaleString()} rows/s  ratio ${(copyRate / raw).toFixed(2)} (target >= 0.50); rows on target ${String(copied)}`,
    `then the target's 2 replicas replay it:  ${Math.round((ROWS / replicaMs) * 1000).toLocaleString()} rows/s; copy + replicas: ${Math.round((ROWS / (copyMs + replicaMs)) * 1000).toLocaleString()} rows/s`,
    `running phase apply (source binlog -> target, incl. the target replicas' replication): ${Math.round((applied / applyMs) * 1000).toLocaleString()} row events/s (target >= 100k); ${applied.toLocaleString()} rows; source load took ${Math.round(loadMs)} ms`,
    `vplayer alone (target replicas stopped):  ${Math.round((APPLY_ROWS / playerMs) * 1000).toLocaleString()} row events/s (target >= 100k)`,
    `peak RSS of the whole process:          ${Math.round(peakRss / 1024 / 1024)} MB (target < 1024 MB)`,
  ];
}

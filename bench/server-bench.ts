// Queries per second through vtsim serve's MySQL port (mysql2 client → TCP → vtgate) versus the same
// point select executed in-process through vtgate, as a ratio from one run (issue 7). Serial queries
// on one connection, and 16 in flight on one connection (mysql2 pipelines them). The machine is
// noisy: each measurement runs three times, interleaved, and the medians are compared.

import { performance } from 'node:perf_hooks';
import mysql from 'mysql2/promise';
import { readBundledFile } from '../src/commands/files.js';
import { startServe } from '../src/server/serve.js';

const QUERIES = 5000;
const WARMUP = 500;
const RUNS = 3;
const SQL = 'select customer_id, email from customer where customer_id = 3';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function rate(n: number, ms: number): number {
  return Math.round((n / ms) * 1000);
}

export async function benchServer(): Promise<string[]> {
  const h = await startServe({ port: 0, controlPort: 0, bind: '127.0.0.1', seed: 1, speed: 0, readFile: () => undefined });
  try {
    for (const r of [h.run({ line: './101_initial_cluster.sh' }), h.run({ line: 'mysql', stdin: readBundledFile('../common/insert_commerce_data.sql') })]) {
      if (r.exitCode !== 0) throw new Error(r.stderr);
    }
    const vtgate = h.cluster.vtgate;
    if (!vtgate) throw new Error('vtgate is not running');
    const session = vtgate.newSession('commerce');
    const conn = await mysql.createConnection({ host: '127.0.0.1', port: h.mysqlAddress.port, user: 'root', database: 'commerce' });

    const inProcess = (n: number): number => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) vtgate.execute(session, SQL);
      return rate(n, performance.now() - t0);
    };
    const serial = async (n: number): Promise<number> => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await conn.query(SQL);
      return rate(n, performance.now() - t0);
    };
    const pipelined = async (n: number, depth = 16): Promise<number> => {
      const t0 = performance.now();
      for (let i = 0; i < n; i += depth) await Promise.all(Array.from({ length: Math.min(depth, n - i) }, () => conn.query(SQL)));
      return rate(n, performance.now() - t0);
    };

    inProcess(WARMUP);
    await serial(WARMUP);
    const results = { inProcess: [] as number[], serial: [] as number[], pipelined: [] as number[] };
    for (let r = 0; r < RUNS; r++) {
      results.inProcess.push(inProcess(QUERIES));
      results.serial.push(await serial(QUERIES));
      results.pipelined.push(await pipelined(QUERIES));
    }
    await conn.end();
    const base = median(results.inProcess);
    const fmt = (n: number) => `${n.toLocaleString('en-US')} queries/s`;
    return [
      `point select in-process through vtgate:        ${fmt(base)}`,
      `same through the MySQL port, serial (mysql2):  ${fmt(median(results.serial))}  ratio ${(median(results.serial) / base).toFixed(3)}`,
      `same through the MySQL port, 16 in flight:     ${fmt(median(results.pipelined))}  ratio ${(median(results.pipelined) / base).toFixed(3)}`,
    ];
  } finally {
    await h.close();
  }
}

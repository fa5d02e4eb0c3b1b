// The real `mysql` command-line client (Debian's mariadb-client) against vtsim serve: the seed page's
// mysql commands print exactly what vtsim's in-process `mysql` prints for the same cluster.
// Skipped, visibly, when no `mysql` binary is installed (.ci/run installs mariadb-client).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { readBundledFile } from '../../src/commands/files.js';
import type { CommandSession } from '../../src/commands/session.js';
import type { ServeHandle } from '../../src/server/serve.js';
import { newSession, runOk as runInProcess } from '../support/session.js';
import { commerceCluster, runOk, serve } from './support.js';

const hasMysql = spawnSync('mysql', ['--version']).status === 0;
// Line-buffered stdout keeps `\! echo` output (written by a child shell) in order with the tables.
const hasStdbuf = spawnSync('stdbuf', ['--version']).status === 0;
// MariaDB's client echoes a failing statement before its error unless told not to; MySQL's (which the
// docs show) does not.
const quietErrors = hasMysql && String(spawnSync('mysql', ['--help', '--verbose']).stdout).includes('print-query-on-error') ? ['--skip-print-query-on-error'] : [];

interface ClientResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

function mysqlClient(port: number, args: string[], input: string): Promise<ClientResult> {
  const argv = ['mysql', '-h', '127.0.0.1', '-P', String(port), '-u', 'root', ...quietErrors, ...args];
  const [cmd, ...rest] = hasStdbuf ? ['stdbuf', '-oL', ...argv] : argv;
  return new Promise((resolve, reject) => {
    const p = spawn(cmd as string, rest, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ stdout, stderr, code }));
    p.stdin.end(input);
  });
}

describe.skipIf(!hasMysql)(`the real mysql client against vtsim serve${hasMysql ? '' : ' (skipped: no mysql client installed; apt-get install -y mariadb-client)'}`, () => {
  let h: ServeHandle;
  let local: CommandSession;

  beforeAll(async () => {
    h = await serve({ seed: 5 });
    commerceCluster(h);
    local = await newSession(5);
    runInProcess(local, './101_initial_cluster.sh');
    local.run('mysql', readBundledFile('../common/insert_commerce_data.sql'));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('mysql --table < select_commerce_data.sql prints the page\'s tables', async () => {
    const sql = readBundledFile('../common/select_commerce_data.sql') as string;
    const real = await mysqlClient(h.mysqlAddress.port, ['--table'], sql);
    const mine = local.run('mysql --table < ../common/select_commerce_data.sql');
    expect(real.stderr).toBe('');
    expect(real.code).toBe(0);
    expect(real.stdout).toBe(mine.stdout);
    expect(real.stdout).toContain('|           1 | alice@domain.com   |');
  });

  it('mysql -e "show vitess_tablets" draws the same box', async () => {
    const real = await mysqlClient(h.mysqlAddress.port, ['--table', '-e', 'show vitess_tablets'], '');
    const mine = local.run('mysql --table -e "show vitess_tablets"');
    expect(real.stdout).toBe(mine.stdout);
    expect(real.stdout).toMatch(/\| zone1 \| commerce \| 0 {5}\| PRIMARY {4}\| SERVING \| zone1-0000000100 \|/);
  });

  it('prints errors as ERROR nnnn (SQLSTATE) at line N and exits 1', async () => {
    const sql = 'use commerce;\nselect 1;\n\nselect * from nosuch;\nselect 2;\n';
    const real = await mysqlClient(h.mysqlAddress.port, [], sql);
    const mine = local.run('mysql', sql);
    expect(real.code).toBe(1);
    expect(mine.exitCode).toBe(1);
    expect(real.stderr).toBe(mine.stderr);
    expect(real.stderr).toMatch(/^ERROR 1146 \(42S02\) at line 4: target: commerce\.0\.primary: vttablet: /);
    expect(real.stdout).toBe(mine.stdout);
  });

  it('answers the client\'s `status` command, whose query reads @@character_set_database', async () => {
    const real = await mysqlClient(h.mysqlAddress.port, ['-e', 'status', 'commerce'], '');
    expect(real.stderr).toBe('');
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/^Current database:\tcommerce$/m);
    expect(real.stdout).toMatch(/^Db {5}characterset:\tutf8mb4$/m);
  });

  it('uses ks@replica through the client-side `use` command (COM_INIT_DB)', async () => {
    const sql = 'use commerce@replica\nselect database();\nselect count(*) from customer;\n';
    const real = await mysqlClient(h.mysqlAddress.port, [], sql);
    const mine = local.run('mysql', sql);
    expect(real.stderr).toBe('');
    expect(real.stdout).toBe(mine.stdout);
    expect(real.stdout).toContain('commerce@replica');
  });

  it('runs the page\'s MoveTables path with the same mysql output, when workflows exist', async (ctx) => {
    const probe = h.run({ line: 'vtctldclient MoveTables --help' });
    if (probe.exitCode !== 0 || !/switchtraffic/i.test(probe.stdout)) ctx.skip('vtctldclient MoveTables is not available yet');
    const lines = [
      './201_customer_tablets.sh',
      "vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer create --source-keyspace commerce --tables 'customer,corder'",
      'vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer SwitchTraffic',
      'vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer complete',
    ];
    runOk(h, ...lines);
    runInProcess(local, ...lines);
    const sql = readBundledFile('../common/select_commerce_data.sql') as string;
    const real = await mysqlClient(h.mysqlAddress.port, [], sql);
    const mine = local.run('mysql < ../common/select_commerce_data.sql');
    expect(real.code).toBe(1);
    expect(real.stdout).toBe(mine.stdout);
    expect(real.stderr).toBe(mine.stderr);
    expect(real.stderr).toContain("ERROR 1146 (42S02) at line 4: target: commerce.0.primary: vttablet: rpc error: code = NotFound desc = Table 'vt_commerce.customer' doesn't exist");
  });
});

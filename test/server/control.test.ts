// The control endpoint of vtsim serve: command lines from other terminals (`vtsim vtctldclient`,
// `vtsim exec`, `vtsim snapshot`) print exactly what the in-process commands print.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseShellLine } from '../../src/commands/cli-kit/shell-line.js';
import { readBundledFile } from '../../src/commands/files.js';
import type { CommandSession } from '../../src/commands/session.js';
import { UnreachableError, parseServerAddress, runRemote, snapshotRemote, statusRemote } from '../../src/server/control-client.js';
import type { ServerAddress } from '../../src/server/control-client.js';
import type { ServeHandle } from '../../src/server/serve.js';
import { serverFlag, shellQuote } from '../../src/cli/serve-commands.js';
import { newSession, runOk as runInProcess } from '../support/session.js';
import { commerceCluster, serve } from './support.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Runs the vtsim CLI from source in a child process. */
function vtsim(args: string[], input = ''): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ stdout, stderr, code }));
    p.stdin.end(input);
  });
}

let h: ServeHandle;
let local: CommandSession;
let addr: ServerAddress;

beforeAll(async () => {
  h = await serve({ seed: 3 });
  commerceCluster(h);
  local = await newSession(3);
  runInProcess(local, './101_initial_cluster.sh');
  local.run('mysql', readBundledFile('../common/insert_commerce_data.sql'));
  addr = { host: 'localhost', port: h.controlAddress.port };
});

afterAll(async () => {
  await h.close();
});

describe('control endpoint protocol', () => {
  it('runs a line and returns stdout, stderr and the exit code of the in-process command', async () => {
    for (const line of ['vtctldclient GetKeyspaces', 'vtctldclient GetTablets', 'vtctldclient GetKeyspace nosuch', 'mysql --table -e "select * from product"']) {
      const remote = await runRemote(addr, { line });
      expect(remote).toEqual(local.run(line));
    }
    const failed = await runRemote(addr, { line: 'vtctldclient GetKeyspace nosuch' });
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toMatch(/^E\d{4} .* main\.go:\d+\] rpc error: code = /);
  });

  it('feeds stdin and reads relative files from the caller\'s directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vtsim-cwd-'));
    writeFileSync(join(dir, 'q.sql'), 'select sku from product order by sku;\n');
    const s = await serve({ readFile: undefined });
    try {
      s.run({ line: './101_initial_cluster.sh' });
      s.run({ line: 'mysql', stdin: readBundledFile('../common/insert_commerce_data.sql') });
      const a = { host: '127.0.0.1', port: s.controlAddress.port };
      expect((await runRemote(a, { line: 'mysql < q.sql', cwd: dir })).stdout).toBe('sku\nSKU-1001\nSKU-1002\n');
      expect((await runRemote(a, { line: 'mysql', stdin: 'select count(*) from customer;\n' })).stdout).toBe('count(*)\n5\n');
      // Another directory (freshly made, so surely without q.sql): the file is not found there.
      const missing = await runRemote(a, { line: 'mysql < q.sql', cwd: mkdtempSync(join(tmpdir(), 'vtsim-other-')) });
      expect(missing.exitCode).toBe(1);
    } finally {
      await s.close();
    }
  });

  it('answers bad requests with HTTP errors and keeps serving', async () => {
    const post = (path: string, body: string) =>
      new Promise<number>((resolve, reject) => {
        const r = request({ host: '127.0.0.1', port: h.controlAddress.port, path, method: 'POST' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        r.on('error', reject);
        r.end(body);
      });
    expect(await post('/v1/run', 'not json')).toBe(400);
    expect(await post('/v1/run', '{"line": 5}')).toBe(400);
    expect(await post('/v2/nothing', '{}')).toBe(404);
    const status = await statusRemote(addr);
    expect(status).toMatchObject({ vtsim: 'serve', seed: 3, vtgate: true });
  });

  it('reports an unreachable server', async () => {
    await expect(runRemote({ host: '127.0.0.1', port: 1 }, { line: 'true' })).rejects.toBeInstanceOf(UnreachableError);
  });

  it('asks for a snapshot and says when there is no data directory', async () => {
    const r = await snapshotRemote(addr);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/started without --data-dir/);
  });
});

describe('command-line helpers', () => {
  it('quotes arguments so the command language reads them back unchanged', () => {
    const args = ['MoveTables', '--tables', 'customer,corder', "it's", 'a b', '$HOME', '"x"', '', 'a\\b', '--x=1;2'];
    const line = ['vtctldclient', ...args].map(shellQuote).join(' ');
    const parsed = parseShellLine(line, {});
    expect(parsed.items).toHaveLength(1);
    expect(parsed.items[0]?.pipeline.commands[0]?.argv).toEqual(['vtctldclient', ...args]);
  });

  it('finds --server anywhere before --, and parses addresses', () => {
    expect(serverFlag(['--server', 'localhost:15999', 'GetKeyspaces'])).toBe('localhost:15999');
    expect(serverFlag(['GetKeyspaces', '--server=h:1'])).toBe('h:1');
    expect(serverFlag(['GetKeyspaces'])).toBeUndefined();
    expect(parseServerAddress('localhost:15999')).toEqual({ host: 'localhost', port: 15999 });
    expect(parseServerAddress('[::1]:15999')).toEqual({ host: '::1', port: 15999 });
    expect(parseServerAddress(':7')).toEqual({ host: 'localhost', port: 7 });
    expect(() => parseServerAddress('nohost')).toThrow(/invalid server address/);
  });
});

describe('vtsim vtctldclient / exec from another process', () => {
  it('prints what the in-process command prints and exits with its status', async () => {
    const server = `localhost:${h.controlAddress.port}`;
    const ok = await vtsim(['vtctldclient', '--server', server, 'GetKeyspace', 'commerce']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe(local.run('vtctldclient --server localhost:15999 GetKeyspace commerce').stdout);
    const bad = await vtsim(['vtctldclient', '--server', server, 'GetKeyspace', 'nosuch']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/rpc error: code = /);
    const ex = await vtsim(['exec', '--server', server, '--', 'mysql', '--table'], 'select sku from product order by sku;\n');
    expect(ex.code).toBe(0);
    expect(ex.stdout).toBe(local.run('mysql --table', 'select sku from product order by sku;\n').stdout);
    const gone = await vtsim(['vtctldclient', '--server', 'localhost:1', 'GetKeyspaces']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/rpc error: code = Unavailable desc = connection error: .*dial tcp 127\.0\.0\.1:1: connect: connection refused/);
  }, 60_000);

  it('runs a whole MoveTables through vtsim vtctldclient with the in-process outputs, when workflows exist', async (ctx) => {
    const probe = h.run({ line: 'vtctldclient MoveTables --help' });
    if (probe.exitCode !== 0 || !/switchtraffic/i.test(probe.stdout)) ctx.skip('vtctldclient MoveTables is not available yet');
    const server = `localhost:${h.controlAddress.port}`;
    expect((await vtsim(['exec', '--server', server, '--', './201_customer_tablets.sh'])).code).toBe(0);
    runInProcess(local, './201_customer_tablets.sh');
    const steps = [
      ['MoveTables', '--target-keyspace', 'customer', '--workflow', 'commerce2customer', 'create', '--source-keyspace', 'commerce', '--tables', 'customer,corder'],
      ['GetRoutingRules'],
      ['MoveTables', '--target-keyspace', 'customer', '--workflow', 'commerce2customer', 'status', '--format=json'],
      ['VDiff', '--target-keyspace', 'customer', '--workflow', 'commerce2customer', 'create'],
      ['MoveTables', '--target-keyspace', 'customer', '--workflow', 'commerce2customer', 'SwitchTraffic'],
      ['GetRoutingRules'],
      ['MoveTables', '--target-keyspace', 'customer', '--workflow', 'commerce2customer', 'complete'],
      ['GetRoutingRules'],
      ['Workflow', '--keyspace', 'customer', 'list'],
    ];
    for (const args of steps) {
      const remote = await vtsim(['vtctldclient', '--server', server, ...args]);
      const mine = local.run(['vtctldclient', '--server', 'localhost:15999', ...args].map(shellQuote).join(' '));
      // VDiff create prints a fresh UUID, drawn from each cluster's own PRNG stream: same seed, same UUID.
      expect({ args, out: remote.stdout, code: remote.code }).toEqual({ args, out: mine.stdout, code: mine.exitCode });
    }
  }, 120_000);
});

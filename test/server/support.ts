// Test support for vtsim serve: a served cluster on free loopback ports, and clients for it.
import mysql from 'mysql2/promise';
import type { Connection, ConnectionOptions } from 'mysql2/promise';
import { readBundledFile } from '../../src/commands/files.js';
import { startServe } from '../../src/server/serve.js';
import type { ServeHandle, ServeOptions } from '../../src/server/serve.js';

/** Starts `vtsim serve` in-process on ports picked by the OS; time frozen unless a speed is given. */
export function serve(options: Partial<ServeOptions> = {}): Promise<ServeHandle> {
  return startServe({ port: 0, controlPort: 0, bind: '127.0.0.1', seed: 1, speed: 0, readFile: () => undefined, ...options });
}

/** Runs control-port lines in the served cluster, failing the test on a non-zero exit. */
export function runOk(h: ServeHandle, ...lines: string[]): string {
  let out = '';
  for (const line of lines) {
    const r = h.run({ line });
    if (r.exitCode !== 0) throw new Error(`command failed (${r.exitCode}): ${line}\n${r.stdout}${r.stderr}`);
    out += r.stdout;
  }
  return out;
}

/** The local example up to loaded commerce data. */
export function commerceCluster(h: ServeHandle): void {
  runOk(h, './101_initial_cluster.sh');
  const r = h.run({ line: 'mysql', stdin: readBundledFile('../common/insert_commerce_data.sql') });
  if (r.exitCode !== 0) throw new Error(r.stderr);
}

export function connect(h: ServeHandle, options: ConnectionOptions = {}): Promise<Connection> {
  return mysql.createConnection({ host: '127.0.0.1', port: h.mysqlAddress.port, user: 'root', ...options });
}

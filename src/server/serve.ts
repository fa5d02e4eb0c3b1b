// `vtsim serve`: a long-running simulated cluster that real tools reach over the network, the way the
// local example's processes are reached: a MySQL-protocol port where vtgate listens (15306) and a
// control port where vtctld listens (15999) for `vtsim vtctldclient` / `vtsim exec` from other
// terminals. Virtual time follows the wall clock times --speed. With --data-dir the cluster is
// restored from its last snapshot on start and saved on shutdown and on `vtsim snapshot`.
// No single Vitess counterpart: it plays the examples/local scripts' long-running processes.

import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { AddressInfo } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { Cluster } from '../cluster/cluster.js';
import { restoreCluster, serializeCluster } from '../cluster/snapshot.js';
import { CommandSession } from '../commands/session.js';
import type { CommandResult } from '../commands/types.js';
import { formatRfc3339 } from '../engine/clock.js';
import { loadSqlJs } from '../tablets/sqlite/sqljs.js';
import { ControlServer } from './control-server.js';
import type { RunRequest } from './control-server.js';
import { DataDir } from './data-dir.js';
import { MysqlServer } from './mysql-server.js';
import { parseStaticAuth } from './static-auth.js';
import type { StaticAuth } from './static-auth.js';
import { WallClockDriver } from './wall-clock-driver.js';

export const DEFAULT_MYSQL_PORT = 15306;
export const DEFAULT_CONTROL_PORT = 15999;
export const DEFAULT_BIND = '127.0.0.1';

export interface ServeOptions {
  /** MySQL-protocol port (0: any free port). */
  port: number;
  /** Control port (0: any free port). */
  controlPort: number;
  /** Address both ports bind to. */
  bind: string;
  seed: number;
  /** Virtual ms per real ms; 0 freezes time between commands. */
  speed: number;
  dataDir?: string;
  /** vtgate-style static auth JSON file. */
  authFile?: string;
  /** Save a snapshot every this many seconds (0: only on shutdown and `vtsim snapshot`). */
  autosaveSeconds?: number;
  /** Reads a user's file for commands run through the control port (default: the file system). */
  readFile?: (path: string) => string | undefined;
  /** Diagnostics (internal errors, autosave failures). */
  log?: (message: string) => void;
}

export interface ServeHandle {
  readonly cluster: Cluster;
  readonly mysqlAddress: AddressInfo;
  readonly controlAddress: AddressInfo;
  /** Where the cluster came from: a new cluster, or the snapshot it was restored from. */
  readonly origin: string;
  /** Runs a command line as the control port does. */
  run(request: RunRequest): CommandResult;
  /** Open MySQL-protocol connections. */
  connections(): number;
  /** Saves a snapshot to the data directory now. */
  snapshot(): CommandResult;
  /** Stops both ports and the clock, and saves a final snapshot when there is a data directory. */
  close(): Promise<CommandResult | undefined>;
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

function readUserFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Starts serving; rejects when a port is taken, the data directory is locked or unreadable, or the auth file is bad. */
export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const log = options.log ?? (() => {});
  let auth: StaticAuth | undefined;
  if (options.authFile) auth = parseStaticAuth(readFileSync(options.authFile, 'utf8'));

  const sql = await loadSqlJs();
  const dataDir = options.dataDir ? new DataDir(resolve(options.dataDir)) : undefined;
  dataDir?.open();
  let cluster: Cluster;
  let origin = 'a new cluster';
  try {
    const saved = dataDir?.load();
    if (saved) {
      cluster = restoreCluster(sql, saved.read);
      origin = `restored from ${saved.path}`;
    } else {
      cluster = Cluster.createSync(sql, { seed: options.seed });
    }
  } catch (e) {
    dataDir?.close();
    throw e;
  }

  // One command session for the control port, like one shell: `vtsim settle off` and files written
  // with `>` persist between `vtsim exec` calls. Relative paths resolve against the caller's cwd.
  let cwd = process.cwd();
  const readFile = options.readFile ?? readUserFile;
  const session = new CommandSession(cluster, { readFile: (p) => readFile(isAbsolute(p) ? p : resolve(cwd, p)) });

  const clock = new WallClockDriver(() => cluster.env.scheduler, options.speed, (e) => log(`simulation error: ${errorText(e)}`));
  const mysqlServer = new MysqlServer({ vtgate: () => cluster.vtgate, auth, log });

  const run = (req: RunRequest): CommandResult => {
    cwd = req.cwd ?? process.cwd();
    clock.tick();
    try {
      return session.run(req.line, req.stdin);
    } catch (e) {
      log(`internal error while running: ${req.line}\n${errorText(e)}`);
      return {
        stdout: '',
        stderr: `vtsim: internal error while running: ${req.line}\n${e instanceof Error ? e.message : String(e)}\nreproduce: run the same commands with vtsim shell --seed ${cluster.env.seed}\n`,
        exitCode: 70,
      };
    }
  };

  const snapshot = (): CommandResult => {
    if (!dataDir) return { stdout: '', stderr: 'vtsim: this server was started without --data-dir: there is nowhere to save a snapshot\n', exitCode: 1 };
    clock.tick();
    try {
      const path = dataDir.save(serializeCluster(cluster));
      return { stdout: `Snapshot saved to ${path} (simulated time ${formatRfc3339(cluster.env.clock.nowMs())})\n`, stderr: '', exitCode: 0 };
    } catch (e) {
      return { stdout: '', stderr: `vtsim: cannot save a snapshot: ${e instanceof Error ? e.message : String(e)}\n`, exitCode: 1 };
    }
  };

  let controlAddress: AddressInfo | undefined;
  let mysqlAddress: AddressInfo | undefined;
  const control = new ControlServer({
    run,
    snapshot,
    status: () => ({
      vtsim: 'serve',
      seed: cluster.env.seed,
      virtualTime: formatRfc3339(cluster.env.clock.nowMs()),
      speed: options.speed,
      mysql: mysqlAddress ? `${mysqlAddress.address}:${mysqlAddress.port}` : null,
      control: controlAddress ? `${controlAddress.address}:${controlAddress.port}` : null,
      connections: mysqlServer.connectionCount(),
      vtgate: cluster.vtgate !== undefined,
      dataDir: dataDir?.dir ?? null,
    }),
    log,
  });
  try {
    mysqlAddress = await mysqlServer.listen(options.port, options.bind);
    controlAddress = await control.listen(options.controlPort, options.bind);
  } catch (e) {
    await mysqlServer.close();
    await control.close();
    dataDir?.close();
    throw e;
  }
  clock.start();
  const autosave =
    dataDir && (options.autosaveSeconds ?? 0) > 0
      ? setInterval(() => {
          const r = snapshot();
          if (r.exitCode !== 0) log(r.stderr.trim());
        }, (options.autosaveSeconds as number) * 1000)
      : undefined;

  let closed: Promise<CommandResult | undefined> | undefined;
  const close = (): Promise<CommandResult | undefined> => {
    closed ??= (async () => {
      if (autosave) clearInterval(autosave);
      // Connections go first: their open transactions roll back, so the snapshot holds committed data.
      await mysqlServer.close();
      await control.close();
      clock.stop();
      const result = dataDir ? snapshot() : undefined;
      dataDir?.close();
      return result;
    })();
    return closed;
  };

  return {
    cluster,
    mysqlAddress,
    controlAddress,
    origin,
    run,
    connections: () => mysqlServer.connectionCount(),
    snapshot,
    close,
  };
}

/** The startup banner: where to connect, and the local example's env.sh aliases for these ports. */
export function serveBanner(h: ServeHandle, options: ServeOptions): string {
  const hostFor = (a: AddressInfo): string => (isLoopback(a.address) || a.address === '0.0.0.0' || a.address === '::' ? '127.0.0.1' : a.address);
  const mysqlHost = hostFor(h.mysqlAddress);
  const ctl = h.controlAddress;
  const ctlHost = isLoopback(ctl.address) || ctl.address === '0.0.0.0' || ctl.address === '::' ? 'localhost' : ctl.address;
  const lines = [
    `vtsim serve: a simulated Vitess cluster (${h.origin}; seed ${h.cluster.env.seed}; time runs at x${options.speed})`,
    `  vtgate MySQL port:   ${h.mysqlAddress.address}:${h.mysqlAddress.port}`,
    `  vtctld control port: ${ctl.address}:${ctl.port}`,
    options.dataDir ? `  data directory:      ${resolve(options.dataDir)} (saved on exit and on 'vtsim snapshot')` : '  data directory:      none (the cluster is lost on exit; use --data-dir to keep it)',
    '',
    'In another terminal, set up the aliases of the local example (examples/local/env.sh):',
    `  alias mysql="mysql -h ${mysqlHost} -P ${h.mysqlAddress.port}"`,
    `  alias vtctldclient="vtsim vtctldclient --server ${ctlHost}:${ctl.port}"`,
    '',
    'then follow the docs, for example:',
    `  vtsim exec --server ${ctlHost}:${ctl.port} -- ./101_initial_cluster.sh`,
    '  mysql -e "show vitess_tablets"',
    "(`vtsim exec` runs any line of vtsim's command language on this cluster, with the example's files bundled.)",
    '',
    'Press Ctrl-C to stop.',
    '',
  ];
  return lines.join('\n');
}

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

// The command-line side of `vtsim serve`: the `serve` and `snapshot` commands (registered with yargs
// by main.ts), and `vtctldclient` / `exec`, whose arguments belong to the remote command line and so
// are taken verbatim, before yargs parses anything (see runRemoteCommand).
//   vtsim serve [--port 15306] [--control-port 15999] [--bind 127.0.0.1] [--seed N] [--speed X]
//               [--data-dir DIR] [--auth-file FILE] [--autosave SECONDS]
//   vtsim vtctldclient [--server localhost:15999] <Command> [flags] [args]
//   vtsim exec [--server localhost:15999] -- <command line>
//   vtsim snapshot [--server localhost:15999]

import type { Argv } from 'yargs';
import { DEFAULT_SEED } from '../engine/sim-env.js';
import { glogErrorLine } from '../commands/render/glog.js';
import type { CommandResult } from '../commands/types.js';
import { DEFAULT_BIND, DEFAULT_CONTROL_PORT, DEFAULT_MYSQL_PORT, isLoopback, serveBanner, startServe } from '../server/serve.js';
import type { ServeOptions } from '../server/serve.js';
import { DEFAULT_CONTROL_SERVER, UnreachableError, parseServerAddress, runRemote, snapshotRemote } from '../server/control-client.js';
import type { ServerAddress } from '../server/control-client.js';
import { FatalError } from './errors.js';

/** Adds `serve` and `snapshot` (and, for --help, `vtctldclient` and `exec`) to the yargs program. */
export function registerServeCommands<T>(y: Argv<T>, setExitCode: (code: number) => void): Argv<T> {
  return y
    .command(
      'serve',
      'run a long-lived cluster that real MySQL clients and other terminals connect to (like vtgate and vtctld)',
      (c) =>
        c
          .option('port', { type: 'number', default: DEFAULT_MYSQL_PORT, describe: "MySQL protocol port (vtgate's --mysql_server_port)" })
          .option('control-port', { type: 'number', default: DEFAULT_CONTROL_PORT, describe: 'control port for vtsim vtctldclient / exec (vtctld)' })
          .option('bind', { type: 'string', default: DEFAULT_BIND, describe: 'address to listen on; anything but loopback exposes the cluster to the network' })
          .option('seed', { type: 'number', default: DEFAULT_SEED, describe: 'seed of a new cluster (a restored one keeps its own)' })
          .option('speed', { type: 'number', default: 1, describe: 'simulated seconds per real second (0: time moves only when commands wait)' })
          .option('data-dir', { type: 'string', describe: 'keep the cluster here: restored on start, saved on exit and on vtsim snapshot' })
          .option('auth-file', { type: 'string', describe: "users and passwords, as vtgate's --mysql_auth_server_static_file JSON" })
          .option('autosave', { type: 'number', default: 0, describe: 'with --data-dir, also save every N seconds (0: off)' }),
      async (args) => {
        setExitCode(
          await runServe({
            port: Number(args.port),
            controlPort: Number(args['control-port']),
            bind: String(args.bind),
            seed: Number(args.seed),
            speed: Number(args.speed),
            dataDir: args['data-dir'] === undefined ? undefined : String(args['data-dir']),
            authFile: args['auth-file'] === undefined ? undefined : String(args['auth-file']),
            autosaveSeconds: Number(args.autosave),
          }),
        );
      },
    )
    .command(
      'snapshot',
      'save the cluster of a running vtsim serve to its --data-dir now',
      (c) => c.option('server', { type: 'string', default: DEFAULT_CONTROL_SERVER, describe: 'control address of vtsim serve' }),
      async (args) => {
        setExitCode(await remote(String(args.server), (a) => snapshotRemote(a)));
      },
    )
    .command('vtctldclient', 'run a vtctldclient command on a running vtsim serve (--server localhost:15999)', (c) => c)
    .command('exec', 'run a command line on a running vtsim serve: vtsim exec [--server host:port] -- <line>', (c) => c);
}

/**
 * `vtsim vtctldclient ...` and `vtsim exec ...` take their arguments verbatim (they are flags of the
 * remote command, which yargs must not interpret). Returns undefined for other commands.
 */
export function runRemoteCommand(argv: readonly string[]): Promise<number> | undefined {
  const [name, ...rest] = argv;
  if (name === 'vtctldclient') return remoteVtctldclient(rest);
  if (name === 'exec') return remoteExec(rest);
  return undefined;
}

async function runServe(options: ServeOptions): Promise<number> {
  if (!Number.isFinite(options.speed) || options.speed < 0) throw new FatalError('--speed must be a number >= 0', 2);
  if (!isLoopback(options.bind)) {
    process.stderr.write(
      `WARNING: listening on ${options.bind}: anyone who can reach this machine can connect to the MySQL port and run commands on the control port.\n`,
    );
  }
  let handle;
  try {
    handle = await startServe({ ...options, log: (m) => process.stderr.write(`vtsim serve: ${m}\n`) });
  } catch (e) {
    throw new FatalError(e instanceof Error ? e.message : String(e), 1);
  }
  const served = handle;
  // The signal handlers are in place before the banner says Ctrl-C works: a client that reacts to the
  // banner at once must not find the default handler (which would end the process without saving).
  const stopped = new Promise<void>((resolveStop) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        process.stderr.write(`vtsim serve: ${signal} again, exiting without saving\n`);
        process.exit(130);
      }
      stopping = true;
      process.stdout.write(`\n${signal}: shutting down${options.dataDir ? ' and saving the cluster' : ''}...\n`);
      void served.close().then((r) => {
        if (r) {
          process.stdout.write(r.stdout);
          process.stderr.write(r.stderr);
        }
        resolveStop();
      });
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
  process.stdout.write(serveBanner(served, options));
  await stopped;
  return 0;
}

/** Splits `--server X` / `--server=X` out of a vtctldclient argument list (anywhere before `--`). */
export function serverFlag(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') break;
    if (a === '--server' || a === '-server') return args[i + 1];
    if (a.startsWith('--server=') || a.startsWith('-server=')) return a.slice(a.indexOf('=') + 1);
  }
  return undefined;
}

/** POSIX shell quoting of one argument, so the remote shell parser gets it back unchanged. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

async function remoteVtctldclient(args: string[]): Promise<number> {
  const server = serverFlag(args) ?? DEFAULT_CONTROL_SERVER;
  const line = ['vtctldclient', ...args].map(shellQuote).join(' ');
  return remote(server, (a) => runRemote(a, { line, cwd: process.cwd() }), (e) => {
    // What vtctldclient prints when vtctld is not there.
    const dial = `${e.address.host === 'localhost' ? '127.0.0.1' : e.address.host}:${e.address.port}`;
    const msg = `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp ${dial}: connect: connection refused"`;
    process.stderr.write(`${glogErrorLine(msg, Date.now(), process.pid)}\n`);
  });
}

async function remoteExec(args: string[]): Promise<number> {
  let server = DEFAULT_CONTROL_SERVER;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '--server') server = args[++i] ?? '';
    else if (a.startsWith('--server=')) server = a.slice('--server='.length);
    else if (a === '--help' || a === '-h') {
      process.stdout.write(EXEC_HELP);
      return 0;
    } else break;
  }
  const words = args.slice(i);
  if (words.length === 0) throw new FatalError(`exec needs a command line.\n${EXEC_HELP}`, 2);
  // One argument is a whole line (`vtsim exec -- 'mysql < x.sql'`); several are one command's words.
  const line = words.length === 1 ? (words[0] as string) : words.map(shellQuote).join(' ');
  const stdin = process.stdin.isTTY ? undefined : await readStdin();
  return remote(server, (a) => runRemote(a, { line, stdin: stdin === '' ? undefined : stdin, cwd: process.cwd() }));
}

const EXEC_HELP = `Usage: vtsim exec [--server host:port] -- <command line>

Runs one line of vtsim's command language (mysql, vtctldclient, the local example's scripts, vtsim ...)
on the cluster of a running 'vtsim serve' (default server ${DEFAULT_CONTROL_SERVER}), printing what it
prints and exiting with its status. Standard input, when it is not a terminal, is passed to the command.
  vtsim exec -- ./101_initial_cluster.sh
  vtsim exec -- 'mysql --table < ../common/select_commerce_data.sql'
`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Calls the server, prints the command's output, and returns its exit status. */
async function remote(
  serverText: string,
  call: (a: ServerAddress) => Promise<CommandResult>,
  onUnreachable?: (e: UnreachableError) => void,
): Promise<number> {
  let address: ServerAddress;
  try {
    address = parseServerAddress(serverText);
  } catch (e) {
    throw new FatalError((e as Error).message, 2);
  }
  let r: CommandResult;
  try {
    r = await call(address);
  } catch (e) {
    if (e instanceof UnreachableError) {
      if (onUnreachable) onUnreachable(e);
      else process.stderr.write(`vtsim: ${e.message}: is 'vtsim serve' running?\n`);
      return 1;
    }
    throw new FatalError(e instanceof Error ? e.message : String(e), 1);
  }
  await write(process.stdout, r.stdout);
  await write(process.stderr, r.stderr);
  return r.exitCode;
}

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (text === '') resolve();
    else stream.write(text, () => resolve());
  });
}

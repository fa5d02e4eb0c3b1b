// `vtctldclient [--server localhost:15999] <Command> [flags] [args]`: parses the line against the
// command specs, prints cobra's help and usage errors, runs the handler, and prints errors the way
// vtctldclient's main does: one glog line on stderr (`E0115 09:00:00.000000   19246 main.go:60] ...`),
// exit status 1. Server-side errors arrive as `rpc error: code = Unknown desc = <message>` because
// vtctld does not map its errors to gRPC codes (reference §2.1); a command still waiting when its
// --action_timeout passes gets the client's own `rpc error: code = DeadlineExceeded desc = context
// deadline exceeded`.
// Mirrors go/cmd/vtctldclient/main.go and command/root.go.

import type { CommandResult } from '../types.js';
import type { CommandSession } from '../session.js';
import type { CommandSpec } from '../cli-kit/spec.js';
import { CliUsageError, parseCommand } from '../cli-kit/flags.js';
import { formatCliError, renderHelp, renderUsage, renderVersion } from '../cli-kit/help.js';
import { glogErrorLine, vtctldRpcErrorLine } from '../render/glog.js';
import { isVtError } from '../../common/errors.js';
import type { VtctldCommand, VtctldContext } from './command.js';
import { allVtctldCommands } from './registry.js';

const ROOT_NAME = 'vtctldclient';
/** The Vitess release whose vtctldclient vtsim follows. */
const VTSIM_VTCTLDCLIENT_VERSION = 'Version: 22.0.0 (Git revision vtsim) built on vtsim';

let rootSpec: CommandSpec | undefined;
let bySpec: Map<CommandSpec, VtctldCommand> | undefined;

function root(): { spec: CommandSpec; handlers: Map<CommandSpec, VtctldCommand> } {
  if (!rootSpec || !bySpec) {
    const commands = allVtctldCommands();
    bySpec = new Map(commands.map((c) => [c.spec, c]));
    rootSpec = {
      use: 'vtctldclient',
      short: 'Executes a cluster management command on the remote vtctld server.',
      long: 'Executes a cluster management command on the remote vtctld server.\nIf there are no running vtctld servers -- for example when bootstrapping\na new Vitess cluster -- you can specify a --server value of \'internal\'.\nWhen doing so, you would use the --topo* flags so that the client can\nconnect directly to the topo server(s).',
      flags: [],
      // The root runs (and prints nothing) when given no command, and reports unknown commands itself.
      runnable: true,
      version: VTSIM_VTCTLDCLIENT_VERSION,
      persistentFlags: [
        { name: 'server', type: 'string', usage: 'server to use for the connection (required)' },
        { name: 'action_timeout', type: 'duration', default: 3_600_000, usage: 'timeout to use for the command' },
        { name: 'compact', type: 'bool', usage: 'use compact format for otherwise verbose outputs' },
      ],
      subcommands: commands.map((c) => c.spec).sort((a, b) => a.use.localeCompare(b.use)),
    };
  }
  return { spec: rootSpec, handlers: bySpec };
}

/** vtctldclient's default --action_timeout. */
const DEFAULT_ACTION_TIMEOUT_MS = 3_600_000;

export function vtctldContext(session: CommandSession, actionTimeoutMs = DEFAULT_ACTION_TIMEOUT_MS): VtctldContext {
  const cluster = session.cluster;
  return {
    deadlineMs: cluster.env.clock.nowMs() + actionTimeoutMs,
    env: cluster.env,
    topo: cluster.topo,
    tmc: cluster.tmc,
    cluster,
    readFile: (p) => session.readFile(p),
    waitFor: (cond, timeoutMs) => cluster.env.scheduler.waitFor(cond, timeoutMs),
    services: {},
  };
}

export function runVtctldclient(session: CommandSession, args: string[]): CommandResult {
  const { spec, handlers } = root();
  const nowMs = session.cluster.env.clock.nowMs();
  let parsed;
  try {
    parsed = parseCommand(spec, args, ROOT_NAME);
  } catch (e) {
    if (!(e instanceof CliUsageError)) throw e;
    const f = formatCliError(e, ROOT_NAME);
    return { stdout: '', stderr: `${f.usage}${glogErrorLine(f.message, nowMs)}\n`, exitCode: 1 };
  }
  const leaf = parsed.path[parsed.path.length - 1] as CommandSpec;
  const warnings = parsed.warnings.map((w) => `${w}\n`).join('');
  if (parsed.unknownHelpTopic !== undefined) {
    return { stdout: '', stderr: `${warnings}${parsed.unknownHelpTopic}\n${renderUsage([spec], ROOT_NAME)}`, exitCode: 0 };
  }
  if (parsed.version) return { stdout: renderVersion(spec, ROOT_NAME), stderr: warnings, exitCode: 0 };
  if (parsed.help) return { stdout: renderHelp(parsed.path, ROOT_NAME), stderr: warnings, exitCode: 0 };
  if (parsed.path.length === 1) return { stdout: '', stderr: warnings, exitCode: 0 };
  if (!session.cluster.processes.vtctld) {
    const server = String(parsed.flags.server || 'localhost:15999');
    const msg = `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp ${server.replace('localhost', '127.0.0.1')}: connect: connection refused"`;
    return { stdout: '', stderr: `${glogErrorLine(msg, nowMs)}\n`, exitCode: 1 };
  }
  // The handler is registered on the top-level command under the root (MoveTables), which dispatches
  // its own subcommands.
  const top = parsed.path[1] as CommandSpec;
  const handler = handlers.get(top) ?? handlers.get(leaf);
  if (!handler) return { stdout: renderHelp(parsed.path, ROOT_NAME), stderr: '', exitCode: 0 };
  const actionTimeout = typeof parsed.flags.action_timeout === 'number' ? parsed.flags.action_timeout : DEFAULT_ACTION_TIMEOUT_MS;
  const ctx = vtctldContext(session, actionTimeout);
  try {
    const stdout = handler.run(parsed, ctx);
    return { stdout, stderr: warnings, exitCode: 0 };
  } catch (e) {
    if (e instanceof CliUsageError) {
      const f = formatCliError(e, ROOT_NAME);
      return { stdout: '', stderr: `${f.usage}${glogErrorLine(f.message, session.cluster.env.clock.nowMs())}\n`, exitCode: 1 };
    }
    if (!isVtError(e)) throw e;
    const now = session.cluster.env.clock.nowMs();
    if (e.code === 'DEADLINE_EXCEEDED' && ctx.deadlineMs !== undefined && now >= ctx.deadlineMs) {
      // The client's own context expired first: grpc reports that, whatever the server was doing.
      return { stdout: '', stderr: `${vtctldRpcErrorLine('context deadline exceeded', now, 'DeadlineExceeded')}\n`, exitCode: 1 };
    }
    return { stdout: '', stderr: `${vtctldRpcErrorLine(e.message, now)}\n`, exitCode: 1 };
  }
}

// How a vtctldclient command is declared: its cobra-style spec (flags, args, help text) and a handler
// that runs it against the cluster and returns what vtctldclient prints on stdout. Errors are thrown
// as VtError; the dispatcher prints them the way vtctldclient does (glog line on stderr, exit 1).
// Mirrors go/cmd/vtctldclient/command/*.go (one file per command group).

import type { SimEnv } from '../../engine/sim-env.js';
import type { TopoServer } from '../../topo/topo-server.js';
import type { TabletManagerClient } from '../../tablets/tm-client.js';
import type { CommandSpec, ParsedCommand } from '../cli-kit/spec.js';
import type { Cluster } from '../../cluster/cluster.js';

/** What a handler may use: the control plane, as vtctld has it. */
export interface VtctldContext {
  env: SimEnv;
  topo: TopoServer;
  tmc: TabletManagerClient;
  /** Reads a file named on the command line (--sql-file, --vschema-file ...), resolved like the shell does. */
  readFile(path: string): string | undefined;
  /** Let simulated time pass until cond() holds or timeoutMs elapses (virtual time). */
  waitFor(cond: () => boolean, timeoutMs: number): boolean;
  /** The whole simulated cluster (for commands that act on processes, like PlannedReparentShard). */
  cluster: Cluster;
  /** Services registered by the cluster (the workflow server, reparent helpers...), by name. */
  services: Record<string, unknown>;
  /**
   * When the command's context expires (virtual ms): vtctldclient's --action_timeout from the start of
   * the command. RPCs to a tablet that is down wait until then, as Vitess's tablet manager client does.
   */
  deadlineMs?: number;
}

export interface VtctldCommand {
  spec: CommandSpec;
  /**
   * Runs the command. `parsed.path` is the chain of matched specs (root first), so a command with
   * subcommands (MoveTables create/show/...) dispatches on the last element. Returns stdout text.
   */
  run(parsed: ParsedCommand, ctx: VtctldContext): string;
}

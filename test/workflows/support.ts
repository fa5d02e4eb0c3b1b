// Test support for the workflow server: a real simulated cluster (the local example's 101 and 201 steps,
// the example data) and a way to run the vtctldclient workflow commands the way the dispatcher does.
import type { CommandSession } from '../../src/commands/session.js';
import type { CommandSpec } from '../../src/commands/cli-kit/spec.js';
import { CliUsageError, parseCommand } from '../../src/commands/cli-kit/flags.js';
import { formatCliError, renderHelp } from '../../src/commands/cli-kit/help.js';
import { isVtError } from '../../src/common/errors.js';
import { vtctldContext } from '../../src/commands/vtctldclient/dispatch.js';
import { allVtctldCommands } from '../../src/commands/vtctldclient/registry.js';
import type { VtctldCommand } from '../../src/commands/vtctldclient/command.js';
import { moveTablesCommand } from '../../src/commands/vtctldclient/movetables.js';
import { workflowCommand } from '../../src/commands/vtctldclient/workflow.js';
import { vdiffCommand } from '../../src/commands/vtctldclient/vdiff.js';
import { applyRoutingRulesCommand, getRoutingRulesCommand } from '../../src/commands/vtctldclient/routing-rules.js';
import { getWorkflowsCommand } from '../../src/commands/vtctldclient/get-workflows.js';
import { parseShellLine } from '../../src/commands/cli-kit/shell-line.js';
import { WorkflowServer } from '../../src/workflows/server.js';
import { settle } from '../../src/cluster/settle.js';
import { newSession, runOk } from '../support/session.js';

export const WORKFLOW_COMMANDS: VtctldCommand[] = [
  moveTablesCommand,
  workflowCommand,
  vdiffCommand,
  getRoutingRulesCommand,
  applyRoutingRulesCommand,
  getWorkflowsCommand,
];

function root(): { spec: CommandSpec; handlers: Map<CommandSpec, VtctldCommand> } {
  const mine = new Set(WORKFLOW_COMMANDS.map((c) => c.spec.use.split(' ')[0]));
  const commands = [...allVtctldCommands().filter((c) => !mine.has(c.spec.use.split(' ')[0])), ...WORKFLOW_COMMANDS];
  return {
    spec: {
      use: 'vtctldclient',
      short: 'Executes a cluster management command on the remote vtctld server.',
      flags: [],
      persistentFlags: [
        { name: 'server', type: 'string', usage: 'server to use for the connection (required)' },
        { name: 'action_timeout', type: 'duration', default: 3_600_000, usage: 'timeout to use for the command' },
      ],
      subcommands: commands.map((c) => c.spec),
    },
    handlers: new Map(commands.map((c) => [c.spec, c])),
  };
}

export interface Out {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Runs `vtctldclient ...` (the word may be left out) as the dispatcher does: usage errors with cobra's
 * texts, server errors as `rpc error: code = Unknown desc = ...` (the glog prefix is left out here).
 * Settles the cluster afterwards, as the shell does.
 */
export function vtctld(s: CommandSession, line: string): Out {
  const argv = parseShellLine(line).items[0]!.pipeline.commands[0]!.argv;
  const args = argv[0] === 'vtctldclient' ? argv.slice(1) : argv;
  const { spec, handlers } = root();
  let out: Out;
  try {
    const parsed = parseCommand(spec, args, 'vtctldclient');
    if (parsed.help) return { stdout: renderHelp(parsed.path, 'vtctldclient'), stderr: '', code: 0 };
    const handler = handlers.get(parsed.path[1]!)!;
    out = { stdout: handler.run(parsed, vtctldContext(s)), stderr: '', code: 0 };
  } catch (e) {
    if (e instanceof CliUsageError) {
      const f = formatCliError(e, 'vtctldclient');
      out = { stdout: '', stderr: `${f.usage}${f.message}\n`, code: 1 };
    } else if (isVtError(e)) {
      out = { stdout: '', stderr: `rpc error: code = Unknown desc = ${e.message}\n`, code: 1 };
    } else {
      throw e;
    }
  }
  if (s.settleEnabled) settle(s.cluster);
  return out;
}

/** Runs a workflow command that must succeed and returns its stdout. */
export function ok(s: CommandSession, line: string): string {
  const r = vtctld(s, line);
  if (r.code !== 0) throw new Error(`failed: ${line}\n${r.stderr}`);
  return r.stdout;
}

/** Runs a workflow command that must fail and returns the error message (without the rpc prefix). */
export function fails(s: CommandSession, line: string): string {
  const r = vtctld(s, line);
  if (r.code === 0) throw new Error(`unexpectedly succeeded: ${line}\n${r.stdout}`);
  return r.stderr.replace(/^rpc error: code = Unknown desc = /, '').replace(/\n$/, '');
}

/** The local example after 101 (with the example data) and 201: commerce and customer, 3 tablets each. */
export async function exampleCluster(seed = 1): Promise<CommandSession> {
  const s = await newSession(seed);
  runOk(s, './101_initial_cluster.sh', 'mysql < ../common/insert_commerce_data.sql', './201_customer_tablets.sh');
  return s;
}

/** The local example's steps, in order, after which the lesson data is loaded. */
const LOCAL_EXAMPLE = [
  './101_initial_cluster.sh',
  'mysql < ../common/insert_commerce_data.sql',
  './201_customer_tablets.sh',
  './202_move_tables.sh',
  './203_switch_reads.sh',
  './204_switch_writes.sh',
  './205_clean_commerce.sh',
  './301_customer_sharded.sh',
  './302_new_shards.sh',
  './303_reshard.sh',
  './304_switch_reads.sh',
  './305_switch_writes.sh',
  './306_down_shard_0.sh',
];

/** A fresh session that ran the local example up to and including the script `last` (e.g. `302`). */
export async function localExampleThrough(last: string, seed = 1): Promise<CommandSession> {
  const s = await newSession(seed);
  const end = LOCAL_EXAMPLE.findIndex((l) => l.startsWith(`./${last}_`));
  if (end < 0) throw new Error(`no local example script ${last}`);
  runOk(s, ...LOCAL_EXAMPLE.slice(0, end + 1));
  return s;
}

/**
 * An unsharded keyspace `accounts/0` (uids 500-502) built with the generic scripts, a sharded vschema
 * (xxhash) and a `ledger` table of `rows` rows; with `withNote`, also a `note` table of 9 rows.
 */
export async function accountsCluster(opts: { rows: number; withNote?: boolean }): Promise<CommandSession> {
  const s = await newSession(11);
  const tables = ['create table ledger(entry_id bigint not null, amount int, primary key(entry_id))'];
  const vschemaTables: Record<string, unknown> = { ledger: { column_vindexes: [{ column: 'entry_id', name: 'xxhash' }] } };
  if (opts.withNote) {
    tables.push('create table note(note_id bigint not null, body varchar(64), primary key(note_id))');
    vschemaTables['note'] = { column_vindexes: [{ column: 'note_id', name: 'xxhash' }] };
  }
  const vschema = { sharded: true, vindexes: { xxhash: { type: 'xxhash' } }, tables: vschemaTables };
  runOk(
    s,
    'CELL=zone1 ../common/scripts/etcd-up.sh',
    '../common/scripts/vtctld-up.sh',
    'vtctldclient CreateKeyspace accounts',
    ...[500, 501, 502].flatMap((uid) => [
      `CELL=zone1 TABLET_UID=${uid} ../common/scripts/mysqlctl-up.sh`,
      `CELL=zone1 KEYSPACE=accounts TABLET_UID=${uid} ../common/scripts/vttablet-up.sh`,
    ]),
    '../common/scripts/vtorc-up.sh',
    'wait_for_healthy_shard accounts 0',
    `vtctldclient ApplySchema --sql "${tables.join('; ')}" accounts`,
    `vtctldclient ApplyVSchema --vschema '${JSON.stringify(vschema)}' accounts`,
    '../common/scripts/vtgate-up.sh',
    `mysql -e "insert into ledger(entry_id, amount) values ${Array.from({ length: opts.rows }, (_, i) => `(${i + 1}, ${i * 10})`).join(', ')}"`,
  );
  if (opts.withNote) runOk(s, `mysql -e "insert into note(note_id, body) values ${Array.from({ length: 9 }, (_, i) => `(${i + 1}, 'n${i + 1}')`).join(', ')}"`);
  return s;
}

/** `count` tablets (uids from `base`) for a new shard of `accounts`, healthy. */
export function addShard(s: CommandSession, shard: string, base: number, count = 2): void {
  for (let uid = base; uid < base + count; uid++) {
    runOk(s, `CELL=zone1 TABLET_UID=${uid} ../common/scripts/mysqlctl-up.sh`, `CELL=zone1 KEYSPACE=accounts SHARD=${shard} TABLET_UID=${uid} ../common/scripts/vttablet-up.sh`);
  }
  runOk(s, `wait_for_healthy_shard accounts ${shard} 2`);
}

export function server(s: CommandSession): WorkflowServer {
  return new WorkflowServer(s.cluster.topo, s.cluster.tmc, s.cluster.env);
}

/** The routing rules as a map from_table → first target. */
export function rules(s: CommandSession): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of s.cluster.topo.getRoutingRules().rules) out[r.from_table] = r.to_tables.join(',');
  return out;
}

/** The PRIMARY denied tables of a shard. */
export function denied(s: CommandSession, keyspace: string, shard = '0'): string[] {
  return s.cluster.topo.getShard(keyspace, shard)?.tablet_controls.find((c) => c.tablet_type === 'PRIMARY')?.denied_tables ?? [];
}

/** Rows of a query on a shard's primary, through the tablet manager (as a DBA). */
export function primaryQuery(s: CommandSession, keyspace: string, sql: string, shard = '0'): Array<Record<string, unknown>> {
  const alias = s.cluster.topo.getShard(keyspace, shard)!.primary_alias!;
  const qr = s.cluster.tmc.executeFetchAsDba(alias, sql);
  return qr.rows.map((row) => Object.fromEntries(qr.fields.map((f, i) => [f.name, row[i]])));
}

export { runOk };

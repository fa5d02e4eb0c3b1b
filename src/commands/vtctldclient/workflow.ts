// `vtctldclient Workflow --keyspace <ks> <list|show|start|stop|delete> [--workflow <wf>]`: workflow
// administration by keyspace, whatever the workflow's type.
// Mirrors go/cmd/vtctldclient/command/vreplication/workflow/{workflow,show,state,update,delete,get}.go.

import type { CommandSpec, ParsedCommand } from '../cli-kit/spec.js';
import { goJson, protoJson } from '../render/json.js';
import type { VtctldCommand, VtctldContext } from './command.js';
import { canRestartWorkflow } from './workflow-actions.js';
import type { OnDdl } from '../../workflows/types.js';
import {
  SHARDS_FLAG,
  flagBool,
  flagString,
  flagStrings,
  subcommandName,
  tabletTypesFlag,
  usageError,
  workflowServer,
} from './vreplication-common.js';

function workflowFlag(usage: string) {
  return { name: 'workflow', shorthand: 'w', type: 'string' as const, required: true, usage };
}

const listSpec: CommandSpec = {
  use: 'list',
  short: 'List the VReplication workflows in the given keyspace.',
  example: 'vtctldclient --server localhost:15999 workflow --keyspace customer list',
  aliases: ['List'],
  args: { min: 0, max: 0 },
  disableFlagsInUseLine: true,
  flags: [SHARDS_FLAG],
};

const showSpec: CommandSpec = {
  use: 'show',
  short: 'Show the details for a VReplication workflow.',
  example: 'vtctldclient --server localhost:15999 workflow --keyspace customer show --workflow commerce2customer',
  aliases: ['Show'],
  args: { min: 0, max: 0 },
  disableFlagsInUseLine: true,
  flags: [
    workflowFlag('The workflow you want the details for.'),
    { name: 'include-logs', type: 'bool', default: true, usage: 'Include recent logs for the workflow.' },
    SHARDS_FLAG,
  ],
};

const startSpec: CommandSpec = {
  use: 'start',
  short: 'Start a VReplication workflow.',
  example: 'vtctldclient --server localhost:15999 workflow --keyspace customer start --workflow commerce2customer',
  aliases: ['Start'],
  args: { min: 0, max: 0 },
  disableFlagsInUseLine: true,
  flags: [workflowFlag('The workflow you want to start.'), SHARDS_FLAG],
};

const stopSpec: CommandSpec = {
  use: 'stop',
  short: 'Stop a VReplication workflow.',
  example: 'vtctldclient --server localhost:15999 workflow --keyspace customer stop --workflow commerce2customer',
  aliases: ['Stop'],
  args: { min: 0, max: 0 },
  disableFlagsInUseLine: true,
  flags: [workflowFlag('The workflow you want to stop.'), SHARDS_FLAG],
};

const updateSpec: CommandSpec = {
  use: 'update',
  short: 'Update the configuration parameters for a VReplication workflow.',
  example:
    'vtctldclient --server localhost:15999 workflow --keyspace customer update --workflow commerce2customer --cells zone1 --cells zone2 -c "zone3,zone4" -c zone5',
  aliases: ['Update'],
  args: { min: 0, max: 0 },
  disableFlagsInUseLine: true,
  flags: [
    workflowFlag('The workflow you want to update.'),
    { name: 'cells', shorthand: 'c', type: 'strings', usage: 'New Cell(s) or CellAlias(es) (comma-separated) to replicate from.' },
    { name: 'tablet-types', shorthand: 't', type: 'strings', usage: 'New source tablet types to replicate from (e.g. PRIMARY,REPLICA,RDONLY).' },
    {
      name: 'tablet-types-in-order',
      type: 'bool',
      default: true,
      usage: 'When performing source tablet selection, look for candidates in the type order as they are listed in the tablet-types flag.',
    },
    {
      name: 'on-ddl',
      type: 'string',
      usage: 'New instruction on what to do when DDL is encountered in the VReplication stream. Possible values are IGNORE, STOP, EXEC, and EXEC_IGNORE.',
    },
    SHARDS_FLAG,
  ],
};

const ON_DDL_VALUES: readonly OnDdl[] = ['IGNORE', 'STOP', 'EXEC', 'EXEC_IGNORE'];

/** update's PreRunE and RunE: only the options given are sent; none at all is an error. */
function runUpdate(p: ParsedCommand, ctx: VtctldContext, keyspace: string): string {
  const cellsGiven = p.changed.has('cells');
  const typesGiven = p.changed.has('tablet-types');
  const onDdlGiven = p.changed.has('on-ddl');
  if (!cellsGiven && !typesGiven && !onDdlGiven) throw usageError(p, 'no configuration options specified to update');
  let onDdl: OnDdl | undefined;
  if (onDdlGiven) {
    const raw = flagString(p, 'on-ddl');
    onDdl = ON_DDL_VALUES.find((v) => v === raw.toUpperCase());
    if (onDdl === undefined) throw usageError(p, `invalid on-ddl value: ${raw}`);
  }
  const resp = workflowServer(ctx).workflowUpdate({
    keyspace,
    workflow: flagString(p, 'workflow'),
    ...(cellsGiven && { cells: flagStrings(p, 'cells').map((c) => c.trim()) }),
    ...(typesGiven && { tabletTypes: tabletTypesFlag(p) }),
    // An unchanged --tablet-types-in-order is sent as "unknown": each stream keeps its preference.
    ...(p.changed.has('tablet-types-in-order') && { inOrder: flagBool(p, 'tablet-types-in-order') }),
    ...(onDdl !== undefined && { onDdl }),
    shards: flagStrings(p, 'shards'),
  });
  return protoJson(resp) + '\n';
}

const deleteSpec: CommandSpec = {
  use: 'delete',
  short: 'Delete a VReplication workflow.',
  example: 'vtctldclient --server localhost:15999 workflow --keyspace customer delete --workflow commerce2customer',
  aliases: ['Delete'],
  args: { min: 0, max: 0 },
  disableFlagsInUseLine: true,
  flags: [
    workflowFlag('The workflow you want to delete.'),
    { name: 'keep-data', type: 'bool', usage: 'Keep the partially copied table data from the workflow in the target keyspace.' },
    { name: 'keep-routing-rules', type: 'bool', usage: 'Keep the routing rules created for the workflow.' },
    {
      name: 'delete-batch-size',
      type: 'int64',
      default: 1000,
      usage:
        'When cleaning up the migrated data in tables moved as part of a multi-tenant MoveTables workflow, delete the records in batches of this size.',
    },
    {
      name: 'ignore-source-keyspace',
      type: 'bool',
      usage:
        'WARNING: This option should only be used when absolutely necessary. Ignore the source keyspace as the workflow is deleted and cleaned up. This allows the workflow to be deleted if the source keyspace has been deleted or is not currently available. NOTE: this is only used with MoveTables.',
    },
    SHARDS_FLAG,
  ],
};

export const workflowSpec: CommandSpec = {
  use: 'Workflow --keyspace <keyspace> [command] [command-flags]',
  short: 'Administer VReplication workflows (Reshard, MoveTables, etc) in the given keyspace.',
  aliases: ['workflow'],
  disableFlagsInUseLine: true,
  // The base command is runnable (RunE: commandGetWorkflows) with exactly one argument: its keyspace.
  args: { min: 1, max: 1 },
  runnable: true,
  flags: [],
  persistentFlags: [{ name: 'keyspace', shorthand: 'k', type: 'string', required: true, usage: 'Keyspace context for the workflow.' }],
  subcommands: [deleteSpec, listSpec, showSpec, startSpec, stopSpec, updateSpec],
};

function runShowOrList(p: ParsedCommand, ctx: VtctldContext, list: boolean): string {
  const resp = workflowServer(ctx).getWorkflows({
    keyspace: flagString(p, 'keyspace'),
    workflow: list ? '' : flagString(p, 'workflow'),
    includeLogs: list ? true : flagBool(p, 'include-logs'),
    shards: flagStrings(p, 'shards'),
  });
  if (list) return goJson(resp.workflows.map((w) => w.name)) + '\n';
  return protoJson(resp) + '\n';
}

export const workflowCommand: VtctldCommand = {
  spec: workflowSpec,
  run(p, ctx) {
    const keyspace = flagString(p, 'keyspace');
    const ws = workflowServer(ctx);
    if (p.path.length === 2) {
      // `Workflow --keyspace ks <arg>`: commandGetWorkflows on the argument, active workflows only.
      return protoJson(ws.getWorkflows({ keyspace: p.args[0] ?? '', activeOnly: true, includeLogs: true })) + '\n';
    }
    switch (subcommandName(p)) {
      case 'list':
        return runShowOrList(p, ctx, true);
      case 'show':
        return runShowOrList(p, ctx, false);
      case 'start':
      case 'stop': {
        const workflow = flagString(p, 'workflow');
        const start = subcommandName(p) === 'start';
        if (start) canRestartWorkflow(p, ctx, keyspace, workflow);
        return (
          protoJson(
            ws.workflowUpdateState({ keyspace, workflow, state: start ? 'Running' : 'Stopped', shards: flagStrings(p, 'shards') }),
          ) + '\n'
        );
      }
      case 'update':
        return runUpdate(p, ctx, keyspace);
      case 'delete':
        return (
          protoJson(
            ws.workflowDelete({
              keyspace,
              workflow: flagString(p, 'workflow'),
              keepData: flagBool(p, 'keep-data'),
              keepRoutingRules: flagBool(p, 'keep-routing-rules'),
            }),
          ) + '\n'
        );
      default:
        throw new Error(`[BUG] unhandled Workflow subcommand ${subcommandName(p)}`);
    }
  },
};

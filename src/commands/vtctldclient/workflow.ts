// `vtctldclient Workflow --keyspace <ks> <list|show|start|stop|delete> [--workflow <wf>]`: workflow
// administration by keyspace, whatever the workflow's type.
// Mirrors go/cmd/vtctldclient/command/vreplication/workflow/{workflow,show,state,delete,get}.go.

import type { CommandSpec, ParsedCommand } from '../cli-kit/spec.js';
import { goJson, protoJson } from '../render/json.js';
import type { VtctldCommand, VtctldContext } from './command.js';
import { canRestartWorkflow } from './workflow-actions.js';
import { SHARDS_FLAG, flagBool, flagString, flagStrings, subcommandName, workflowServer } from './vreplication-common.js';

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
  subcommands: [deleteSpec, listSpec, showSpec, startSpec, stopSpec],
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

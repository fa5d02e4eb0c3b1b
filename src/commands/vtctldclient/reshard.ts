// `vtctldclient Reshard --workflow <wf> --target-keyspace <ks> <create|show|status|switchtraffic|
// reversetraffic|complete|cancel|start|stop> ...`: the flags, help texts and outputs of the real client.
// Everything but create is the shared VReplication subcommands also used by MoveTables (Complete goes
// through MoveTablesComplete, Cancel through WorkflowDelete), over the same workflow server.
// Mirrors go/cmd/vtctldclient/command/vreplication/reshard/{reshard,create}.go and the common
// subcommands in go/cmd/vtctldclient/command/vreplication/common/.

import type { CommandSpec, FlagSpec, ParsedCommand } from '../cli-kit/spec.js';
import type { VtctldCommand, VtctldContext } from './command.js';
import { runWorkflowAction } from './workflow-actions.js';
import {
  COMMON_CREATE_FLAGS,
  COMMON_FLAGS,
  flagBool,
  flagString,
  flagStrings,
  outputFormat,
  outputStatusResponse,
  switchTrafficFlags,
  tabletTypesFlag,
  usageError,
  workflowServer,
} from './vreplication-common.js';

/** The example workflow name Reshard's help texts use (SubCommandsOpts.Workflow). */
const EXAMPLE_WORKFLOW = 'cust2cust';

function sub(use: string, short: string, aliases: string[], flags: FlagSpec[], extraExample = ''): CommandSpec {
  return {
    use,
    short,
    aliases,
    flags,
    args: { min: 0, max: 0 },
    disableFlagsInUseLine: true,
    example: `vtctldclient --server localhost:15999 Reshard --workflow ${EXAMPLE_WORKFLOW} --target-keyspace customer ${use}${extraExample}`,
  };
}

/** AddCommonSwitchTrafficFlags without --initialize-target-sequences; Reshard has no --shards subset. */
function reshardSwitchTrafficFlags(): FlagSpec[] {
  return switchTrafficFlags(false).filter((f) => f.name !== 'shards');
}

const createSpec: CommandSpec = {
  use: 'create',
  short: 'Create and optionally run a Reshard VReplication workflow.',
  example:
    'vtctldclient --server localhost:15999 reshard --workflow customer2customer --target-keyspace customer create --source-shards="0" --target-shards="-80,80-" --cells zone1 --cells zone2 --tablet-types replica',
  aliases: ['Create'],
  args: { min: 0, max: 0 },
  disableFlagsInUseLine: true,
  flags: [
    ...COMMON_CREATE_FLAGS,
    { name: 'source-shards', type: 'strings', usage: 'Source shards.' },
    { name: 'target-shards', type: 'strings', usage: 'Target shards.' },
    { name: 'skip-schema-copy', type: 'bool', usage: 'Skip copying the schema from the source shards to the target shards.' },
  ],
};

const showSpec = sub('show', 'Show the details for a Reshard VReplication workflow.', ['Show'], [
  { name: 'include-logs', type: 'bool', default: true, usage: 'Include recent logs for the workflow.' },
]);
const statusSpec = sub('status', 'Show the current status for a Reshard VReplication workflow.', ['Status', 'progress', 'Progress'], []);
const startSpec = sub('start', 'Start a Reshard workflow.', ['Start'], []);
const stopSpec = sub('stop', 'Stop a Reshard workflow.', ['Stop'], []);
const switchTrafficSpec = sub(
  'switchtraffic',
  'Switch traffic for a Reshard VReplication workflow.',
  ['SwitchTraffic'],
  reshardSwitchTrafficFlags(),
  ' --tablet-types "replica,rdonly"',
);
const reverseTrafficSpec = sub('reversetraffic', 'Reverse traffic for a Reshard VReplication workflow.', ['ReverseTraffic'], reshardSwitchTrafficFlags());
const completeSpec = sub('complete', 'Complete a Reshard VReplication workflow.', ['Complete'], []);
const cancelSpec = sub('cancel', 'Cancel a Reshard VReplication workflow.', ['Cancel'], [
  { name: 'keep-data', type: 'bool', usage: 'Keep the partially copied table data from the Reshard workflow in the target shards.' },
]);

export const reshardSpec: CommandSpec = {
  use: 'Reshard --workflow <workflow> --target-keyspace <keyspace> [command] [command-flags]',
  short: 'Perform commands related to resharding a keyspace.',
  aliases: ['reshard'],
  disableFlagsInUseLine: true,
  args: { min: 1, max: 1 },
  runnable: false,
  flags: [],
  persistentFlags: COMMON_FLAGS,
  subcommands: [cancelSpec, completeSpec, createSpec, reverseTrafficSpec, showSpec, startSpec, statusSpec, stopSpec, switchTrafficSpec],
};

/** commandReshardCreate, with ParseAndValidateCreateOptions's checks first (create sets SilenceUsage). */
function runCreate(p: ParsedCommand, ctx: VtctldContext, keyspace: string, workflow: string): string {
  const onDdl = flagString(p, 'on-ddl').toUpperCase();
  if (!['IGNORE', 'STOP', 'EXEC', 'EXEC_IGNORE'].includes(onDdl)) {
    throw usageError(p, `invalid on-ddl value: ${flagString(p, 'on-ddl')}`, false);
  }
  if (p.changed.has('cells') && p.changed.has('all-cells')) throw usageError(p, 'cannot specify both --cells and --all-cells', false);
  let tabletTypes = tabletTypesFlag(p, 'tablet-types', false);
  if (!p.changed.has('tablet-types')) tabletTypes = ['REPLICA', 'PRIMARY'];
  else if (tabletTypes.length === 0) {
    throw usageError(p, 'invalid tablet-types value, at least one valid tablet type must be specified', false);
  }
  const format = outputFormat(p, false);
  let cells = flagStrings(p, 'cells').map((c) => c.trim());
  if (flagBool(p, 'all-cells')) cells = ctx.topo.getCellNames();
  const resp = workflowServer(ctx).reshardCreate({
    workflow,
    keyspace,
    sourceShards: flagStrings(p, 'source-shards'),
    targetShards: flagStrings(p, 'target-shards'),
    cells,
    tabletTypes,
    tabletSelectionPreference: flagBool(p, 'tablet-types-in-preference-order') ? 'INORDER' : 'ANY',
    onDdl: onDdl as 'IGNORE' | 'STOP' | 'EXEC' | 'EXEC_IGNORE',
    deferSecondaryKeys: flagBool(p, 'defer-secondary-keys'),
    autoStart: flagBool(p, 'auto-start'),
    stopAfterCopy: flagBool(p, 'stop-after-copy'),
    skipSchemaCopy: flagBool(p, 'skip-schema-copy'),
  });
  return outputStatusResponse(resp, format, keyspace, workflow);
}

export const reshardCommand: VtctldCommand = {
  spec: reshardSpec,
  run: (p, ctx) => runWorkflowAction(p, ctx, 'Reshard', runCreate),
};

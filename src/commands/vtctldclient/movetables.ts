// `vtctldclient MoveTables --workflow <wf> --target-keyspace <ks> <create|show|status|switchtraffic|
// reversetraffic|complete|cancel|start|stop> ...`: the flags, help texts and outputs of the real client,
// over the workflow server.
// Mirrors go/cmd/vtctldclient/command/vreplication/movetables/{movetables,create}.go; the other
// actions are the shared ones of workflow-actions.ts (vreplication/common/).

import type { CommandSpec, FlagSpec, ParsedCommand } from '../cli-kit/spec.js';
import type { VtctldCommand, VtctldContext } from './command.js';
import { runWorkflowAction } from './workflow-actions.js';
import {
  COMMON_CREATE_FLAGS,
  COMMON_FLAGS,
  SHARDS_FLAG,
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

const EXAMPLE_WORKFLOW = 'commerce2customer';

function example(action: string, extra = ''): string {
  return `vtctldclient --server localhost:15999 MoveTables --workflow ${EXAMPLE_WORKFLOW} --target-keyspace customer ${action}${extra}`;
}

function sub(use: string, short: string, aliases: string[], flags: FlagSpec[], extraExample = ''): CommandSpec {
  return { use, short, aliases, flags, args: { min: 0, max: 0 }, disableFlagsInUseLine: true, example: example(use, extraExample) };
}

const createSpec: CommandSpec = {
  use: 'create',
  short: 'Create and optionally run a MoveTables VReplication workflow.',
  example:
    'vtctldclient --server localhost:15999 movetables --workflow commerce2customer --target-keyspace customer create --source-keyspace commerce --cells zone1 --cells zone2 --tablet-types replica',
  aliases: ['Create'],
  args: { min: 0, max: 0 },
  disableFlagsInUseLine: true,
  flags: [
    ...COMMON_CREATE_FLAGS,
    { name: 'source-keyspace', type: 'string', required: true, usage: 'Keyspace where the tables are being moved from.' },
    {
      name: 'source-shards',
      type: 'strings',
      usage: 'Source shards to copy data from when performing a partial MoveTables (experimental).',
    },
    {
      name: 'source-time-zone',
      type: 'string',
      usage: 'Specifying this causes any DATETIME fields to be converted from the given time zone into UTC.',
    },
    { name: 'all-tables', type: 'bool', usage: 'Copy all tables from the source.' },
    { name: 'tables', type: 'strings', usage: 'Source tables to copy.' },
    { name: 'exclude-tables', type: 'strings', usage: 'Source tables to exclude from copying.' },
    {
      name: 'no-routing-rules',
      type: 'bool',
      usage:
        '(Advanced) Do not create routing rules while creating the workflow. See the reference documentation for limitations if you use this flag.',
    },
    {
      name: 'atomic-copy',
      type: 'bool',
      usage:
        '(EXPERIMENTAL) A single copy phase is run for all tables from the source. Use this, for example, if your source keyspace has tables which use foreign key constraints.',
    },
    {
      name: 'tenant-id',
      type: 'string',
      usage: '(EXPERIMENTAL: Multi-tenant migrations only) The tenant ID to use for the MoveTables workflow into a multi-tenant keyspace.',
    },
    {
      name: 'shards',
      type: 'strings',
      usage:
        '(EXPERIMENTAL: Multi-tenant migrations only) Specify that vreplication streams should only be created on this subset of target shards. Warning: you should first ensure that all rows on the source route to the specified subset of target shards using your VIndex of choice or you could lose data during the migration.',
    },
    {
      name: 'global-keyspace',
      type: 'string',
      usage:
        'If specified, then attempt to create any global resources here such as sequence tables needed to replace auto_increment table clauses that are removed due to --sharded-auto-increment-handling=REPLACE. The value must be an unsharded keyspace that already exists.',
    },
    {
      name: 'sharded-auto-increment-handling',
      type: 'string',
      default: 'REMOVE',
      usage:
        'If moving the table(s) to a sharded keyspace, remove any MySQL auto_increment clauses when copying the schema to the target as sharded keyspaces should rely on either user/application generated values or Vitess sequences to ensure uniqueness. If REPLACE is specified then they are automatically replaced by Vitess sequence definitions. (options are: LEAVE,REMOVE,REPLACE)',
    },
  ],
};

const showSpec = sub('show', 'Show the details for a MoveTables VReplication workflow.', ['Show'], [
  { name: 'include-logs', type: 'bool', default: true, usage: 'Include recent logs for the workflow.' },
  SHARDS_FLAG,
]);
const statusSpec = sub('status', 'Show the current status for a MoveTables VReplication workflow.', ['Status', 'progress', 'Progress'], [
  SHARDS_FLAG,
]);
const startSpec = sub('start', 'Start a MoveTables workflow.', ['Start'], []);
const stopSpec = sub('stop', 'Stop a MoveTables workflow.', ['Stop'], []);
const switchTrafficSpec = sub(
  'switchtraffic',
  'Switch traffic for a MoveTables VReplication workflow.',
  ['SwitchTraffic'],
  switchTrafficFlags(true),
  ' --tablet-types "replica,rdonly"',
);
const reverseTrafficSpec = sub(
  'reversetraffic',
  'Reverse traffic for a MoveTables VReplication workflow.',
  ['ReverseTraffic'],
  switchTrafficFlags(false),
);
const completeSpec = sub('complete', 'Complete a MoveTables VReplication workflow.', ['Complete'], [
  { name: 'keep-data', type: 'bool', usage: 'Keep the original source table data that was copied by the MoveTables workflow.' },
  {
    name: 'keep-routing-rules',
    type: 'bool',
    usage:
      'Keep the routing rules in place that direct table traffic from the source keyspace to the target keyspace of the MoveTables workflow.',
  },
  {
    name: 'rename-tables',
    type: 'bool',
    usage: "Keep the original source table data that was copied by the MoveTables workflow, but rename each table to '_<tablename>_old'.",
  },
  { name: 'dry-run', type: 'bool', usage: 'Print the actions that would be taken and report any known errors that would have occurred.' },
  {
    name: 'ignore-source-keyspace',
    type: 'bool',
    usage:
      'WARNING: This option should only be used when absolutely necessary. Ignore the source keyspace as the workflow is completed and cleaned up. This allows the workflow to be completed if the source keyspace has been deleted or is not currently available.',
  },
  SHARDS_FLAG,
]);
const cancelSpec = sub('cancel', 'Cancel a MoveTables VReplication workflow.', ['Cancel'], [
  { name: 'keep-data', type: 'bool', usage: 'Keep the partially copied table data from the MoveTables workflow in the target keyspace.' },
  { name: 'keep-routing-rules', type: 'bool', usage: 'Keep the routing rules created for the MoveTables workflow.' },
  {
    name: 'delete-batch-size',
    type: 'int64',
    default: 1000,
    usage: 'When cleaning up the migrated data in tables moved as part of a multi-tenant workflow, delete the records in batches of this size.',
  },
  {
    name: 'ignore-source-keyspace',
    type: 'bool',
    usage:
      'WARNING: This option should only be used when absolutely necessary. Ignore the source keyspace as the workflow is canceled and cleaned up. This allows the workflow to be canceled if the source keyspace has been deleted or is not currently available.',
  },
  SHARDS_FLAG,
]);

export const moveTablesSpec: CommandSpec = {
  use: 'MoveTables --workflow <workflow> --target-keyspace <keyspace> [command] [command-flags]',
  short: 'Perform commands related to moving tables from a source keyspace to a target keyspace.',
  aliases: ['movetables'],
  disableFlagsInUseLine: true,
  args: { min: 1, max: 1 },
  runnable: false,
  flags: [],
  persistentFlags: COMMON_FLAGS,
  subcommands: [
    cancelSpec,
    completeSpec,
    createSpec,
    reverseTrafficSpec,
    showSpec,
    startSpec,
    statusSpec,
    stopSpec,
    switchTrafficSpec,
  ],
};

function runCreate(p: ParsedCommand, ctx: VtctldContext, keyspace: string, workflow: string): string {
  // create sets SilenceUsage, so its PreRunE errors come without the usage text.
  if (!p.changed.has('tables') && !p.changed.has('all-tables')) {
    throw usageError(p, 'tables or all-tables are required to specify which tables to move', false);
  }
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
  if (flagBool(p, 'atomic-copy')) {
    const errs: string[] = [];
    if (!flagBool(p, 'all-tables')) errs.push('atomic copy requires --all-tables');
    if (flagStrings(p, 'tables').length > 0 || flagStrings(p, 'exclude-tables').length > 0) errs.push('atomic copy does not support specifying tables');
    if (errs.length > 0) throw usageError(p, `found options incompatible with atomic copy: ${errs.join(', ')}`, false);
  }
  if (flagStrings(p, 'shards').length > 0 && flagString(p, 'tenant-id') === '') {
    throw usageError(p, '--shards specified, but not --tenant-id: you can only specify target shards for multi-tenant migrations', false);
  }
  const handling = flagString(p, 'sharded-auto-increment-handling').toUpperCase();
  if (handling !== 'LEAVE' && handling !== 'REMOVE' && handling !== 'REPLACE') {
    throw usageError(p, 'invalid value provided for --sharded-auto-increment-handling, valid values are: LEAVE,REMOVE,REPLACE', false);
  }
  const format = outputFormat(p, false);
  let cells = flagStrings(p, 'cells').map((c) => c.trim());
  if (flagBool(p, 'all-cells')) cells = ctx.topo.getCellNames();
  const ws = workflowServer(ctx);
  const resp = ws.moveTablesCreate({
    workflow,
    targetKeyspace: keyspace,
    sourceKeyspace: flagString(p, 'source-keyspace'),
    sourceShards: flagStrings(p, 'source-shards'),
    cells,
    tabletTypes,
    tabletSelectionPreference: flagBool(p, 'tablet-types-in-preference-order') ? 'INORDER' : 'ANY',
    allTables: flagBool(p, 'all-tables'),
    includeTables: flagStrings(p, 'tables'),
    excludeTables: flagStrings(p, 'exclude-tables'),
    onDdl: onDdl as 'IGNORE' | 'STOP' | 'EXEC' | 'EXEC_IGNORE',
    deferSecondaryKeys: flagBool(p, 'defer-secondary-keys'),
    autoStart: flagBool(p, 'auto-start'),
    stopAfterCopy: flagBool(p, 'stop-after-copy'),
    noRoutingRules: flagBool(p, 'no-routing-rules'),
    sourceTimeZone: flagString(p, 'source-time-zone'),
    shardedAutoIncrementHandling: handling,
  });
  const warning =
    handling === 'REPLACE' && flagString(p, 'global-keyspace') === ''
      ? 'WARNING: no global-keyspace value provided so all sequence table references not fully qualified must be created manually before switching traffic\n'
      : '';
  return warning + outputStatusResponse(resp, format, keyspace, workflow);
}

export const moveTablesCommand: VtctldCommand = {
  spec: moveTablesSpec,
  run: (p, ctx) => runWorkflowAction(p, ctx, 'MoveTables', runCreate),
};

// A slice of vtctldclient's command tree, declared as the Vitess source declares it
// (go/cmd/vtctldclient/command/root.go, vreplication/movetables, common, workflow, vdiff, routing_rules.go,
// keyspaces.go, schema.go, vschemas.go, shards.go, tablets.go at planetscale/vitess 1d670644a3), for the
// parser and help tests. Root flags are a subset of the real ones, chosen to keep the real help layout.

import type { CommandSpec, FlagSpec } from '../../../src/commands/cli-kit/spec.js';

const HOUR = 3_600_000;

const rootFlags: FlagSpec[] = [
  { name: 'action_timeout', type: 'duration', default: HOUR, usage: 'timeout to use for the command' },
  { name: 'compact', type: 'bool', usage: 'use compact format for otherwise verbose outputs' },
  {
    name: 'grpc-max-message-size',
    type: 'int',
    default: 16777216,
    usage: "Maximum allowed RPC message size. Larger messages will be rejected by gRPC with the error 'exceeding the max size'.",
  },
  { name: 'log-rotate-max-size', type: 'uint64', default: 1887436800, usage: 'size in bytes at which logs are rotated (glog.MaxSize)' },
  { name: 'mysql-server-version', type: 'string', default: '8.0.40-Vitess', usage: 'MySQL server version to advertise.' },
  { name: 'server', type: 'string', usage: 'server to use for the connection (required)' },
  { name: 'stderrthreshold', type: 'string', typeName: 'severityFlag', default: '1', usage: 'logs at or above this threshold go to stderr' },
  { name: 'tablet-manager-grpc-server-name', type: 'string', usage: 'the server name to use to validate server certificate' },
  {
    name: 'topo-global-root',
    type: 'string',
    default: '/vitess/global',
    usage: 'the path of the global topology data in the global topology server',
  },
  {
    name: 'topo-global-server-address',
    type: 'strings',
    default: ['localhost:2379'],
    usage: 'the address of the global topology server(s)',
  },
  { name: 'topo-implementation', type: 'string', default: 'etcd2', usage: 'the topology implementation to use' },
  { name: 'v', shorthand: 'v', type: 'string', typeName: 'Level', usage: 'log level for V logs' },
  {
    name: 'vmodule',
    type: 'string',
    typeName: 'vModuleFlag',
    usage: 'comma-separated list of pattern=N settings for file-filtered logging',
  },
];

/** vreplication/common AddCommonFlags. */
const workflowFlags: FlagSpec[] = [
  { name: 'format', type: 'string', default: 'text', usage: 'The format of the output; supported formats are: text,json.' },
  { name: 'target-keyspace', type: 'string', usage: 'Target keyspace for this workflow.', required: true },
  { name: 'workflow', shorthand: 'w', type: 'string', usage: 'The workflow you want to perform the command on.', required: true },
];

const switchTrafficFlags: FlagSpec[] = [
  { name: 'cells', shorthand: 'c', type: 'strings', usage: 'Cells and/or CellAliases to switch traffic in.' },
  { name: 'tablet-types', type: 'strings', usage: 'Tablet types to switch traffic for.' },
  {
    name: 'timeout',
    type: 'duration',
    default: 30_000,
    usage:
      'Specifies the maximum time to wait, in seconds, for VReplication to catch up on primary tablets. The traffic switch will be cancelled on timeout.',
  },
  {
    name: 'max-replication-lag-allowed',
    type: 'duration',
    default: 30_000,
    usage: 'Allow traffic to be switched only if VReplication lag is below this.',
  },
  {
    name: 'enable-reverse-replication',
    type: 'bool',
    default: true,
    usage: 'Setup replication going back to the original source keyspace to support rolling back the traffic cutover.',
  },
  {
    name: 'dry-run',
    type: 'bool',
    usage: 'Print the actions that would be taken and report any known errors that would have occurred.',
  },
];

function workflowSubcommands(sub: string, wf: string): CommandSpec[] {
  const example = (action: string) =>
    `vtctldclient --server localhost:15999 ${sub} --workflow ${wf} --target-keyspace customer ${action}`;
  return [
    {
      use: 'show',
      short: `Show the details for a ${sub} VReplication workflow.`,
      example: example('show'),
      disableFlagsInUseLine: true,
      aliases: ['Show'],
      args: { min: 0, max: 0 },
      flags: [{ name: 'include-logs', type: 'bool', default: true, usage: 'Include recent logs for the workflow.' }],
    },
    {
      use: 'status',
      short: `Show the current status for a ${sub} VReplication workflow.`,
      example: example('status'),
      disableFlagsInUseLine: true,
      aliases: ['Status', 'progress', 'Progress'],
      args: { min: 0, max: 0 },
      flags: [],
    },
    {
      use: 'switchtraffic',
      short: `Switch traffic for a ${sub} VReplication workflow.`,
      example: example('switchtraffic --tablet-types "replica,rdonly"'),
      disableFlagsInUseLine: true,
      aliases: ['SwitchTraffic'],
      args: { min: 0, max: 0 },
      flags: switchTrafficFlags,
    },
    {
      use: 'reversetraffic',
      short: `Reverse traffic for a ${sub} VReplication workflow.`,
      example: example('reversetraffic'),
      disableFlagsInUseLine: true,
      aliases: ['ReverseTraffic'],
      args: { min: 0, max: 0 },
      flags: switchTrafficFlags,
    },
    {
      use: 'complete',
      short: `Complete a ${sub} VReplication workflow.`,
      example: example('complete'),
      disableFlagsInUseLine: true,
      aliases: ['Complete'],
      args: { min: 0, max: 0 },
      flags: [{ name: 'keep-data', type: 'bool', usage: 'Keep the original source table data that was copied by the MoveTables workflow.' }],
    },
  ];
}

export const moveTablesCreate: CommandSpec = {
  use: 'create',
  short: 'Create and optionally run a MoveTables VReplication workflow.',
  example:
    'vtctldclient --server localhost:15999 movetables --workflow commerce2customer --target-keyspace customer create --source-keyspace commerce --cells zone1 --cells zone2 --tablet-types replica',
  silenceUsage: true,
  disableFlagsInUseLine: true,
  aliases: ['Create'],
  args: { min: 0, max: 0 },
  persistentFlags: [{ name: 'source-keyspace', type: 'string', usage: 'Keyspace where the tables are being moved from.', required: true }],
  flags: [
    { name: 'cells', shorthand: 'c', type: 'strings', usage: 'Cells and/or CellAliases to copy table data from.' },
    { name: 'all-cells', shorthand: 'a', type: 'bool', usage: 'Copy table data from any existing cell.' },
    { name: 'tablet-types', type: 'strings', usage: 'Source tablet types to replicate table data from (e.g. PRIMARY,REPLICA,RDONLY).' },
    { name: 'on-ddl', type: 'string', default: 'IGNORE', usage: 'What to do when DDL is encountered in the VReplication stream.' },
    { name: 'defer-secondary-keys', type: 'bool', default: true, usage: 'Defer secondary index creation for a table until after it has been copied.' },
    { name: 'auto-start', type: 'bool', default: true, usage: 'Start the workflow after creating it.' },
    { name: 'tables', type: 'strings', usage: 'Source tables to copy.' },
    { name: 'all-tables', type: 'bool', usage: 'Copy all tables from the source.' },
    { name: 'config-overrides', type: 'strings', default: [], usage: 'Specify one or more VReplication config flags to override.' },
  ],
};

export const moveTables: CommandSpec = {
  use: 'MoveTables --workflow <workflow> --target-keyspace <keyspace> [command] [command-flags]',
  short: 'Perform commands related to moving tables from a source keyspace to a target keyspace.',
  disableFlagsInUseLine: true,
  aliases: ['movetables'],
  args: { min: 1, max: 1 },
  flags: [],
  persistentFlags: workflowFlags,
  subcommands: [moveTablesCreate, ...workflowSubcommands('MoveTables', 'commerce2customer')],
};

export const reshard: CommandSpec = {
  use: 'Reshard --workflow <workflow> --target-keyspace <keyspace> [command] [command-flags]',
  short: 'Perform commands related to resharding a keyspace.',
  disableFlagsInUseLine: true,
  aliases: ['reshard'],
  args: { min: 1, max: 1 },
  flags: [],
  persistentFlags: workflowFlags,
  subcommands: [
    {
      use: 'create',
      short: 'Create and optionally run a reshard VReplication workflow.',
      silenceUsage: true,
      disableFlagsInUseLine: true,
      aliases: ['Create'],
      args: { min: 0, max: 0 },
      flags: [
        { name: 'source-shards', type: 'strings', usage: 'Source shards.', required: true },
        { name: 'target-shards', type: 'strings', usage: 'Target shards.', required: true },
      ],
    },
    ...workflowSubcommands('Reshard', 'cust2cust'),
  ],
};

export const vdiff: CommandSpec = {
  use: 'VDiff --workflow <workflow> --target-keyspace <keyspace> [command] [command-flags]',
  short: 'Perform commands related to diffing tables involved in a VReplication workflow between the source and target.',
  disableFlagsInUseLine: true,
  aliases: ['vdiff'],
  args: { min: 0, max: 0 },
  flags: [],
  persistentFlags: workflowFlags,
  subcommands: [
    {
      use: 'create',
      short: 'Create and run a VDiff to compare the tables involved in a VReplication workflow between the source and target.',
      silenceUsage: true,
      disableFlagsInUseLine: true,
      aliases: ['Create'],
      args: { min: 0, max: 1 },
      flags: [
        { name: 'wait-update-interval', type: 'duration', default: 60_000, usage: 'When waiting on a vdiff to finish, check and display the current status this often.' },
        { name: 'limit', type: 'int64', default: 2 ** 63, usage: 'Max rows to stop comparing after.' },
      ],
    },
    {
      use: 'show',
      short: 'Show the status of a VDiff.',
      disableFlagsInUseLine: true,
      aliases: ['Show'],
      args: { min: 1, max: 1 },
      flags: [{ name: 'verbose', type: 'bool', usage: 'Show verbose output in summaries' }],
    },
  ],
};

export const workflow: CommandSpec = {
  use: 'Workflow --keyspace <keyspace> [command] [command-flags]',
  short: 'Administer VReplication workflows (Reshard, MoveTables, etc) in the given keyspace.',
  disableFlagsInUseLine: true,
  aliases: ['workflow'],
  args: { min: 1, max: 1 },
  runnable: true,
  flags: [],
  persistentFlags: [{ name: 'keyspace', shorthand: 'k', type: 'string', usage: 'Keyspace context for the workflow.', required: true }],
  subcommands: [
    {
      use: 'list',
      short: 'List the VReplication workflows in the given keyspace.',
      disableFlagsInUseLine: true,
      aliases: ['List'],
      args: { min: 0, max: 0 },
      flags: [],
    },
    {
      use: 'show',
      short: 'Show the details for a VReplication workflow.',
      disableFlagsInUseLine: true,
      aliases: ['Show'],
      args: { min: 0, max: 0 },
      flags: [
        { name: 'workflow', shorthand: 'w', type: 'string', usage: 'The workflow you want the details for.', required: true },
        { name: 'include-logs', type: 'bool', default: true, usage: 'Include recent logs for the workflow.' },
      ],
    },
  ],
};

const leaf = (use: string, short: string, args: { min: number; max?: number }, flags: FlagSpec[] = []): CommandSpec => ({
  use,
  short,
  disableFlagsInUseLine: true,
  args,
  flags,
});

export const vtctldclient: CommandSpec = {
  use: 'vtctldclient',
  short:
    'Executes a cluster management command on the remote vtctld server or alternatively as a standalone binary using --server=internal.',
  long: `Executes a cluster management command on the remote vtctld server or alternatively as a standalone binary using --server=internal.
If there are no running vtctld servers -- for example when bootstrapping
a new Vitess cluster -- you can specify a --server value of 'internal'.
When doing so, you would use the --topo* flags so that the client can
connect directly to the topo server(s).`,
  runnable: true,
  version: '23.0.0-SNAPSHOT (Git revision 1d670644a3 branch main)',
  flags: [],
  persistentFlags: rootFlags,
  subcommands: [
    leaf(
      'ApplySchema [--ddl-strategy <strategy>] [--uuid <uuid> ...] [--migration-context <context>] [--wait-replicas-timeout <duration>] [--caller-id <caller_id>] {--sql-file <file> | --sql <sql>} <keyspace>',
      'Applies the schema change to the specified keyspace on every primary, running in parallel on all shards. The changes are then propagated to replicas via replication.',
      { min: 1, max: 1 },
      [
        { name: 'sql-file', type: 'string', usage: 'Path to a file containing the SQL to apply.' },
        { name: 'sql', type: 'strings', usage: 'Semicolon-delimited, repeatable SQL commands to apply.' },
        {
          name: 'ddl-strategy',
          type: 'string',
          default: 'direct',
          underscoreVariant: true,
          usage: "Online DDL strategy, compatible with @@ddl_strategy session variable (examples: 'direct', 'mysql', 'vitess --postpone-completion'.",
        },
      ],
    ),
    leaf('ApplyVSchema {--vschema=<vschema> || --vschema-file=<vschema file> || --sql=<sql> || --sql-file=<sql file>} [--cells=c1,c2,...] [--skip-rebuild] [--dry-run] <keyspace>', 'Applies the VTGate routing schema to the provided keyspace. Shows the result after application.', { min: 1, max: 1 }, [
      { name: 'vschema', type: 'string', usage: 'VSchema' },
      { name: 'vschema-file', type: 'string', usage: 'Path to a file containing the vschema.' },
    ]),
    leaf('BackupShard [--concurrency <concurrency>] [--allow-primary] [--upgrade-safe] <keyspace/shard>', 'Finds the most up-to-date REPLICA, RDONLY, or SPARE tablet in the given shard and uses the BackupStorage service on that tablet to create and store a new backup.', { min: 1, max: 1 }),
    leaf('CreateKeyspace <keyspace> [--force|-f] [--type KEYSPACE_TYPE] [--base-keyspace KEYSPACE --snapshot-timestamp TIME] [--durability-policy <policy_name>] [--sidecar-db-name <db_name>]', 'Creates the specified keyspace in the topology.', { min: 1, max: 1 }, [
      { name: 'durability-policy', type: 'string', default: 'none', usage: 'Type of durability to enforce for this keyspace. Default is none. Possible values include \'semi_sync\' and others as dictated by registered plugins.' },
      { name: 'sidecar-db-name', type: 'string', default: '_vt', usage: '(Experimental) Name of the Vitess sidecar database that tablets in this keyspace will use for internal metadata.' },
    ]),
    leaf('DeleteShards <keyspace/shard> [<keyspace/shard> ...]', 'Deletes the specified shards from the topology.', { min: 1 }, [
      { name: 'recursive', shorthand: 'r', type: 'bool', usage: 'Also delete all tablets belonging to the shard. This is required to delete a non-empty shard.' },
      { name: 'force', shorthand: 'f', type: 'bool', usage: 'Remove the shard even if it cannot be locked; this should only be used for cleanup operations.' },
    ]),
    leaf('GetBackups <keyspace/shard>', 'Lists backups for the given shard.', { min: 1, max: 1 }),
    leaf('GetKeyspace <keyspace>', 'Returns information about the given keyspace from the topology.', { min: 1, max: 1 }),
    leaf('GetRoutingRules', 'Displays the VSchema routing rules.', { min: 0, max: 0 }),
    leaf('GetShard <keyspace/shard>', 'Returns information about a shard in the topology.', { min: 1, max: 1 }),
    leaf('GetTablet <alias>', 'Outputs a JSON structure that contains information about the tablet.', { min: 1, max: 1 }),
    leaf('GetTablets [--strict] [{--cell $c1 [--cell $c2 ...], --keyspace $ks [--shard $shard], --tablet-alias $alias}]', 'Looks up tablets according to filter criteria.', { min: 0, max: 0 }, [
      { name: 'keyspace', shorthand: 'k', type: 'string', usage: 'Keyspace to return tablets for.' },
      { name: 'shard', shorthand: 's', type: 'string', usage: 'Shard to return tablets for.' },
      { name: 'tablet-type', type: 'string', usage: 'Tablet type to filter by (e.g. primary or replica).' },
    ]),
    moveTables,
    reshard,
    leaf('RestoreFromBackup [--backup-timestamp|-t <YYYY-mm-DD.HHMMSS>] [--restore-to-pos <pos>] [--dry-run] <tablet_alias>', 'Stops mysqld on the specified tablet and restores the data from either the latest backup or closest before `backup-timestamp`.', { min: 1, max: 1 }),
    leaf('SetKeyspaceDurabilityPolicy [--durability-policy=policy_name] <keyspace name>', 'Sets the durability-policy used by the specified keyspace.', { min: 1, max: 1 }, [
      { name: 'durability-policy', type: 'string', default: 'none', usage: 'Type of durability to enforce for this keyspace. Default is none. Other values include \'semi_sync\' and others as dictated by registered plugins.' },
    ]),
    { use: 'ShardReplicationPositions <keyspace/shard>', short: '', disableFlagsInUseLine: true, args: { min: 1, max: 1 }, flags: [] },
    vdiff,
    workflow,
  ],
};

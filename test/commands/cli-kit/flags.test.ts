import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCommand } from '../../../src/commands/cli-kit/flags.js';
import { commandName } from '../../../src/commands/cli-kit/command-tree.js';
import { parseShellLine } from '../../../src/commands/cli-kit/shell-line.js';
import type { CommandSpec, ParsedCommand } from '../../../src/commands/cli-kit/spec.js';
import { vtctldclient } from './fixtures.js';

/** Parses a vtctldclient command line the way the shell hands it over (env.sh adds --server). */
function parse(line: string, root: CommandSpec = vtctldclient): ParsedCommand {
  const argv = parseShellLine(line).items[0]?.pipeline.commands[0]?.argv ?? [];
  return parseCommand(root, argv.slice(1));
}

const names = (p: ParsedCommand) => p.path.map(commandName);

function usageError(line: string, root: CommandSpec = vtctldclient): CliUsageError {
  try {
    parse(line, root);
  } catch (e) {
    expect(e).toBeInstanceOf(CliUsageError);
    return e as CliUsageError;
  }
  throw new Error(`no error for ${line}`);
}

describe('parseCommand: the vtctldclient lines of the acceptance page and the example scripts', () => {
  it('MoveTables create with flags before and after the action', () => {
    const p = parse(
      "vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer create --source-keyspace commerce --tables 'customer,corder'",
    );
    expect(names(p)).toEqual(['vtctldclient', 'MoveTables', 'create']);
    expect(p.flags).toMatchObject({
      'target-keyspace': 'customer',
      workflow: 'commerce2customer',
      'source-keyspace': 'commerce',
      tables: ['customer', 'corder'],
      'all-tables': false,
      'auto-start': true,
      'on-ddl': 'IGNORE',
      format: 'text',
      action_timeout: 3_600_000,
      'config-overrides': [],
    });
    expect([...p.changed].sort()).toEqual(['source-keyspace', 'tables', 'target-keyspace', 'workflow']);
    expect(p.args).toEqual([]);
    expect(p.help).toBe(false);
    expect(p.warnings).toEqual([]);
  });

  it('202_move_tables.sh with --server first and double-quoted tables', () => {
    const p = parse(
      'vtctldclient --server localhost:15999 MoveTables --workflow commerce2customer --target-keyspace customer create --source-keyspace commerce --tables "customer,corder"',
    );
    expect(p.flags.server).toBe('localhost:15999');
    expect(p.flags.tables).toEqual(['customer', 'corder']);
  });

  it('status --format=json, show --include-logs=false (with a trailing blank)', () => {
    const status = parse('vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer status --format=json');
    expect(names(status)).toEqual(['vtctldclient', 'MoveTables', 'status']);
    expect(status.flags.format).toBe('json');
    const show = parse('vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer show --include-logs=false ');
    expect(show.flags['include-logs']).toBe(false);
    expect(show.changed.has('include-logs')).toBe(true);
  });

  it('SwitchTraffic by its alias, switchtraffic with tablet types, complete', () => {
    const p = parse('vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer SwitchTraffic');
    expect(names(p)).toEqual(['vtctldclient', 'MoveTables', 'switchtraffic']);
    expect(p.flags).toMatchObject({ timeout: 30_000, 'max-replication-lag-allowed': 30_000, 'enable-reverse-replication': true, 'tablet-types': [] });
    expect(p.changed.has('tablet-types')).toBe(false);
    const reads = parse('vtctldclient MoveTables --workflow commerce2customer --target-keyspace customer switchtraffic --tablet-types "rdonly,replica"');
    expect(reads.flags['tablet-types']).toEqual(['rdonly', 'replica']);
    expect(parse('vtctldclient MoveTables --workflow commerce2customer --target-keyspace customer switchtraffic --tablet-types primary').flags['tablet-types']).toEqual(['primary']);
    expect(names(parse('vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer complete'))).toEqual([
      'vtctldclient',
      'MoveTables',
      'complete',
    ]);
  });

  it('VDiff create and show last, by name and by the lower-case alias', () => {
    expect(names(parse('vtctldclient VDiff --target-keyspace customer --workflow commerce2customer create'))).toEqual(['vtctldclient', 'VDiff', 'create']);
    const show = parse('vtctldclient VDiff --format=json --target-keyspace customer --workflow commerce2customer show last --verbose');
    expect(names(show)).toEqual(['vtctldclient', 'VDiff', 'show']);
    expect(show.args).toEqual(['last']);
    expect(show.flags).toMatchObject({ format: 'json', verbose: true });
    expect(parse('vtctldclient vdiff --workflow commerce2customer --target-keyspace customer show last').args).toEqual(['last']);
  });

  it('Workflow show and list, with --keyspace before or as --keyspace=', () => {
    const show = parse('vtctldclient Workflow --keyspace commerce show --workflow commerce2customer_reverse');
    expect(names(show)).toEqual(['vtctldclient', 'Workflow', 'show']);
    expect(show.flags).toMatchObject({ keyspace: 'commerce', workflow: 'commerce2customer_reverse', 'include-logs': true });
    expect(names(parse('vtctldclient Workflow --keyspace customer list'))).toEqual(['vtctldclient', 'Workflow', 'list']);
    expect(parse('vtctldclient Workflow --keyspace=ks show --workflow=wf').flags).toMatchObject({ keyspace: 'ks', workflow: 'wf' });
    expect(names(parse('vtctldclient workflow --keyspace ks list'))).toEqual(['vtctldclient', 'Workflow', 'list']);
  });

  it('the commands of 101, 301, 303, 307, 401-403 and 501', () => {
    expect(parse('vtctldclient GetRoutingRules').args).toEqual([]);
    expect(parse('vtctldclient GetKeyspace commerce').args).toEqual(['commerce']);
    expect(parse('vtctldclient SetKeyspaceDurabilityPolicy --durability-policy=semi_sync commerce').flags['durability-policy']).toBe('semi_sync');
    const ck = parse('vtctldclient CreateKeyspace --sidecar-db-name="${SIDECAR_DB_NAME:-_vt}" --durability-policy=semi_sync commerce');
    expect(ck.flags).toMatchObject({ 'sidecar-db-name': '_vt', 'durability-policy': 'semi_sync' });
    expect(ck.args).toEqual(['commerce']);
    const as = parse('vtctldclient ApplySchema --sql-file create_commerce_schema.sql commerce');
    expect(as.flags).toMatchObject({ 'sql-file': 'create_commerce_schema.sql', 'ddl-strategy': 'direct' });
    expect(parse('vtctldclient ApplyVSchema --vschema-file vschema_commerce_initial.json commerce').args).toEqual(['commerce']);
    const rs = parse("vtctldclient Reshard --workflow cust2cust --target-keyspace customer create --source-shards '0' --target-shards '-80,80-'");
    expect(rs.flags).toMatchObject({ 'source-shards': ['0'], 'target-shards': ['-80', '80-'] });
    const del = parse('vtctldclient DeleteShards --force --recursive customer/0');
    expect(del.flags).toMatchObject({ force: true, recursive: true });
    expect(del.args).toEqual(['customer/0']);
    expect(parse('vtctldclient BackupShard "customer/-80"').args).toEqual(['customer/-80']);
    expect(parse('vtctldclient GetBackups "customer/80-"').args).toEqual(['customer/80-']);
    expect(parse('vtctldclient GetTablets --keyspace=customer --shard=-80 --tablet-type=replica').flags).toMatchObject({
      keyspace: 'customer',
      shard: '-80',
      'tablet-type': 'replica',
    });
    expect(parse('vtctldclient RestoreFromBackup zone1-0000000301').args).toEqual(['zone1-0000000301']);
    const gt = parse('vtctldclient --action_timeout 1s --server localhost:15999 GetTablet zone1-0000000100');
    expect(gt.flags).toMatchObject({ action_timeout: 1000, server: 'localhost:15999' });
    expect(gt.args).toEqual(['zone1-0000000100']);
    expect(parse('vtctldclient GetShard ks/0').args).toEqual(['ks/0']);
  });
});

describe('parseCommand: pflag syntax', () => {
  it('reads --flag value, --flag=value, -s value, -svalue and -s=value', () => {
    for (const line of [
      'vtctldclient GetTablets --keyspace ks',
      'vtctldclient GetTablets --keyspace=ks',
      'vtctldclient GetTablets -k ks',
      'vtctldclient GetTablets -kks',
      'vtctldclient GetTablets -k=ks',
    ]) {
      expect(parse(line).flags.keyspace, line).toBe('ks');
    }
  });

  it('takes the next word as a value even when it looks like a flag', () => {
    expect(parse('vtctldclient GetTablets --keyspace --shard').flags.keyspace).toBe('--shard');
  });

  it('reads bools with and without a value, and bundled shorthands', () => {
    expect(parse('vtctldclient DeleteShards -rf ks/0').flags).toMatchObject({ recursive: true, force: true });
    expect(parse('vtctldclient DeleteShards --force=false ks/0').flags.force).toBe(false);
    const p = parse('vtctldclient DeleteShards --force false ks/0');
    expect(p.flags.force).toBe(true);
    expect(p.args).toEqual(['false', 'ks/0']);
  });

  it('ends flags at --', () => {
    const p = parse('vtctldclient GetKeyspace -- --odd');
    expect(p.args).toEqual(['--odd']);
  });

  it('accumulates repeated string slices, replacing the default first', () => {
    const p = parse(
      'vtctldclient --topo-global-server-address a:1 --topo-global-server-address b:2,c:3 MoveTables --workflow w --target-keyspace k create --source-keyspace s --all-tables -c zone1 --cells zone2,zone3',
    );
    expect(p.flags['topo-global-server-address']).toEqual(['a:1', 'b:2', 'c:3']);
    expect(p.flags.cells).toEqual(['zone1', 'zone2', 'zone3']);
    expect(parse('vtctldclient GetRoutingRules').flags['topo-global-server-address']).toEqual(['localhost:2379']);
  });

  it('parses durations and validates integers', () => {
    expect(parse('vtctldclient MoveTables -w w --target-keyspace k switchtraffic --timeout 1m30s').flags.timeout).toBe(90_000);
    expect(parse('vtctldclient --grpc-max-message-size 0x10 GetRoutingRules').flags['grpc-max-message-size']).toBe(16);
    expect(usageError('vtctldclient --grpc-max-message-size 1.5 GetRoutingRules').message).toBe(
      'invalid argument "1.5" for "--grpc-max-message-size" flag: strconv.ParseInt: parsing "1.5": invalid syntax',
    );
  });

  it('accepts the hidden underscore alias of a Vitess utils.SetFlag*Var flag, with pflag\'s warning', () => {
    const p = parse('vtctldclient ApplySchema --ddl_strategy "vitess --postpone-completion" --sql-file x.sql ks');
    expect(p.flags['ddl-strategy']).toBe('vitess --postpone-completion');
    expect(p.changed.has('ddl-strategy')).toBe(true);
    expect(p.warnings).toEqual(['Flag --ddl_strategy has been deprecated, use ddl-strategy instead']);
  });

  it('rejects the underscore spelling of an ordinary pflag flag, as vtctldclient does', () => {
    expect(usageError('vtctldclient MoveTables -w w --target-keyspace k switchtraffic --tablet_types replica').message).toBe(
      'unknown flag: --tablet_types',
    );
  });

  it('warns when a deprecated flag is used', () => {
    const root: CommandSpec = {
      use: 'tool',
      short: 'A tool.',
      flags: [
        { name: 'old', type: 'string', usage: 'Old.', deprecated: 'use --new instead' },
        { name: 'new', type: 'string', usage: 'New.' },
      ],
    };
    const p = parseCommand(root, ['--old', 'x']);
    expect(p.flags.old).toBe('x');
    expect(p.warnings).toEqual(['Flag --old has been deprecated, use --new instead']);
  });

  it('matches subcommand names case-insensitively only when the spec says so', () => {
    const root: CommandSpec = {
      use: 'tool',
      short: 'A tool.',
      flags: [],
      subcommands: [
        { use: 'switchtraffic', short: 'Switch.', flags: [], caseInsensitive: true },
        { use: 'exact', short: 'Exact.', flags: [] },
      ],
    };
    expect(names(parseCommand(root, ['SwitchTRAFFIC']))).toEqual(['tool', 'switchtraffic']);
    const p = parseCommand(root, ['EXACT']);
    expect(names(p)).toEqual(['tool']);
    expect(p.help).toBe(true);
  });
});

describe('parseCommand: help and version', () => {
  it('-h / --help anywhere after the action gives the help of that action', () => {
    for (const line of [
      'vtctldclient MoveTables --workflow w create --help',
      'vtctldclient MoveTables create -h extra words',
      'vtctldclient MoveTables create --help=true',
    ]) {
      const p = parse(line);
      expect(p.help, line).toBe(true);
      expect(names(p)).toEqual(['vtctldclient', 'MoveTables', 'create']);
    }
    // pflag stops at the first bad flag, so help is never reached.
    expect(usageError('vtctldclient MoveTables create -h --bogus').message).toBe('unknown flag: --bogus');
  });

  it('--help before the action name swallows it as its value, as cobra\'s Traverse does', () => {
    const p = parse('vtctldclient MoveTables --help create');
    expect(p.help).toBe(true);
    expect(names(p)).toEqual(['vtctldclient', 'MoveTables']);
  });

  it('--help on the root before a subcommand and other flags is pflag\'s ErrHelp', () => {
    const e = usageError('vtctldclient --help --server x MoveTables');
    expect(e.message).toBe('pflag: help requested');
    expect(e.showUsage).toBe(false);
  });

  it('a command that is not runnable prints its help, even with a misspelt action', () => {
    const p = parse('vtctldclient MoveTables --workflow w --target-keyspace k swichtraffic');
    expect(p.help).toBe(true);
    expect(names(p)).toEqual(['vtctldclient', 'MoveTables']);
    expect(p.args).toEqual(['swichtraffic']);
    expect(parse('vtctldclient MoveTables').help).toBe(true);
  });

  it('cobra\'s help command resolves its topic', () => {
    const p = parse('vtctldclient help MoveTables create');
    expect(p.help).toBe(true);
    expect(names(p)).toEqual(['vtctldclient', 'MoveTables', 'create']);
    expect(names(parse('vtctldclient help'))).toEqual(['vtctldclient']);
    const unknown = parse('vtctldclient help Nope');
    expect(unknown.unknownHelpTopic).toBe('Unknown help topic [`Nope`]');
    expect(names(unknown)).toEqual(['vtctldclient']);
  });

  it('--version on the root', () => {
    const p = parse('vtctldclient --version');
    expect(p.version).toBe(true);
    expect(p.help).toBe(false);
    expect('version' in p.flags).toBe(false);
  });

  it('the bare root runs (and does nothing) without error', () => {
    const p = parse('vtctldclient --server localhost:15999');
    expect(names(p)).toEqual(['vtctldclient']);
    expect(p.help).toBe(false);
    expect(p.args).toEqual([]);
  });
});

describe('parseCommand: cobra and pflag errors', () => {
  it.each([
    ['vtctldclient GetRoutingRules --foo', 'unknown flag: --foo', true],
    ['vtctldclient GetTablets -x', "unknown shorthand flag: 'x' in -x", true],
    ['vtctldclient DeleteShards -rx ks/0', "unknown shorthand flag: 'x' in -x", true],
    ['vtctldclient GetTablets --keyspace', 'flag needs an argument: --keyspace', true],
    ['vtctldclient GetTablets -k', "flag needs an argument: 'k' in -k", true],
    ['vtctldclient GetTablets ---k', 'bad flag syntax: ---k', true],
    [
      'vtctldclient MoveTables -w w --target-keyspace k switchtraffic --timeout abc',
      'invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"',
      true,
    ],
    [
      'vtctldclient MoveTables -w w --target-keyspace k switchtraffic --dry-run=maybe',
      'invalid argument "maybe" for "--dry-run" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
      true,
    ],
    [
      'vtctldclient DeleteShards -r=maybe ks/0',
      'invalid argument "maybe" for "-r, --recursive" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
      true,
    ],
    ['vtctldclient MoveTables --target-keyspace customer switchtraffic', 'required flag(s) "workflow" not set', true],
    ['vtctldclient MoveTables status', 'required flag(s) "target-keyspace", "workflow" not set', true],
    ['vtctldclient GetKeyspace a b', 'accepts 1 arg(s), received 2', true],
    ['vtctldclient GetKeyspace', 'accepts 1 arg(s), received 0', true],
    ['vtctldclient DeleteShards', 'requires at least 1 arg(s), only received 0', true],
    ['vtctldclient VDiff -w w --target-keyspace k create a b', 'accepts at most 1 arg(s), received 2', false],
    ['vtctldclient GetRoutingRules foo', 'unknown command "foo" for "vtctldclient GetRoutingRules"', true],
    ['vtctldclient MoveTables -w w --target-keyspace k status extra', 'unknown command "extra" for "vtctldclient MoveTables status"', true],
    ['vtctldclient Foo', 'unknown command: Foo', true],
    ['vtctldclient MoveTables --workflow w --target-keyspace k create --tables t', 'required flag(s) "source-keyspace" not set', false],
  ])('%s', (line, message, showUsage) => {
    const e = usageError(line);
    expect(e.message).toBe(message);
    expect(e.showUsage).toBe(showUsage);
  });

  it('reports the command that was executing, for its usage text', () => {
    expect(usageError('vtctldclient MoveTables --target-keyspace customer switchtraffic').path.map(commandName)).toEqual([
      'vtctldclient',
      'MoveTables',
      'switchtraffic',
    ]);
    expect(usageError('vtctldclient Foo').path.map(commandName)).toEqual(['vtctldclient']);
  });

  it('a bad flag before the action name fails at that level, without usage', () => {
    const e = usageError('vtctldclient MoveTables --source-keyspace commerce create');
    expect(e.message).toBe('unknown flag: --source-keyspace');
    expect(e.showUsage).toBe(false);
    expect(e.path.map(commandName)).toEqual(['vtctldclient', 'MoveTables']);
  });

  it('RangeArgs', () => {
    const root: CommandSpec = { use: 'tool', short: 'A tool.', flags: [], args: { min: 1, max: 2 } };
    expect(() => parseCommand(root, ['a', 'b', 'c'])).toThrow('accepts between 1 and 2 arg(s), received 3');
    expect(() => parseCommand(root, [])).toThrow('accepts between 1 and 2 arg(s), received 0');
    expect(parseCommand(root, ['a', 'b']).args).toEqual(['a', 'b']);
  });

  it('keeps the deprecation warnings printed before an error', () => {
    const e = usageError('vtctldclient ApplySchema --ddl_strategy direct');
    expect(e.message).toBe('accepts 1 arg(s), received 0');
    expect(e.warnings).toEqual(['Flag --ddl_strategy has been deprecated, use ddl-strategy instead']);
  });
});

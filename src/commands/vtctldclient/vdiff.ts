// `vtctldclient VDiff --workflow <wf> --target-keyspace <ks> [--format text|json] <create|show|stop|resume|
// delete> ...`: the real client's flags, argument checks and outputs (the text summary template, the grid of
// `show all`, the JSON summary with PascalCase keys).
// Mirrors go/cmd/vtctldclient/command/vreplication/vdiff/vdiff.go.

import type { VDiffShowResponse, VDiffSummary } from '../../workflows/vdiff.js';
import { buildRecentListings, buildSummary } from '../../workflows/vdiff.js';
import type { CommandSpec, ParsedCommand } from '../cli-kit/spec.js';
import { goJson, protoJson } from '../render/json.js';
import { renderGrid } from '../render/tabulate.js';
import type { VtctldCommand, VtctldContext } from './command.js';
import {
  COMMON_FLAGS,
  canonicalUuid,
  flagBool,
  flagNumber,
  flagString,
  flagStrings,
  outputFormat,
  serverError,
  subcommandName,
  tabletTypesFlag,
  usageError,
  uuidParseError,
  workflowServer,
} from './vreplication-common.js';

/** int64 max as a flag default: 2^63 is exact in a double and help prints it clamped to 9223372036854775807. */
const MAX_INT64 = 2 ** 63;

const createSpec: CommandSpec = {
  use: 'create',
  short: 'Create and run a VDiff to compare the tables involved in a VReplication workflow between the source and target.',
  example:
    'vtctldclient --server localhost:15999 vdiff --workflow commerce2customer --target-keyspace customer create\n' +
    'vtctldclient --server :15999 vdiff --workflow c2c --target-keyspace customer create b3f59678-5241-11ee-be56-0242ac120002 --source-cells zone1 --tablet-types "rdonly,replica" --target-cells zone1 --update-table-stats --max-report-sample-rows 1000 --wait --wait-update-interval 5s --max-diff-duration 1h --row-diff-column-truncate-at 0',
  aliases: ['Create'],
  args: { min: 0, max: 1 },
  disableFlagsInUseLine: true,
  flags: [
    { name: 'source-cells', type: 'strings', usage: 'The source cell(s) to compare from; default is any available cell.' },
    { name: 'target-cells', type: 'strings', usage: 'The target cell(s) to compare with; default is any available cell.' },
    { name: 'tablet-types', type: 'strings', usage: 'Tablet types to use on the source and target.' },
    {
      name: 'tablet-types-in-preference-order',
      type: 'bool',
      default: true,
      usage: 'When performing source tablet selection, look for candidates in the type order as they are listed in the tablet-types flag.',
    },
    {
      name: 'filtered-replication-wait-time',
      type: 'duration',
      default: 30_000,
      usage: 'Specifies the maximum time to wait, in seconds, for replication to catch up when syncing tablet streams.',
    },
    { name: 'limit', type: 'int64', default: MAX_INT64, usage: 'Max rows to stop comparing after.' },
    { name: 'debug-query', type: 'bool', usage: 'Adds a mysql query to the report that can be used for further debugging.' },
    {
      name: 'max-report-sample-rows',
      type: 'int64',
      default: 10,
      usage:
        'Maximum number of row differences to report (0 for all differences). NOTE: when increasing this value it is highly recommended to also specify --only-pks',
    },
    { name: 'only-pks', type: 'bool', usage: 'When reporting row differences, only show primary keys in the report.' },
    { name: 'tables', type: 'strings', usage: 'Only run vdiff for these tables in the workflow.' },
    {
      name: 'max-extra-rows-to-compare',
      type: 'int64',
      default: 1000,
      usage:
        'If there are collation differences between the source and target, you can have rows that are identical but simply returned in a different order from MySQL. We will do a second pass to compare the rows for any actual differences in this case and this flag allows you to control the resources used for this operation.',
    },
    { name: 'wait', type: 'bool', usage: 'When creating or resuming a vdiff, wait for it to finish before exiting.' },
    {
      name: 'wait-update-interval',
      type: 'duration',
      default: 60_000,
      usage: 'When waiting on a vdiff to finish, check and display the current status this often.',
    },
    { name: 'auto-retry', type: 'bool', default: true, usage: 'Should this vdiff automatically retry and continue in case of recoverable errors.' },
    {
      name: 'update-table-stats',
      type: 'bool',
      usage:
        'Update the table statistics, using ANALYZE TABLE, on each table involved in the vdiff during initialization. This will ensure that progress estimates are as accurate as possible -- but it does involve locks and can potentially impact query processing on the target keyspace.',
    },
    {
      name: 'max-diff-duration',
      type: 'duration',
      usage:
        'How long should an individual table diff run before being stopped and restarted in order to lessen the impact on tablets due to holding open database snapshots for long periods of time (0 is the default and means no time limit).',
    },
    {
      name: 'row-diff-column-truncate-at',
      type: 'int64',
      default: 128,
      usage: 'When showing row differences, truncate the non Primary Key column values to this length. A value less than 1 means do not truncate.',
    },
    {
      name: 'auto-start',
      type: 'bool',
      default: true,
      usage: 'Start the vdiff upon creation. When false, the vdiff will be created but will not run until resumed.',
    },
  ],
};

const showSpec: CommandSpec = {
  use: 'show',
  short: 'Show the status of a VDiff.',
  example:
    'vtctldclient --server localhost:15999 vdiff --workflow commerce2customer --target-keyspace customer show last --verbose --format json\n' +
    'vtctldclient --server :15999 vdiff --workflow commerce2customer --target-keyspace customer show a037a9e2-5628-11ee-8c99-0242ac120002\n' +
    'vtctldclient --server localhost:15999 vdiff --workflow commerce2customer --target-keyspace customer show all',
  aliases: ['Show'],
  args: { min: 1, max: 1 },
  disableFlagsInUseLine: true,
  flags: [{ name: 'verbose', type: 'bool', usage: 'Show verbose output in summaries' }],
};

const stopSpec: CommandSpec = {
  use: 'stop',
  short: 'Stop a running VDiff.',
  example:
    'vtctldclient --server localhost:15999 vdiff --workflow commerce2customer --target-keyspace customer stop a037a9e2-5628-11ee-8c99-0242ac120002',
  aliases: ['Stop'],
  args: { min: 1, max: 1 },
  disableFlagsInUseLine: true,
  flags: [{ name: 'target-shards', type: 'strings', usage: 'The target shards to stop the vdiff on; default is all shards.' }],
};

const resumeSpec: CommandSpec = {
  use: 'resume',
  short: 'Resume a VDiff.',
  example:
    'vtctldclient --server localhost:15999 vdiff --workflow commerce2customer --target-keyspace customer resume a037a9e2-5628-11ee-8c99-0242ac120002',
  aliases: ['Resume'],
  args: { min: 1, max: 1 },
  disableFlagsInUseLine: true,
  flags: [{ name: 'target-shards', type: 'strings', usage: 'The target shards to resume the vdiff on; default is all shards.' }],
};

const deleteSpec: CommandSpec = {
  use: 'delete',
  short: 'Delete VDiffs.',
  example:
    'vtctldclient --server localhost:15999 vdiff --workflow commerce2customer --target-keyspace customer delete a037a9e2-5628-11ee-8c99-0242ac120002\n' +
    'vtctldclient --server localhost:15999 vdiff --workflow commerce2customer --target-keyspace delete all',
  aliases: ['Delete'],
  args: { min: 1, max: 1 },
  disableFlagsInUseLine: true,
  flags: [],
};

export const vdiffSpec: CommandSpec = {
  use: 'VDiff --workflow <workflow> --target-keyspace <keyspace> [command] [command-flags]',
  short: 'Perform commands related to diffing tables involved in a VReplication workflow between the source and target.',
  aliases: ['vdiff'],
  disableFlagsInUseLine: true,
  args: { min: 0, max: 0 },
  runnable: false,
  flags: [],
  persistentFlags: COMMON_FLAGS,
  subcommands: [createSpec, deleteSpec, resumeSpec, showSpec, stopSpec],
};

/** html/template's escaping of interpolated text. */
function html(s: string): string {
  return s.replace(/[&'<>"+\0]/g, (c) =>
    c === '&' ? '&amp;' : c === "'" ? '&#39;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&#34;' : c === '+' ? '&#43;' : '\ufffd',
  );
}

/** The summary text template of vdiff.go, with its "\n\n" → "\n" collapsing; ends with Println's newline. */
export function renderSummaryText(s: VDiffSummary): string {
  let out = `\nVDiff Summary for ${html(s.Keyspace)}.${html(s.Workflow)} (${html(s.UUID)})\nState:        ${html(s.State)}\n`;
  if (s.Errors && Object.keys(s.Errors).length > 0) {
    for (const shard of Object.keys(s.Errors).sort()) out += `\n              Error: (shard ${html(shard)}) ${html(s.Errors[shard]!)}`;
    out += '\n';
  }
  out += '\n';
  out += `RowsCompared: ${s.RowsCompared}\nHasMismatch:  ${s.HasMismatch}\nStartedAt:    ${html(s.StartedAt ?? '')}\n`;
  if (s.State === 'started' && s.Progress) {
    out += `Progress:     ${s.Progress.Percentage.toFixed(2)}%`;
    if (s.Progress.ETA) out += `, ETA: ${html(s.Progress.ETA)}`;
  }
  out += '\n';
  if (s.CompletedAt) out += `CompletedAt:  ${html(s.CompletedAt)}`;
  out += '\n';
  for (const name of Object.keys(s.TableSummary ?? {}).sort()) {
    const t = s.TableSummary![name]!;
    out += ` \nTable ${html(t.TableName)}:\n\tState:            ${html(t.State)}\n\tProcessedRows:    ${t.RowsCompared}\n\tMatchingRows:     ${t.MatchingRows}\n`;
    if (t.MismatchedRows) out += `\tMismatchedRows:   ${t.MismatchedRows}`;
    out += '\n';
    if (t.ExtraRowsSource) out += `\tExtraRowsSource:  ${t.ExtraRowsSource}`;
    out += '\n';
    if (t.ExtraRowsTarget) out += `\tExtraRowsTarget:  ${t.ExtraRowsTarget}`;
    out += '\n';
  }
  out += '\n \nUse "--format=json" for more detailed output.\n';
  for (;;) {
    const next = out.replaceAll('\n\n', '\n');
    if (next === out) break;
    out = next;
  }
  return out + '\n';
}

function summaryOutput(s: VDiffSummary, format: 'text' | 'json'): string {
  return format === 'json' ? goJson(s) + '\n' : renderSummaryText(s);
}

/** displayShowResponse: a single summary (last / uuid) or the listing (all). */
function displayShow(
  format: 'text' | 'json',
  keyspace: string,
  workflow: string,
  arg: string,
  resp: VDiffShowResponse,
  verbose: boolean,
  nowMs: number,
): string {
  if (arg === 'all') {
    const listings = buildRecentListings(resp);
    if (format === 'json') return goJson(listings) + '\n';
    const grid = renderGrid(
      ['UUID', 'Workflow', 'Keyspace', 'Shard', 'State'],
      listings.map((l) => [l.UUID, l.Workflow, l.Keyspace, l.Shard, l.State]),
    );
    return (grid === '' ? `No vdiffs found for ${keyspace}.${workflow}` : grid) + '\n';
  }
  const shards = Object.keys(resp.tabletResponses);
  let uuid = arg;
  if (arg === 'last') {
    const first = shards[0] === undefined ? undefined : resp.tabletResponses[shards[0]];
    if (first !== undefined) {
      if (uuidParseError(first.vdiffUuid) !== undefined) {
        return format === 'json' ? '{}\n' : `No previous vdiff found for ${keyspace}.${workflow}\n`;
      }
      uuid = first.vdiffUuid;
    }
  }
  if (shards.length === 0) throw serverError(`no response received for vdiff show of ${keyspace}.${workflow} (${uuid})`);
  return summaryOutput(buildSummary(keyspace, workflow, uuid, resp, verbose, nowMs), format);
}

function simpleResponse(format: 'text' | 'json', action: 'stop' | 'resume' | 'delete'): string {
  const status = action === 'resume' ? 'scheduled' : 'completed';
  if (format === 'json') return goJson({ Action: action, Status: status }) + '\n';
  return `VDiff ${action} ${status}\n`;
}

function runCreate(p: ParsedCommand, ctx: VtctldContext, keyspace: string, workflow: string): string {
  // create sets SilenceUsage: its argument errors come without the usage text.
  let uuid = '';
  if (p.args.length === 1) {
    const err = uuidParseError(p.args[0]!);
    if (err) throw usageError(p, `invalid UUID provided: ${err}`, false);
    uuid = canonicalUuid(p.args[0]!);
  }
  const tabletTypes = p.changed.has('tablet-types') ? tabletTypesFlag(p, 'tablet-types', false) : undefined;
  if (flagNumber(p, 'limit') < 1) throw usageError(p, '--limit must be a positive value', false);
  if (flagNumber(p, 'max-report-sample-rows') < 0) throw usageError(p, '--max-report-sample-rows must not be a negative value', false);
  if (flagNumber(p, 'max-extra-rows-to-compare') < 0) throw usageError(p, '--max-extra-rows-to-compare must not be a negative value', false);
  const format = outputFormat(p, false);
  const ws = workflowServer(ctx);
  const resp = ws.vdiffCreate({
    workflow,
    targetKeyspace: keyspace,
    uuid,
    sourceCells: flagStrings(p, 'source-cells').map((c) => c.trim()),
    targetCells: flagStrings(p, 'target-cells').map((c) => c.trim()),
    tabletTypes,
    tabletSelectionPreference: flagBool(p, 'tablet-types-in-preference-order') ? 'INORDER' : 'ANY',
    tables: flagStrings(p, 'tables').map((t) => t.trim()),
    limit: flagNumber(p, 'limit') >= Number.MAX_SAFE_INTEGER ? (1n << 63n) - 1n : BigInt(Math.trunc(flagNumber(p, 'limit'))),
    filteredReplicationWaitTimeMs: flagNumber(p, 'filtered-replication-wait-time'),
    debugQuery: flagBool(p, 'debug-query'),
    onlyPks: flagBool(p, 'only-pks'),
    updateTableStats: flagBool(p, 'update-table-stats'),
    maxExtraRowsToCompare: flagNumber(p, 'max-extra-rows-to-compare'),
    maxReportSampleRows: flagNumber(p, 'max-report-sample-rows'),
    autoRetry: flagBool(p, 'auto-retry'),
    maxDiffDurationMs: flagNumber(p, 'max-diff-duration'),
    rowDiffColumnTruncateAt: flagNumber(p, 'row-diff-column-truncate-at'),
    autoStart: flagBool(p, 'auto-start'),
  });
  if (!flagBool(p, 'wait')) {
    if (format === 'json') return protoJson({ UUID: resp.UUID }) + '\n';
    return `VDiff ${resp.UUID} scheduled on target shards, use show to view progress\n`;
  }
  // --wait: every interval (of simulated time), show the summary until the vdiff completes.
  const interval = Math.max(1, flagNumber(p, 'wait-update-interval'));
  let out = '';
  for (let i = 0; i < 10_000; i++) {
    ctx.env.scheduler.advance(interval);
    const show = ws.vdiffShow({ workflow, targetKeyspace: keyspace, arg: resp.UUID });
    const summary = buildSummary(keyspace, workflow, resp.UUID, show, false, ctx.env.clock.nowMs());
    out += summaryOutput(summary, format);
    if (summary.State === 'completed') return out;
  }
  throw serverError('context has expired');
}

export const vdiffCommand: VtctldCommand = {
  spec: vdiffSpec,
  run(p, ctx) {
    const keyspace = flagString(p, 'target-keyspace');
    const workflow = flagString(p, 'workflow');
    const ws = workflowServer(ctx);
    const action = subcommandName(p);
    switch (action) {
      case 'create':
        return runCreate(p, ctx, keyspace, workflow);
      case 'show': {
        const raw = p.args[0] ?? '';
        const arg = raw.toLowerCase();
        if (arg !== 'last' && arg !== 'all' && uuidParseError(raw) !== undefined) {
          throw usageError(p, `invalid argument provided (${raw}), valid arguments are 'all', 'last', or a valid UUID`);
        }
        const format = outputFormat(p);
        const showArg = arg === 'last' || arg === 'all' ? arg : canonicalUuid(raw);
        const resp = ws.vdiffShow({ workflow, targetKeyspace: keyspace, arg: showArg });
        return displayShow(format, keyspace, workflow, showArg, resp, flagBool(p, 'verbose'), ctx.env.clock.nowMs());
      }
      case 'stop':
      case 'resume': {
        const raw = p.args[0] ?? '';
        const err = uuidParseError(raw);
        if (err) throw usageError(p, `invalid UUID provided: ${err}`);
        for (const s of flagStrings(p, 'target-shards')) {
          if (!/^[0-9a-fA-F]*-[0-9a-fA-F]*$|^0$|^-$/.test(s)) throw usageError(p, `invalid shard: "${s}"`);
        }
        const format = outputFormat(p);
        const req = { workflow, targetKeyspace: keyspace, arg: canonicalUuid(raw), targetShards: flagStrings(p, 'target-shards') };
        if (action === 'stop') ws.vdiffStop(req);
        else ws.vdiffResume(req);
        return simpleResponse(format, action);
      }
      case 'delete': {
        const raw = p.args[0] ?? '';
        const arg = raw.toLowerCase();
        if (arg !== 'all' && uuidParseError(raw) !== undefined) {
          throw usageError(p, `invalid argument provided (${raw}), valid arguments are 'all' or a valid UUID`);
        }
        const format = outputFormat(p);
        ws.vdiffDelete({ workflow, targetKeyspace: keyspace, arg: arg === 'all' ? 'all' : canonicalUuid(raw) });
        return simpleResponse(format, 'delete');
      }
      default:
        throw new Error(`[BUG] unhandled VDiff subcommand ${action}`);
    }
  },
};

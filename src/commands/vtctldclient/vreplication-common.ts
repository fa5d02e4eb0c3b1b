// What the VReplication commands (MoveTables, Workflow, VDiff) share: their common flags, --format
// handling, tablet-type lists, the workflow server handle, and the text form of a workflow status.
// Mirrors go/cmd/vtctldclient/command/vreplication/common/utils.go (AddCommonFlags, AddCommonCreateFlags,
// AddCommonSwitchTrafficFlags, AddShardSubsetFlag, GetOutputFormat, ParseTabletTypes, OutputStatusResponse).

import { vtError } from '../../common/errors.js';
import type { TabletType } from '../../common/tablet-alias.js';
import { parseTabletType } from '../../common/tablet-alias.js';
import { WorkflowServer } from '../../workflows/server.js';
import type { WorkflowStatusResponse } from '../../workflows/types.js';
import { CliUsageError } from '../cli-kit/flags.js';
import type { CommandSpec, FlagSpec, FlagValue, ParsedCommand } from '../cli-kit/spec.js';
import { protoJson } from '../render/json.js';
import type { VtctldContext } from './command.js';

/** The workflow server the cluster registered, or one over the context's topo and tablet manager client. */
export function workflowServer(ctx: VtctldContext): WorkflowServer {
  const registered = ctx.services.workflows ?? ctx.services.workflowServer;
  if (registered instanceof WorkflowServer) return registered;
  const ws = new WorkflowServer(ctx.topo, ctx.tmc, ctx.env, { deadlineMs: ctx.deadlineMs });
  ctx.services.workflows = ws;
  return ws;
}

/** common.AddCommonFlags: the persistent flags of MoveTables and VDiff. */
export const COMMON_FLAGS: FlagSpec[] = [
  { name: 'format', type: 'string', default: 'text', usage: 'The format of the output; supported formats are: text,json.' },
  { name: 'target-keyspace', type: 'string', required: true, usage: 'Target keyspace for this workflow.' },
  { name: 'workflow', shorthand: 'w', type: 'string', required: true, usage: 'The workflow you want to perform the command on.' },
];

/** common.AddShardSubsetFlag. */
export const SHARDS_FLAG: FlagSpec = {
  name: 'shards',
  type: 'strings',
  usage: '(Optional) Specifies a comma-separated list of shards to operate on.',
};

/** common.AddCommonCreateFlags (vtsim's --defer-secondary-keys default: see docs/FIDELITY.md). */
export const COMMON_CREATE_FLAGS: FlagSpec[] = [
  { name: 'cells', shorthand: 'c', type: 'strings', usage: 'Cells and/or CellAliases to copy table data from.' },
  { name: 'all-cells', shorthand: 'a', type: 'bool', usage: 'Copy table data from any existing cell.' },
  { name: 'tablet-types', type: 'strings', usage: 'Source tablet types to replicate table data from (e.g. PRIMARY,REPLICA,RDONLY).' },
  {
    name: 'tablet-types-in-preference-order',
    type: 'bool',
    default: true,
    usage: 'When performing source tablet selection, look for candidates in the type order as they are listed in the tablet-types flag.',
  },
  {
    name: 'on-ddl',
    type: 'string',
    default: 'IGNORE',
    usage: 'What to do when DDL is encountered in the VReplication stream. Possible values are IGNORE, STOP, EXEC, and EXEC_IGNORE.',
  },
  { name: 'defer-secondary-keys', type: 'bool', default: false, usage: 'Defer secondary index creation for a table until after it has been copied.' },
  { name: 'auto-start', type: 'bool', default: true, usage: 'Start the workflow after creating it.' },
  {
    name: 'stop-after-copy',
    type: 'bool',
    usage: "Stop the workflow after it's finished copying the existing rows and before it starts replicating changes.",
  },
  {
    name: 'config-overrides',
    type: 'strings',
    usage: 'Specify one or more VReplication config flags to override as a comma-separated list of key=value pairs.',
  },
];

/** common.AddCommonSwitchTrafficFlags. */
export function switchTrafficFlags(initializeTargetSequences: boolean): FlagSpec[] {
  const flags: FlagSpec[] = [
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
    { name: 'dry-run', type: 'bool', usage: 'Print the actions that would be taken and report any known errors that would have occurred.' },
    {
      name: 'force',
      type: 'bool',
      usage:
        'Force the traffic switch even if some potentially non-critical actions cannot be performed; for example the tablet refresh fails on some tablets in the keyspace. WARNING: this should be used with extreme caution and only in emergency situations!',
    },
  ];
  if (initializeTargetSequences) {
    flags.push({
      name: 'initialize-target-sequences',
      type: 'bool',
      usage:
        'When moving tables from an unsharded keyspace to a sharded keyspace, initialize any sequences that are being used on the target when switching writes. If the sequence table is not found, and the sequence table reference was fully qualified OR a value was specified for --global-keyspace, then we will attempt to create the sequence table in that keyspace.',
    });
  }
  flags.push(SHARDS_FLAG);
  return flags;
}

export function flagString(p: ParsedCommand, name: string): string {
  const v = p.flags[name];
  return typeof v === 'string' ? v : v === undefined ? '' : String(v);
}

export function flagBool(p: ParsedCommand, name: string): boolean {
  return p.flags[name] === true;
}

export function flagNumber(p: ParsedCommand, name: string): number {
  const v: FlagValue | undefined = p.flags[name];
  return typeof v === 'number' ? v : Number(v ?? 0);
}

export function flagStrings(p: ParsedCommand, name: string): string[] {
  const v = p.flags[name];
  return Array.isArray(v) ? v.map(String) : [];
}

/** A client-side error vtctldclient prints with the command's usage (raised before cli.FinishedParsing). */
export function usageError(p: ParsedCommand, message: string, showUsage = true): CliUsageError {
  return new CliUsageError(message, p.path, showUsage);
}

/** common.GetOutputFormat: `text` or `json`, else `invalid output format, got X` (a usage error). */
export function outputFormat(p: ParsedCommand, showUsage = true): 'text' | 'json' {
  const raw = flagString(p, 'format');
  const f = raw.trim().toLowerCase();
  if (f === 'text' || f === 'json') return f;
  throw usageError(p, `invalid output format, got ${raw}`, showUsage);
}

/**
 * A TabletTypeListFlag value: comma separated names, case-insensitive (`unknown TabletType x` as
 * pflag reports a rejected value).
 */
export function tabletTypesFlag(p: ParsedCommand, name = 'tablet-types', showUsage = true): TabletType[] {
  const raw = flagStrings(p, name);
  const out: TabletType[] = [];
  for (const s of raw) {
    const t = parseTabletType(s);
    if (!t || s.trim() !== s) {
      throw usageError(p, `invalid argument "${raw.join(',')}" for "--${name}" flag: unknown TabletType ${s}`, showUsage);
    }
    out.push(t);
  }
  return out;
}

/** The command being run (the last of the path) and its name as typed in Vitess (lower case). */
export function subcommandName(p: ParsedCommand): string {
  const leaf = p.path[p.path.length - 1] as CommandSpec;
  return leaf.use.split(' ')[0]!.toLowerCase();
}

/** common.OutputStatusResponse: JSON, or the stream list and traffic state as text. */
export function outputStatusResponse(resp: WorkflowStatusResponse, format: 'text' | 'json', keyspace: string, workflow: string): string {
  if (format === 'json') return protoJson(resp) + '\n';
  let out = `The following vreplication streams exist for workflow ${keyspace}.${workflow}:\n\n`;
  for (const key of Object.keys(resp.shard_streams).sort()) {
    for (const st of resp.shard_streams[key]!.streams) {
      out += `id=${st.id} on ${keyspace}/${st.tablet.cell}-${st.tablet.uid}: Status: ${st.status}. ${st.info}.\n`;
    }
  }
  out += `\nTraffic State: ${resp.traffic_state}`;
  return out + '\n';
}

/** Go's uuid.Parse errors, for the VDiff commands' argument checks. */
export function uuidParseError(s: string): string | undefined {
  const lengths = [36, 38, 41, 45, 32];
  if (!lengths.includes(s.length)) return `invalid UUID length: ${s.length}`;
  let body = s;
  if (s.length === 45) body = s.slice(9);
  else if (s.length === 38) body = s.slice(1, -1);
  if (body.length === 36) {
    if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(body)) return 'invalid UUID format';
    return undefined;
  }
  if (body.length === 32 && /^[0-9a-fA-F]{32}$/.test(body)) return undefined;
  return 'invalid UUID format';
}

/** Normalizes a UUID given in one of the forms uuid.Parse accepts to the canonical lower-case form. */
export function canonicalUuid(s: string): string {
  let body = s.length === 45 ? s.slice(9) : s.length === 38 ? s.slice(1, -1) : s;
  if (body.length === 32) body = `${body.slice(0, 8)}-${body.slice(8, 12)}-${body.slice(12, 16)}-${body.slice(16, 20)}-${body.slice(20)}`;
  return body.toLowerCase();
}

/** Errors a handler raises on the server side (the dispatcher adds `rpc error: code = Unknown desc =`). */
export function serverError(message: string): Error {
  return vtError('UNKNOWN', message);
}

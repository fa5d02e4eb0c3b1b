// The subcommands MoveTables and Reshard share (show, status, start, stop, switchtraffic,
// reversetraffic, complete, cancel): one dispatcher over the workflow server, each command bringing its
// own `create`.
// Mirrors go/cmd/vtctldclient/command/vreplication/common/ (show.go, status.go, update.go,
// switchtraffic.go, complete.go, cancel.go).

import type { ParsedCommand } from '../cli-kit/spec.js';
import { protoJson } from '../render/json.js';
import type { VtctldContext } from './command.js';
import {
  flagBool,
  flagNumber,
  flagString,
  flagStrings,
  outputFormat,
  outputStatusResponse,
  subcommandName,
  tabletTypesFlag,
  usageError,
  workflowServer,
} from './vreplication-common.js';

type Create = (p: ParsedCommand, ctx: VtctldContext, keyspace: string, workflow: string) => string;

/** Runs `<command> --workflow W --target-keyspace K <action>` for the shared actions. */
export function runWorkflowAction(p: ParsedCommand, ctx: VtctldContext, command: string, create: Create): string {
  const keyspace = flagString(p, 'target-keyspace');
  const workflow = flagString(p, 'workflow');
  const ws = workflowServer(ctx);
  const shards = flagStrings(p, 'shards');
  switch (subcommandName(p)) {
    case 'create':
      return create(p, ctx, keyspace, workflow);
    case 'show':
      return protoJson(ws.getWorkflows({ keyspace, workflow, includeLogs: flagBool(p, 'include-logs'), shards })) + '\n';
    case 'status':
      return outputStatusResponse(ws.workflowStatus(keyspace, workflow, shards), outputFormat(p), keyspace, workflow);
    case 'start':
    case 'stop': {
      const state = subcommandName(p) === 'start' ? 'Running' : 'Stopped';
      if (state === 'Running') canRestartWorkflow(p, ctx, keyspace, workflow);
      return protoJson(ws.workflowUpdateState({ keyspace, workflow, state })) + '\n';
    }
    case 'switchtraffic':
      return runSwitchTraffic(p, ctx, keyspace, workflow, false);
    case 'reversetraffic':
      return runSwitchTraffic(p, ctx, keyspace, workflow, true);
    case 'complete':
      return runComplete(p, ctx, keyspace, workflow);
    case 'cancel':
      return runCancel(p, ctx, keyspace, workflow);
    default:
      throw usageError(p, `unknown command "${subcommandName(p)}" for "vtctldclient ${command}"`);
  }
}

/** common.commandSwitchTraffic (and ReverseTraffic), shared with Reshard. */
export function runSwitchTraffic(p: ParsedCommand, ctx: VtctldContext, keyspace: string, workflow: string, backward: boolean): string {
  let tabletTypes = tabletTypesFlag(p);
  if (!p.changed.has('tablet-types')) tabletTypes = ['PRIMARY', 'REPLICA', 'RDONLY'];
  const timeoutMs = flagNumber(p, 'timeout');
  if (!backward && timeoutMs < 1000) throw usageError(p, 'timeout value must be at least 1 second');
  const format = outputFormat(p);
  const dryRun = flagBool(p, 'dry-run');
  const resp = workflowServer(ctx).workflowSwitchTraffic({
    keyspace,
    workflow,
    cells: flagStrings(p, 'cells'),
    tabletTypes,
    maxReplicationLagAllowedMs: flagNumber(p, 'max-replication-lag-allowed'),
    timeoutMs,
    dryRun,
    enableReverseReplication: flagBool(p, 'enable-reverse-replication'),
    initializeTargetSequences: flagBool(p, 'initialize-target-sequences'),
    direction: backward ? 'backward' : 'forward',
    force: flagBool(p, 'force'),
  });
  if (format === 'json') return protoJson(resp) + '\n';
  let out = resp.summary + '\n\n';
  if (dryRun) {
    for (const line of resp.dry_run_results) out += line + '\n';
  } else {
    out += `Start State: ${resp.start_state}\n`;
    out += `Current State: ${resp.current_state}\n`;
  }
  return out + '\n';
}

/** common.commandComplete, shared with Reshard. */
export function runComplete(p: ParsedCommand, ctx: VtctldContext, keyspace: string, workflow: string): string {
  const format = outputFormat(p);
  const resp = workflowServer(ctx).moveTablesComplete({
    workflow,
    targetKeyspace: keyspace,
    keepData: flagBool(p, 'keep-data'),
    keepRoutingRules: flagBool(p, 'keep-routing-rules'),
    renameTables: flagBool(p, 'rename-tables'),
    dryRun: flagBool(p, 'dry-run'),
  });
  if (format === 'json') return protoJson(resp) + '\n';
  let out = resp.summary + '\n';
  if (resp.dry_run_results.length > 0) {
    out += '\n';
    for (const line of resp.dry_run_results) out += line + '\n';
  }
  return out + '\n';
}

/** common.commandCancel, shared with Reshard. */
export function runCancel(p: ParsedCommand, ctx: VtctldContext, keyspace: string, workflow: string): string {
  const format = outputFormat(p);
  const resp = workflowServer(ctx).workflowDelete({
    keyspace,
    workflow,
    keepData: flagBool(p, 'keep-data'),
    keepRoutingRules: flagBool(p, 'keep-routing-rules'),
  });
  if (format === 'json') return protoJson(resp) + '\n';
  return resp.summary + '\n\n';
}

/**
 * common.CanRestartWorkflow, run by the client before `start`: the workflow must exist (an atomic-copy
 * workflow must also be past its copy phase, but vtsim does not create those).
 */
export function canRestartWorkflow(p: ParsedCommand, ctx: VtctldContext, keyspace: string, workflow: string): void {
  const found = workflowServer(ctx).getWorkflows({ keyspace, workflow }).workflows;
  if (found.length === 0) throw usageError(p, `workflow ${workflow} not found`, false);
}

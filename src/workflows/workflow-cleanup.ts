// Ending a workflow: Complete (drop or rename the source tables, clean up vschema, rules and streams)
// and Cancel (WorkflowDelete: drop the target tables).
// Mirrors go/vt/vtctl/workflow/server.go (MoveTablesComplete, dropSources, WorkflowDelete, dropTargets).


import { aliasString } from '../common/tablet-alias.js';
import { formatRfc822 } from '../engine/clock.js';
import { RealSwitcher } from './switcher.js';
import type { TrafficSwitcher } from './traffic-switcher.js';
import type {
  MoveTablesCompleteRequest,
  MoveTablesCompleteResponse,
  WorkflowDeleteRequest,
  WorkflowDeleteResponse,
} from './types.js';
import {
  ERR_COMPLETE_NOT_FULLY_SWITCHED,
  ERR_DELETE_WRITES_SWITCHED,
  plainError,
  wrapError,
} from './utils.js';
import { shardPrimary, tabletAliasJson } from './workflows.js';
import { tabletDbName, updateWorkflowState } from './vreplication-rows.js';
import type { WorkflowServer } from './server.js';
import { withSourceAndTargetLocks } from './workflow-locks.js';
import { switcher } from './workflow-switch-traffic.js';

export function moveTablesComplete(server: WorkflowServer, req: MoveTablesCompleteRequest): MoveTablesCompleteResponse {
  const { ts, state } = server.getWorkflowState(req.targetKeyspace, req.workflow);
  const summary = req.dryRun
    ? `Complete dry run results for workflow ${req.targetKeyspace}.${req.workflow} at ${formatRfc822(server.env.clock.nowMs())}`
    : `Successfully completed the ${req.workflow} workflow in the ${req.targetKeyspace} keyspace`;
  if (!state.writesSwitched || state.replicaCellsNotSwitched.length > 0 || state.rdonlyCellsNotSwitched.length > 0) {
    throw plainError(ERR_COMPLETE_NOT_FULLY_SWITCHED);
  }
  const logs = dropSources(server, ts, req.renameTables ? 'RENAME TABLE' : 'DROP TABLE', req.keepData ?? false, req.keepRoutingRules ?? false, req.dryRun ?? false);
  if (!req.dryRun) server.trace('complete', `${req.targetKeyspace}.${req.workflow}`);
  return { summary, dry_run_results: logs ?? [] };
}

/** dropSources: drop or rename the source tables, denied tables, both workflows and the routing rules. */
export function dropSources(
  server: WorkflowServer,
  ts: TrafficSwitcher,
  removal: 'DROP TABLE' | 'RENAME TABLE',
  keepData: boolean,
  keepRoutingRules: boolean,
  dryRun: boolean,
): string[] | undefined {
  const sw = switcher(server, ts, dryRun);
  withSourceAndTargetLocks(sw, ts, 'DropSources', () => {
    sw.validateWorkflowHasCompleted();
    if (!keepData) {
      if (ts.migrationType === 'TABLES') {
        sw.removeSourceTables(removal);
        sw.dropSourceDeniedTables();
        sw.dropTargetDeniedTables();
      } else {
        sw.dropSourceShards();
      }
    }
    // dropArtifacts
    sw.dropSourceReverseVReplicationStreams();
    sw.dropTargetVReplicationStreams();
    if (!keepRoutingRules) sw.deleteRoutingRules();
    server.topo.rebuildSrvVSchema();
  });
  return sw.logs();
}

export function workflowDelete(server: WorkflowServer, req: WorkflowDeleteRequest): WorkflowDeleteResponse {
  const { ts, state } = server.getWorkflowState(req.keyspace, req.workflow);
  if (state.writesSwitched) throw plainError(ERR_DELETE_WRITES_SWITCHED);
  dropTargets(server, ts, req.keepData ?? false, req.keepRoutingRules ?? false);
  const details: WorkflowDeleteResponse['details'] = [];
  for (const shard of server.topo.getShardNames(req.keyspace)) {
    const { primary } = shardPrimary(server.topo, req.keyspace, shard);
    const deleted = ts.deleteWorkflowStreams(primary, req.workflow);
    details.push({ tablet: tabletAliasJson(primary.alias), deleted: deleted > 0 });
  }
  details.sort((a, b) => (aliasString(a.tablet) < aliasString(b.tablet) ? -1 : 1));
  server.trace('delete', `${req.keyspace}.${req.workflow}`);
  return { summary: `Successfully cancelled the ${req.workflow} workflow in the ${req.keyspace} keyspace`, details };
}

/** dropTargets: stop the streams, drop the target tables, denied tables, the reverse workflow and the rules. */
export function dropTargets(server: WorkflowServer, ts: TrafficSwitcher, keepData: boolean, keepRoutingRules: boolean): void {
  ts.keepRoutingRules = keepRoutingRules;
  const sw = new RealSwitcher(ts);
  withSourceAndTargetLocks(sw, ts, 'DropTargets', () => {
    for (const t of ts.targetList()) {
      try {
        updateWorkflowState(server.tmc, t.primary.alias, tabletDbName(t.primary), ts.workflow, 'Stopped');
      } catch (e) {
        throw wrapError(e, `failed to stop workflow ${ts.workflow} on shard ${t.primary.keyspace}/${t.primary.shard}`);
      }
    }
    if (!keepData) {
      if (ts.migrationType === 'TABLES') {
        sw.removeTargetTables();
        sw.dropSourceDeniedTables();
        sw.dropTargetDeniedTables();
      } else {
        sw.dropTargetShards();
      }
    }
    sw.dropSourceReverseVReplicationStreams();
    if (!keepRoutingRules) sw.deleteRoutingRules();
    server.topo.rebuildSrvVSchema();
  });
}

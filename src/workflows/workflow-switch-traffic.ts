// SwitchTraffic and ReverseTraffic: the preconditions (canSwitch), the read switch per tablet type and
// the write switch sequence with its rollback.
// Mirrors go/vt/vtctl/workflow/server.go (WorkflowSwitchTraffic, canSwitch, switchReads, switchWrites).

import type { TabletType } from '../common/tablet-alias.js';
import { VtError, errorMessage } from '../common/errors.js';
import { formatRfc822 } from '../engine/clock.js';
import type { WorkflowState } from './state.js';
import { stateString } from './state.js';
import { DryRunSwitcher } from './switcher-dry-run.js';
import type { Switcher } from './switcher.js';
import { RealSwitcher } from './switcher.js';
import type { TrafficSwitcher } from './traffic-switcher.js';
import { tabletTypesCsv } from './traffic-switcher.js';
import type {
  WorkflowSwitchTrafficRequest,
  WorkflowSwitchTrafficResponse,
  TrafficSwitchDirection,
} from './types.js';
import {
  CANNOT_SWITCH_COPY_INCOMPLETE,
  CANNOT_SWITCH_ERROR,
  CANNOT_SWITCH_FROZEN,
  FROZEN,
  cannotSwitchFailedTabletRefresh,
  cannotSwitchHighLag,
  parseTabletTypes,
  plainError,
  wrapError,
} from './utils.js';
import type { WorkflowServer } from './server.js';
import { withSourceAndTargetLocks } from './workflow-locks.js';

/** Default for --timeout and --max-replication-lag-allowed (workflow.DefaultTimeout). */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Pause between the two LOCK TABLES cycles on the sources (lockTablesCycleDelay). */
const LOCK_TABLES_CYCLE_DELAY_MS = 100;
const LOCK_TABLES_CYCLES = 2;

export function workflowSwitchTraffic(server: WorkflowServer, req: WorkflowSwitchTrafficRequest): WorkflowSwitchTrafficResponse {
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (timeoutMs < 1000) throw plainError('timeout must be at least 1 second');
  const maxLagMs = req.maxReplicationLagAllowedMs ?? DEFAULT_TIMEOUT_MS;
  const requestedDirection: TrafficSwitchDirection = req.direction ?? 'forward';
  let direction = requestedDirection;
  const tabletTypes: TabletType[] = req.tabletTypes && req.tabletTypes.length > 0 ? [...req.tabletTypes] : ['PRIMARY', 'REPLICA', 'RDONLY'];
  const { replica, rdonly, primary } = parseTabletTypes(tabletTypes);
  let { ts, state: startState } = server.getWorkflowState(req.keyspace, req.workflow);

  const onlySwitchingReads = !startState.writesSwitched && !primary;
  const writesAlreadySwitched =
    (direction === 'forward' && startState.writesSwitched) || (direction === 'backward' && !startState.writesSwitched);
  if (direction === 'backward' && !onlySwitchingReads) {
    // Writes are switched: reversing goes through the `_reverse` workflow, switched forward.
    ({ ts, state: startState } = server.getWorkflowState(ts.sourceKeyspace, ts.reverseWorkflow));
    direction = 'forward';
  }
  ts.force = req.force ?? false;

  if (!writesAlreadySwitched) {
    const reason = canSwitch(server, ts, Math.floor(maxLagMs / 1000));
    if (reason !== '') {
      throw new VtError(
        'FAILED_PRECONDITION',
        `cannot switch traffic for workflow ${startState.workflow} at this time: ${reason}`,
      );
    }
  }

  const dryRunResults: string[] = [];
  const request = { ...req, tabletTypes, timeoutMs };
  if (replica || rdonly) {
    const logs = switchReads(server, request, ts, startState, !primary, direction);
    if (logs) dryRunResults.push(...logs);
  }
  if (primary) {
    const logs = switchWrites(server, request, ts, timeoutMs);
    if (logs) dryRunResults.push(...logs);
  }
  if (req.dryRun && dryRunResults.length === 0) dryRunResults.push('No changes required');

  const cmd = requestedDirection === 'backward' ? 'ReverseTraffic' : 'SwitchTraffic';
  if (req.dryRun) {
    return {
      summary: `${cmd} dry run results for workflow ${req.keyspace}.${req.workflow} at ${formatRfc822(server.env.clock.nowMs())}`,
      start_state: '',
      current_state: '',
      dry_run_results: dryRunResults,
    };
  }
  let currentState: string;
  try {
    currentState = stateString(server.getWorkflowState(ts.targetKeyspace, ts.workflow).state);
  } catch (e) {
    currentState = `Error reloading workflow state after switching traffic: ${errorMessage(e)}`;
  }
  server.trace(cmd, `${req.keyspace}.${req.workflow} ${stateString(startState)} -> ${currentState}`);
  return {
    summary: `${cmd} was successful for workflow ${req.keyspace}.${req.workflow}`,
    start_state: stateString(startState),
    current_state: currentState,
    dry_run_results: [],
  };
}

/** canSwitch: the reason traffic cannot be switched now, or ''. */
export function canSwitch(server: WorkflowServer, ts: TrafficSwitcher, maxAllowedLagSeconds: number): string {
  const wf = server.getWorkflow(ts.targetKeyspace, ts.workflow, false);
  if (wf.maxTransactionLag > BigInt(maxAllowedLagSeconds)) {
    return cannotSwitchHighLag(wf.maxTransactionLag, maxAllowedLagSeconds);
  }
  for (const key of Object.keys(wf.json.shard_streams)) {
    for (const st of wf.json.shard_streams[key]!.streams) {
      if (st.message === FROZEN) return CANNOT_SWITCH_FROZEN;
      if (st.state === 'Copying') return CANNOT_SWITCH_COPY_INCOMPLETE;
      if (st.state === 'Error') return CANNOT_SWITCH_ERROR;
    }
  }
  let details = '';
  const refresh = (keyspace: string, shards: string[], side: string): void => {
    for (const shard of shards) {
      const r = ts.refreshTabletsByShard(keyspace, shard);
      if (r.partial && !ts.force) {
        details += `failed to successfully refresh all tablets in the ${keyspace}/${shard} ${side} shard (<nil>):\n  ${r.details}\n`;
      }
    }
  };
  refresh(ts.sourceKeyspace, ts.sourceList().map((s) => s.shard), 'source');
  refresh(ts.targetKeyspace, ts.targetList().map((t) => t.shard), 'target');
  return details === '' ? '' : cannotSwitchFailedTabletRefresh(details);
}

/** ts.validate: every shard of both keyspaces takes part (CompareShards). */
export function validate(server: WorkflowServer, ts: TrafficSwitcher): void {
  if (ts.migrationType !== 'TABLES') return;
  const compare = (keyspace: string, shards: string[]): void => {
    const topoShards = server.topo.getShardNames(keyspace);
    const wfExtra = shards.filter((s) => !topoShards.includes(s)).sort();
    const topoExtra = topoShards.filter((s) => !shards.includes(s)).sort();
    const errs: string[] = [];
    if (wfExtra.length > 0) errs.push(`switch command shards not in topo: [${wfExtra.join(' ')}]`);
    if (topoExtra.length > 0) errs.push(`topo shards not in switch command: [${topoExtra.join(' ')}]`);
    if (errs.length > 0) throw plainError(`mismatched shards for keyspace ${keyspace}: ${errs.join('; ')}`);
  };
  compare(ts.sourceKeyspace, ts.sourceList().map((s) => s.shard));
  compare(ts.targetKeyspace, ts.targetList().map((t) => t.shard));
  for (const t of ts.tables) {
    if (t.startsWith('/')) throw plainError(`cannot migrate streams with wild card table names: ${t}`);
  }
}

export function switcher(server: WorkflowServer, ts: TrafficSwitcher, dryRun: boolean | undefined): Switcher {
  return dryRun ? new DryRunSwitcher(ts) : new RealSwitcher(ts);
}

/** switchReads: the @replica/@rdonly routing rules, under the source keyspace lock. */
export function switchReads(
  server: WorkflowServer,
  req: WorkflowSwitchTrafficRequest & { tabletTypes: TabletType[] },
  ts: TrafficSwitcher,
  state: WorkflowState,
  rebuildSrvVSchema: boolean,
  direction: TrafficSwitchDirection,
): string[] | undefined {
  const roTypes = req.tabletTypes.filter((t) => t !== 'PRIMARY');
  const switchReplica = roTypes.includes('REPLICA');
  const switchRdonly = roTypes.includes('RDONLY');
  if (!switchReplica && !switchRdonly) {
    throw wrapError(
      new VtError('INVALID_ARGUMENT', `tablet types must be REPLICA or RDONLY: ${tabletTypesCsv(roTypes)}`),
      'invalid tablet types',
    );
  }
  if (direction === 'backward' && switchReplica && state.replicaCellsSwitched.length === 0) {
    throw wrapError(
      new VtError('FAILED_PRECONDITION', 'requesting reversal of read traffic for REPLICAs but REPLICA reads have not been switched'),
      'invalid request',
    );
  }
  if (direction === 'backward' && switchRdonly && state.rdonlyCellsSwitched.length === 0) {
    throw wrapError(
      new VtError('FAILED_PRECONDITION', 'requesting reversal of SwitchReads for RDONLYs but RDONLY reads have not been switched'),
      'invalid request',
    );
  }
  // With no rdonly tablets in the cells, rdonly rules are switched along with replica ones so the
  // workflow can later be seen as fully switched (DoCellsHaveRdonlyTablets).
  if (switchReplica && !switchRdonly && !cellsHaveRdonlyTablets(server, req.cells ?? [])) roTypes.push('RDONLY');
  ts.checkJournals();
  const sw = switcher(server, ts, req.dryRun);
  try {
    validate(server, ts);
  } catch (e) {
    throw wrapError(e, 'workflow validation failed');
  }
  let unlock: () => void;
  try {
    unlock = sw.lockKeyspace(ts.sourceKeyspace, 'SwitchReads');
  } catch (e) {
    throw wrapError(e, `failed to lock the ${ts.sourceKeyspace} keyspace`);
  }
  try {
    sw.mirrorTableTraffic(roTypes, 0);
    if (ts.migrationType !== 'TABLES') {
      try {
        sw.switchShardReads(req.cells ?? [], roTypes, direction);
      } catch (e) {
        throw wrapError(e, 'failed to switch read traffic for the shards');
      }
      return sw.logs();
    }
    try {
      sw.switchTableReads(req.cells ?? [], roTypes, rebuildSrvVSchema, direction);
    } catch (e) {
      throw wrapError(e, 'failed to switch read traffic for the tables');
    }
  } finally {
    unlock();
  }
  return sw.logs();
}

export function cellsHaveRdonlyTablets(server: WorkflowServer, cells: string[]): boolean {
  const list = cells.length > 0 ? cells : server.topo.getCellNames();
  return list.some((cell) => server.topo.getTablets({ cell, tabletType: 'RDONLY' }).length > 0);
}

/** switchWrites: the write cut-over, step by step (reference §3.5). */
export function switchWrites(
  server: WorkflowServer,
  req: WorkflowSwitchTrafficRequest & { tabletTypes: TabletType[] },
  ts: TrafficSwitcher,
  timeoutMs: number,
): string[] | undefined {
  const sw = switcher(server, ts, req.dryRun);
  if (ts.frozen) return sw.logs();
  try {
    validate(server, ts);
  } catch (e) {
    throw wrapError(e, 'workflow validation failed');
  }
  if (req.enableReverseReplication ?? true) {
    for (const s of ts.sourceList()) {
      if (!s.si.primary_alias) {
        throw wrapError(
          new VtError('FAILED_PRECONDITION', `${ts.sourceKeyspace}/${s.shard} shard does not have a primary tablet`),
          `primary tablets are not able to fully manage the reverse vreplication workflow in the ${ts.sourceKeyspace} keyspace`,
        );
      }
    }
    checkTabletsAvailableToStreamFrom(server, req, ts);
  }

  withSourceAndTargetLocks(sw, ts, 'SwitchWrites', () => switchWritesLocked(server, req, ts, sw, timeoutMs));
  return sw.logs();
}

export function switchWritesLocked(server: WorkflowServer, req: WorkflowSwitchTrafficRequest, ts: TrafficSwitcher, sw: Switcher, timeoutMs: number): void {
  /** A step before the journal failed: put things back, then report "<message>: <cause>". */
  const cancelAndThrow = (e: unknown, message: string): never => {
    const cancelErrors = sw.cancelMigration();
    let err = e;
    if (cancelErrors.length > 0) {
      err = new VtError(
        'CANCELED',
        `${errorMessage(e)}\n\ncancel migration failed, manual cleanup work may be necessary: ${cancelErrors.join('; ')}`,
      );
    }
    server.trace('switch-writes-cancelled', `${ts.targetKeyspace}.${ts.workflow}: ${errorMessage(e)}`);
    throw wrapError(err, message);
  };

  sw.mirrorTableTraffic(['PRIMARY'], 0);
  const journals = ts.checkJournals();
  let sourceWorkflows = journals.sourceWorkflows;
  if (!journals.exist) {
    try {
      sw.stopSourceWrites();
    } catch (e) {
      cancelAndThrow(e, `failed to stop writes in the ${ts.sourceKeyspace} keyspace`);
    }
    sourceWorkflows = sw.stopStreams();
    if (ts.migrationType === 'TABLES') {
      // Twice, with a pause, to catch writes that raced the tablet's deny-list check.
      for (let cycle = 1; cycle <= LOCK_TABLES_CYCLES; cycle++) {
        try {
          ts.executeLockTablesOnSource();
        } catch (e) {
          cancelAndThrow(e, `failed to execute LOCK TABLES (attempt ${cycle} of ${LOCK_TABLES_CYCLES}) on sources`);
        }
        server.env.scheduler.advance(LOCK_TABLES_CYCLE_DELAY_MS);
      }
    }
    try {
      ts.gatherSourcePositions();
    } catch (e) {
      throw wrapError(e, 'failed to gather replication positions on migration sources');
    }
    try {
      sw.waitForCatchup(timeoutMs);
    } catch (e) {
      cancelAndThrow(e, 'failed to sync up replication between the source and target');
    }
    sw.migrateStreams();
    sw.resetSequences();
    try {
      sw.createReverseVReplication();
    } catch (e) {
      cancelAndThrow(e, 'failed to create the reverse vreplication streams');
    }
  } else {
    try {
      ts.gatherPositions();
    } catch (e) {
      throw wrapError(e, 'failed to gather replication positions');
    }
  }
  // The point of no return.
  try {
    sw.createJournals(sourceWorkflows);
  } catch (e) {
    throw wrapError(e, 'failed to create the journal');
  }
  try {
    sw.allowTargetWrites();
  } catch (e) {
    throw wrapError(e, `failed to allow writes in the ${ts.targetKeyspace} keyspace`);
  }
  try {
    sw.changeRouting();
  } catch (e) {
    throw wrapError(e, 'failed to update the routing rules');
  }
  sw.streamMigraterFinalize(sourceWorkflows);
  if (req.enableReverseReplication ?? true) {
    try {
      sw.startReverseVReplication();
    } catch (e) {
      throw wrapError(e, 'failed to start the reverse workflow');
    }
  }
  try {
    sw.freezeTargetVReplication();
  } catch (e) {
    throw wrapError(e, `failed to freeze the workflow in the ${ts.targetKeyspace} keyspace`);
  }
}

/** areTabletsAvailableToStreamFrom: the reverse streams will need a target tablet of the workflow's types. */
export function checkTabletsAvailableToStreamFrom(server: WorkflowServer, req: WorkflowSwitchTrafficRequest, ts: TrafficSwitcher): void {
  let cells = req.cells ?? [];
  if (cells.length === 0 && ts.optCells !== '') cells = ts.optCells.trim().split(',');
  const types = ts.optTabletTypes === '' ? ['REPLICA', 'PRIMARY'] : ts.optTabletTypes.split(',');
  const errors: string[] = [];
  for (const t of ts.targetList()) {
    const shardCells = cells.length > 0 ? cells : [t.primary.alias.cell];
    const found = server.topo
      .getTabletsByShard(ts.targetKeyspace, t.shard)
      .some((tab) => shardCells.includes(tab.alias.cell) && types.includes(tab.type));
    if (!found) errors.push(`no tablet found to source data in keyspace ${ts.targetKeyspace}, shard ${t.shard}`);
  }
  if (errors.length > 0) {
    throw wrapError(plainError(errors.join('; ')), `no tablets were available to stream from in the ${ts.targetKeyspace} keyspace`);
  }
}

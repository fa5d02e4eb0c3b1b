// WorkflowServer: vtctld's workflow API (MoveTables create / status / show / SwitchTraffic / ReverseTraffic /
// Complete / Cancel / start / stop, GetWorkflows, VDiff, routing rules). It only edits topo and talks to
// tablets through the TabletManagerClient; the streams themselves run inside the target tablets.
// Mirrors go/vt/vtctl/workflow/server.go (Server: MoveTablesCreate, WorkflowStatus, GetWorkflows,
// getWorkflowState, WorkflowSwitchTraffic, switchReads, switchWrites, canSwitch, MoveTablesComplete,
// dropSources, WorkflowDelete, dropTargets, WorkflowUpdate, GetCopyProgress) and the routing-rule RPCs of
// go/vt/vtctl/grpcvtctldserver/server.go.

import type { TabletType } from '../common/tablet-alias.js';
import { aliasString } from '../common/tablet-alias.js';
import { VtError, errorMessage } from '../common/errors.js';
import { formatAnsic, formatRfc822 } from '../engine/clock.js';
import type { SimEnv } from '../engine/sim-env.js';
import type { TabletManagerClient } from '../tablets/tm-client.js';
import type { TopoServer } from '../topo/topo-server.js';
import { routingRulesFromMap, routingRulesToMap } from '../topo/topo-server.js';
import type { RoutingRules, VSchemaKeyspace, VSchemaTable } from '../topo/records.js';
import { newVSchemaKeyspace, newVSchemaTable } from '../topo/records.js';
import { Materializer, getTablesInKeyspace } from './materializer.js';
import type { WorkflowState } from './state.js';
import { newWorkflowState, stateString } from './state.js';
import { DryRunSwitcher } from './switcher-dry-run.js';
import type { Switcher } from './switcher.js';
import { RealSwitcher } from './switcher.js';
import type { TrafficSwitcher, WorkflowDeps } from './traffic-switcher.js';
import { buildTrafficSwitcher, readJournal, tabletTypesCsv } from './traffic-switcher.js';
import type {
  GetWorkflowsRequest,
  GetWorkflowsResponse,
  MoveTablesCompleteRequest,
  MoveTablesCompleteResponse,
  MoveTablesCreateRequest,
  TableCopyStateJson,
  WorkflowDeleteRequest,
  WorkflowDeleteResponse,
  WorkflowStatusResponse,
  WorkflowSwitchTrafficRequest,
  WorkflowSwitchTrafficResponse,
  WorkflowUpdateResponse,
  WorkflowUpdateStateRequest,
  TrafficSwitchDirection,
} from './types.js';
import {
  CANNOT_SWITCH_COPY_INCOMPLETE,
  CANNOT_SWITCH_ERROR,
  CANNOT_SWITCH_FROZEN,
  ERR_COMPLETE_NOT_FULLY_SWITCHED,
  ERR_DELETE_WRITES_SWITCHED,
  FROZEN,
  cannotSwitchFailedTabletRefresh,
  cannotSwitchHighLag,
  hashStreams,
  parseTabletTypes,
  plainError,
  shouldInclude,
  sortedStrings,
  validateSourceTablesExist,
  wrapError,
} from './utils.js';
import type { BuiltWorkflow } from './workflows.js';
import { fetchWorkflows, getShards, shardPrimary, tabletAliasJson } from './workflows.js';
import { readCopyStates, readVReplicationRows, tabletDbName, updateWorkflowState } from './vreplication-rows.js';
import { waitForReadyTmClient } from './tablet-rpc.js';
import * as vdiff from './vdiff.js';
import type { ReshardCreateRequest } from './resharder.js';
import { Resharder } from './resharder.js';
import { cellsWithShardReadsSwitched } from './reshard-traffic.js';

/** Default for --timeout and --max-replication-lag-allowed (workflow.DefaultTimeout). */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Pause between the two LOCK TABLES cycles on the sources (lockTablesCycleDelay). */
const LOCK_TABLES_CYCLE_DELAY_MS = 100;
const LOCK_TABLES_CYCLES = 2;

export interface WorkflowServerOptions {
  /**
   * Put the moved tables on the target shards' PRIMARY denied list at create (Vitess v21+,
   * setupInitialDeniedTables). Default false: the acceptance page (an older Vitess) shows no tablet
   * controls on the target after create, and DESIGN.md §3 has vtsim reproduce the page.
   */
  initialTargetDeniedTables?: boolean;
  /**
   * When the command's context expires (virtual ms). The read paths (GetWorkflows, Workflow list/show,
   * status, VDiff show) then wait for a shard primary that is down until then, as Vitess's tablet
   * manager client does, instead of failing at once (tablet-rpc.ts).
   */
  deadlineMs?: number;
}

export class WorkflowServer {
  private readonly deps: WorkflowDeps;
  /** The deps of the read paths: their tablet RPCs wait for unreachable tablets until the deadline. */
  private readonly readDeps: WorkflowDeps;
  private readonly initialTargetDeniedTables: boolean;

  constructor(
    readonly topo: TopoServer,
    readonly tmc: TabletManagerClient,
    readonly env: SimEnv,
    options: WorkflowServerOptions = {},
  ) {
    this.deps = { topo, tmc, env };
    this.readDeps = options.deadlineMs === undefined ? this.deps : { topo, tmc: waitForReadyTmClient(tmc, env, options.deadlineMs), env };
    this.initialTargetDeniedTables = options.initialTargetDeniedTables ?? false;
  }

  private trace(event: string, detail: string): void {
    this.env.trace.record('workflow', event, detail);
  }

  // ---- state ----

  /** getWorkflowState: the traffic switcher and the traffic state of a workflow. */
  getWorkflowState(targetKeyspace: string, workflowName: string, deps: WorkflowDeps = this.deps): { ts: TrafficSwitcher; state: WorkflowState } {
    const ts = buildTrafficSwitcher(deps, targetKeyspace, workflowName);
    const state = newWorkflowState(workflowName, ts.sourceKeyspace, targetKeyspace);
    let sourceKeyspace: string;
    let targetKs = targetKeyspace;
    let name = workflowName;
    if (workflowName.endsWith('_reverse')) {
      // The reverse workflow's state is told from the forward workflow's point of view.
      state.isReverse = true;
      sourceKeyspace = state.targetKeyspace;
      targetKs = state.sourceKeyspace;
      name = workflowName.slice(0, -'_reverse'.length);
    } else {
      sourceKeyspace = state.sourceKeyspace;
    }
    if (ts.migrationType === 'TABLES') {
      state.workflowType = 'MoveTables';
      if (ts.tables.length === 0) {
        throw new VtError('FAILED_PRECONDITION', `no tables in workflow ${targetKs}.${name}`);
      }
      const table = ts.tables[0]!;
      const rdonly = this.getCellsWithTableReadsSwitched(sourceKeyspace, table, 'RDONLY');
      state.rdonlyCellsSwitched = rdonly.switched;
      state.rdonlyCellsNotSwitched = rdonly.notSwitched;
      const replica = this.getCellsWithTableReadsSwitched(sourceKeyspace, table, 'REPLICA');
      state.replicaCellsSwitched = replica.switched;
      state.replicaCellsNotSwitched = replica.notSwitched;
      const rules = routingRulesToMap(this.topo.getRoutingRules());
      for (const t of ts.tables) {
        const key = `${sourceKeyspace}.${t}`;
        const rr = rules.get(key);
        if (rr && rr.length > 0 && rr[0] !== key) {
          state.writesSwitched = true;
          break;
        }
      }
    } else {
      state.workflowType = 'Reshard';
      // One shard tells the whole story: the reverse workflow's target is the original source.
      const shard = state.isReverse ? ts.targetList()[0]?.si : ts.sourceList()[0]?.si;
      if (shard) {
        const rdonly = cellsWithShardReadsSwitched(this.topo, targetKs, shard, 'RDONLY');
        state.rdonlyCellsSwitched = rdonly.switched;
        state.rdonlyCellsNotSwitched = rdonly.notSwitched;
        const replica = cellsWithShardReadsSwitched(this.topo, targetKs, shard, 'REPLICA');
        state.replicaCellsSwitched = replica.switched;
        state.replicaCellsNotSwitched = replica.notSwitched;
        if (!shard.is_primary_serving) state.writesSwitched = true;
      }
    }
    return { ts, state };
  }

  /**
   * GetCellsWithTableReadsSwitched: a cell has reads switched for a type when its SrvVSchema's rule
   * `<source>.<table>@<type>` points to another keyspace.
   */
  private getCellsWithTableReadsSwitched(
    sourceKeyspace: string,
    table: string,
    tabletType: 'REPLICA' | 'RDONLY',
  ): { switched: string[]; notSwitched: string[] } {
    const switched: string[] = [];
    const notSwitched: string[] = [];
    const ruleName = `${sourceKeyspace}.${table}@${tabletType.toLowerCase()}`;
    for (const cell of this.topo.getCellNames()) {
      const srv = this.topo.getSrvVSchema(cell);
      const rule = srv?.routing_rules.rules.find((r) => r.from_table === ruleName);
      const isSwitched = rule?.to_tables.some((to) => to.split('.')[0] !== sourceKeyspace) ?? false;
      (isSwitched ? switched : notSwitched).push(cell);
    }
    return { switched, notSwitched };
  }

  // ---- GetWorkflows / show / list ----

  getWorkflows(req: GetWorkflowsRequest): GetWorkflowsResponse {
    return { workflows: fetchWorkflows(this.topo, this.readDeps.tmc, this.env, req).map((w) => w.json) };
  }

  /** GetWorkflow: exactly one workflow of that name in the keyspace. */
  getWorkflow(keyspace: string, workflow: string, includeLogs: boolean, shards: string[] = []): BuiltWorkflow {
    const ws = fetchWorkflows(this.topo, this.readDeps.tmc, this.env, { keyspace, workflow, includeLogs, shards });
    if (ws.length !== 1) {
      throw new VtError(
        'INTERNAL',
        `unexpected number of workflows returned for ${keyspace}.${workflow}; expected 1, got ${ws.length}`,
      );
    }
    return ws[0]!;
  }

  // ---- MoveTables create ----

  moveTablesCreate(req: MoveTablesCreateRequest): WorkflowStatusResponse {
    const { topo } = this;
    const sourceKeyspace = req.sourceKeyspace;
    const targetKeyspace = req.targetKeyspace;
    if ((req.sourceShards ?? []).length > 0) {
      throw new VtError('UNIMPLEMENTED', 'partial (shard by shard) MoveTables workflows are not simulated by vtsim');
    }
    const origVSchema = topo.getVSchema(targetKeyspace);
    if (topo.getKeyspace(targetKeyspace) === undefined) {
      throw plainError(`node doesn't exist: ${topo.paths.vschema(targetKeyspace)}`);
    }
    const vschema: VSchemaKeyspace = structuredClone(origVSchema) ?? newVSchemaKeyspace();

    const ksTables = getTablesInKeyspace(this.deps, sourceKeyspace);
    let tables = [...(req.includeTables ?? [])];
    if (tables.length > 0) {
      validateSourceTablesExist(sourceKeyspace, ksTables, tables);
    } else if (req.allTables) {
      tables = ksTables;
    } else {
      throw new VtError('FAILED_PRECONDITION', 'no tables to move');
    }
    const excludes = req.excludeTables ?? [];
    if (excludes.length > 0) validateSourceTablesExist(sourceKeyspace, ksTables, excludes);
    tables = tables.filter((t) => shouldInclude(t, excludes));
    if (tables.length === 0) throw new VtError('FAILED_PRECONDITION', 'no tables to move');

    if (!vschema.sharded) {
      this.addTablesToVSchema(sourceKeyspace, vschema, tables);
      topo.saveVSchema(targetKeyspace, vschema);
    }
    // Unlike Vitess (which restores it only for failures after the streams exist), any failed create puts
    // the target vschema back: a failed command leaves the cluster as it was.
    const restoreVSchema = (): void => {
      if (origVSchema) topo.saveVSchema(targetKeyspace, origVSchema);
      else if (topo.getVSchema(targetKeyspace)) topo.deleteVSchema(targetKeyspace);
    };

    const handling = req.shardedAutoIncrementHandling ?? 'REMOVE';
    const mz = new Materializer(this.deps, {
      workflow: req.workflow,
      sourceKeyspace,
      targetKeyspace,
      tables,
      cells: req.cells ?? [],
      tabletTypes: req.tabletTypes && req.tabletTypes.length > 0 ? req.tabletTypes : ['REPLICA', 'PRIMARY'],
      inOrder: (req.tabletSelectionPreference ?? 'INORDER') === 'INORDER',
      onDdl: req.onDdl ?? 'IGNORE',
      stopAfterCopy: req.stopAfterCopy ?? false,
      deferSecondaryKeys: req.deferSecondaryKeys ?? false,
      sourceTimeZone: req.sourceTimeZone ?? '',
      removeShardedAutoIncrement: handling !== 'LEAVE',
      options: JSON.stringify(handling === 'LEAVE' ? {} : { sharded_auto_increment_handling: handling === 'REMOVE' ? 1 : 2 }),
    });
    try {
      mz.createWorkflowStreams();
    } catch (e) {
      restoreVSchema();
      throw e;
    }

    const ts = buildTrafficSwitcher(this.deps, targetKeyspace, req.workflow);
    const sw = new RealSwitcher(ts);
    const unlockTarget = topo.lockKeyspace(targetKeyspace, 'MoveTablesCreate');
    try {
      try {
        if (!req.noRoutingRules) this.setupInitialRoutingRules(sourceKeyspace, targetKeyspace, tables);
        if (this.initialTargetDeniedTables) {
          try {
            this.setupInitialDeniedTables(ts);
          } catch (e) {
            throw wrapError(e, 'failed to put initial denied tables entries in place on the target shards');
          }
        }
        topo.rebuildSrvVSchema();
        const streams: Array<{ shard: string; id: number }> = [];
        for (const t of mz.targetShards) {
          for (const r of readVReplicationRows(this.tmc, t.primary.alias, tabletDbName(t.primary), { workflow: req.workflow })) {
            streams.push({ shard: t.name, id: r.id });
          }
        }
        const migrationId = hashStreams(targetKeyspace, streams);
        const journaled = mz.sourceShards
          .filter((s) => readJournal(this.tmc, s.primary, migrationId) !== undefined)
          .map((s) => aliasString(s.primary.alias));
        if (journaled.length > 0) {
          throw new VtError(
            'INTERNAL',
            `found an entry from a previous run for migration id ${migrationId} in _vt.resharding_journal on tablets ${journaled.join(',')}, ` +
              `please review and delete it before proceeding and then start the workflow using: MoveTables --workflow ${req.workflow} --target-keyspace ${req.targetKeyspace} start`,
          );
        }
        if (req.autoStart ?? true) mz.startStreams();
      } catch (e) {
        // Clean up the workflow's artifacts, as the deferred function of moveTablesCreate does.
        try {
          if (this.initialTargetDeniedTables) ts.dropTargetDeniedTables();
          sw.dropSourceReverseVReplicationStreams();
          sw.dropTargetVReplicationStreams();
          sw.deleteRoutingRules();
        } catch (cleanup) {
          throw wrapError(e, `failed to cleanup workflow artifacts: ${errorMessage(cleanup)}`);
        } finally {
          restoreVSchema();
        }
        throw e;
      }
    } finally {
      unlockTarget();
    }
    this.trace('create', `${targetKeyspace}.${req.workflow} tables=${tables.join(',')}`);
    return this.workflowStatus(targetKeyspace, req.workflow, mz.targetShards.map((s) => s.name));
  }

  // ---- Reshard create ----

  /**
   * ReshardCreate: build and check the resharder, copy the schema to the target shards, create the
   * streams and (unless told not to) start them; answer with the workflow's status on the target shards.
   */
  reshardCreate(req: ReshardCreateRequest): WorkflowStatusResponse {
    const rs = new Resharder(this.deps, req);
    try {
      rs.build();
    } catch (e) {
      throw wrapError(e, 'buildResharder');
    }
    if (!req.skipSchemaCopy) {
      try {
        rs.copySchema();
      } catch (e) {
        throw wrapError(e, 'copySchema');
      }
    }
    try {
      rs.createStreams();
    } catch (e) {
      throw wrapError(e, 'createStreams');
    }
    if (req.autoStart ?? true) {
      try {
        rs.startStreams();
      } catch (e) {
        throw wrapError(e, 'startStreams');
      }
    }
    this.trace('create', `${req.keyspace}.${req.workflow} shards=${req.sourceShards.join(',')}->${req.targetShards.join(',')}`);
    return this.workflowStatus(req.keyspace, req.workflow, [...req.targetShards]);
  }

  /** addTablesToVSchema: copy each table's source vschema entry, or an empty one (unsharded targets). */
  private addTablesToVSchema(sourceKeyspace: string, target: VSchemaKeyspace, tables: string[]): void {
    const src = this.topo.getVSchema(sourceKeyspace);
    for (const t of tables) {
      const srcTable = src?.tables[t];
      if (srcTable && !target.tables[t]) {
        const copy: VSchemaTable = structuredClone(srcTable);
        if (src?.sharded) copy.column_vindexes = [];
        target.tables[t] = copy;
      }
    }
    for (const t of tables) target.tables[t] ??= newVSchemaTable();
    // Keep the map sorted, as protojson prints it.
    target.tables = Object.fromEntries(sortedStrings(Object.keys(target.tables)).map((k) => [k, target.tables[k]!]));
  }

  /**
   * setupInitialRoutingRules: route every form of each table name to the source. As on the acceptance page
   * (and in Vitess before v20) that is 8 rules per table: `t`, `<target>.t`, and `<source>.t@replica` /
   * `@rdonly`, without the `<source>.t` self rule HEAD adds.
   */
  private setupInitialRoutingRules(sourceKeyspace: string, targetKeyspace: string, tables: string[]): void {
    const rules = routingRulesToMap(this.topo.getRoutingRules());
    for (const table of tables) {
      const route = [`${sourceKeyspace}.${table}`];
      for (const ks of ['', targetKeyspace, sourceKeyspace]) {
        const key = ks === '' ? table : `${ks}.${table}`;
        for (const suffix of ['', '@replica', '@rdonly']) {
          if (ks === sourceKeyspace && suffix === '') continue;
          rules.set(key + suffix, [...route]);
        }
      }
    }
    this.topo.saveRoutingRules(routingRulesFromMap(rules));
  }

  /** setupInitialDeniedTables: deny the tables on the target primaries until writes are switched. */
  private setupInitialDeniedTables(ts: TrafficSwitcher): void {
    if (ts.migrationType !== 'TABLES') return;
    for (const t of ts.targetList()) {
      this.topo.updateDeniedTables(ts.targetKeyspace, t.shard, 'PRIMARY', [], false, [...ts.tables]);
      ts.refreshTabletsByShard(ts.targetKeyspace, t.shard);
    }
  }

  // ---- status ----

  workflowStatus(keyspace: string, workflow: string, shards: string[] = []): WorkflowStatusResponse {
    const { ts, state } = this.getWorkflowState(keyspace, workflow, this.readDeps);
    const resp: WorkflowStatusResponse = {
      table_copy_state: this.getCopyProgress(ts),
      shard_streams: {},
      traffic_state: stateString(state),
    };
    const wf = this.getWorkflow(keyspace, workflow, false, shards);
    for (const streamKey of Object.keys(wf.json.shard_streams)) {
      const shard = streamKey.split('/')[0]!;
      const streams = wf.json.shard_streams[streamKey]!.streams;
      resp.shard_streams[`${keyspace}/${shard}`] = {
        streams: streams.map((st) => {
          let info: string[];
          if (st.state === 'Error') {
            info = [st.message];
          } else if (st.position === '') {
            info = ['VStream has not started'];
          } else {
            // vtctld computes this lag from time.Now().Nanosecond() (a known Vitess quirk), which makes it 0s
            // (or -1s) whatever the real lag is; the real figures are in `show` (max_v_replication_lag).
            info = ['VStream Lag: 0s'];
            const tx = Number(st.transaction_timestamp.seconds);
            if (tx > 0) info.push(`; Tx time: ${formatAnsic(tx * 1000)}.`);
          }
          return {
            id: Number(st.id),
            tablet: st.tablet,
            source_shard: `${st.binlog_source.keyspace}/${st.binlog_source.shard}`,
            position: st.position,
            status: st.state,
            info: info.join('; '),
          };
        }),
      };
    }
    return resp;
  }

  /**
   * GetCopyProgress: for tables that still have copy_state rows, rows and bytes on the target primaries
   * against the source primaries. Row counts are exact here; bytes are estimated as InnoDB-like 16 KiB pages.
   */
  private getCopyProgress(ts: TrafficSwitcher): Record<string, TableCopyStateJson> {
    const tables = new Set<string>();
    for (const t of ts.targetList()) {
      for (const c of readCopyStates(this.readDeps.tmc, t.primary.alias, [...t.sources.keys()])) tables.add(c.table);
    }
    if (tables.size === 0) return {};
    const list = sortedStrings(tables);
    const count = (aliases: Array<Parameters<TabletManagerClient['getSchema']>[0]>): Map<string, number> => {
      const m = new Map<string, number>();
      for (const a of aliases) {
        for (const d of this.readDeps.tmc.getSchema(a, list).tableDefinitions) m.set(d.name, (m.get(d.name) ?? 0) + d.rowCount);
      }
      return m;
    };
    const targetRows = count(ts.targetList().map((t) => t.primary.alias));
    const sourceRows = count(ts.sourceList().map((s) => s.primary.alias));
    const out: Record<string, TableCopyStateJson> = {};
    for (const table of list) {
      const tr = targetRows.get(table) ?? 0;
      const sr = sourceRows.get(table) ?? 0;
      const tb = estimatedDataLength(tr);
      const sb = estimatedDataLength(sr);
      out[table] = {
        rows_copied: String(tr),
        rows_total: String(sr),
        rows_percentage: sr > 0 ? float32(100 * tr / sr) : 0,
        bytes_copied: String(tb),
        bytes_total: String(sb),
        bytes_percentage: sb > 0 ? float32(100 * tb / sb) : 0,
      };
    }
    return out;
  }

  // ---- SwitchTraffic / ReverseTraffic ----

  workflowSwitchTraffic(req: WorkflowSwitchTrafficRequest): WorkflowSwitchTrafficResponse {
    const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (timeoutMs < 1000) throw plainError('timeout must be at least 1 second');
    const maxLagMs = req.maxReplicationLagAllowedMs ?? DEFAULT_TIMEOUT_MS;
    const requestedDirection: TrafficSwitchDirection = req.direction ?? 'forward';
    let direction = requestedDirection;
    const tabletTypes: TabletType[] = req.tabletTypes && req.tabletTypes.length > 0 ? [...req.tabletTypes] : ['PRIMARY', 'REPLICA', 'RDONLY'];
    const { replica, rdonly, primary } = parseTabletTypes(tabletTypes);
    let { ts, state: startState } = this.getWorkflowState(req.keyspace, req.workflow);

    const onlySwitchingReads = !startState.writesSwitched && !primary;
    const writesAlreadySwitched =
      (direction === 'forward' && startState.writesSwitched) || (direction === 'backward' && !startState.writesSwitched);
    if (direction === 'backward' && !onlySwitchingReads) {
      // Writes are switched: reversing goes through the `_reverse` workflow, switched forward.
      ({ ts, state: startState } = this.getWorkflowState(ts.sourceKeyspace, ts.reverseWorkflow));
      direction = 'forward';
    }
    ts.force = req.force ?? false;

    if (!writesAlreadySwitched) {
      const reason = this.canSwitch(ts, Math.floor(maxLagMs / 1000));
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
      const logs = this.switchReads(request, ts, startState, !primary, direction);
      if (logs) dryRunResults.push(...logs);
    }
    if (primary) {
      const logs = this.switchWrites(request, ts, timeoutMs);
      if (logs) dryRunResults.push(...logs);
    }
    if (req.dryRun && dryRunResults.length === 0) dryRunResults.push('No changes required');

    const cmd = requestedDirection === 'backward' ? 'ReverseTraffic' : 'SwitchTraffic';
    if (req.dryRun) {
      return {
        summary: `${cmd} dry run results for workflow ${req.keyspace}.${req.workflow} at ${formatRfc822(this.env.clock.nowMs())}`,
        start_state: '',
        current_state: '',
        dry_run_results: dryRunResults,
      };
    }
    let currentState: string;
    try {
      currentState = stateString(this.getWorkflowState(ts.targetKeyspace, ts.workflow).state);
    } catch (e) {
      currentState = `Error reloading workflow state after switching traffic: ${errorMessage(e)}`;
    }
    this.trace(cmd, `${req.keyspace}.${req.workflow} ${stateString(startState)} -> ${currentState}`);
    return {
      summary: `${cmd} was successful for workflow ${req.keyspace}.${req.workflow}`,
      start_state: stateString(startState),
      current_state: currentState,
      dry_run_results: [],
    };
  }

  /** canSwitch: the reason traffic cannot be switched now, or ''. */
  private canSwitch(ts: TrafficSwitcher, maxAllowedLagSeconds: number): string {
    const wf = this.getWorkflow(ts.targetKeyspace, ts.workflow, false);
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
  private validate(ts: TrafficSwitcher): void {
    if (ts.migrationType !== 'TABLES') return;
    const compare = (keyspace: string, shards: string[]): void => {
      const topoShards = this.topo.getShardNames(keyspace);
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

  private switcher(ts: TrafficSwitcher, dryRun: boolean | undefined): Switcher {
    return dryRun ? new DryRunSwitcher(ts) : new RealSwitcher(ts);
  }

  /** switchReads: the @replica/@rdonly routing rules, under the source keyspace lock. */
  private switchReads(
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
        new VtError('FAILED_PRECONDITION', 'requesting reversal of read traffic for RDONLYs but RDONLY reads have not been switched'),
        'invalid request',
      );
    }
    // With no rdonly tablets in the cells, rdonly rules are switched along with replica ones so the
    // workflow can later be seen as fully switched (DoCellsHaveRdonlyTablets).
    if (switchReplica && !switchRdonly && !this.cellsHaveRdonlyTablets(req.cells ?? [])) roTypes.push('RDONLY');
    ts.checkJournals();
    const sw = this.switcher(ts, req.dryRun);
    try {
      this.validate(ts);
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

  private cellsHaveRdonlyTablets(cells: string[]): boolean {
    const list = cells.length > 0 ? cells : this.topo.getCellNames();
    return list.some((cell) => this.topo.getTablets({ cell, tabletType: 'RDONLY' }).length > 0);
  }

  /** switchWrites: the write cut-over, step by step (reference §3.5). */
  private switchWrites(
    req: WorkflowSwitchTrafficRequest & { tabletTypes: TabletType[] },
    ts: TrafficSwitcher,
    timeoutMs: number,
  ): string[] | undefined {
    const sw = this.switcher(ts, req.dryRun);
    if (ts.frozen) return sw.logs();
    try {
      this.validate(ts);
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
      this.checkTabletsAvailableToStreamFrom(req, ts);
    }

    let unlockSource: () => void;
    try {
      unlockSource = sw.lockKeyspace(ts.sourceKeyspace, 'SwitchWrites');
    } catch (e) {
      throw wrapError(e, `failed to lock the ${ts.sourceKeyspace} keyspace`);
    }
    try {
      let unlockTarget: (() => void) | undefined;
      if (ts.targetKeyspace !== ts.sourceKeyspace) {
        try {
          unlockTarget = sw.lockKeyspace(ts.targetKeyspace, 'SwitchWrites');
        } catch (e) {
          throw wrapError(e, `failed to lock the ${ts.targetKeyspace} keyspace`);
        }
      }
      try {
        this.switchWritesLocked(req, ts, sw, timeoutMs);
      } finally {
        unlockTarget?.();
      }
    } finally {
      unlockSource();
    }
    return sw.logs();
  }

  private switchWritesLocked(req: WorkflowSwitchTrafficRequest, ts: TrafficSwitcher, sw: Switcher, timeoutMs: number): void {
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
      this.trace('switch-writes-cancelled', `${ts.targetKeyspace}.${ts.workflow}: ${errorMessage(e)}`);
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
          this.env.scheduler.advance(LOCK_TABLES_CYCLE_DELAY_MS);
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
  private checkTabletsAvailableToStreamFrom(req: WorkflowSwitchTrafficRequest, ts: TrafficSwitcher): void {
    let cells = req.cells ?? [];
    if (cells.length === 0 && ts.optCells !== '') cells = ts.optCells.trim().split(',');
    const types = ts.optTabletTypes === '' ? ['REPLICA', 'PRIMARY'] : ts.optTabletTypes.split(',');
    const errors: string[] = [];
    for (const t of ts.targetList()) {
      const shardCells = cells.length > 0 ? cells : [t.primary.alias.cell];
      const found = this.topo
        .getTabletsByShard(ts.targetKeyspace, t.shard)
        .some((tab) => shardCells.includes(tab.alias.cell) && types.includes(tab.type));
      if (!found) errors.push(`no tablet found to source data in keyspace ${ts.targetKeyspace}, shard ${t.shard}`);
    }
    if (errors.length > 0) {
      throw wrapError(plainError(errors.join('; ')), `no tablets were available to stream from in the ${ts.targetKeyspace} keyspace`);
    }
  }

  // ---- Complete ----

  moveTablesComplete(req: MoveTablesCompleteRequest): MoveTablesCompleteResponse {
    const { ts, state } = this.getWorkflowState(req.targetKeyspace, req.workflow);
    const summary = req.dryRun
      ? `Complete dry run results for workflow ${req.targetKeyspace}.${req.workflow} at ${formatRfc822(this.env.clock.nowMs())}`
      : `Successfully completed the ${req.workflow} workflow in the ${req.targetKeyspace} keyspace`;
    if (!state.writesSwitched || state.replicaCellsNotSwitched.length > 0 || state.rdonlyCellsNotSwitched.length > 0) {
      throw plainError(ERR_COMPLETE_NOT_FULLY_SWITCHED);
    }
    const logs = this.dropSources(ts, req.renameTables ? 'RENAME TABLE' : 'DROP TABLE', req.keepData ?? false, req.keepRoutingRules ?? false, req.dryRun ?? false);
    if (!req.dryRun) this.trace('complete', `${req.targetKeyspace}.${req.workflow}`);
    return { summary, dry_run_results: logs ?? [] };
  }

  /** dropSources: drop or rename the source tables, denied tables, both workflows and the routing rules. */
  private dropSources(
    ts: TrafficSwitcher,
    removal: 'DROP TABLE' | 'RENAME TABLE',
    keepData: boolean,
    keepRoutingRules: boolean,
    dryRun: boolean,
  ): string[] | undefined {
    const sw = this.switcher(ts, dryRun);
    this.withSourceAndTargetLocks(sw, ts, 'DropSources', () => {
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
      this.topo.rebuildSrvVSchema();
    });
    return sw.logs();
  }

  private withSourceAndTargetLocks(sw: Switcher, ts: TrafficSwitcher, action: string, body: () => void): void {
    let unlockSource: () => void;
    try {
      unlockSource = sw.lockKeyspace(ts.sourceKeyspace, action);
    } catch (e) {
      throw wrapError(e, `failed to lock the ${ts.sourceKeyspace} keyspace`);
    }
    try {
      let unlockTarget: (() => void) | undefined;
      if (ts.targetKeyspace !== ts.sourceKeyspace) {
        try {
          unlockTarget = sw.lockKeyspace(ts.targetKeyspace, action);
        } catch (e) {
          throw wrapError(e, `failed to lock the ${ts.targetKeyspace} keyspace`);
        }
      }
      try {
        body();
      } finally {
        unlockTarget?.();
      }
    } finally {
      unlockSource();
    }
  }

  // ---- Cancel / Workflow delete ----

  workflowDelete(req: WorkflowDeleteRequest): WorkflowDeleteResponse {
    const { ts, state } = this.getWorkflowState(req.keyspace, req.workflow);
    if (state.writesSwitched) throw plainError(ERR_DELETE_WRITES_SWITCHED);
    this.dropTargets(ts, req.keepData ?? false, req.keepRoutingRules ?? false);
    const details: WorkflowDeleteResponse['details'] = [];
    for (const shard of this.topo.getShardNames(req.keyspace)) {
      const { primary } = shardPrimary(this.topo, req.keyspace, shard);
      const deleted = ts.deleteWorkflowStreams(primary, req.workflow);
      details.push({ tablet: tabletAliasJson(primary.alias), deleted: deleted > 0 });
    }
    details.sort((a, b) => (aliasString(a.tablet) < aliasString(b.tablet) ? -1 : 1));
    this.trace('delete', `${req.keyspace}.${req.workflow}`);
    return { summary: `Successfully cancelled the ${req.workflow} workflow in the ${req.keyspace} keyspace`, details };
  }

  /** dropTargets: stop the streams, drop the target tables, denied tables, the reverse workflow and the rules. */
  private dropTargets(ts: TrafficSwitcher, keepData: boolean, keepRoutingRules: boolean): void {
    ts.keepRoutingRules = keepRoutingRules;
    const sw = new RealSwitcher(ts);
    this.withSourceAndTargetLocks(sw, ts, 'DropTargets', () => {
      for (const t of ts.targetList()) {
        try {
          updateWorkflowState(this.tmc, t.primary.alias, tabletDbName(t.primary), ts.workflow, 'Stopped');
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
      this.topo.rebuildSrvVSchema();
    });
  }

  // ---- start / stop ----

  workflowUpdateState(req: WorkflowUpdateStateRequest): WorkflowUpdateResponse {
    const details: WorkflowUpdateResponse['details'] = [];
    for (const shard of getShards(this.topo, req.keyspace, req.shards ?? [])) {
      const { primary } = shardPrimary(this.topo, req.keyspace, shard);
      const dbName = tabletDbName(primary);
      if (readVReplicationRows(this.tmc, primary.alias, dbName, { workflow: req.workflow }).length === 0) continue;
      const changed = updateWorkflowState(this.tmc, primary.alias, dbName, req.workflow, req.state);
      details.push({ tablet: tabletAliasJson(primary.alias), changed: changed > 0 });
    }
    if (details.length === 0) {
      throw new VtError('FAILED_PRECONDITION', `the ${req.workflow} workflow does not exist in the ${req.keyspace} keyspace`);
    }
    details.sort((a, b) => (aliasString(a.tablet) < aliasString(b.tablet) ? -1 : 1));
    this.trace(req.state === 'Running' ? 'start' : 'stop', `${req.keyspace}.${req.workflow}`);
    return {
      summary: `Successfully updated the ${req.workflow} workflow on (${details.length}) target primary tablets in the ${req.keyspace} keyspace`,
      details,
    };
  }

  // ---- routing rules ----

  getRoutingRules(): RoutingRules {
    return this.topo.getRoutingRules();
  }

  /** ApplyRoutingRules: save, then rebuild the SrvVSchema unless told not to. */
  applyRoutingRules(rr: RoutingRules, options: { skipRebuild?: boolean; rebuildCells?: string[] } = {}): void {
    this.topo.saveRoutingRules(rr);
    if (!options.skipRebuild) {
      const cells = options.rebuildCells ?? [];
      this.topo.rebuildSrvVSchema(cells.length > 0 ? cells : undefined);
    }
  }

  // ---- VDiff ----

  vdiffCreate(req: vdiff.VDiffCreateRequest): { UUID: string } {
    return vdiff.vdiffCreate(this.deps, req, (ks, wf) => this.getWorkflow(ks, wf, false));
  }

  vdiffShow(req: vdiff.VDiffShowRequest): vdiff.VDiffShowResponse {
    return vdiff.vdiffShow(this.readDeps, req);
  }

  vdiffStop(req: vdiff.VDiffActionRequest): void {
    vdiff.vdiffAction(this.deps, 'stop', req);
  }

  vdiffResume(req: vdiff.VDiffActionRequest): void {
    vdiff.vdiffAction(this.deps, 'resume', req);
  }

  vdiffDelete(req: vdiff.VDiffActionRequest): void {
    vdiff.vdiffAction(this.deps, 'delete', req);
  }
}

/** A float32 value as protojson prints it (shortest digits that round-trip in 32 bits). */
export function float32(x: number): number {
  const f = Math.fround(x);
  for (let p = 1; p <= 9; p++) {
    const n = Number(f.toPrecision(p));
    if (Math.fround(n) === f) return n;
  }
  return f;
}

/** information_schema data_length stand-in: whole 16 KiB pages for ~100-byte rows. */
function estimatedDataLength(rows: number): number {
  return 16384 * Math.max(1, Math.ceil((rows * 100) / 16384));
}

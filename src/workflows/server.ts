// WorkflowServer: vtctld's workflow API (MoveTables create / status / show / SwitchTraffic / ReverseTraffic /
// Complete / Cancel / start / stop, GetWorkflows, VDiff, routing rules). It only edits topo and talks to
// tablets through the TabletManagerClient; the streams themselves run inside the target tablets.
// Mirrors go/vt/vtctl/workflow/server.go (Server: GetWorkflows, getWorkflowState, WorkflowUpdate and the
// entry points of the actions, whose bodies live in workflow-create.ts, workflow-status.ts,
// workflow-switch-traffic.ts and workflow-cleanup.ts) and the routing-rule RPCs of
// go/vt/vtctl/grpcvtctldserver/server.go. Its members without `private` are shared with those modules.

import { aliasString } from '../common/tablet-alias.js';
import { VtError } from '../common/errors.js';
import type { SimEnv } from '../engine/sim-env.js';
import type { TabletManagerClient } from '../tablets/tm-client.js';
import type { TopoServer } from '../topo/topo-server.js';
import { routingRulesToMap } from '../topo/topo-server.js';
import type { RoutingRules } from '../topo/records.js';
import type { WorkflowState } from './state.js';
import { newWorkflowState } from './state.js';
import type { TrafficSwitcher, WorkflowDeps } from './traffic-switcher.js';
import { buildTrafficSwitcher } from './traffic-switcher.js';
import type {
  GetWorkflowsRequest,
  GetWorkflowsResponse,
  MoveTablesCompleteRequest,
  MoveTablesCompleteResponse,
  MoveTablesCreateRequest,
  WorkflowDeleteRequest,
  WorkflowDeleteResponse,
  WorkflowStatusResponse,
  WorkflowSwitchTrafficRequest,
  WorkflowSwitchTrafficResponse,
  WorkflowUpdateResponse,
  WorkflowUpdateRequest,
  WorkflowUpdateStateRequest,
} from './types.js';
import type { BuiltWorkflow } from './workflows.js';
import { fetchWorkflows, getShards, shardPrimary, tabletAliasJson } from './workflows.js';
import { readVReplicationRows, tabletDbName, updateWorkflowConfig, updateWorkflowState } from './vreplication-rows.js';
import { waitForReadyTmClient } from './tablet-rpc.js';
import * as vdiff from './vdiff.js';
import type { ReshardCreateRequest } from './resharder.js';
import { cellsWithShardReadsSwitched } from './reshard-traffic.js';
import { moveTablesCreate, reshardCreate } from './workflow-create.js';
import { workflowStatus } from './workflow-status.js';
import { workflowSwitchTraffic } from './workflow-switch-traffic.js';
import { moveTablesComplete, workflowDelete } from './workflow-cleanup.js';


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

export { DEFAULT_TIMEOUT_MS } from './workflow-switch-traffic.js';
export { float32 } from './workflow-status.js';

export class WorkflowServer {
  readonly deps: WorkflowDeps;
  /** The deps of the read paths: their tablet RPCs wait for unreachable tablets until the deadline. */
  readonly readDeps: WorkflowDeps;
  readonly initialTargetDeniedTables: boolean;

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

  trace(event: string, detail: string): void {
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
  getCellsWithTableReadsSwitched(
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
    return moveTablesCreate(this, req);
  }

  // ---- Reshard create ----

  /**
   * ReshardCreate: build and check the resharder, copy the schema to the target shards, create the
   * streams and (unless told not to) start them; answer with the workflow's status on the target shards.
   */
  reshardCreate(req: ReshardCreateRequest): WorkflowStatusResponse {
    return reshardCreate(this, req);
  }

  // ---- status ----

  workflowStatus(keyspace: string, workflow: string, shards: string[] = []): WorkflowStatusResponse {
    return workflowStatus(this, keyspace, workflow, shards);
  }

  // ---- SwitchTraffic / ReverseTraffic ----

  workflowSwitchTraffic(req: WorkflowSwitchTrafficRequest): WorkflowSwitchTrafficResponse {
    return workflowSwitchTraffic(this, req);
  }

  // ---- Complete ----

  moveTablesComplete(req: MoveTablesCompleteRequest): MoveTablesCompleteResponse {
    return moveTablesComplete(this, req);
  }

  // ---- Cancel / Workflow delete ----

  workflowDelete(req: WorkflowDeleteRequest): WorkflowDeleteResponse {
    return workflowDelete(this, req);
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

  /**
   * WorkflowUpdate: each target primary rewrites the streams' cells, tablet types and on_ddl
   * (UpdateVReplicationWorkflow); a changed stream restarts with them.
   */
  workflowUpdate(req: WorkflowUpdateRequest): WorkflowUpdateResponse {
    const details: WorkflowUpdateResponse['details'] = [];
    for (const shard of getShards(this.topo, req.keyspace, req.shards ?? [])) {
      const { primary } = shardPrimary(this.topo, req.keyspace, shard);
      const dbName = tabletDbName(primary);
      if (readVReplicationRows(this.tmc, primary.alias, dbName, { workflow: req.workflow }).length === 0) continue;
      const changed = updateWorkflowConfig(this.tmc, primary.alias, dbName, req.workflow, {
        ...(req.cells !== undefined && { cells: req.cells }),
        ...(req.tabletTypes !== undefined && { tabletTypes: req.tabletTypes }),
        ...(req.inOrder !== undefined && { inOrder: req.inOrder }),
        ...(req.onDdl !== undefined && { onDdl: req.onDdl }),
      });
      details.push({ tablet: tabletAliasJson(primary.alias), changed: changed > 0 });
    }
    if (details.length === 0) {
      throw new VtError('FAILED_PRECONDITION', `the ${req.workflow} workflow does not exist in the ${req.keyspace} keyspace`);
    }
    details.sort((a, b) => (aliasString(a.tablet) < aliasString(b.tablet) ? -1 : 1));
    this.trace('update', `${req.keyspace}.${req.workflow}`);
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

// The traffic switcher: everything the workflow server knows about one workflow while it acts on it (its
// target shards and streams, its source shards, its tables, its migration id) and the real (non dry-run)
// steps of switching, completing and cancelling it: routing rule edits, denied tables, the reverse workflow,
// the journal, catch-up, freezing.
// Mirrors go/vt/vtctl/workflow/traffic_switcher.go (trafficSwitcher, MigrationSource, MigrationTarget and
// their methods) and utils.go BuildTargets / doValidateWorkflowHasCompleted. Each step talks to tablets only
// through the TabletManagerClient and to the rest of the cluster only through topo.

import type { TabletType } from '../common/tablet-alias.js';
import { aliasString } from '../common/tablet-alias.js';
import { keyRangeString } from '../common/key-range.js';
import { VtError, errorMessage } from '../common/errors.js';
import type { SimEnv } from '../engine/sim-env.js';
import type { TabletManagerClient } from '../tablets/tm-client.js';
import type { TopoServer } from '../topo/topo-server.js';
import { routingRulesFromMap, routingRulesToMap } from '../topo/topo-server.js';
import type { Shard, Tablet, VSchemaKeyspace } from '../topo/records.js';
import type { BinlogRule, BinlogSource } from './binlog-source.js';
import { formatJournal, journalSourceWorkflows } from './journal.js';
import { changeShardsAccess } from './reshard-traffic.js';
import { encodeString, ensureEscaped, escapeId } from './sql-escape.js';
import type { TrafficSwitchDirection } from './types.js';
import { FROZEN, errNoStreams, hashStreams, plainError, renamedTableName, reverseWorkflowName, sortedStrings } from './utils.js';
import {
  asString,
  deleteWorkflowSql,
  insertStreamSql,
  namedRows,
  parseTabletTypesAndOrder,
  readVReplicationRows,
  stopStreamSql,
  tabletDbName,
} from './vreplication-rows.js';

/** What the workflow server's parts share: the control plane as vtctld has it. */
export interface WorkflowDeps {
  topo: TopoServer;
  tmc: TabletManagerClient;
  env: SimEnv;
}

export interface MigrationSource {
  shard: string;
  si: Shard;
  primary: Tablet;
  /** The primary's position once writes are stopped. */
  position: string;
  journaled: boolean;
}

export interface MigrationTarget {
  shard: string;
  si: Shard;
  primary: Tablet;
  /** Stream id → its BinlogSource. */
  sources: Map<number, BinlogSource>;
  /** The primary's position after catch-up (the start of the reverse streams). */
  position: string;
}

export type TableRemovalType = 'DROP TABLE' | 'RENAME TABLE';

/** The tablet types a `--tablet-types` list spells in dry-run lines and CSV columns (topoproto.MakeStringTypeCSV). */
export function tabletTypesCsv(types: readonly TabletType[]): string {
  return types.join(',');
}

export class TrafficSwitcher {
  readonly reverseWorkflow: string;
  readonly id: bigint;
  sourceKeyspace = '';
  readonly sources = new Map<string, MigrationSource>();
  tables: string[] = [];
  migrationType: 'TABLES' | 'SHARDS' = 'TABLES';
  sourceVSchema: VSchemaKeyspace | undefined;
  keepRoutingRules = false;
  force = false;
  readonly isPartialMigration = false;

  constructor(
    readonly deps: WorkflowDeps,
    readonly workflow: string,
    readonly targetKeyspace: string,
    readonly targets: Map<string, MigrationTarget>,
    readonly frozen: boolean,
    public optCells: string,
    readonly optTabletTypes: string,
    readonly workflowType: number,
    readonly workflowSubType: number,
    readonly options: string,
  ) {
    this.reverseWorkflow = reverseWorkflowName(workflow);
    const ids: Array<{ shard: string; id: number }> = [];
    for (const [shard, t] of targets) for (const id of t.sources.keys()) ids.push({ shard, id });
    this.id = hashStreams(targetKeyspace, ids);
  }

  get topo(): TopoServer {
    return this.deps.topo;
  }
  get tmc(): TabletManagerClient {
    return this.deps.tmc;
  }

  sourceList(): MigrationSource[] {
    return [...this.sources.values()].sort((a, b) => a.primary.alias.uid - b.primary.alias.uid);
  }

  targetList(): MigrationTarget[] {
    return [...this.targets.values()].sort((a, b) => a.primary.alias.uid - b.primary.alias.uid);
  }

  sourceShards(): MigrationSource[] {
    return this.sourceList();
  }

  // ---- reads ----

  /** switchTableReads: point the @replica/@rdonly rules at the target (forward) or the source (backward). */
  switchTableReads(cells: string[], servedTypes: TabletType[], rebuildSrvVSchema: boolean, direction: TrafficSwitchDirection): void {
    const rules = routingRulesToMap(this.topo.getRoutingRules());
    for (const servedType of servedTypes) {
      if (servedType !== 'REPLICA' && servedType !== 'RDONLY') {
        throw new VtError('INVALID_ARGUMENT', `invalid tablet type specified when switching reads: ${servedType}`);
      }
      const tt = servedType.toLowerCase();
      for (const table of this.tables) {
        const to = direction === 'forward' ? `${this.targetKeyspace}.${table}` : `${this.sourceKeyspace}.${table}`;
        rules.set(`${table}@${tt}`, [to]);
        rules.set(`${this.targetKeyspace}.${table}@${tt}`, [to]);
        rules.set(`${this.sourceKeyspace}.${table}@${tt}`, [to]);
      }
    }
    this.topo.saveRoutingRules(routingRulesFromMap(rules));
    if (rebuildSrvVSchema) this.topo.rebuildSrvVSchema(cells.length > 0 ? cells : undefined);
  }

  // ---- writes ----

  /** changeWriteRoute: `t` and `<source>.t` now point at `<target>.t`; `<target>.t` is deleted. */
  changeWriteRoute(): void {
    const rules = routingRulesToMap(this.topo.getRoutingRules());
    for (const table of this.tables) {
      const targetKsTable = `${this.targetKeyspace}.${table}`;
      const sourceKsTable = `${this.sourceKeyspace}.${table}`;
      rules.delete(targetKsTable);
      rules.set(table, [targetKsTable]);
      rules.set(sourceKsTable, [targetKsTable]);
    }
    this.topo.saveRoutingRules(routingRulesFromMap(rules));
    this.topo.rebuildSrvVSchema();
  }

  /**
   * Refreshes every tablet of a shard so it re-reads its tablet controls (topotools.RefreshTabletsByShard).
   * Failures do not throw: they make the refresh "partial", with details.
   */
  refreshTabletsByShard(keyspace: string, shard: string): { partial: boolean; details: string } {
    let details = '';
    let partial = false;
    for (const t of this.topo.getTabletsByShard(keyspace, shard)) {
      if (t.hostname === '') continue;
      try {
        this.tmc.refreshState(t.alias);
      } catch (e) {
        partial = true;
        details += `failed to refresh tablet ${aliasString(t.alias)}: ${errorMessage(e)}`;
      }
    }
    return { partial, details };
  }

  private refreshOrFail(keyspace: string, shard: string, side: 'source' | 'target'): void {
    const { partial, details } = this.refreshTabletsByShard(keyspace, shard);
    if (partial && !this.force) {
      throw plainError(`failed to successfully refresh all tablets in the ${keyspace}/${shard} ${side} shard (<nil>):\n  ${details}`);
    }
  }

  /**
   * switchDeniedTables: forward adds the tables to the sources' PRIMARY denied list and removes them from
   * the targets'; backward does the opposite (used when cancelling a failed switch).
   */
  switchDeniedTables(backward: boolean): void {
    if (this.migrationType !== 'TABLES') return;
    const removeFromSource = backward;
    const removeFromTarget = !backward;
    for (const s of this.sourceList()) {
      this.topo.updateDeniedTables(this.sourceKeyspace, s.shard, 'PRIMARY', [], removeFromSource, [...this.tables]);
      this.refreshOrFail(this.sourceKeyspace, s.shard, 'source');
    }
    for (const t of this.targetList()) {
      this.topo.updateDeniedTables(this.targetKeyspace, t.shard, 'PRIMARY', [], removeFromTarget, [...this.tables]);
      this.refreshOrFail(this.targetKeyspace, t.shard, 'target');
    }
  }

  stopSourceWrites(): void {
    this.switchDeniedTables(false);
  }

  allowTargetWrites(): void {
    this.switchDeniedTables(false);
  }

  dropSourceDeniedTables(): void {
    for (const s of this.sourceList()) {
      this.topo.updateDeniedTables(this.sourceKeyspace, s.shard, 'PRIMARY', [], true, [...this.tables]);
      this.refreshOrFail(this.sourceKeyspace, s.shard, 'source');
    }
  }

  dropTargetDeniedTables(): void {
    for (const t of this.targetList()) {
      this.topo.updateDeniedTables(this.targetKeyspace, t.shard, 'PRIMARY', [], true, [...this.tables]);
      this.refreshOrFail(this.targetKeyspace, t.shard, 'target');
    }
  }

  /** LOCK TABLES t1 READ, t2 READ on each source primary; the connection closes, releasing the locks. */
  executeLockTablesOnSource(): void {
    if (this.tables.length === 0) {
      throw new VtError(
        'INTERNAL',
        `no tables found in the source keyspace ${this.sourceKeyspace} associated with the ${this.workflow} workflow`,
      );
    }
    const stmt = 'LOCK TABLES ' + this.tables.map((t) => `${escapeId(t)} READ`).join(',');
    for (const s of this.sourceList()) this.tmc.executeFetchAsDba(s.primary.alias, stmt);
  }

  gatherSourcePositions(): void {
    for (const s of this.sourceList()) {
      try {
        s.position = this.tmc.primaryPosition(s.primary.alias);
      } catch (e) {
        throw new VtError(
          'INTERNAL',
          `failed to get position on migration source ${aliasString(s.primary.alias)}: ${errorMessage(e)}`,
        );
      }
    }
  }

  gatherPositions(): void {
    for (const s of this.sourceList()) s.position = this.tmc.primaryPosition(s.primary.alias);
    for (const t of this.targetList()) t.position = this.tmc.primaryPosition(t.primary.alias);
  }

  /**
   * waitForCatchup: every target stream applies up to its source's position (VReplicationWaitForPos,
   * within one overall timeout), is stopped "for cutover", and the target positions are recorded.
   */
  waitForCatchup(timeoutMs: number): void {
    const deadline = this.deps.env.clock.nowMs() + timeoutMs;
    for (const t of this.targetList()) {
      for (const [uid, bls] of [...t.sources].sort((a, b) => a[0] - b[0])) {
        const source = this.sources.get(bls.shard);
        if (!source) throw plainError(`no source for shard ${bls.shard}`);
        const left = Math.max(0, deadline - this.deps.env.clock.nowMs());
        this.tmc.vreplicationWaitForPos(t.primary.alias, uid, source.position, left);
        this.tmc.vreplicationExec(t.primary.alias, stopStreamSql(uid, 'stopped for cutover'));
      }
    }
    for (const t of this.targetList()) t.position = this.tmc.primaryPosition(t.primary.alias);
  }

  /** Deletes `<wf>_reverse` on the source primaries (and its vdiff data). */
  deleteReverseVReplication(): void {
    for (const s of this.sourceList()) {
      this.deleteWorkflowStreams(s.primary, this.reverseWorkflow);
    }
  }

  /** Deletes a workflow's rows on a primary, with its copy_state rows and vdiff data (best effort). */
  deleteWorkflowStreams(primary: Tablet, workflow: string): number {
    const dbName = tabletDbName(primary);
    const ids = readVReplicationRows(this.tmc, primary.alias, dbName, { workflow }).map((r) => r.id);
    const res = this.tmc.vreplicationExec(primary.alias, deleteWorkflowSql(dbName, workflow));
    if (ids.length > 0) {
      this.tmc.vreplicationExec(primary.alias, `delete from _vt.copy_state where vrepl_id in (${ids.join(', ')})`);
    }
    this.deleteWorkflowVDiffData(primary, workflow);
    return res.rowsAffected;
  }

  /** Best-effort cleanup of a workflow's VDiffs on a tablet (deleteWorkflowVDiffData). */
  deleteWorkflowVDiffData(primary: Tablet, workflow: string): void {
    try {
      this.tmc.vdiff(primary.alias, {
        keyspace: primary.keyspace,
        workflow,
        action: 'delete',
        actionArg: 'all',
        vdiffUuid: '',
        options: {},
      });
    } catch {
      // Vitess logs and ignores errors here.
    }
  }

  /**
   * createReverseVReplication: on each source primary, a Stopped `<wf>_reverse` stream per forward stream,
   * streaming from the target shard, starting at the target position recorded after catch-up (no copy).
   */
  createReverseVReplication(): void {
    this.deleteReverseVReplication();
    const nowSeconds = this.deps.env.clock.nowSeconds();
    for (const t of this.targetList()) {
      for (const [, bls] of [...t.sources].sort((a, b) => a[0] - b[0])) {
        const source = this.sources.get(bls.shard);
        if (!source) throw plainError(`no source for shard ${bls.shard}`);
        const rules: BinlogRule[] = bls.filter.rules.map((rule) => {
          if (rule.filter === 'exclude') return { ...rule };
          // A Reshard rule (`/.*`): the reverse stream keeps the source shard's key range.
          if (rule.match.startsWith('/')) {
            const kr = this.sourceVSchema?.sharded ? keyRangeString(source.si.key_range ?? { start: '', end: '' }) : '';
            return { match: rule.match, filter: kr };
          }
          let inKeyrange = '';
          if (this.sourceVSchema?.sharded) {
            const vtable = this.sourceVSchema.tables[rule.match];
            if (!vtable) throw new VtError('INTERNAL', `table ${rule.match} not found in vschema`);
            if (vtable.type !== 'reference') {
              const cv = vtable.column_vindexes[0];
              const col = cv ? cv.column || cv.columns[0] : undefined;
              if (!cv || !col) {
                throw new VtError('INTERNAL', `no primary vindex found for the ${rule.match} table in the ${this.sourceKeyspace} keyspace`);
              }
              const kr = keyRangeString(source.si.key_range ?? { start: '', end: '' });
              inKeyrange = ` where in_keyrange(${col}, '${this.sourceKeyspace}.${cv.name}', ${encodeString(kr)})`;
            }
          }
          return { match: rule.match, filter: `select * from ${escapeId(rule.match)}${inKeyrange}` };
        });
        const reverse: BinlogSource = {
          keyspace: this.targetKeyspace,
          shard: t.shard,
          filter: { rules },
        };
        if (bls.tablet_type) reverse.tablet_type = bls.tablet_type;
        if (bls.on_ddl) reverse.on_ddl = bls.on_ddl;
        if (bls.target_time_zone) reverse.source_time_zone = bls.target_time_zone;
        if (bls.source_time_zone) reverse.target_time_zone = bls.source_time_zone;
        // getReverseVReplicationUpdateQuery: carry the cells over, swapping the target's cell for the source's.
        const targetCell = t.primary.alias.cell;
        const sourceCell = source.primary.alias.cell;
        if (
          this.optCells !== '' &&
          targetCell !== sourceCell &&
          (this.optCells + ',').includes(targetCell + ',') &&
          !(this.optCells + ',').includes(sourceCell + ',')
        ) {
          this.optCells = this.optCells.replace(targetCell, sourceCell);
        }
        this.tmc.vreplicationExec(
          source.primary.alias,
          insertStreamSql({
            workflow: this.reverseWorkflow,
            source: reverse,
            pos: t.position,
            cells: this.optCells,
            tabletTypes: this.optTabletTypes,
            state: 'Stopped',
            dbName: tabletDbName(source.primary),
            workflowType: this.workflowType,
            workflowSubType: this.workflowSubType,
            deferSecondaryKeys: false,
            options: this.options === '' ? '{}' : this.options,
            nowSeconds,
            throttleSentinels: true,
          }),
        );
      }
    }
  }

  /** createJournals: the point of no return, one `_vt.resharding_journal` row per source primary. */
  createJournals(sourceWorkflows: string[]): void {
    for (const s of this.sourceList()) {
      if (s.journaled) continue;
      const participants = new Set<string>();
      const shardGtids: Array<{ keyspace: string; shard: string; gtid: string }> = [];
      for (const t of [...this.targets.values()].sort((a, b) => (a.shard < b.shard ? -1 : 1))) {
        for (const bls of t.sources.values()) participants.add(bls.shard);
        shardGtids.push({ keyspace: this.targetKeyspace, shard: t.shard, gtid: t.position });
      }
      const journal = formatJournal({
        id: this.id,
        migrationType: this.migrationType,
        tables: [...this.tables],
        localPosition: s.position,
        shardGtids,
        participants: sortedStrings(participants).map((shard) => ({ keyspace: this.sourceKeyspace, shard })),
        sourceWorkflows,
      });
      this.tmc.vreplicationExec(
        s.primary.alias,
        `insert into _vt.resharding_journal (id, db_name, val) values ('${this.id}', ${encodeString(tabletDbName(s.primary))}, ${encodeString(journal)})`,
      );
    }
  }

  /** checkJournals: whether a journal for this migration id already exists on some source. */
  checkJournals(): { exist: boolean; sourceWorkflows: string[] } {
    let exist = false;
    let sourceWorkflows: string[] = [];
    for (const s of this.sourceList()) {
      const val = readJournal(this.tmc, s.primary, this.id);
      if (val !== undefined) {
        sourceWorkflows = journalSourceWorkflows(val);
        s.journaled = true;
        exist = true;
      }
    }
    return { exist, sourceWorkflows };
  }

  startReverseVReplication(): void {
    for (const s of this.sourceList()) {
      this.tmc.vreplicationExec(
        s.primary.alias,
        `update _vt.vreplication set state='Running', message='' where db_name=${encodeString(tabletDbName(s.primary))} and workflow=${encodeString(this.reverseWorkflow)}`,
      );
    }
  }

  freezeTargetVReplication(): void {
    for (const t of this.targetList()) {
      this.tmc.vreplicationExec(
        t.primary.alias,
        `update _vt.vreplication set message = ${encodeString(FROZEN)} where db_name=${encodeString(tabletDbName(t.primary))} and workflow=${encodeString(this.workflow)}`,
      );
    }
  }

  /** Puts everything back after a failed switch before the point of no return (cancelMigration). */
  cancelMigration(): string[] {
    const errors: string[] = [];
    try {
      if (this.migrationType === 'TABLES') this.switchDeniedTables(true);
      else changeShardsAccess(this, 'source', true);
    } catch (e) {
      errors.push(`could not revert denied tables / shard access: ${errorMessage(e)}`);
    }
    try {
      for (const t of this.targetList()) {
        this.tmc.vreplicationExec(
          t.primary.alias,
          `update _vt.vreplication set state='Running', message='' where db_name=${encodeString(tabletDbName(t.primary))} and workflow=${encodeString(this.workflow)}`,
        );
      }
    } catch (e) {
      errors.push(`could not restart vreplication: ${errorMessage(e)}`);
    }
    try {
      this.deleteReverseVReplication();
    } catch (e) {
      errors.push(`could not delete reverse vreplication streams: ${errorMessage(e)}`);
    }
    return errors;
  }

  // ---- complete / cancel ----

  dropTargetVReplicationStreams(): void {
    for (const t of this.targetList()) this.deleteWorkflowStreams(t.primary, this.workflow);
  }

  dropSourceReverseVReplicationStreams(): void {
    for (const s of this.sourceList()) this.deleteWorkflowStreams(s.primary, reverseWorkflowName(this.workflow));
  }

  /** Deletes the 9 rule keys of each table (deleteRoutingRules). */
  deleteRoutingRules(): void {
    const rules = routingRulesToMap(this.topo.getRoutingRules());
    for (const table of this.tables) {
      for (const prefix of ['', `${this.targetKeyspace}.`, `${this.sourceKeyspace}.`]) {
        for (const suffix of ['', '@replica', '@rdonly']) rules.delete(`${prefix}${table}${suffix}`);
      }
    }
    this.topo.saveRoutingRules(routingRulesFromMap(rules));
  }

  /** removeSourceTables: drop (or rename to `_<t>_old`) the moved tables on the source primaries. */
  removeSourceTables(removalType: TableRemovalType): void {
    for (const s of this.sourceList()) {
      const db = ensureEscaped(tabletDbName(s.primary));
      for (const table of this.tables) {
        const t = ensureEscaped(table);
        const sql =
          removalType === 'DROP TABLE'
            ? `drop table ${db}.${t}`
            : `rename table ${db}.${t} TO ${db}.${ensureEscaped(renamedTableName(table))}`;
        this.execIgnoringMissingTable(s.primary, sql);
      }
    }
    this.dropParticipatingTablesFromKeyspace(this.sourceKeyspace);
  }

  /** removeTargetTables (Cancel): drop the moved tables on the target primaries. */
  removeTargetTables(): void {
    for (const t of this.targetList()) {
      const db = ensureEscaped(tabletDbName(t.primary));
      for (const table of this.tables) this.execIgnoringMissingTable(t.primary, `drop table ${db}.${ensureEscaped(table)}`);
    }
    this.dropParticipatingTablesFromKeyspace(this.targetKeyspace);
  }

  private execIgnoringMissingTable(primary: Tablet, sql: string): void {
    try {
      this.tmc.executeFetchAsDba(primary.alias, sql);
    } catch (e) {
      // IsTableDidNotExistError: the table was already gone.
      if (e instanceof VtError && (e.errno === 1146 || e.errno === 1051)) return;
      throw e;
    }
  }

  /** Removes the tables from a keyspace's vschema; a sharded target's vschema is the user's and stays. */
  dropParticipatingTablesFromKeyspace(keyspace: string): void {
    const vs = this.topo.getVSchema(keyspace);
    if (!vs) return;
    if (vs.sharded && keyspace === this.targetKeyspace) return;
    for (const t of this.tables) delete vs.tables[t];
    this.topo.saveVSchema(keyspace, vs);
  }

  /** doValidateWorkflowHasCompleted: target streams FROZEN and, unless kept, no rule still pointing at the source. */
  validateWorkflowHasCompleted(): void {
    const errors: string[] = [];
    for (const t of this.targetList()) {
      const rows = readVReplicationRows(this.tmc, t.primary.alias, tabletDbName(t.primary), { workflow: this.workflow });
      if (rows.some((r) => r.message !== FROZEN)) {
        errors.push(`vreplication streams are not frozen on tablet ${t.primary.alias.uid}`);
      }
    }
    if (!this.keepRoutingRules && this.migrationType === 'TABLES') {
      for (const [from, tos] of routingRulesToMap(this.topo.getRoutingRules())) {
        for (const to of tos) {
          for (const table of this.tables) {
            if (to === `${this.sourceKeyspace}.${table}`) {
              errors.push(`routing still exists from keyspace ${this.sourceKeyspace} table ${table} to ${from}`);
            }
          }
        }
      }
    }
    if (errors.length > 0) throw plainError(errors.join('\n'));
  }
}

/** The `val` of this migration's journal on a tablet, if it has one (CheckReshardingJournalExistsOnTablet). */
export function readJournal(tmc: TabletManagerClient, primary: Tablet, id: bigint): string | undefined {
  // The 63-bit id is quoted so it reaches SQLite exactly (see insertStreamSql).
  const qr = tmc.executeFetchAsDba(primary.alias, `select val from _vt.resharding_journal where id='${id}'`);
  const row = namedRows(qr)[0];
  return row === undefined ? undefined : asString(row.val);
}

/**
 * BuildTargets + buildTrafficSwitcher: reads the workflow's streams on every shard primary of the target
 * keyspace and finds its sources. `no streams found in keyspace <ks> for <wf>` when there are none.
 */
export function buildTrafficSwitcher(deps: WorkflowDeps, targetKeyspace: string, workflow: string): TrafficSwitcher {
  const { topo, tmc } = deps;
  const targets = new Map<string, MigrationTarget>();
  let frozen = false;
  let optCells = '';
  let optTabletTypes = '';
  let workflowType = 0;
  let workflowSubType = 0;
  let options = '';
  if (topo.getKeyspace(targetKeyspace) === undefined) throw errNoStreams(targetKeyspace, workflow);
  for (const shard of topo.getShardNames(targetKeyspace)) {
    const si = topo.getShard(targetKeyspace, shard);
    if (!si) continue;
    if (!si.primary_alias) throw new VtError('INTERNAL', `shard ${targetKeyspace}/${shard} doesn't have a primary set`);
    const primary = topo.getTablet(si.primary_alias);
    if (!primary) throw plainError(`node doesn't exist: ${topo.paths.tablet(si.primary_alias)}`);
    const rows = readVReplicationRows(tmc, primary.alias, tabletDbName(primary), { workflow });
    if (rows.length === 0) continue;
    const target: MigrationTarget = { shard, si, primary, sources: new Map(), position: '' };
    for (const row of rows) {
      optCells = row.cell;
      optTabletTypes = tabletTypesCsv(parseTabletTypesAndOrder(row.tabletTypes).types);
      workflowType = row.workflowType;
      workflowSubType = row.workflowSubType;
      options = row.options;
      if (row.message === FROZEN) frozen = true;
      target.sources.set(row.id, row.source);
    }
    targets.set(shard, target);
  }
  if (targets.size === 0) throw errNoStreams(targetKeyspace, workflow);
  const ts = new TrafficSwitcher(deps, workflow, targetKeyspace, targets, frozen, optCells, optTabletTypes, workflowType, workflowSubType, options);
  for (const target of targets.values()) {
    for (const bls of target.sources.values()) {
      if (ts.sourceKeyspace === '') ts.sourceKeyspace = bls.keyspace;
      else if (ts.sourceKeyspace !== bls.keyspace) {
        throw new VtError(
          'FAILED_PRECONDITION',
          `source keyspaces are mismatched across streams: ${ts.sourceKeyspace} vs ${bls.keyspace}`,
        );
      }
      const tables = sortedStrings(bls.filter.rules.map((r) => r.match));
      if (ts.tables.length === 0) ts.tables = tables;
      else if (ts.tables.join(',') !== tables.join(',')) {
        throw new VtError(
          'FAILED_PRECONDITION',
          `table lists are mismatched across streams: [${ts.tables.join(' ')}] vs [${tables.join(' ')}]`,
        );
      }
      if (ts.sources.has(bls.shard)) continue;
      const ssi = topo.getShard(bls.keyspace, bls.shard);
      if (!ssi) throw plainError(`node doesn't exist: ${topo.paths.shard(bls.keyspace, bls.shard)}`);
      if (!ssi.primary_alias) {
        throw new VtError('FAILED_PRECONDITION', `source shard ${bls.keyspace}/${bls.shard} currently has no primary tablet`);
      }
      const sp = topo.getTablet(ssi.primary_alias);
      if (!sp) throw plainError(`node doesn't exist: ${topo.paths.tablet(ssi.primary_alias)}`);
      ts.sources.set(bls.shard, { shard: bls.shard, si: ssi, primary: sp, position: '', journaled: false });
    }
  }
  if (ts.sourceKeyspace === ts.targetKeyspace) {
    ts.migrationType = 'SHARDS';
    for (const shard of ts.sources.keys()) if (ts.targets.has(shard)) ts.migrationType = 'TABLES';
  }
  ts.sourceVSchema = topo.getVSchema(ts.sourceKeyspace);
  return ts;
}

// TableDiffer: diffs one table of a workflow on this target shard, as a sequence of phases the
// controller steps on the scheduler:
//   1. stop the workflow's streams here (state Stopped, message 'for vdiff') and read their positions;
//   2. pick the source tablets (one per source shard) and a target tablet;
//   3. wait until each source tablet has executed its stream's position;
//   4. snapshot the source rows (PK order) and record each snapshot's GTID position;
//   5. run each stream until stop_pos = that snapshot position (message 'synchronizing for vdiff');
//   6. snapshot the target rows (the streams are stopped there, so both sides are at the same
//      logical point) and restart the streams;
//   7. merge-join both sides by primary key in bounded chunks: matching, mismatched, extra rows on
//      either side, with samples; progress saved every 10,000 rows.
// Mirrors go/vt/vttablet/tabletmanager/vdiff/table_differ.go (initialize, stopTargetVReplicationStreams,
// selectTablets, syncSourceStreams, startSourceDataStreams, syncTargetStreams, startTargetDataStream,
// restartTargetVReplicationStreams, diff, updateTableProgress) and workflow_differ.go diffTable.

import type { SqlValue } from '../../common/sql-types.js';
import type { TabletAlias } from '../../common/tablet-alias.js';
import { aliasString } from '../../common/tablet-alias.js';
import { VtError, vtError } from '../../common/errors.js';
import type { SimEnv } from '../../engine/sim-env.js';
import type { GtidSet } from '../binlog/gtid.js';
import type { Mysqld } from '../mysqld/mysqld.js';
import type { BinlogRule } from '../vreplication/binlog-source.js';
import { decodePosition, encodePosition } from '../vreplication/binlog-player.js';
import type { VReplicationEngine } from '../vreplication/engine.js';
import { durationString } from '../../common/go-duration.js';
import { decodeLastPkMessage, encodeLastPk, pkFieldsOf } from '../vreplication/lastpk.js';
import { parseProto, protoMessage } from '../vreplication/prototext.js';
import type { PickedTablet, SourceTabletPicker } from '../vreplication/tablet-picker.js';
import { parseCells, parseTabletTypesAndOrder } from '../vreplication/tablet-picker.js';
import type { ValueComparator } from '../vreplication/value-compare.js';
import { columnComparator, compareTuples } from '../vreplication/value-compare.js';
import type { VindexResolver } from '../vstreamer/planbuilder.js';
import { buildTablePlan, project } from '../vstreamer/planbuilder.js';
import { streamPkColumns } from '../vstreamer/row-streamer.js';
import type { VDiffOptions } from './options.js';
import type { DiffReport } from './report.js';
import { genRowDiff, parseReport, reconcileExtraRows } from './report.js';
import { updateTableMismatch, updateTableProgress, updateTableState, updateTableStateAndReport } from './schema.js';

/** What the VDiff components need from the tablet they run in. */
export interface VDiffHost {
  env: SimEnv;
  mysqld: Mysqld;
  alias: TabletAlias;
  keyspace: string;
  shard: string;
  picker: SourceTabletPicker;
  vre: VReplicationEngine;
  resolveVindex?: VindexResolver;
  /** All cells, for the default source/target cells (this tablet's cell when not given). */
  cells?: () => string[];
}

/** One stream of the workflow on this shard: a source shard and its progress. */
export interface MigrationSource {
  shard: string;
  vrId: number;
  rules: BinlogRule[];
  position?: GtidSet;
  tablet?: PickedTablet;
  snapshotPos?: GtidSet;
  rows?: SqlValue[][];
}

/** What a table differ needs from its vdiff. */
export interface DiffContext {
  host: VDiffHost;
  id: number;
  workflow: string;
  /** binlogdata.VReplicationWorkflowType of the streams (4 = Reshard). */
  workflowType: number;
  sourceKeyspace: string;
  sources: MigrationSource[];
  options: VDiffOptions;
}

/** binlogdata.VReplicationWorkflowType_Reshard. */
const WORKFLOW_TYPE_RESHARD = 4;

type Phase = 'init' | 'stop' | 'pick' | 'syncSources' | 'snapshotSources' | 'syncTargets' | 'snapshotTarget' | 'diff' | 'done';

/** Progress is saved every this many processed rows (1e4 in Vitess); also the size of a diff step. */
const PROGRESS_EVERY = 10_000;
const POLL_MS = 10;
/** Virtual time each phase takes (RPCs to other tablets, starting streams). */
const PHASE_MS = 5;

export class TableDiffer {
  private phase: Phase = 'init';
  private deadlineMs = 0;
  private streamsStopped = false;
  private targetTablet: PickedTablet | undefined;
  private targetWant: GtidSet | undefined;
  private columns: readonly string[] = [];
  private pkIndexes: number[] = [];
  private comparators: ValueComparator[] = [];
  private srcRows: SqlValue[][] = [];
  private tgtRows: SqlValue[][] = [];
  private si = 0;
  private ti = 0;
  private sourceRow: SqlValue[] | null = null;
  private targetRow: SqlValue[] | null = null;
  private lastProcessedRow: SqlValue[] | null = null;
  private advanceSource = true;
  private advanceTarget = true;
  private rowsToCompare = Infinity;
  private mismatch = false;
  private dr: DiffReport;

  constructor(
    private readonly ctx: DiffContext,
    readonly table: string,
    private readonly sourceTable: string,
    /** The rule that selects the source rows (its filter: a select, '' or a key range). */
    private readonly rule: BinlogRule,
  ) {
    this.dr = parseReport(undefined, table);
  }

  private get mysqld(): Mysqld {
    return this.ctx.host.mysqld;
  }

  private nowMs(): number {
    return this.ctx.host.env.clock.nowMs();
  }

  private nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  private workflowFilter(): string {
    const q = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    return `where workflow = ${q(this.ctx.workflow)} and db_name = ${q(this.mysqld.dbName)}`;
  }

  /** One unit of work; returns the delay before the next step, or 'done'. */
  step(): number | 'done' {
    switch (this.phase) {
      case 'init':
        this.mysqld.transaction(() => updateTableState(this.mysqld, this.ctx.id, this.table, 'started', this.nowSeconds()));
        this.phase = 'stop';
        return 0;
      case 'stop':
        this.stopTargetStreams();
        this.phase = 'pick';
        this.deadlineMs = this.nowMs() + this.ctx.options.core.timeoutSeconds * 1000;
        return PHASE_MS;
      case 'pick':
        return this.selectTablets();
      case 'syncSources':
        return this.syncSources();
      case 'snapshotSources':
        return this.snapshotSources();
      case 'syncTargets':
        return this.syncTargets();
      case 'snapshotTarget':
        return this.snapshotTarget();
      case 'diff':
        return this.diffChunk();
      case 'done':
        return 'done';
    }
  }

  /** Restarts the streams if this differ stopped them (also on errors and stops, as Vitess's defer does). */
  cleanup(): void {
    if (!this.streamsStopped) return;
    this.streamsStopped = false;
    this.ctx.host.vre.vreplicationExec(`update _vt.vreplication set state='Running', message='', stop_pos='' ${this.workflowFilter()}`);
  }

  private stopTargetStreams(): void {
    this.ctx.host.vre.vreplicationExec(`update _vt.vreplication set state = 'Stopped', message='for vdiff' ${this.workflowFilter()}`);
    this.streamsStopped = true;
    const rows = this.mysqld.query('SELECT id, pos FROM _vt.vreplication WHERE workflow = ? AND db_name = ?', [this.ctx.workflow, this.mysqld.dbName]);
    for (const r of rows) {
      const pos = decodePosition(String(r.pos ?? ''));
      const source = this.ctx.sources.find((s) => s.vrId === Number(r.id));
      if (!source) continue;
      if (pos.isEmpty()) throw vtError('UNKNOWN', `stream ${String(r.id)} has not started on tablet ${aliasString(this.ctx.host.alias)}`);
      source.position = pos;
    }
  }

  private selectTablets(): number | 'done' {
    const o = this.ctx.options.picker;
    const { types, inOrder } = parseTabletTypesAndOrder(o.tabletTypes);
    const all = this.ctx.host.cells?.() ?? [this.ctx.host.alias.cell];
    const sourceCells = parseCells(o.sourceCell);
    const targetCells = parseCells(o.targetCell);
    let missing = false;
    for (const s of this.ctx.sources) {
      s.tablet = this.ctx.host.picker.pick(this.ctx.sourceKeyspace, s.shard, types, sourceCells.length > 0 ? sourceCells : all, inOrder);
      if (!s.tablet) missing = true;
    }
    // A Reshard's target shard may not serve (before traffic is switched, or after it was switched
    // back), so its tablets qualify anyway (IncludeNonServingTablets).
    const includeNonServing = this.ctx.workflowType === WORKFLOW_TYPE_RESHARD;
    this.targetTablet = this.ctx.host.picker.pick(this.ctx.host.keyspace, this.ctx.host.shard, types, targetCells.length > 0 ? targetCells : all, inOrder, {
      includeNonServing,
    });
    if (!this.targetTablet) missing = true;
    if (missing) {
      // PickForStreaming keeps trying until its context expires.
      if (this.nowMs() >= this.deadlineMs) throw vtError('CANCELED', 'context has expired');
      return 1000;
    }
    this.phase = 'syncSources';
    this.deadlineMs = this.nowMs() + this.ctx.options.core.timeoutSeconds * 1000;
    return PHASE_MS;
  }

  private syncSources(): number {
    for (const s of this.ctx.sources) {
      const t = s.tablet as PickedTablet;
      if (s.position && !t.mysqld.gtidExecuted.containsSet(s.position)) {
        if (this.nowMs() >= this.deadlineMs) {
          throw vtError('DEADLINE_EXCEEDED', `WaitForPosition for tablet ${aliasString(t.alias)}: context deadline exceeded`);
        }
        return POLL_MS;
      }
    }
    this.phase = 'snapshotSources';
    return PHASE_MS;
  }

  /** The PK columns of the diff on the target table, as indexes into the compared columns. */
  private setupColumns(columns: readonly string[]): void {
    this.columns = columns;
    const layout = this.mysqld.schema.layout(this.table);
    if (!layout) throw vtError('NOT_FOUND', `table ${this.table} not found on tablet ${aliasString(this.ctx.host.alias)}`);
    const lower = columns.map((c) => c.toLowerCase());
    const pk = layout.primaryKey.length > 0 ? layout.primaryKey : columns;
    this.pkIndexes = pk.map((c) => lower.indexOf(c.toLowerCase())).filter((i) => i >= 0);
    if (this.pkIndexes.length === 0) this.pkIndexes = columns.map((_, i) => i);
    const def = this.mysqld.schema.tableDef(this.table);
    this.comparators = columns.map((c) => columnComparator(def, c));
  }

  private pkComparators(): ValueComparator[] {
    return this.pkIndexes.map((i) => this.comparators[i] as ValueComparator);
  }

  /** The PK row after which this diff resumes (a resumed vdiff only looks at newer rows). */
  private resumePk(): SqlValue[] | undefined {
    const row = this.mysqld.query('SELECT lastpk, report, mismatch FROM _vt.vdiff_table WHERE vdiff_id = ? AND table_name = ?', [this.ctx.id, this.table])[0];
    this.dr = parseReport(row?.report === null || row?.report === undefined ? undefined : String(row.report), this.table);
    this.mismatch = Number(row?.mismatch ?? 0) === 1;
    const text = row?.lastpk;
    if (text === null || text === undefined || text === '') return undefined;
    const target = protoMessage(parseProto(text instanceof Uint8Array ? new TextDecoder().decode(text) : String(text)), 'target');
    return target ? decodeLastPkMessage(target).row : undefined;
  }

  private afterPk(rows: SqlValue[][], lastpk: SqlValue[] | undefined): SqlValue[][] {
    if (!lastpk) return rows;
    const idx = this.pkIndexes;
    const cmp = this.pkComparators();
    const pkIdx = lastpk.map((_, i) => i);
    return rows.filter((r) => compareTuples(r, idx, lastpk, pkIdx, cmp) > 0);
  }

  private snapshotSources(): number {
    if (this.ctx.sources.some((s) => s.tablet?.mysqld.inTransaction())) return POLL_MS;
    let columns: readonly string[] | undefined;
    for (const s of this.ctx.sources) {
      const src = (s.tablet as PickedTablet).mysqld;
      const { columns: cols, pk } = streamPkColumns(src, this.sourceTable);
      // The source vstreamer's plan: a key-range filter keeps the rows whose keyspace id (by the table's
      // primary vindex in the source keyspace's vschema) is in this target shard's range.
      const plan = buildTablePlan(this.rule, this.sourceTable, cols, this.ctx.host.resolveVindex, src.dbName);
      const q = (n: string): string => `"${n.replace(/"/g, '""')}"`;
      const res = src.selectRows(`SELECT ${cols.map(q).join(', ')} FROM ${q(this.sourceTable)} ORDER BY ${pk.map(q).join(', ')}`);
      s.snapshotPos = src.gtidExecuted.clone();
      s.rows = res.rows.filter((r) => plan.keep(r)).map((r) => project(plan, r));
      columns ??= plan.columns;
    }
    this.setupColumns(columns ?? []);
    const lastpk = this.resumePk();
    const merged: SqlValue[][] = [];
    for (const s of this.ctx.sources) merged.push(...this.afterPk(s.rows ?? [], lastpk));
    if (this.ctx.sources.length > 1) {
      const idx = this.pkIndexes;
      const cmp = this.pkComparators();
      merged.sort((a, b) => compareTuples(a, idx, b, idx, cmp));
    }
    this.srcRows = merged;
    for (const s of this.ctx.sources) {
      s.rows = undefined;
      this.ctx.host.vre.vreplicationExec(
        `update _vt.vreplication set state='Running', stop_pos='${encodePosition(s.snapshotPos as GtidSet)}', message='synchronizing for vdiff' where id=${s.vrId}`,
      );
    }
    this.phase = 'syncTargets';
    this.deadlineMs = this.nowMs() + this.ctx.options.core.timeoutSeconds * 1000;
    return PHASE_MS;
  }

  private syncTargets(): number {
    const started = this.deadlineMs - this.ctx.options.core.timeoutSeconds * 1000;
    for (const s of this.ctx.sources) {
      const want = s.snapshotPos as GtidSet;
      const row = this.mysqld.query('SELECT pos, state, message FROM _vt.vreplication WHERE id = ?', [s.vrId])[0];
      if (!row) throw vtError('UNKNOWN', `WaitForPosition for stream id ${s.vrId}: vreplication stream ${s.vrId} not found`);
      const last = String(row.pos ?? '');
      const current = decodePosition(last);
      if (current.containsSet(want)) continue;
      if (row.state === 'Stopped') {
        throw new VtError(
          'UNKNOWN',
          `WaitForPosition for stream id ${s.vrId}: replication has stopped at ${current.toString()} before reaching position ${want.toString()}, message: ${String(row.message ?? '')}`,
        );
      }
      if (this.nowMs() >= this.deadlineMs) {
        throw new VtError(
          'DEADLINE_EXCEEDED',
          `WaitForPosition for stream id ${s.vrId}: error waiting for pos: ${encodePosition(want)}, last pos: ${last}: context deadline exceeded, ` +
            `wait time: ${durationString(this.nowMs() - started)}: possibly no tablets are available to stream in the source keyspace for your cell and tablet_types setting`,
        );
      }
      return POLL_MS;
    }
    this.targetWant = this.mysqld.gtidExecuted.clone();
    this.phase = 'snapshotTarget';
    this.deadlineMs = this.nowMs() + this.ctx.options.core.timeoutSeconds * 1000;
    return 0;
  }

  private snapshotTarget(): number {
    const t = this.targetTablet as PickedTablet;
    if (t.mysqld !== this.mysqld && this.targetWant && !t.mysqld.gtidExecuted.containsSet(this.targetWant)) {
      // A replica or rdonly target must first have applied what its primary had when the streams stopped.
      if (this.nowMs() >= this.deadlineMs) {
        throw vtError('DEADLINE_EXCEEDED', `WaitForPosition for tablet ${aliasString(t.alias)}: context deadline exceeded`);
      }
      return POLL_MS;
    }
    if (t.mysqld.inTransaction()) return POLL_MS;
    const q = (n: string): string => `"${n.replace(/"/g, '""')}"`;
    const order = this.pkIndexes.map((i) => q(this.columns[i] as string)).join(', ');
    const res = t.mysqld.selectRows(`SELECT ${this.columns.map(q).join(', ')} FROM ${q(this.table)} ORDER BY ${order}`);
    this.cleanup();
    this.tgtRows = this.afterPk(res.rows, this.resumePk());
    this.rowsToCompare = this.ctx.options.core.maxRows;
    this.phase = 'diff';
    return PHASE_MS;
  }

  private opts(): { onlyPks: boolean; debugQuery: boolean; truncateAt: number } {
    const r = this.ctx.options.report;
    return { onlyPks: r.onlyPks, debugQuery: r.debugQuery, truncateAt: r.rowDiffColumnTruncateAt };
  }

  private rowDiff(row: SqlValue[]): ReturnType<typeof genRowDiff> {
    return genRowDiff(this.table, this.columns, this.pkIndexes, row, this.opts());
  }

  /** One chunk of the merge join; the table is finished when either side runs out (or --limit). */
  private diffChunk(): number | 'done' {
    const dr = this.dr;
    const maxExtra = this.ctx.options.core.maxExtraRowsToCompare;
    const maxSample = this.ctx.options.report.maxSampleRows;
    const pkCmp = this.pkComparators();
    const idx = this.pkIndexes;
    for (let n = 0; n < PROGRESS_EVERY; n++) {
      this.lastProcessedRow = this.sourceRow;
      if (!this.mismatch && dr.MismatchedRows > 0) {
        this.mismatch = true;
        this.mysqld.transaction(() => updateTableMismatch(this.mysqld, this.ctx.id, this.table));
      }
      this.rowsToCompare--;
      if (this.rowsToCompare < 0) return this.finish();
      if (this.advanceSource) this.sourceRow = this.srcRows[this.si++] ?? null;
      if (this.advanceTarget) this.targetRow = this.tgtRows[this.ti++] ?? null;
      const s = this.sourceRow;
      const t = this.targetRow;
      if (s === null && t === null) return this.finish();
      this.advanceSource = true;
      this.advanceTarget = true;
      if (s === null) {
        (dr.ExtraRowsTargetSample ??= []).push(this.rowDiff(t as SqlValue[]));
        const count = Math.max(0, this.tgtRows.length - this.ti);
        this.ti = this.tgtRows.length;
        dr.ExtraRowsTarget += 1 + count;
        dr.ProcessedRows += 1 + count;
        return this.finish();
      }
      if (t === null) {
        (dr.ExtraRowsSourceSample ??= []).push(this.rowDiff(s));
        const count = Math.max(0, this.srcRows.length - this.si);
        this.si = this.srcRows.length;
        dr.ExtraRowsSource += 1 + count;
        dr.ProcessedRows += 1 + count;
        return this.finish();
      }
      dr.ProcessedRows++;
      const c = compareTuples(s, idx, t, idx, pkCmp);
      if (c < 0) {
        if (dr.ExtraRowsSource < maxExtra) (dr.ExtraRowsSourceSample ??= []).push(this.rowDiff(s));
        dr.ExtraRowsSource++;
        this.advanceTarget = false;
        continue;
      }
      if (c > 0) {
        if (dr.ExtraRowsTarget < maxExtra) (dr.ExtraRowsTargetSample ??= []).push(this.rowDiff(t));
        dr.ExtraRowsTarget++;
        this.advanceSource = false;
        continue;
      }
      let diff = 0;
      for (let i = 0; i < this.columns.length && diff === 0; i++) {
        if (idx.includes(i)) continue;
        diff = (this.comparators[i] as ValueComparator)(s[i] ?? null, t[i] ?? null);
      }
      if (diff !== 0) {
        if (maxSample === 0 || dr.MismatchedRows < maxSample) {
          (dr.MismatchedRowsSample ??= []).push({ Source: this.rowDiff(s), Target: this.rowDiff(t) });
        }
        dr.MismatchedRows++;
      } else {
        dr.MatchingRows++;
      }
      if (dr.ProcessedRows % PROGRESS_EVERY === 0) this.saveProgress(s);
    }
    return 0;
  }

  private lastPkText(row: SqlValue[]): string {
    const pkCols = this.pkIndexes.map((i) => this.columns[i] as string);
    const fields = pkFieldsOf(this.mysqld.schema.tableDef(this.table), pkCols);
    return `target:{${encodeLastPk(fields, this.pkIndexes.map((i) => row[i] ?? null))}}`;
  }

  private saveProgress(row: SqlValue[] | null): void {
    const lastpk = row ? this.lastPkText(row) : undefined;
    this.mysqld.transaction(() => updateTableProgress(this.mysqld, this.ctx.id, this.table, this.dr, lastpk, this.nowSeconds()));
  }

  private finish(): 'done' {
    const dr = this.dr;
    this.saveProgress(this.lastProcessedRow);
    if (dr.ExtraRowsSource > 0 || dr.ExtraRowsTarget > 0) {
      reconcileExtraRows(dr, this.ctx.options.core.maxExtraRowsToCompare, this.ctx.options.report.maxSampleRows);
    }
    const now = this.nowSeconds();
    this.mysqld.transaction(() => {
      if (dr.MismatchedRows > 0 || dr.ExtraRowsTarget > 0 || dr.ExtraRowsSource > 0) updateTableMismatch(this.mysqld, this.ctx.id, this.table);
      updateTableStateAndReport(this.mysqld, this.ctx.id, this.table, 'completed', dr, now);
      updateTableState(this.mysqld, this.ctx.id, this.table, 'completed', now);
    });
    this.srcRows = [];
    this.tgtRows = [];
    this.phase = 'done';
    return 'done';
  }
}

// VDiff on the control-plane side: checking that a workflow can be diffed, sending the create / stop / resume /
// delete requests to the target primaries, and building the summary `VDiff show` prints from the
// `_vt.vdiff` / `_vt.vdiff_table` rows the tablets' VDiff engines keep.
// Mirrors go/vt/vtctl/workflow/vdiff.go (VDiffCreate/Show/Stop/Resume/Delete, BuildSummary,
// BuildProgressReport), go/vt/vttablet/tabletmanager/vdiff/schema.go (the show queries) and report.go
// (DiffReport, the JSON stored in vdiff_table.report).

import { VtError } from '../common/errors.js';
import type { SqlValue } from '../common/sql-types.js';
import { aliasString } from '../common/tablet-alias.js';
import type { TabletType } from '../common/tablet-alias.js';
import { formatSqlDateTime } from '../engine/clock.js';
import type { Tablet } from '../topo/records.js';
import { encodeString } from './sql-escape.js';
import type { WorkflowDeps } from './traffic-switcher.js';
import { buildTrafficSwitcher } from './traffic-switcher.js';
import { asNumber, asString, asUnixSeconds, namedRows } from './vreplication-rows.js';
import type { BuiltWorkflow } from './workflows.js';
import type { DiffReport, RowDiff } from '../tablets/vdiff/report.js';

export type VDiffState = 'pending' | 'started' | 'stopped' | 'completed' | 'error' | '';

export interface VDiffCreateRequest {
  workflow: string;
  targetKeyspace: string;
  /** '' → a new UUID from the simulation's PRNG. */
  uuid?: string;
  sourceCells?: string[];
  targetCells?: string[];
  /** Default RDONLY, REPLICA, PRIMARY. */
  tabletTypes?: TabletType[];
  tabletSelectionPreference?: 'ANY' | 'INORDER';
  tables?: string[];
  limit?: bigint;
  filteredReplicationWaitTimeMs?: number;
  debugQuery?: boolean;
  onlyPks?: boolean;
  updateTableStats?: boolean;
  maxExtraRowsToCompare?: number;
  maxReportSampleRows?: number;
  autoRetry?: boolean;
  maxDiffDurationMs?: number;
  rowDiffColumnTruncateAt?: number;
  autoStart?: boolean;
}

export interface VDiffShowRequest {
  workflow: string;
  targetKeyspace: string;
  /** 'last', 'all' or a UUID. */
  arg: string;
}

export interface VDiffActionRequest {
  workflow: string;
  targetKeyspace: string;
  /** The UUID (stop/resume), or 'all' / a UUID (delete). */
  arg: string;
  targetShards?: string[];
}

/** One target shard's answer to a show request (VDiffResponse: the summary rows, or the listing rows). */
export interface VDiffShardResponse {
  vdiffUuid: string;
  rows: Array<Record<string, SqlValue>>;
}

export interface VDiffShowResponse {
  /** Keyed by target shard name, sorted. */
  tabletResponses: Record<string, VDiffShardResponse>;
}

// The per-table report the target tablets store, as vtctld reads it (Vitess's workflow server
// imports the tablet's vdiff package for the same type).
export type { DiffReport, RowDiff } from '../tablets/vdiff/report.js';

export interface TableSummary {
  TableName: string;
  State: VDiffState;
  RowsCompared: number;
  MatchingRows: number;
  MismatchedRows: number;
  ExtraRowsSource: number;
  ExtraRowsTarget: number;
  LastUpdated?: string;
}

/** vdiff.go Summary, fields in struct order; optional ones are omitempty in Go. */
export interface VDiffSummary {
  Workflow: string;
  Keyspace: string;
  State: VDiffState;
  UUID: string;
  RowsCompared: number;
  HasMismatch: boolean;
  Shards: string;
  StartedAt?: string;
  CompletedAt?: string;
  TableSummary?: Record<string, TableSummary>;
  Reports?: Record<string, Record<string, DiffReport>>;
  Errors?: Record<string, string>;
  Progress?: { Percentage: number; ETA?: string };
}

export interface VDiffListing {
  UUID: string;
  Workflow: string;
  Keyspace: string;
  Shard: string;
  State: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How many vdiffs `show all` lists per shard (maxVDiffsToReport). */
const MAX_VDIFFS_TO_REPORT = 100;

export function isUuid(s: string): boolean {
  return UUID_RE.test(s);
}

/**
 * VDiffCreate: refuses a frozen workflow or one whose streams are not all Running, then asks every target
 * primary to create and run the diff.
 */
export function vdiffCreate(
  deps: WorkflowDeps,
  req: VDiffCreateRequest,
  getWorkflow: (keyspace: string, workflow: string) => BuiltWorkflow,
): { UUID: string } {
  let uuid = (req.uuid ?? '').trim();
  if (uuid === '') uuid = deps.env.rng.uuidV4();
  else if (!isUuid(uuid)) throw new VtError('UNKNOWN', `invalid UUID provided: ${uuid}`);
  uuid = uuid.toLowerCase();

  const ts = buildTrafficSwitcher(deps, req.targetKeyspace, req.workflow);
  if (ts.frozen) {
    throw new VtError(
      'FAILED_PRECONDITION',
      `invalid VDiff run: writes have been already been switched for workflow ${req.targetKeyspace}.${req.workflow}`,
    );
  }
  // getWorkflowStatus: the one state all streams share, else Unknown.
  let status: string | undefined;
  const wf = getWorkflow(req.targetKeyspace, req.workflow);
  for (const ss of Object.values(wf.json.shard_streams)) {
    for (const st of ss.streams) {
      if (status !== undefined && status !== st.state) status = 'Unknown';
      else status = st.state;
    }
  }
  if (status !== 'Running') {
    throw new VtError('FAILED_PRECONDITION', `not all streams are running in workflow ${req.targetKeyspace}.${req.workflow}`);
  }
  const tabletTypes = req.tabletTypes && req.tabletTypes.length > 0 ? req.tabletTypes : ['RDONLY', 'REPLICA', 'PRIMARY'];
  const inOrder = (req.tabletSelectionPreference ?? 'INORDER') === 'INORDER';
  const options = {
    picker_options: {
      tablet_types: (inOrder ? 'in_order:' : '') + tabletTypes.join(','),
      source_cell: (req.sourceCells ?? []).join(','),
      target_cell: (req.targetCells ?? []).join(','),
    },
    core_options: {
      tables: (req.tables ?? []).join(','),
      auto_retry: req.autoRetry ?? true,
      max_rows: String(req.limit ?? (1n << 63n) - 1n),
      timeout_seconds: Math.floor((req.filteredReplicationWaitTimeMs ?? 30_000) / 1000),
      max_extra_rows_to_compare: req.maxExtraRowsToCompare ?? 1000,
      update_table_stats: req.updateTableStats ?? false,
      max_diff_seconds: Math.floor((req.maxDiffDurationMs ?? 0) / 1000),
      auto_start: req.autoStart ?? true,
    },
    report_options: {
      only_pks: req.onlyPks ?? false,
      debug_query: req.debugQuery ?? false,
      max_sample_rows: req.maxReportSampleRows ?? 10,
      row_diff_column_truncate_at: req.rowDiffColumnTruncateAt ?? 128,
    },
  };
  for (const t of ts.targetList()) {
    deps.tmc.vdiff(t.primary.alias, {
      keyspace: req.targetKeyspace,
      workflow: req.workflow,
      action: 'create',
      actionArg: '',
      vdiffUuid: uuid,
      options,
    });
  }
  deps.env.trace.record('workflow', 'vdiff-create', `${req.targetKeyspace}.${req.workflow} ${uuid}`);
  return { UUID: uuid };
}

/** VDiffStop / VDiffResume / VDiffDelete: the request goes to every (chosen) target primary. */
export function vdiffAction(deps: WorkflowDeps, action: 'stop' | 'resume' | 'delete', req: VDiffActionRequest): void {
  const ts = buildTrafficSwitcher(deps, req.targetKeyspace, req.workflow);
  let targets = ts.targetList();
  const shards = req.targetShards ?? [];
  if (shards.length > 0) {
    for (const s of shards) {
      if (!ts.targets.has(s)) {
        throw new VtError('INVALID_ARGUMENT', `specified target shard ${s} not a valid target for workflow ${req.workflow}`);
      }
    }
    targets = targets.filter((t) => shards.includes(t.shard));
  }
  for (const t of targets) {
    deps.tmc.vdiff(t.primary.alias, {
      keyspace: req.targetKeyspace,
      workflow: req.workflow,
      action,
      actionArg: action === 'delete' ? req.arg : '',
      vdiffUuid: action === 'delete' ? '' : req.arg,
      options: {},
    });
  }
}

/**
 * VDiffShow: each target primary's rows for the vdiff named by `arg` (the summary query of
 * vdiff/schema.go sqlVDiffSummary), or its recent vdiffs for `all`. Read straight from the sidecar tables.
 */
export function vdiffShow(deps: WorkflowDeps, req: VDiffShowRequest): VDiffShowResponse {
  const ts = buildTrafficSwitcher(deps, req.targetKeyspace, req.workflow);
  const out: Record<string, VDiffShardResponse> = {};
  for (const t of [...ts.targetList()].sort((a, b) => (a.shard < b.shard ? -1 : 1))) {
    out[t.shard] = showOnTablet(deps, t.primary, req);
  }
  return { tabletResponses: out };
}

function query(deps: WorkflowDeps, tablet: Tablet, sql: string): Array<Record<string, SqlValue>> {
  return namedRows(deps.tmc.executeFetchAsDba(tablet.alias, sql));
}

function showOnTablet(deps: WorkflowDeps, tablet: Tablet, req: VDiffShowRequest): VDiffShardResponse {
  const ks = encodeString(req.targetKeyspace);
  const wf = encodeString(req.workflow);
  const arg = req.arg.toLowerCase();
  let uuid = '';
  if (arg === 'last') {
    const last = query(deps, tablet, `select * from _vt.vdiff where keyspace = ${ks} and workflow = ${wf} order by id desc limit 1`)[0];
    if (last) uuid = asString(last.vdiff_uuid);
  } else if (isUuid(arg)) {
    uuid = arg;
  }
  const resp: VDiffShardResponse = { vdiffUuid: '', rows: [] };
  if (uuid !== '') {
    resp.vdiffUuid = uuid;
    const found = query(
      deps,
      tablet,
      `select * from _vt.vdiff where keyspace = ${ks} and workflow = ${wf} and vdiff_uuid = ${encodeString(uuid)}`,
    );
    if (found.length === 0) {
      throw new VtError(
        'UNKNOWN',
        `no vdiff found for UUID ${uuid} keyspace ${req.targetKeyspace} and workflow ${req.workflow} on tablet ${aliasString(tablet.alias)}`,
      );
    }
    const vd = found[0]!;
    const tables = query(deps, tablet, `select * from _vt.vdiff_table where vdiff_id = ${asNumber(vd.id)} order by table_name`);
    const base = {
      vdiff_state: vd.state ?? null,
      last_error: vd.last_error ?? null,
      uuid: vd.vdiff_uuid ?? null,
      started_at: timestamp(vd.started_at),
      completed_at: timestamp(vd.completed_at),
    };
    // A left join: one row per table, or a single row of NULL table columns before any table started.
    resp.rows =
      tables.length === 0
        ? [{ ...base, table_name: null, table_state: null, table_rows: null, rows_compared: null, has_mismatch: 0, report: null }]
        : tables.map((t) => ({
            ...base,
            table_name: t.table_name ?? null,
            table_state: t.state ?? null,
            table_rows: t.table_rows ?? null,
            rows_compared: t.rows_compared ?? null,
            has_mismatch: asNumber(t.mismatch) === 1 ? 1 : 0,
            report: t.report ?? null,
          }));
  }
  if (arg === 'all') {
    resp.rows = query(
      deps,
      tablet,
      `select * from _vt.vdiff where keyspace = ${ks} and workflow = ${wf} order by id desc limit ${MAX_VDIFFS_TO_REPORT}`,
    );
  }
  return resp;
}

/** A `_vt.vdiff` time column as VDiff prints it ("2006-01-02 15:04:05"), or NULL. */
function timestamp(v: SqlValue | undefined): SqlValue {
  if (v === null || v === undefined || v === '' || v === 0) return null;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2} /.test(v)) return v;
  return formatSqlDateTime(asUnixSeconds(v) * 1000);
}

/** The listings of `show all`, newest first per shard, shards in order. */
export function buildRecentListings(resp: VDiffShowResponse): VDiffListing[] {
  const out: VDiffListing[] = [];
  for (const shard of Object.keys(resp.tabletResponses)) {
    for (const r of resp.tabletResponses[shard]!.rows) {
      out.push({
        UUID: asString(r.vdiff_uuid),
        Workflow: asString(r.workflow),
        Keyspace: asString(r.keyspace),
        Shard: asString(r.shard),
        State: asString(r.state),
      });
    }
  }
  return out;
}

const STATES: VDiffState[] = ['pending', 'started', 'stopped', 'completed', 'error'];

function toState(v: SqlValue | undefined): VDiffState {
  const s = asString(v).toLowerCase();
  return (STATES as string[]).includes(s) ? (s as VDiffState) : '';
}

function parseReport(text: string): DiffReport {
  const o = JSON.parse(text) as Partial<DiffReport>;
  const r: DiffReport = {
    TableName: o.TableName ?? '',
    ProcessedRows: o.ProcessedRows ?? 0,
    MatchingRows: o.MatchingRows ?? 0,
    MismatchedRows: o.MismatchedRows ?? 0,
    ExtraRowsSource: o.ExtraRowsSource ?? 0,
    ExtraRowsTarget: o.ExtraRowsTarget ?? 0,
  };
  if (o.ExtraRowsSourceSample && o.ExtraRowsSourceSample.length > 0) r.ExtraRowsSourceSample = o.ExtraRowsSourceSample.map(rowDiff);
  if (o.ExtraRowsTargetSample && o.ExtraRowsTargetSample.length > 0) r.ExtraRowsTargetSample = o.ExtraRowsTargetSample.map(rowDiff);
  if (o.MismatchedRowsSample && o.MismatchedRowsSample.length > 0) {
    r.MismatchedRowsSample = o.MismatchedRowsSample.map((m) => {
      const out: { Source?: RowDiff; Target?: RowDiff } = {};
      if (m.Source) out.Source = rowDiff(m.Source);
      if (m.Target) out.Target = rowDiff(m.Target);
      return out;
    });
  }
  return r;
}

/** RowDiff with Go's field order and its map keys sorted (json.Marshal sorts map keys). */
function rowDiff(d: RowDiff): RowDiff {
  const out: RowDiff = {};
  if (d.Row && Object.keys(d.Row).length > 0) out.Row = sortKeys(d.Row);
  if (d.Query) out.Query = d.Query;
  return out;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]!]));
}

/**
 * BuildSummary: one summary across the shards. State: stopped on any shard, else error, else started,
 * else pending, else completed once every table on every shard (and every shard) is; TableSummary and
 * Reports only with a mismatch or --verbose; CompletedAt only when completed.
 */
export function buildSummary(
  keyspace: string,
  workflow: string,
  uuid: string,
  resp: VDiffShowResponse,
  verbose: boolean,
  nowMs: number,
): VDiffSummary {
  const summary: VDiffSummary = {
    Workflow: workflow,
    Keyspace: keyspace,
    State: '',
    UUID: uuid,
    RowsCompared: 0,
    HasMismatch: false,
    Shards: '',
  };
  let startedAt = '';
  let completedAt = '';
  const errors: Record<string, string> = {};
  let tableSummaries: Record<string, TableSummary> | undefined;
  let reports: Record<string, Record<string, DiffReport>> | undefined;
  const tableStates = new Map<VDiffState, number>();
  const shardStates = new Map<VDiffState, number>();
  const bump = (m: Map<VDiffState, number>, s: VDiffState): void => {
    m.set(s, (m.get(s) ?? 0) + 1);
  };
  let totalRows = 0;
  const shards: string[] = [];
  for (const shard of Object.keys(resp.tabletResponses)) {
    const rows = resp.tabletResponses[shard]!.rows;
    shards.push(shard);
    tableSummaries ??= {};
    reports ??= {};
    let first = true;
    for (const row of rows) {
      if (first) {
        first = false;
        const sa = asString(row.started_at);
        if (startedAt === '' || sa < startedAt) startedAt = sa;
        const ca = asString(row.completed_at);
        if (completedAt === '' || ca > completedAt) completedAt = ca;
        const le = asString(row.last_error);
        if (le !== '') errors[shard] = le;
        bump(shardStates, toState(row.vdiff_state));
      }
      summary.RowsCompared += asNumber(row.rows_compared);
      totalRows += asNumber(row.table_rows);
      if (asNumber(row.has_mismatch) !== 0) summary.HasMismatch = true;
      const table = asString(row.table_name);
      if (table === '') continue;
      const ts: TableSummary = tableSummaries[table] ?? {
        TableName: table,
        State: '',
        RowsCompared: 0,
        MatchingRows: 0,
        MismatchedRows: 0,
        ExtraRowsSource: 0,
        ExtraRowsTarget: 0,
      };
      const sts = toState(row.table_state);
      bump(tableStates, sts);
      if (sts === 'completed') {
        if (ts.State === '') ts.State = sts;
      } else if (sts === 'error') {
        ts.State = sts;
      } else if (ts.State !== 'error') {
        ts.State = sts;
      }
      const text = asString(row.report);
      let dr: DiffReport = { TableName: '', ProcessedRows: 0, MatchingRows: 0, MismatchedRows: 0, ExtraRowsSource: 0, ExtraRowsTarget: 0 };
      if (text !== '') {
        dr = parseReport(text);
        ts.RowsCompared += dr.ProcessedRows;
        ts.MismatchedRows += dr.MismatchedRows;
        ts.MatchingRows += dr.MatchingRows;
        ts.ExtraRowsTarget += dr.ExtraRowsTarget;
        ts.ExtraRowsSource += dr.ExtraRowsSource;
      }
      reports[table] = { ...(reports[table] ?? {}), [shard]: dr };
      tableSummaries[table] = ts;
    }
  }
  const count = (m: Map<VDiffState, number>, s: VDiffState): number => m.get(s) ?? 0;
  const nTables = tableSummaries ? Object.keys(tableSummaries).length : 0;
  if (count(shardStates, 'stopped') > 0) summary.State = 'stopped';
  else if (count(shardStates, 'error') > 0 || count(tableStates, 'error') > 0) summary.State = 'error';
  else if (count(tableStates, 'started') > 0) summary.State = 'started';
  else if (count(tableStates, 'pending') > 0) summary.State = 'pending';
  else if (count(tableStates, 'completed') === nTables * shards.length) {
    summary.State = count(shardStates, 'completed') === shards.length ? 'completed' : 'started';
  } else summary.State = '';

  shards.sort();
  summary.Shards = shards.join(',');
  if (startedAt !== '') summary.StartedAt = startedAt;
  if (summary.State === 'completed' && completedAt !== '') summary.CompletedAt = completedAt;
  if ((summary.HasMismatch || verbose) && tableSummaries && Object.keys(tableSummaries).length > 0) {
    summary.TableSummary = sortKeys(tableSummaries);
    summary.Reports = sortKeys(Object.fromEntries(Object.entries(reports ?? {}).map(([k, v]) => [k, sortKeys(v)])));
  }
  if (Object.keys(errors).length > 0) summary.Errors = sortKeys(errors);
  if (summary.State === 'started') summary.Progress = buildProgressReport(summary.RowsCompared, totalRows, startedAt, nowMs);
  return summary;
}

/** BuildProgressReport: percentage of rows compared (2 decimals, capped at 100) and an ETA. */
export function buildProgressReport(
  rowsCompared: number,
  rowsToCompare: number,
  startedAt: string,
  nowMs: number,
): { Percentage: number; ETA?: string } {
  let pct = 0;
  if (rowsCompared >= 1) pct = Math.round(Math.min((rowsCompared / rowsToCompare) * 100, 100) * 100) / 100;
  if (!Number.isFinite(pct)) pct = 0;
  const report: { Percentage: number; ETA?: string } = { Percentage: pct };
  const pctToGo = Math.abs(pct - 100);
  const start = Date.parse(startedAt.replace(' ', 'T') + 'Z');
  const nowSec = Math.floor(nowMs / 1000);
  const runTime = nowSec - (Number.isNaN(start) ? 0 : Math.floor(start / 1000));
  if (pct >= 1) {
    const etaSec = Math.trunc(runTime / Math.trunc(pct)) * Math.trunc(pctToGo) + nowSec;
    if (etaSec * 1000 < nowMs + 365 * 24 * 3600 * 1000) report.ETA = formatSqlDateTime(etaSec * 1000);
  }
  return report;
}

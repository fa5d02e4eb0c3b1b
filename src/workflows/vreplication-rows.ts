// Reading and writing a target primary's `_vt.vreplication` rows through the tablet manager client.
// Mirrors go/vt/vttablet/tabletmanager/rpc_vreplication.go (ReadVReplicationWorkflow(s),
// CreateVReplicationWorkflow, UpdateVReplicationWorkflow, DeleteVReplicationWorkflow) and
// go/vt/binlog/binlogplayer (CreateVReplicationState, StopVReplication): the SQL those RPCs run, issued by
// the workflow server over tmc.vreplicationExec (writes) and tmc.executeFetchAsDba (reads).

import type { QueryResult, SqlValue } from '../common/sql-types.js';
import type { TabletAlias, TabletType } from '../common/tablet-alias.js';
import { VtError } from '../common/errors.js';
import type { TabletManagerClient } from '../tablets/tm-client.js';
import type { Tablet } from '../topo/records.js';
import type { BinlogSource, OnDdlAction } from './binlog-source.js';
import { formatBinlogSource, parseBinlogSource } from './binlog-source.js';
import { encodeString } from './sql-escape.js';
import { compareStrings } from './utils.js';

/** binlogdata.VReplicationWorkflowType numbers, as stored in the workflow_type column. */
export const WORKFLOW_TYPE_NAMES = ['Materialize', 'MoveTables', 'CreateLookupIndex', 'Migrate', 'Reshard', 'OnlineDDL'];
export const WORKFLOW_TYPE_MOVETABLES = 1;
/** binlogdata.VReplicationWorkflowSubType numbers. */
export const WORKFLOW_SUB_TYPE_NAMES = ['None', 'Partial', 'AtomicCopy'];

/** Sentinel for "no limit" in max_tps / max_replication_lag (throttler.MaxRateModuleDisabled). */
export const MAX_INT64_STRING = '9223372036854775807';

/** One `_vt.vreplication` row, decoded. */
export interface VReplicationRow {
  id: number;
  workflow: string;
  source: BinlogSource;
  pos: string;
  stopPos: string;
  cell: string;
  tabletTypes: string;
  timeUpdated: number;
  transactionTimestamp: number;
  state: string;
  message: string;
  dbName: string;
  rowsCopied: number;
  tags: string;
  timeHeartbeat: number;
  workflowType: number;
  timeThrottled: number;
  componentThrottled: string;
  workflowSubType: number;
  deferSecondaryKeys: boolean;
  options: string;
}

/** The result's rows as objects keyed by column name. */
export function namedRows(qr: QueryResult): Array<Record<string, SqlValue>> {
  return qr.rows.map((row) => {
    const o: Record<string, SqlValue> = {};
    qr.fields.forEach((f, i) => {
      o[f.name] = row[i] ?? null;
    });
    return o;
  });
}

export function asString(v: SqlValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return String(v);
}

export function asNumber(v: SqlValue | undefined): number {
  if (v === null || v === undefined || v === '') return 0;
  if (v instanceof Uint8Array) return Number(new TextDecoder().decode(v));
  return Number(v);
}

/**
 * A time column as unix seconds. The sidecar tables store integers (seconds); a value that is clearly in
 * milliseconds, or a MySQL DATETIME string, is converted.
 */
export function asUnixSeconds(v: SqlValue | undefined): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}/.test(v)) {
    return Math.floor(Date.parse(v.replace(' ', 'T').replace(/Z?$/, 'Z')) / 1000);
  }
  const n = asNumber(v);
  return n > 100_000_000_000 ? Math.floor(n / 1000) : Math.floor(n);
}

/** The database a tablet serves (topoproto.TabletDbName). */
export function tabletDbName(t: Tablet): string {
  return t.db_name_override !== '' ? t.db_name_override : `vt_${t.keyspace}`;
}

const READ_COLUMNS =
  'id, workflow, source, pos, stop_pos, cell, tablet_types, time_updated, transaction_timestamp, state, message, ' +
  'db_name, rows_copied, tags, time_heartbeat, workflow_type, time_throttled, component_throttled, ' +
  'workflow_sub_type, defer_secondary_keys, options';

function decodeRow(r: Record<string, SqlValue>): VReplicationRow {
  return {
    id: asNumber(r.id),
    workflow: asString(r.workflow),
    source: parseBinlogSource(asString(r.source)),
    pos: asString(r.pos),
    stopPos: asString(r.stop_pos),
    cell: asString(r.cell),
    tabletTypes: asString(r.tablet_types),
    timeUpdated: asUnixSeconds(r.time_updated),
    transactionTimestamp: asUnixSeconds(r.transaction_timestamp),
    state: asString(r.state),
    message: asString(r.message),
    dbName: asString(r.db_name),
    rowsCopied: asNumber(r.rows_copied),
    tags: asString(r.tags),
    timeHeartbeat: asUnixSeconds(r.time_heartbeat),
    workflowType: asNumber(r.workflow_type),
    timeThrottled: asUnixSeconds(r.time_throttled),
    componentThrottled: asString(r.component_throttled),
    workflowSubType: asNumber(r.workflow_sub_type),
    deferSecondaryKeys: asNumber(r.defer_secondary_keys) !== 0,
    options: asString(r.options),
  };
}

export interface ReadWorkflowsFilter {
  workflow?: string;
  /** Leave out streams in these states (ReadVReplicationWorkflowsRequest.ExcludeStates). */
  excludeStates?: string[];
}

/** Every stream of the tablet's database, ordered by workflow then id (ReadVReplicationWorkflows). */
export function readVReplicationRows(
  tmc: TabletManagerClient,
  alias: TabletAlias,
  dbName: string,
  filter: ReadWorkflowsFilter = {},
): VReplicationRow[] {
  let sql = `select ${READ_COLUMNS} from _vt.vreplication where db_name = ${encodeString(dbName)}`;
  if (filter.workflow !== undefined && filter.workflow !== '') sql += ` and workflow = ${encodeString(filter.workflow)}`;
  const rows = namedRows(tmc.executeFetchAsDba(alias, sql)).map(decodeRow);
  const excluded = new Set(filter.excludeStates ?? []);
  return rows
    .filter((r) => !excluded.has(r.state))
    .sort((a, b) => compareStrings(a.workflow, b.workflow) || a.id - b.id);
}

/** Splits `in_order:REPLICA,PRIMARY` into the types and the in-order flag (discovery.ParseTabletTypesAndOrder). */
export function parseTabletTypesAndOrder(s: string): { types: TabletType[]; inOrder: boolean } {
  let text = s.trim();
  let inOrder = false;
  if (text.startsWith('in_order:')) {
    inOrder = true;
    text = text.slice('in_order:'.length);
  }
  const types = text
    .split(',')
    .map((t) => t.trim().toUpperCase())
    .filter((t) => t !== '') as TabletType[];
  return { types, inOrder };
}

export interface NewStreamRow {
  workflow: string;
  source: BinlogSource;
  /** Start position (`MySQL56/...`), '' to copy first. */
  pos: string;
  cells: string;
  /** e.g. `in_order:REPLICA,PRIMARY`. */
  tabletTypes: string;
  state: 'Stopped' | 'Running';
  dbName: string;
  workflowType: number;
  workflowSubType: number;
  deferSecondaryKeys: boolean;
  options: string;
  nowSeconds: number;
  /**
   * max_tps / max_replication_lag: CreateVReplicationWorkflow writes 0, 0; binlogplayer's
   * CreateVReplicationState (the reverse streams) writes the "disabled" sentinel MaxInt64.
   */
  throttleSentinels?: boolean;
}

/**
 * The insert CreateVReplicationWorkflow / binlogplayer.CreateVReplicationState run. time_updated is the
 * virtual clock's now (Vitess uses now() / time.Now()).
 */
export function insertStreamSql(r: NewStreamRow): string {
  // The sentinel goes in as a string literal: SQLite's INTEGER affinity stores it exactly, where a 64-bit
  // numeric literal would lose precision on its way through the SQL parser (a JS number).
  const limit = r.throttleSentinels ? `'${MAX_INT64_STRING}'` : '0';
  return (
    'insert into _vt.vreplication (workflow, source, pos, max_tps, max_replication_lag, cell, tablet_types, ' +
    'time_updated, transaction_timestamp, state, db_name, workflow_type, workflow_sub_type, defer_secondary_keys, options) ' +
    `values (${encodeString(r.workflow)}, ${encodeString(formatBinlogSource(r.source))}, ${encodeString(r.pos)}, ` +
    `${limit}, ${limit}, ${encodeString(r.cells)}, ${encodeString(r.tabletTypes)}, ` +
    `${r.nowSeconds}, 0, ${encodeString(r.state)}, ${encodeString(r.dbName)}, ${r.workflowType}, ${r.workflowSubType}, ` +
    `${r.deferSecondaryKeys ? 1 : 0}, ${encodeString(r.options)})`
  );
}

export function deleteWorkflowSql(dbName: string, workflow: string): string {
  return `delete from _vt.vreplication where db_name = ${encodeString(dbName)} and workflow = ${encodeString(workflow)}`;
}

/**
 * UpdateVReplicationWorkflow with only a state: refuses to start a FROZEN stream (Vitess's
 * "cannot start a workflow when it is frozen"); returns how many streams it changed.
 */
export function updateWorkflowState(
  tmc: TabletManagerClient,
  alias: TabletAlias,
  dbName: string,
  workflow: string,
  state: 'Running' | 'Stopped',
): number {
  const rows = readVReplicationRows(tmc, alias, dbName, { workflow });
  let changed = 0;
  for (const row of rows) {
    if (state === 'Running' && row.message.toUpperCase() === 'FROZEN') {
      throw new VtError('FAILED_PRECONDITION', 'cannot start a workflow when it is frozen');
    }
    const res = tmc.vreplicationExec(alias, `update _vt.vreplication set state = ${encodeString(state)} where id = ${row.id}`);
    if (row.state !== state) changed += res.rowsAffected > 0 ? 1 : 0;
  }
  return changed;
}

/** discovery.InOrderHint: the tablet_types prefix that asks for the types in the order given. */
const IN_ORDER_HINT = 'in_order:';

/** What `Workflow update` changes in each stream; an absent field keeps the stream's value. */
export interface WorkflowConfigChange {
  cells?: string[];
  tabletTypes?: string[];
  inOrder?: boolean;
  onDdl?: OnDdlAction;
}

/**
 * UpdateVReplicationWorkflow with configuration only (tabletmanager's rpc_vreplication.go): rewrites
 * each stream's cell, tablet_types and the on_ddl of its source, keeping what was not given. The engine
 * restarts a changed stream. Returns how many streams changed (MySQL counts changed rows, not matched
 * ones, so a no-op update reports `changed: false`).
 */
export function updateWorkflowConfig(
  tmc: TabletManagerClient,
  alias: TabletAlias,
  dbName: string,
  workflow: string,
  change: WorkflowConfigChange,
): number {
  let changed = 0;
  for (const row of readVReplicationRows(tmc, alias, dbName, { workflow })) {
    const source: BinlogSource = change.onDdl === undefined ? row.source : { ...row.source, on_ddl: change.onDdl };
    const cell = change.cells === undefined ? row.cell : change.cells.join(',');
    const oldOrder = row.tabletTypes.startsWith(IN_ORDER_HINT);
    const oldTypes = oldOrder ? row.tabletTypes.slice(IN_ORDER_HINT.length) : row.tabletTypes;
    const types = change.tabletTypes === undefined ? oldTypes : change.tabletTypes.join(',');
    const inOrder = change.inOrder ?? oldOrder;
    const tabletTypes = (inOrder && types !== '' ? IN_ORDER_HINT : '') + types;
    const sourceText = formatBinlogSource(source);
    if (sourceText === formatBinlogSource(row.source) && cell === row.cell && tabletTypes === row.tabletTypes) continue;
    tmc.vreplicationExec(
      alias,
      `update _vt.vreplication set source = ${encodeString(sourceText)}, cell = ${encodeString(cell)}, ` +
        `tablet_types = ${encodeString(tabletTypes)} where id = ${row.id}`,
    );
    changed++;
  }
  return changed;
}

/** binlogplayer.StopVReplication. */
export function stopStreamSql(id: number, message: string): string {
  return `update _vt.vreplication set state='Stopped', message=${encodeString(message)} where id=${id}`;
}

export interface CopyStateRow {
  streamId: number;
  table: string;
  lastPk: string;
}

/** The current copy_state row of each (stream, table): the latest one (getWorkflowCopyStates). */
export function readCopyStates(tmc: TabletManagerClient, alias: TabletAlias, streamIds: number[]): CopyStateRow[] {
  if (streamIds.length === 0) return [];
  const ids = streamIds.join(', ');
  const rows = namedRows(
    tmc.executeFetchAsDba(alias, `select id, vrepl_id, table_name, lastpk from _vt.copy_state where vrepl_id in (${ids}) order by id`),
  );
  const latest = new Map<string, { id: number; row: CopyStateRow }>();
  for (const r of rows) {
    const row: CopyStateRow = { streamId: asNumber(r.vrepl_id), table: asString(r.table_name), lastPk: asString(r.lastpk) };
    const key = `${row.streamId}\0${row.table}`;
    const id = asNumber(r.id);
    const prev = latest.get(key);
    if (!prev || prev.id < id) latest.set(key, { id, row });
  }
  return [...latest.values()].sort((a, b) => a.id - b.id).map((x) => x.row);
}

export interface LogRow {
  id: number;
  streamId: number;
  type: string;
  state: string;
  message: string;
  createdAt: number;
  updatedAt: number;
  count: number;
}

/** `_vt.vreplication_log` rows of the given streams, by stream then id (vrepLogQuery). */
export function readLogs(tmc: TabletManagerClient, alias: TabletAlias, streamIds: number[]): LogRow[] {
  if (streamIds.length === 0) return [];
  const sql =
    'select id, vrepl_id, type, state, message, created_at, updated_at, count from _vt.vreplication_log ' +
    `where vrepl_id in (${streamIds.join(', ')}) order by vrepl_id asc, id asc`;
  return namedRows(tmc.executeFetchAsDba(alias, sql)).map((r) => ({
    id: asNumber(r.id),
    streamId: asNumber(r.vrepl_id),
    type: asString(r.type),
    state: asString(r.state),
    message: asString(r.message),
    createdAt: asUnixSeconds(r.created_at),
    updatedAt: asUnixSeconds(r.updated_at),
    count: asNumber(r.count),
  }));
}

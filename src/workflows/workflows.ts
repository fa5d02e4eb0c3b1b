// Fetching workflows: reading every shard primary's `_vt.vreplication` rows of a keyspace, with their
// copy states and logs, and building the vtctldata.Workflow objects GetWorkflows, `Workflow show` and
// `MoveTables show` print.
// Mirrors go/vt/vtctl/workflow/workflows.go (workflowFetcher: fetchWorkflowsByShard,
// fetchCopyStatesByShardStream, buildWorkflows, scanWorkflow, fetchStreamLogs, getStreamState,
// getVReplicationTrxLag) and go/vt/vtctl/workflow/common/utils.go GetShards.

import type { TabletAlias } from '../common/tablet-alias.js';
import { aliasString } from '../common/tablet-alias.js';
import type { SimEnv } from '../engine/sim-env.js';
import type { TabletManagerClient } from '../tablets/tm-client.js';
import type { TopoServer } from '../topo/topo-server.js';
import type { Shard, Tablet } from '../topo/records.js';
import { keyRangeToProtoJson } from '../topo/records.js';
import type { BinlogSource } from './binlog-source.js';
import type {
  BinlogSourceJson,
  GetWorkflowsRequest,
  StreamJson,
  TabletControlJson,
  VtTime,
  WorkflowJson,
} from './types.js';
import type { CopyStateRow, LogRow, VReplicationRow } from './vreplication-rows.js';
import {
  WORKFLOW_SUB_TYPE_NAMES,
  WORKFLOW_TYPE_NAMES,
  readCopyStates,
  readLogs,
  readVReplicationRows,
  tabletDbName,
} from './vreplication-rows.js';
import { plainError, sortedStrings } from './utils.js';

/** A workflow as read from the primaries, before rendering: the raw rows plus what the render needs. */
export interface FetchedStream {
  shard: string;
  primary: Tablet;
  row: VReplicationRow;
  copyStates: CopyStateRow[];
  logs: LogRow[];
}

export function vtTime(seconds: number): VtTime {
  return { seconds: String(seconds), nanoseconds: 0 };
}

/** A position without its `MySQL56/` flavor prefix (replication.Position.String()). */
export function decodePosition(pos: string): string {
  return pos.replace(/^MySQL56\//, '');
}

/** The keyspace's shards, or the requested subset (workflow/common.GetShards). */
export function getShards(topo: TopoServer, keyspace: string, subset: readonly string[] = []): string[] {
  const all = topo.getShardNames(keyspace);
  if (all.length === 0) throw plainError(`no shards found in keyspace ${keyspace}`);
  if (subset.length === 0) return all;
  for (const s of subset) if (!all.includes(s)) throw plainError(`shard ${s} not found in keyspace ${keyspace}`);
  return [...subset];
}

/** The primary tablet record of a shard (errors as vexec.ErrNoShardPrimary). */
export function shardPrimary(topo: TopoServer, keyspace: string, shard: string): { shard: Shard; primary: Tablet } {
  const si = topo.getShard(keyspace, shard);
  if (!si) throw plainError(`node doesn't exist: ${topo.paths.shard(keyspace, shard)}`);
  if (!si.primary_alias) throw plainError(`no primary found for shard ${keyspace}/${shard}`);
  const primary = topo.getTablet(si.primary_alias);
  if (!primary) {
    throw plainError(`no primary found for shard ${keyspace}/${shard}: tablet ${aliasString(si.primary_alias)} not found`);
  }
  return { shard: si, primary };
}

export function tabletAliasJson(a: TabletAlias): { cell: string; uid: number } {
  return { cell: a.cell, uid: a.uid };
}

export function tabletControlsJson(si: Shard): TabletControlJson[] {
  return si.tablet_controls.map((tc) => ({
    tablet_type: tc.tablet_type,
    cells: [...tc.cells],
    denied_tables: [...tc.denied_tables],
    frozen: tc.frozen,
  }));
}

export function binlogSourceJson(b: BinlogSource): BinlogSourceJson {
  return {
    keyspace: b.keyspace,
    shard: b.shard,
    tablet_type: b.tablet_type ?? 'UNKNOWN',
    key_range: b.key_range ? keyRangeToProtoJson(b.key_range) : null,
    tables: [...(b.tables ?? [])],
    filter: {
      rules: b.filter.rules.map((r) => ({
        match: r.match,
        filter: r.filter,
        convert_enum_to_text: {},
        convert_charset: {},
        source_unique_key_columns: '',
        target_unique_key_columns: '',
        source_unique_key_target_columns: '',
        convert_int_to_enum: {},
      })),
      field_event_mode: 'ERR_ON_MISMATCH',
      workflow_type: '0',
      workflow_name: '',
    },
    on_ddl: b.on_ddl ?? 'IGNORE',
    external_mysql: '',
    stop_after_copy: b.stop_after_copy ?? false,
    external_cluster: b.external_cluster ?? '',
    source_time_zone: b.source_time_zone ?? '',
    target_time_zone: b.target_time_zone ?? '',
  };
}

/** The state shown for a stream (getStreamState): errors win, then a running copy shows as Copying. */
export function displayedState(row: VReplicationRow, copyStates: readonly CopyStateRow[]): string {
  if (row.message.toLowerCase().includes('error')) return 'Error';
  if (row.state === 'Running' && copyStates.length > 0) return 'Copying';
  return row.state;
}

const INT64_MAX = (1n << 63n) - 1n;

/**
 * getVReplicationTrxLag, in whole seconds, converted to int64 as vtctld does. While a stream copies the
 * Go code returns float64(MaxInt64), and int64() of that value on amd64 is MinInt64: that is what real
 * vtctld prints, and why canSwitch then reports "copy is still in progress" rather than a lag.
 */
export function transactionLagSeconds(row: VReplicationRow, nowSeconds: number): bigint {
  if (row.state === 'Copying') return -INT64_MAX - 1n;
  // A stream that never started (no position yet: not started, or created with --auto-start=false)
  // has neither a transaction nor a heartbeat time, so Vitess measures its lag from the epoch and
  // canSwitch refuses it ("replication lag 1705309200s is higher than allowed lag 30s").
  if (row.pos === '' && row.transactionTimestamp === 0 && row.timeHeartbeat === 0) return BigInt(nowSeconds);
  let last = row.transactionTimestamp;
  if (last === 0 || (row.timeUpdated === row.timeHeartbeat && row.timeUpdated > last)) last = row.timeUpdated;
  return BigInt(nowSeconds - last);
}

export interface BuiltWorkflow {
  json: WorkflowJson;
  streams: FetchedStream[];
  maxTransactionLag: bigint;
}

/**
 * Reads the workflows of a keyspace from its shard primaries and builds them, sorted by name (Vitess
 * returns Go map order; sorting keeps output deterministic).
 */
export function fetchWorkflows(
  topo: TopoServer,
  tmc: TabletManagerClient,
  env: SimEnv,
  req: GetWorkflowsRequest,
): BuiltWorkflow[] {
  const shards = getShards(topo, req.keyspace, req.shards ?? []);
  const byName = new Map<string, FetchedStream[]>();
  const shardRecords = new Map<string, Shard>();
  for (const shard of shards) {
    const { shard: si, primary } = shardPrimary(topo, req.keyspace, shard);
    shardRecords.set(shard, si);
    const rows = readVReplicationRows(tmc, primary.alias, tabletDbName(primary), {
      workflow: req.workflow,
      excludeStates: req.activeOnly ? ['Stopped'] : [],
    });
    if (rows.length === 0) continue;
    const ids = rows.map((r) => r.id);
    const copyStates = readCopyStates(tmc, primary.alias, ids);
    const logs = req.includeLogs ? readLogs(tmc, primary.alias, ids) : [];
    for (const row of rows) {
      const list = byName.get(row.workflow) ?? [];
      list.push({
        shard,
        primary,
        row,
        copyStates: copyStates.filter((c) => c.streamId === row.id),
        logs: logs.filter((l) => l.streamId === row.id),
      });
      byName.set(row.workflow, list);
    }
  }
  const nowMs = env.clock.nowMs();
  const nowSeconds = Math.floor(nowMs / 1000);
  return sortedStrings(byName.keys()).map((name) =>
    buildWorkflow(name, byName.get(name) ?? [], shardRecords, nowMs, nowSeconds, req.includeLogs ?? false),
  );
}

function buildWorkflow(
  name: string,
  streams: FetchedStream[],
  shardRecords: ReadonlyMap<string, Shard>,
  nowMs: number,
  nowSeconds: number,
  includeLogs: boolean,
): BuiltWorkflow {
  const shardStreams: WorkflowJson['shard_streams'] = {};
  const sourceShards = new Set<string>();
  const targetShards = new Set<string>();
  let sourceKeyspace = '';
  let targetKeyspace = '';
  let maxLag = 0;
  // Go keeps a float64 maximum starting at 0; the copying sentinel is float64(MaxInt64) there.
  let maxTrxLag = 0n;
  let first: VReplicationRow | undefined;
  const keyed = new Map<string, StreamJson[]>();
  for (const s of streams) {
    first ??= s.row;
    const key = `${s.shard}/${aliasString(s.primary.alias)}`;
    const list = keyed.get(key) ?? [];
    list.push(streamJson(s, includeLogs));
    keyed.set(key, list);
    sourceShards.add(s.row.source.shard);
    targetShards.add(s.shard);
    if (sourceKeyspace !== '' && sourceKeyspace !== s.row.source.keyspace) {
      throw plainError(
        `multiple source keyspaces for a single workflow: workflow = ${name}, ks1 = ${sourceKeyspace}, ks2 = ${s.row.source.keyspace}`,
      );
    }
    sourceKeyspace = s.row.source.keyspace;
    targetKeyspace = s.primary.keyspace;
    const lag = (nowMs - s.row.timeUpdated * 1000) / 1000;
    if (lag > maxLag) maxLag = lag;
    const trx = effectiveLag(transactionLagSeconds(s.row, nowSeconds));
    if (trx > maxTrxLag) maxTrxLag = trx;
  }
  for (const key of sortedStrings(keyed.keys())) {
    const shard = key.slice(0, key.indexOf('/'));
    const si = shardRecords.get(shard);
    shardStreams[key] = {
      streams: (keyed.get(key) ?? []).sort((a, b) => Number(a.id) - Number(b.id)),
      tablet_controls: si ? tabletControlsJson(si) : [],
      is_primary_serving: si?.is_primary_serving ?? false,
    };
  }
  // int64(float64(MaxInt64)) is MinInt64 on amd64, where vtctld runs.
  const trxLag = maxTrxLag === INT64_MAX ? -INT64_MAX - 1n : maxTrxLag;
  const json: WorkflowJson = {
    name,
    source: { keyspace: sourceKeyspace, shards: sortedStrings(sourceShards) },
    target: { keyspace: targetKeyspace, shards: sortedStrings(targetShards) },
    max_v_replication_lag: String(Math.trunc(maxLag)),
    shard_streams: shardStreams,
    workflow_type: WORKFLOW_TYPE_NAMES[first?.workflowType ?? 0] ?? 'Materialize',
    workflow_sub_type: WORKFLOW_SUB_TYPE_NAMES[first?.workflowSubType ?? 0] ?? 'None',
    max_v_replication_transaction_lag: String(trxLag),
    defer_secondary_keys: first?.deferSecondaryKeys ?? false,
  };
  return { json, streams, maxTransactionLag: trxLag };
}

/** The float the Go code compares: the copying sentinel is +MaxInt64 there, not the converted MinInt64. */
function effectiveLag(v: bigint): bigint {
  return v < -(1n << 62n) ? INT64_MAX : v;
}

function streamJson(s: FetchedStream, includeLogs: boolean): StreamJson {
  const r = s.row;
  return {
    id: String(r.id),
    shard: s.shard,
    tablet: tabletAliasJson(s.primary.alias),
    binlog_source: binlogSourceJson(r.source),
    position: decodePosition(r.pos),
    stop_position: r.stopPos,
    state: displayedState(r, s.copyStates),
    db_name: tabletDbName(s.primary),
    transaction_timestamp: vtTime(r.transactionTimestamp),
    time_updated: vtTime(r.timeUpdated),
    message: r.message,
    copy_states: s.copyStates.map((c) => ({ table: c.table, last_pk: c.lastPk, stream_id: String(c.streamId) })),
    logs: includeLogs
      ? s.logs.map((l) => ({
          id: String(l.id),
          stream_id: String(l.streamId),
          type: l.type,
          state: l.state,
          created_at: vtTime(l.createdAt),
          updated_at: vtTime(l.updatedAt),
          message: l.message,
          count: String(l.count),
        }))
      : [],
    log_fetch_error: '',
    // Vitess splits the tags column on ","; the acceptance page shows an empty list for no tags.
    tags: r.tags === '' ? [] : r.tags.split(','),
    rows_copied: String(r.rowsCopied),
    throttler_status: { component_throttled: r.componentThrottled, time_throttled: vtTime(r.timeThrottled) },
  };
}

// How a Reshard workflow moves traffic: not with routing rules but per shard, through the keyspace's
// SrvKeyspace (which shards serve each tablet type, and which have their query service disabled) and the
// shards' is_primary_serving flags. Used by the traffic switcher for workflows whose source and target
// keyspace are the same (migration type SHARDS).
// Mirrors go/vt/vtctl/workflow/traffic_switcher.go (switchShardReads, changeShardsAccess,
// changeShardRouting, dropSourceShards, dropTargetShards), server.go (GetCellsWithShardReadsSwitched,
// DeleteShard) and go/vt/topotools/keyspace.go (UpdateShardRecords). vttablet watches its SrvKeyspace
// and refreshes itself when it changes; vtsim refreshes the tablets of the shards involved after each
// change instead.

import type { TabletType } from '../common/tablet-alias.js';
import { VtError } from '../common/errors.js';
import type { TopoServer } from '../topo/topo-server.js';
import type { Shard } from '../topo/records.js';
import type { SrvKeyspace } from '../topo/srv-keyspace.js';
import { keyRangeEqual, migrateServedType, setQueryServiceDisabled } from '../topo/srv-keyspace.js';
import type { TrafficSwitcher } from './traffic-switcher.js';
import type { TrafficSwitchDirection } from './types.js';
import { plainError } from './utils.js';
import { ensureEscaped } from './sql-escape.js';
import { tabletDbName } from './vreplication-rows.js';

/** A shard as the SrvKeyspace edits need it. */
export interface NamedShard {
  name: string;
  si: Shard;
}

/** The workflow's source or target shards, re-read from topo (the switcher's copies may be stale). */
export function migrationShards(ts: TrafficSwitcher, side: 'source' | 'target'): NamedShard[] {
  const keyspace = side === 'source' ? ts.sourceKeyspace : ts.targetKeyspace;
  const names = side === 'source' ? ts.sourceList().map((s) => s.shard) : ts.targetList().map((t) => t.shard);
  return names.map((name) => {
    const si = ts.topo.getShard(keyspace, name);
    if (!si) throw plainError(`node doesn't exist: ${ts.topo.paths.shard(keyspace, name)}`);
    return { name, si };
  });
}

/** Applies an edit to the keyspace's SrvKeyspace in each cell (all cells when none are given). */
function editSrvKeyspace(topo: TopoServer, keyspace: string, cells: readonly string[], edit: (srv: SrvKeyspace) => void): void {
  topo.checkKeyspaceLocked(keyspace);
  for (const cell of cells.length > 0 ? cells : topo.getCellNames()) {
    const srv = topo.getSrvKeyspace(cell, keyspace);
    if (!srv) continue;
    edit(srv);
    topo.saveSrvKeyspace(cell, keyspace, srv);
  }
}

/** UpdateDisableQueryService, refused while a shard still has denied tables (a MoveTables in flight). */
export function updateDisableQueryService(
  topo: TopoServer,
  keyspace: string,
  shards: readonly NamedShard[],
  tabletType: TabletType,
  cells: readonly string[],
  disabled: boolean,
): void {
  for (const s of shards) {
    if (s.si.tablet_controls.some((tc) => tc.denied_tables.length > 0)) {
      throw plainError(`cannot safely alter DisableQueryService as DeniedTables is set for shard ${keyspace}/${s.name}`);
    }
  }
  editSrvKeyspace(topo, keyspace, cells, (srv) => setQueryServiceDisabled(srv, shards, tabletType, disabled));
}

/** Refreshes every tablet of the shards, as their SrvKeyspace watches would. */
function refreshShards(ts: TrafficSwitcher, keyspace: string, shards: readonly NamedShard[]): void {
  for (const s of shards) ts.refreshTabletsByShard(keyspace, s.name);
}

/**
 * switchShardReads: for each read-only type, the "from" shards stop serving it and the "to" shards start
 * (UpdateShardRecords on both sides, then MigrateServedType).
 */
export function switchShardReads(ts: TrafficSwitcher, cells: string[], servedTypes: TabletType[], direction: TrafficSwitchDirection): void {
  const sources = migrationShards(ts, 'source');
  const targets = migrationShards(ts, 'target');
  const [from, to] = direction === 'forward' ? [sources, targets] : [targets, sources];
  const keyspace = ts.sourceKeyspace;
  for (const servedType of servedTypes) {
    updateDisableQueryService(ts.topo, keyspace, from, servedType, cells, true);
    updateDisableQueryService(ts.topo, keyspace, to, servedType, cells, false);
    refreshShards(ts, keyspace, to);
    editSrvKeyspace(ts.topo, keyspace, cells, (srv) => migrateServedType(srv, to, from, servedType));
  }
  refreshShards(ts, keyspace, [...from, ...to]);
}

/** changeShardsAccess: disable (or enable) the PRIMARY query service of the shards and refresh them. */
export function changeShardsAccess(ts: TrafficSwitcher, side: 'source' | 'target', allow: boolean): void {
  const keyspace = side === 'source' ? ts.sourceKeyspace : ts.targetKeyspace;
  const shards = migrationShards(ts, side);
  updateDisableQueryService(ts.topo, keyspace, shards, 'PRIMARY', [], !allow);
  for (const s of shards) {
    const { partial, details } = ts.refreshTabletsByShard(keyspace, s.name);
    if (partial && !ts.force) {
      throw plainError(`failed to successfully refresh all tablets in the ${keyspace}/${s.name} shard (<nil>):\n  ${details}`);
    }
  }
}

/**
 * changeShardRouting: the source shards stop serving writes (is_primary_serving false) and the targets
 * start; the PRIMARY partition follows, which also clears every tablet control of the record.
 */
export function changeShardRouting(ts: TrafficSwitcher): void {
  const { topo } = ts;
  for (const s of ts.sourceList()) {
    topo.updateShardFields(ts.sourceKeyspace, s.shard, (si) => {
      si.is_primary_serving = false;
    });
  }
  for (const t of ts.targetList()) {
    topo.updateShardFields(ts.targetKeyspace, t.shard, (si) => {
      si.is_primary_serving = true;
    });
  }
  const sources = migrationShards(ts, 'source');
  const targets = migrationShards(ts, 'target');
  editSrvKeyspace(topo, ts.targetKeyspace, [], (srv) => migrateServedType(srv, targets, sources, 'PRIMARY'));
  refreshShards(ts, ts.sourceKeyspace, [...sources, ...targets]);
}

/** The cells where a shard still serves some type (GetShardServingCells). */
function shardServingCells(topo: TopoServer, keyspace: string, shard: string): string[] {
  return topo.getCellNames().filter((cell) =>
    (topo.getSrvKeyspace(cell, keyspace)?.partitions ?? []).some((p) => p.shard_references.some((r) => r.name === shard)),
  );
}

/**
 * dropSourceShards (Complete): Server.DeleteShard(recursive, evenIfServing=false) of each source shard,
 * with its tablet records; the SrvKeyspace is then derived from the shards again.
 */
export function dropSourceShards(ts: TrafficSwitcher): void {
  for (const s of ts.sourceList()) {
    if (ts.topo.getShard(ts.sourceKeyspace, s.shard) === undefined) continue;
    if (shardServingCells(ts.topo, ts.sourceKeyspace, s.shard).length > 0) {
      throw new VtError(
        'FAILED_PRECONDITION',
        `shard ${ts.sourceKeyspace}/${s.shard} is still serving, cannot delete it, use the even-if-serving flag if needed`,
      );
    }
  }
  for (const s of ts.sourceList()) {
    if (ts.topo.getShard(ts.sourceKeyspace, s.shard) !== undefined) ts.topo.deleteShard(ts.sourceKeyspace, s.shard, true);
  }
  ts.topo.rebuildKeyspace(ts.sourceKeyspace);
}

/**
 * dropTargetShards (Cancel). Vitess deletes the target shards with their tablet records and the tablets,
 * finding their records gone, shut themselves down. vtsim's tablets would keep running without records
 * (and a vtorc could later pick one for a new shard of the same name), so it drops the tables the
 * workflow copied to the target shards instead, leaving them ready for a new try (docs/FIDELITY.md).
 */
export function dropTargetShards(ts: TrafficSwitcher): void {
  for (const t of ts.targetList()) {
    const db = ensureEscaped(tabletDbName(t.primary));
    for (const d of ts.tmc.getSchema(t.primary.alias).tableDefinitions) {
      ts.tmc.executeFetchAsDba(t.primary.alias, `drop table ${db}.${ensureEscaped(d.name)}`);
    }
  }
  ts.topo.rebuildKeyspace(ts.targetKeyspace);
}

/**
 * GetCellsWithShardReadsSwitched: a cell has not switched a type's reads for a shard while the shard is
 * in the type's partition and either nothing is controlled yet or its query service is still enabled.
 */
export function cellsWithShardReadsSwitched(
  topo: TopoServer,
  keyspace: string,
  si: Shard,
  tabletType: TabletType,
): { switched: string[]; notSwitched: string[] } {
  const switched: string[] = [];
  const notSwitched: string[] = [];
  for (const cell of topo.getCellNames()) {
    const srv = topo.getSrvKeyspace(cell, keyspace);
    let found = false;
    let noControls = false;
    let serving = false;
    for (const p of srv?.partitions ?? []) {
      if (p.served_type !== tabletType) continue;
      found = p.shard_references.some((r) => keyRangeEqual(r.key_range, si.key_range));
      if (p.shard_tablet_controls.length === 0) {
        noControls = true;
        break;
      }
      const tc = p.shard_tablet_controls.find((c) => keyRangeEqual(c.key_range, si.key_range));
      if (tc && !tc.query_service_disabled) serving = true;
    }
    (found && (serving || noControls) ? notSwitched : switched).push(cell);
  }
  return { switched, notSwitched };
}

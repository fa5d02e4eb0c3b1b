// SrvKeyspace: per cell, which shards serve each tablet type of a keyspace (its partitions) and which of
// them have their query service disabled. vtgate routes by it and tablets read their serving state from
// it; Reshard's traffic switch edits it a tablet type at a time.
// Mirrors proto/topodata.proto (SrvKeyspace, KeyspacePartition, ShardReference, ShardTabletControl) and
// go/vt/topo/srv_keyspace.go (UpdateDisableQueryService, MigrateServedType, GetShardServingCells) and
// go/vt/topotools/rebuild_keyspace.go (the partitions a rebuild derives from the serving shards).
//
// vtsim keeps a stored record only while a Reshard has made it differ from what a rebuild would derive
// (between the first traffic switch and Complete / Cancel); otherwise the record is derived from the shard
// records on every read, so creating or deleting shards never leaves a stale record behind (see
// docs/FIDELITY.md).

import type { KeyRange } from '../common/key-range.js';
import type { TabletType } from '../common/tablet-alias.js';
import type { Shard } from './records.js';

/** topodata.ShardReference. */
export interface ShardReference {
  name: string;
  key_range: KeyRange | null;
}

/** topodata.ShardTabletControl. */
export interface ShardTabletControl {
  name: string;
  key_range: KeyRange | null;
  query_service_disabled: boolean;
}

/** topodata.SrvKeyspace.KeyspacePartition. */
export interface KeyspacePartition {
  served_type: TabletType;
  shard_references: ShardReference[];
  shard_tablet_controls: ShardTabletControl[];
}

/** topodata.SrvKeyspace (the fields vtsim uses). */
export interface SrvKeyspace {
  partitions: KeyspacePartition[];
}

/** The served types a rebuild creates partitions for, in the order Vitess lists them. */
export const SERVED_TYPES: readonly TabletType[] = ['PRIMARY', 'REPLICA', 'RDONLY'];

/** key.KeyRangeEqual: a missing range and the full range are the same. */
export function keyRangeEqual(a: KeyRange | null, b: KeyRange | null): boolean {
  return (a?.start ?? '') === (b?.start ?? '') && (a?.end ?? '') === (b?.end ?? '');
}

/** The partitions a RebuildKeyspaceGraph derives: every primary-serving shard serves every type. */
export function deriveSrvKeyspace(shards: ReadonlyArray<{ name: string; si: Shard }>): SrvKeyspace {
  const serving = shards.filter((s) => s.si.is_primary_serving);
  return {
    partitions: SERVED_TYPES.map((t) => ({
      served_type: t,
      shard_references: serving.map((s) => ({ name: s.name, key_range: s.si.key_range })),
      shard_tablet_controls: [],
    })),
  };
}

/** UpdateDisableQueryService on one cell's record: set (or add) each shard's control for a type. */
export function setQueryServiceDisabled(
  srv: SrvKeyspace,
  shards: ReadonlyArray<{ name: string; si: Shard }>,
  tabletType: TabletType,
  disabled: boolean,
): void {
  for (const p of srv.partitions) {
    if (p.served_type !== tabletType) continue;
    for (const s of shards) {
      const tc = p.shard_tablet_controls.find((c) => keyRangeEqual(c.key_range, s.si.key_range));
      if (tc) tc.query_service_disabled = disabled;
      else p.shard_tablet_controls.push({ name: s.name, key_range: s.si.key_range, query_service_disabled: disabled });
    }
  }
}

/**
 * MigrateServedType on one cell's record: the type's partition loses `remove` and gains `add`. Migrating
 * PRIMARY clears the tablet controls of every partition (the migration is over).
 */
export function migrateServedType(
  srv: SrvKeyspace,
  add: ReadonlyArray<{ name: string; si: Shard }>,
  remove: ReadonlyArray<{ name: string; si: Shard }>,
  tabletType: TabletType,
): void {
  for (const p of srv.partitions) {
    if (tabletType === 'PRIMARY') p.shard_tablet_controls = [];
    if (p.served_type !== tabletType) continue;
    const kept = p.shard_references.filter((r) => !remove.some((s) => keyRangeEqual(r.key_range, s.si.key_range)));
    for (const s of add) {
      if (!p.shard_references.some((r) => keyRangeEqual(r.key_range, s.si.key_range))) {
        kept.push({ name: s.name, key_range: s.si.key_range });
      }
    }
    // OrderAndCheckPartitions: references in key-range order.
    kept.sort((a, b) => compare(a.key_range?.start ?? '', b.key_range?.start ?? '') || compare(a.name, b.name));
    p.shard_references = kept;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The shard names a type's partition serves (in key-range order). */
export function servedShardNames(srv: SrvKeyspace, tabletType: TabletType): string[] {
  return srv.partitions.find((p) => p.served_type === tabletType)?.shard_references.map((r) => r.name) ?? [];
}

/** Whether a shard's query service is disabled for a type (a tablet's tabletControls[type]). */
export function isQueryServiceDisabled(srv: SrvKeyspace, keyRange: KeyRange | null, tabletType: TabletType): boolean {
  const p = srv.partitions.find((x) => x.served_type === tabletType);
  const tc = p?.shard_tablet_controls.find((c) => keyRangeEqual(c.key_range, keyRange));
  return tc?.query_service_disabled ?? false;
}

/** The types a shard's key range is served for in a record (GetShardServingTypes). */
export function shardServingTypes(srv: SrvKeyspace, keyRange: KeyRange | null): TabletType[] {
  return srv.partitions
    .filter((p) => p.shard_references.some((r) => keyRangeEqual(r.key_range, keyRange)))
    .map((p) => p.served_type);
}

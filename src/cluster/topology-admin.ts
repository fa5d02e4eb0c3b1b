// Removing shards and tablets from the topology, as vtctld's DeleteShards and DeleteTablets do.
// Mirrors go/vt/vtctl/grpcvtctldserver/topo.go (deleteShard, deleteShardCell, deleteTablet) and
// go/vt/topotools (IsPrimaryTablet, DeleteTablet). A vttablet whose record is deleted stops here (as the
// Reshard workflow's cleanup assumes, see docs/FIDELITY.md); its mysqld keeps running, so the example's
// vttablet-down.sh / mysqlctl-down.sh still find it.

import type { TabletAlias } from '../common/tablet-alias.js';
import { aliasEquals, aliasString } from '../common/tablet-alias.js';
import { errorMessage, vtError } from '../common/errors.js';
import { isTopoError } from '../topo/topo-errors.js';
import type { Tablet } from '../topo/records.js';
import { vtTimeFromMs, vtTimeToMs } from '../topo/records.js';
import type { Cluster } from './cluster.js';

export interface DeleteShardOptions {
  recursive: boolean;
  evenIfServing: boolean;
  force: boolean;
}

/** The cells whose SrvKeyspace names the shard in any partition (topo.GetShardServingCells). */
export function shardServingCells(cluster: Cluster, keyspace: string, shard: string): string[] {
  return cluster.topo.getCellNames().filter((cell) => {
    const srv = cluster.topo.getSrvKeyspace(cell, keyspace);
    return srv?.partitions.some((p) => p.shard_references.some((r) => r.name === shard)) ?? false;
  });
}

/** deleteShard: one shard, checked and deleted under its lock. Deleting a missing shard succeeds. */
export function deleteShard(cluster: Cluster, keyspace: string, shard: string, o: DeleteShardOptions): void {
  const { topo } = cluster;
  let unlock: (() => void) | undefined;
  try {
    unlock = topo.lockShard(keyspace, shard, 'DeleteShard');
  } catch (e) {
    if (!o.force) {
      throw vtError('UNKNOWN', `failed to lock ${keyspace}/${shard}; if you really want to delete this shard, re-run with Force=true: ${errorMessage(e)}`);
    }
  }
  try {
    if (topo.getShard(keyspace, shard) === undefined) return;
    if (shardServingCells(cluster, keyspace, shard).length > 0 && !o.evenIfServing) {
      throw vtError('FAILED_PRECONDITION', `shard ${keyspace}/${shard} is still serving; cannot delete it; use EvenIfServing = true to delete anyway`);
    }
    const tablets = topo.getTabletsByShard(keyspace, shard);
    // topo.deleteShard refuses a non-empty shard without `recursive`, with Vitess's per-cell text.
    topo.deleteShard(keyspace, shard, o.recursive);
    for (const t of tablets) cluster.stopVttablet(t.alias);
  } finally {
    releaseShardLock(unlock);
  }
}

/** Unlocking a shard that was just deleted is not an error (deleteShard's deferred check). */
function releaseShardLock(unlock: (() => void) | undefined): void {
  try {
    unlock?.();
  } catch (e) {
    if (!isTopoError(e, 'NOT_LOCKED') && !isTopoError(e, 'NO_NODE')) throw e;
  }
}

/** topotools.IsPrimaryTablet: a PRIMARY record the shard names, or whose term started later. */
export function isPrimaryTablet(cluster: Cluster, t: Tablet): boolean {
  if (t.type !== 'PRIMARY') return false;
  const si = cluster.topo.getShard(t.keyspace, t.shard);
  if (!si) throw vtError('NOT_FOUND', `node doesn't exist: ${cluster.topo.paths.shard(t.keyspace, t.shard)}`);
  if (si.primary_alias && aliasEquals(si.primary_alias, t.alias)) return true;
  const tabletStart = t.primary_term_start_time ? vtTimeToMs(t.primary_term_start_time) : 0;
  const shardStart = si.primary_term_start_time ? vtTimeToMs(si.primary_term_start_time) : 0;
  return tabletStart > shardStart;
}

/** deleteTablet: refuses a primary unless allowed; a deleted primary leaves its shard without one. */
export function deleteTablet(cluster: Cluster, alias: TabletAlias, allowPrimary: boolean): void {
  const { topo } = cluster;
  const t = topo.getTablet(alias);
  if (!t) throw vtError('NOT_FOUND', `node doesn't exist: tablets/${aliasString(alias)}/Tablet`);
  const primary = isPrimaryTablet(cluster, t);
  if (primary && !allowPrimary) {
    throw vtError('FAILED_PRECONDITION', `cannot delete tablet ${aliasString(alias)} as it is a primary, pass AllowPrimary = true`);
  }
  if (primary) {
    const unlock = topo.lockShard(t.keyspace, t.shard, `DeleteTablet(${aliasString(alias)})`);
    try {
      const si = topo.getShard(t.keyspace, t.shard);
      if (si?.primary_alias && aliasEquals(si.primary_alias, alias)) {
        topo.updateShardFields(t.keyspace, t.shard, (s) => {
          s.primary_alias = null;
          s.primary_term_start_time = vtTimeFromMs(cluster.env.clock.nowMs());
        });
      }
    } finally {
      unlock();
    }
  }
  topo.deleteTablet(alias);
  cluster.stopVttablet(alias);
  // A shard left without a primary is vtorc's to fix, as in a real cluster.
  cluster.vtorc.check();
}

// Promoting a tablet to primary and repointing the rest of its shard.
// Mirrors go/vt/vtctl/reparentutil (PlannedReparentShard: demote the old primary, wait for the new
// one to catch up, promote it, repoint replicas) and what vtorc does for a shard with no primary.

import type { TabletAlias } from '../common/tablet-alias.js';
import { aliasEquals, aliasString } from '../common/tablet-alias.js';
import { vtError } from '../common/errors.js';
import type { Cluster, TabletProcess } from './cluster.js';

/**
 * The running tablets of a shard as a reparent sees them: the shard's tablet records in topo whose
 * vttablet runs as a tablet of that shard. A vttablet left running after its record was deleted is
 * not part of the shard any more (it is neither repointed nor demoted).
 */
function shardMembers(cluster: Cluster, keyspace: string, shard: string): TabletProcess[] {
  const out: TabletProcess[] = [];
  for (const rec of cluster.topo.getTabletsByShard(keyspace, shard)) {
    const p = cluster.tablet(rec.alias);
    if (p?.server && p.keyspace === keyspace && p.shard === shard) out.push(p);
  }
  return out.sort((a, b) => aliasString(a.alias).localeCompare(aliasString(b.alias)));
}

/**
 * Promotes `newPrimary`; the current primary (if any) becomes a REPLICA. Everything is checked before
 * anything changes: the tablet must run and have its record in this shard.
 */
export function promoteToPrimary(cluster: Cluster, keyspace: string, shard: string, newPrimary: TabletAlias): void {
  const { topo, env } = cluster;
  const target = cluster.tablet(newPrimary);
  if (!target?.server || !target.mysqld) {
    throw vtError('FAILED_PRECONDITION', `tablet ${aliasString(newPrimary)} is not running`);
  }
  const shardRec = topo.getShard(keyspace, shard);
  if (!shardRec) throw vtError('NOT_FOUND', `node doesn't exist: keyspaces/${keyspace}/shards/${shard}/Shard`);
  const rec = topo.getTablet(newPrimary);
  if (!rec) throw vtError('NOT_FOUND', `node doesn't exist: tablets/${aliasString(newPrimary)}/Tablet`);
  if (rec.keyspace !== keyspace || rec.shard !== shard || target.keyspace !== keyspace || target.shard !== shard) {
    throw vtError('FAILED_PRECONDITION', `tablet ${aliasString(newPrimary)} is not in shard ${keyspace}/${shard}`);
  }
  const oldAlias = shardRec.primary_alias;
  // After a first election every tablet starts replicating. Later, replicas follow the new primary only
  // if they were replicating (SetReplicationSource without forceStartReplication): one stopped with
  // StopReplication stays stopped. The old primary starts.
  const replicating = new Set(
    shardMembers(cluster, keyspace, shard)
      .filter((p) => !oldAlias || p.server?.replication.running() || aliasEquals(p.alias, oldAlias))
      .map((p) => aliasString(p.alias)),
  );
  if (oldAlias && !aliasEquals(oldAlias, newPrimary)) {
    const old = cluster.tablet(oldAlias);
    // An old primary whose record is gone cannot be demoted through topo; it is not part of the shard.
    if (old?.server && old.mysqld && topo.getTablet(oldAlias)) {
      // Demote first so no new writes land, then let the new primary catch up with everything.
      topo.updateTablet(oldAlias, (t) => {
        t.type = 'REPLICA';
        t.primary_term_start_time = null;
      });
      old.manager?.refreshState();
      const oldMysqld = old.mysqld;
      const caughtUp = env.scheduler.waitFor(
        () => target.mysqld !== undefined && target.mysqld.gtidExecuted.containsSet(oldMysqld.gtidExecuted),
        30_000,
        2_000_000,
        'new primary to catch up',
      );
      if (!caughtUp) {
        throw vtError('DEADLINE_EXCEEDED', `primary-elect tablet ${aliasString(newPrimary)} failed to catch up with replication`);
      }
    }
  }
  const termStart = { seconds: String(env.clock.nowSeconds()), nanoseconds: 0 };
  target.server.replication.stop();
  topo.updateTablet(newPrimary, (t) => {
    t.type = 'PRIMARY';
    t.primary_term_start_time = termStart;
  });
  topo.updateShardFields(keyspace, shard, (s) => {
    s.primary_alias = { cell: newPrimary.cell, uid: newPrimary.uid };
    s.primary_term_start_time = termStart;
    // is_primary_serving is decided when the shard is created (false while it overlaps a serving
    // shard, e.g. the new shards of a reshard) and by traffic switching, never by a reparent.
  });
  for (const p of shardMembers(cluster, keyspace, shard)) {
    p.manager?.refreshState();
    if (!aliasEquals(p.alias, newPrimary) && replicating.has(aliasString(p.alias))) cluster.startReplicationFor(p);
  }
  env.trace.record('reparent', 'promoted', `${keyspace}/${shard} ${aliasString(newPrimary)}`);
}

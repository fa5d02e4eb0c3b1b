// A simulated vtorc: watches shards and, when a shard has tablets but no primary, elects one of its
// REPLICA tablets (a seeded choice) after a short delay, as the local example's vtorc does for a new
// keyspace. Mirrors go/vt/vtorc/logic (the "ClusterHasNoPrimary" recovery), much simplified.
// Like Vitess's vtorc, it knows a shard's tablets from their records in topo (refreshTabletsUsing): a
// vttablet still running after its record was deleted (its shard deleted, or removed by a Reshard's
// Complete) is nobody's candidate, even when a new shard of the same name appears. A recovery that
// fails is recorded in the trace and tried again at the next check, as vtorc retries on its next poll;
// it never throws out of the scheduler.

import type { TabletAlias } from '../common/tablet-alias.js';
import { aliasString } from '../common/tablet-alias.js';
import { errorMessage } from '../common/errors.js';
import type { Cluster } from './cluster.js';
import { promoteToPrimary } from './reparent.js';

/** How long vtorc takes to notice and fix a shard without a primary. */
const ELECTION_DELAY_MS = 2_000;

export class Vtorc {
  private readonly pending = new Set<string>();

  constructor(private readonly cluster: Cluster) {}

  /** True while an election is scheduled (the shell's settle waits for it). */
  busy(): boolean {
    return this.pending.size > 0;
  }

  /** Looks at every shard and schedules an election where one is needed. */
  check(): void {
    const { cluster } = this;
    if (!cluster.processes.vtorc) return;
    for (const ks of cluster.topo.getKeyspaceNames()) {
      for (const shard of cluster.topo.getShardNames(ks)) {
        const key = `${ks}/${shard}`;
        if (this.pending.has(key)) continue;
        if (cluster.topo.getShard(ks, shard)?.primary_alias) continue;
        if (this.candidates(ks, shard).length === 0) continue;
        this.pending.add(key);
        cluster.env.scheduler.after(ELECTION_DELAY_MS, `vtorc elect ${key}`, () => this.elect(ks, shard));
      }
    }
  }

  /**
   * The REPLICA tablets of a shard that can be promoted: tablet records of that shard in topo whose
   * vttablet runs (as that shard's tablet) with its MySQL up. Sorted by alias for a deterministic draw.
   */
  private candidates(keyspace: string, shard: string): TabletAlias[] {
    return this.cluster.topo
      .getTabletsByShard(keyspace, shard)
      .filter((rec) => rec.type === 'REPLICA')
      .filter((rec) => {
        const p = this.cluster.tablet(rec.alias);
        return p?.server !== undefined && p.keyspace === keyspace && p.shard === shard && p.server.type === 'REPLICA' && p.mysqld?.running === true;
      })
      .map((rec) => rec.alias)
      .sort((a, b) => aliasString(a).localeCompare(aliasString(b)));
  }

  private elect(keyspace: string, shard: string): void {
    const key = `${keyspace}/${shard}`;
    this.pending.delete(key);
    const { cluster } = this;
    try {
      if (!cluster.processes.vtorc || cluster.topo.getShard(keyspace, shard)?.primary_alias) return;
      const candidates = this.candidates(keyspace, shard);
      if (candidates.length === 0) return;
      // The most advanced replica wins; ties are broken by the seeded PRNG, like an election race.
      const best = Math.max(...candidates.map((a) => this.executedCount(a)));
      const top = candidates.filter((a) => this.executedCount(a) === best);
      const chosen = cluster.env.rng.pick(top);
      cluster.env.trace.record('vtorc', 'elect', `${key} ${aliasString(chosen)}`);
      promoteToPrimary(cluster, keyspace, shard, chosen);
    } catch (e) {
      // The shard (or the chosen tablet's record) changed under the recovery: give up this round.
      cluster.env.trace.record('vtorc', 'recovery-failed', `${key}: ${errorMessage(e)}`);
    }
  }

  private executedCount(alias: TabletAlias): number {
    const m = this.cluster.tablet(alias)?.mysqld;
    return m ? m.binlog.endIndex() : 0;
  }
}

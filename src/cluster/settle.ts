// Settling: after each command in the shell and in lessons, simulated time advances until the cluster
// is quiet — replicas caught up, no election pending, no stream copying or catching up — the way a
// reader pauses between commands. Bounded: a cluster that never quiets (a stream retrying an error)
// just stops settling after the bound.

import type { Cluster } from './cluster.js';

/** The longest a settle may advance simulated time. */
export const SETTLE_MAX_MS = 10 * 60_000;

export function isQuiet(cluster: Cluster): boolean {
  if (cluster.vtorc.busy()) return false;
  for (const p of cluster.tabletProcesses()) {
    const s = p.server;
    if (!s || !p.mysqld?.running) continue;
    const r = s.replication.status();
    if (r.running && r.pendingTransactions > 0) return false;
    if (p.manager?.vreplication?.isBusy() || p.manager?.vdiffEngine?.isBusy()) return false;
  }
  return true;
}

export function settle(cluster: Cluster, maxMs = SETTLE_MAX_MS): boolean {
  cluster.vtorc.check();
  return cluster.env.scheduler.waitFor(() => isQuiet(cluster), maxMs, 5_000_000, 'the cluster to settle');
}

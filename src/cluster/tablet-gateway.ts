// vtgate's view of the tablets: which serving tablet answers a target, and the health of every tablet
// (for `show vitess_tablets`). Mirrors go/vt/vtgate/tabletgateway.go and discovery's healthcheck,
// reading the cluster's live tablets instead of health streams. Like the healthcheck, which discovers
// tablets from their records in topo, it only knows tablets whose record exists for that shard: a
// vttablet left running after its record was deleted is not routed to.

import type { Target, TabletAlias } from '../common/tablet-alias.js';
import { aliasString, tabletTypeOrder } from '../common/tablet-alias.js';
import type { QueryService } from '../tablets/query-service.js';
import type { TabletGateway, TabletHealth } from '../router/tablet-gateway.js';
import type { Cluster, TabletProcess } from './cluster.js';

export class ClusterTabletGateway implements TabletGateway {
  /** The last choice per target; checked on every use, recomputed when it no longer fits. */
  private readonly chosen = new Map<string, TabletProcess>();
  /** hasRecord's answers at topo version recordsVersion (a topo read clones the record: too slow per query). */
  private readonly records = new Map<string, boolean>();
  private recordsVersion = -1;

  constructor(private readonly cluster: Cluster) {}

  dial(target: Target): { alias: TabletAlias; service: QueryService } | undefined {
    const key = `${target.keyspace}/${target.shard}/${target.tabletType}`;
    const cached = this.chosen.get(key);
    const s = cached?.server;
    if (
      cached &&
      s &&
      s.type === target.tabletType &&
      s.servingState() === 'SERVING' &&
      this.cluster.tablet(cached.alias) === cached &&
      this.hasRecord(cached, target)
    ) {
      return { alias: cached.alias, service: s };
    }
    const found = this.choose(target);
    if (found) this.chosen.set(key, found);
    else this.chosen.delete(key);
    return found?.server ? { alias: found.alias, service: found.server } : undefined;
  }

  private choose(target: Target): TabletProcess | undefined {
    const candidates = this.cluster
      .shardTablets(target.keyspace, target.shard)
      .filter((p) => p.server && p.server.type === target.tabletType && p.server.servingState() === 'SERVING' && this.hasRecord(p, target));
    // Deterministic choice among equals: the lowest alias (vtgate would pick randomly among healthy ones).
    return candidates[0];
  }

  /** The tablet's record is in topo, in the target's shard (remembered until topo next changes). */
  private hasRecord(p: TabletProcess, target: Target): boolean {
    const topo = this.cluster.topo;
    if (topo.version() !== this.recordsVersion) {
      this.records.clear();
      this.recordsVersion = topo.version();
    }
    const key = `${aliasString(p.alias)} ${target.keyspace}/${target.shard}`;
    let ok = this.records.get(key);
    if (ok === undefined) {
      const rec = topo.getTablet(p.alias);
      ok = rec !== undefined && rec.keyspace === target.keyspace && rec.shard === target.shard;
      this.records.set(key, ok);
    }
    return ok;
  }

  tabletHealth(): TabletHealth[] {
    const out: TabletHealth[] = [];
    for (const p of this.cluster.tabletProcesses()) {
      const rec = this.cluster.topo.getTablet(p.alias);
      if (!rec || !p.server) continue;
      const term = rec.primary_term_start_time;
      out.push({
        cell: p.alias.cell,
        keyspace: rec.keyspace,
        shard: rec.shard,
        tabletType: p.server.type,
        state: p.server.servingState(),
        alias: p.alias,
        hostname: rec.hostname,
        primaryTermStartTimeMs: p.server.type === 'PRIMARY' && term ? Number(term.seconds) * 1000 : null,
        mysqlPort: rec.mysql_port,
      });
    }
    return out.sort(
      (a, b) =>
        a.cell.localeCompare(b.cell) ||
        a.keyspace.localeCompare(b.keyspace) ||
        a.shard.localeCompare(b.shard) ||
        tabletTypeOrder(a.tabletType) - tabletTypeOrder(b.tabletType) ||
        aliasString(a.alias).localeCompare(aliasString(b.alias)),
    );
  }
}

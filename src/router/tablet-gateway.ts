// TabletGateway: how vtgate reaches tablets. It knows which tablets are healthy and serving for each
// target (the health check's view) and hands out a connection (a QueryService) to one of them.
// Mirrors go/vt/vtgate/tabletgateway.go (GetHealthyTabletStats + the tablet's query service) and
// go/vt/discovery/tablet_health.go (TabletHealth). The cluster implements it over the simulated
// network; tests use an in-memory one.

import type { TabletAlias, TabletType, Target } from '../common/tablet-alias.js';
import type { QueryService } from '../tablets/query-service.js';

/** What vtgate's health check knows about one tablet (discovery.TabletHealth). */
export interface TabletHealth {
  cell: string;
  keyspace: string;
  shard: string;
  tabletType: TabletType;
  state: 'SERVING' | 'NOT_SERVING';
  alias: TabletAlias;
  hostname: string;
  /** When the tablet became primary (virtual ms), or null for non-primaries. */
  primaryTermStartTimeMs: number | null;
  /** The tablet's MySQL port, when known (`show vitess_replication_status` prints the source's). */
  mysqlPort?: number;
}

/** A connection to one tablet. */
export interface TabletConnection {
  alias: TabletAlias;
  service: QueryService;
}

export interface TabletGateway {
  /**
   * A healthy, serving tablet for the target, or undefined when there is none. For REPLICA and
   * RDONLY the choice among several must be deterministic (the simulation replays exactly).
   */
  dial(target: Target): TabletConnection | undefined;
  /** Every tablet the health check knows, serving or not (for `show vitess_tablets`). */
  tabletHealth(): TabletHealth[];
}

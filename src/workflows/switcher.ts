// The two ways a traffic switch, Complete or Cancel can run: for real, or as a dry run that only lists the
// steps. The server drives both through one interface, so the dry-run list follows the real code path.
// Mirrors go/vt/vtctl/workflow/switcher_interface.go (iswitcher) and switcher.go (the real switcher, which
// delegates to the trafficSwitcher).

import type { TabletType } from '../common/tablet-alias.js';
import type { TableRemovalType, TrafficSwitcher } from './traffic-switcher.js';
import type { TrafficSwitchDirection } from './types.js';
import { changeShardRouting, changeShardsAccess, dropSourceShards, dropTargetShards, switchShardReads } from './reshard-traffic.js';

export interface Switcher {
  readonly ts: TrafficSwitcher;
  lockKeyspace(keyspace: string, action: string): () => void;
  mirrorTableTraffic(types: readonly TabletType[], percent: number): void;
  switchTableReads(cells: string[], types: TabletType[], rebuildSrvVSchema: boolean, direction: TrafficSwitchDirection): void;
  /** Reshard: move the read-only types' SrvKeyspace partitions between the source and target shards. */
  switchShardReads(cells: string[], types: TabletType[], direction: TrafficSwitchDirection): void;
  stopSourceWrites(): void;
  /** Stops other workflows that read the moved tables (none are migrated in vtsim); returns their names. */
  stopStreams(): string[];
  waitForCatchup(timeoutMs: number): void;
  migrateStreams(): void;
  resetSequences(): void;
  createReverseVReplication(): void;
  createJournals(sourceWorkflows: string[]): void;
  allowTargetWrites(): void;
  changeRouting(): void;
  streamMigraterFinalize(sourceWorkflows: string[]): void;
  startReverseVReplication(): void;
  freezeTargetVReplication(): void;
  /** Undo of a failed switch; returns the errors it met (empty on success). */
  cancelMigration(): string[];
  validateWorkflowHasCompleted(): void;
  removeSourceTables(removalType: TableRemovalType): void;
  removeTargetTables(): void;
  /** Reshard Complete: delete the source shards and their tablet records. */
  dropSourceShards(): void;
  /** Reshard Cancel: drop what was copied to the target shards (see reshard-traffic.ts). */
  dropTargetShards(): void;
  dropSourceDeniedTables(): void;
  dropTargetDeniedTables(): void;
  dropSourceReverseVReplicationStreams(): void;
  dropTargetVReplicationStreams(): void;
  deleteRoutingRules(): void;
  logs(): string[] | undefined;
}

export class RealSwitcher implements Switcher {
  constructor(readonly ts: TrafficSwitcher) {}

  lockKeyspace(keyspace: string, action: string): () => void {
    return this.ts.topo.lockKeyspace(keyspace, action);
  }
  mirrorTableTraffic(): void {
    // vtsim has no mirror rules, so there are none to remove.
  }
  switchTableReads(cells: string[], types: TabletType[], rebuild: boolean, direction: TrafficSwitchDirection): void {
    this.ts.switchTableReads(cells, types, rebuild, direction);
  }
  switchShardReads(cells: string[], types: TabletType[], direction: TrafficSwitchDirection): void {
    switchShardReads(this.ts, cells, types, direction);
  }
  stopSourceWrites(): void {
    if (this.ts.migrationType === 'SHARDS') changeShardsAccess(this.ts, 'source', false);
    else this.ts.stopSourceWrites();
  }
  stopStreams(): string[] {
    return [];
  }
  waitForCatchup(timeoutMs: number): void {
    this.ts.waitForCatchup(timeoutMs);
  }
  migrateStreams(): void {}
  resetSequences(): void {}
  createReverseVReplication(): void {
    this.ts.createReverseVReplication();
  }
  createJournals(sourceWorkflows: string[]): void {
    this.ts.createJournals(sourceWorkflows);
  }
  allowTargetWrites(): void {
    if (this.ts.migrationType === 'SHARDS') changeShardsAccess(this.ts, 'target', true);
    else this.ts.allowTargetWrites();
  }
  changeRouting(): void {
    if (this.ts.migrationType === 'SHARDS') changeShardRouting(this.ts);
    else this.ts.changeWriteRoute();
  }
  streamMigraterFinalize(): void {}
  startReverseVReplication(): void {
    this.ts.startReverseVReplication();
  }
  freezeTargetVReplication(): void {
    this.ts.freezeTargetVReplication();
  }
  cancelMigration(): string[] {
    return this.ts.cancelMigration();
  }
  validateWorkflowHasCompleted(): void {
    this.ts.validateWorkflowHasCompleted();
  }
  removeSourceTables(removalType: TableRemovalType): void {
    this.ts.removeSourceTables(removalType);
  }
  removeTargetTables(): void {
    this.ts.removeTargetTables();
  }
  dropSourceShards(): void {
    dropSourceShards(this.ts);
  }
  dropTargetShards(): void {
    dropTargetShards(this.ts);
  }
  dropSourceDeniedTables(): void {
    this.ts.dropSourceDeniedTables();
  }
  dropTargetDeniedTables(): void {
    this.ts.dropTargetDeniedTables();
  }
  dropSourceReverseVReplicationStreams(): void {
    this.ts.dropSourceReverseVReplicationStreams();
  }
  dropTargetVReplicationStreams(): void {
    this.ts.dropTargetVReplicationStreams();
  }
  deleteRoutingRules(): void {
    this.ts.deleteRoutingRules();
  }
  logs(): undefined {
    return undefined;
  }
}

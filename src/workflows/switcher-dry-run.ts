// The dry-run switcher: instead of acting, it records the line each step would print
// ("Lock keyspace commerce", "Stop writes on keyspace commerce for tables [corder,customer]: [...]", ...).
// Mirrors go/vt/vtctl/workflow/switcher_dry_run.go (texts and ordering, including the uid-sorted lists).

import type { TabletType } from '../common/tablet-alias.js';
import { durationString as goDurationString } from '../common/go-duration.js';
import type { Switcher } from './switcher.js';
import type { TableRemovalType, TrafficSwitcher } from './traffic-switcher.js';
import type { TrafficSwitchDirection } from './types.js';
import { reverseWorkflowName, sortedStrings } from './utils.js';
import { tabletDbName } from './vreplication-rows.js';

export class DryRunSwitcher implements Switcher {
  private readonly lines: string[] = [];

  constructor(readonly ts: TrafficSwitcher) {}

  private log(line: string): void {
    this.lines.push(line);
  }

  private tables(): string {
    return this.ts.tables.join(',');
  }

  lockKeyspace(keyspace: string): () => void {
    this.log(`Lock keyspace ${keyspace}`);
    return () => this.log(`Unlock keyspace ${keyspace}`);
  }

  mirrorTableTraffic(types: readonly TabletType[], percent: number): void {
    this.log(
      `Mirroring ${percent.toFixed(2)} percent of traffic from keyspace ${this.ts.sourceKeyspace} to keyspace ${this.ts.targetKeyspace} for tablet types [${types.join(',')}]`,
    );
  }

  switchTableReads(_cells: string[], types: TabletType[], rebuildSrvVSchema: boolean, direction: TrafficSwitchDirection): void {
    const ks = direction === 'backward' ? this.ts.sourceKeyspace : this.ts.targetKeyspace;
    this.log(`Switch reads for tables [${this.tables()}] to keyspace ${ks} for tablet types [${types.join(',')}]`);
    this.log(`Routing rules for tables [${this.tables()}] will be updated`);
    if (rebuildSrvVSchema) this.log(`Serving VSchema will be rebuilt for the ${ks} keyspace`);
  }

  switchShardReads(_cells: string[], _types: TabletType[], direction: TrafficSwitchDirection): void {
    const sources = sortedStrings(this.ts.sourceList().map((s) => s.shard)).join(',');
    const targets = sortedStrings(this.ts.targetList().map((t) => t.shard)).join(',');
    const ks = this.ts.sourceKeyspace;
    const [from, to] = direction === 'forward' ? [sources, targets] : [targets, sources];
    this.log(`Switch reads from keyspace ${ks} to keyspace ${this.ts.targetKeyspace} for shards [${from}] to shards [${to}]`);
  }

  stopSourceWrites(): void {
    const items = this.ts.sourceList().map((s) => {
      const position = safe(() => this.ts.tmc.primaryPosition(s.primary.alias));
      return `keyspace:${this.ts.sourceKeyspace};shard:${s.shard};position:${position}`;
    });
    if (items.length > 0) {
      this.log(`Stop writes on keyspace ${this.ts.sourceKeyspace} for tables [${this.tables()}]: [${items.join(',')}]`);
    }
  }

  stopStreams(): string[] {
    return [];
  }

  waitForCatchup(timeoutMs: number): void {
    this.log(`Wait for vreplication on stopped streams to catchup for up to ${goDurationString(timeoutMs)}`);
  }

  migrateStreams(): void {}
  resetSequences(): void {}

  createReverseVReplication(): void {
    this.log(`Create reverse vreplication workflow ${this.ts.reverseWorkflow}`);
  }

  createJournals(sourceWorkflows: string[]): void {
    this.log('Create journal entries on source databases');
    if (sourceWorkflows.length > 0) this.log(`Source workflows found: [${[...sourceWorkflows].sort().join(',')}]`);
  }

  allowTargetWrites(): void {
    this.log(`Enable writes on keyspace ${this.ts.targetKeyspace} for tables [${this.tables()}]`);
  }

  changeRouting(): void {
    this.log(`Switch routing from keyspace ${this.ts.sourceKeyspace} to keyspace ${this.ts.targetKeyspace}`);
    if (this.ts.migrationType === 'SHARDS') {
      const item = (shard: string, uid: number): string => `shard:${shard};tablet:${uid}`;
      const deletes = this.ts.sourceList().map((s) => item(s.shard, s.primary.alias.uid));
      const adds = this.ts.targetList().map((t) => item(t.shard, t.primary.alias.uid));
      if (deletes.length > 0) {
        this.log(`IsPrimaryServing will be set to false for: [${deletes.join(',')}]`);
        this.log(`IsPrimaryServing will be set to true for: [${adds.join(',')}]`);
      }
      return;
    }
    this.log(`Routing rules for tables [${this.tables()}] will be updated`);
  }

  streamMigraterFinalize(): void {
    const items = this.ts.targetList().map((t) => `tablet:${t.primary.alias.uid}`);
    this.log(`Switch writes completed, freeze and delete vreplication streams on: [${items.join(',')}]`);
  }

  startReverseVReplication(): void {
    const items = this.ts.sourceList().map((s) => `tablet:${s.primary.alias.uid}`);
    this.log(`Start reverse vreplication streams on: [${items.join(',')}]`);
  }

  freezeTargetVReplication(): void {
    const items = this.ts
      .targetList()
      .map(
        (t) =>
          `keyspace:${t.primary.keyspace};shard:${t.primary.shard};tablet:${t.primary.alias.uid};workflow:${this.ts.workflow};dbname:${tabletDbName(t.primary)}`,
      );
    if (items.length > 0) this.log(`Mark vreplication streams frozen on: [${items.join(',')}]`);
  }

  cancelMigration(): string[] {
    this.log('Cancel migration as requested');
    return [];
  }

  validateWorkflowHasCompleted(): void {
    // The dry run reports the same refusals as the real run (doValidateWorkflowHasCompleted).
    this.ts.validateWorkflowHasCompleted();
  }

  removeSourceTables(removalType: TableRemovalType): void {
    const items: string[] = [];
    for (const s of this.ts.sourceList()) {
      for (const table of this.ts.tables) {
        items.push(
          `keyspace:${s.primary.keyspace};shard:${s.primary.shard};dbname:${tabletDbName(s.primary)};tablet:${s.primary.alias.uid};table:${table}`,
        );
      }
    }
    const action = removalType === 'RENAME TABLE' ? 'Renaming' : 'Dropping';
    if (items.length > 0) {
      this.log(
        `${action} these tables from the database and removing them from the vschema for keyspace ${this.ts.sourceKeyspace}: [${items.join(',')}]`,
      );
    }
  }

  removeTargetTables(): void {
    const items: string[] = [];
    for (const t of this.ts.targetList()) {
      for (const table of this.ts.tables) {
        items.push(
          `keyspace:${t.primary.keyspace};shard:${t.primary.shard};dbname:${tabletDbName(t.primary)};tablet:${t.primary.alias.uid};table:${table}`,
        );
      }
    }
    if (items.length > 0) {
      this.log(
        `Dropping these tables from the database and removing from the vschema for keyspace ${this.ts.targetKeyspace}: [${items.join(',')}]`,
      );
    }
  }

  dropSourceShards(): void {
    this.logDeleteShards(this.ts.sourceKeyspace, this.ts.sourceList());
  }

  dropTargetShards(): void {
    this.logDeleteShards(this.ts.targetKeyspace, this.ts.targetList());
  }

  /** `Delete shards (and all related tablets): [cell:zone1;keyspace:ks;shards:[0],200,201,202]`. */
  private logDeleteShards(keyspace: string, shards: ReadonlyArray<{ shard: string; primary: { alias: { cell: string; uid: number } } }>): void {
    const items: string[] = [];
    for (const s of shards) {
      const uids = sortedStrings(this.ts.topo.getTabletsByShard(keyspace, s.shard).map((t) => String(t.alias.uid)));
      items.push(`cell:${s.primary.alias.cell};keyspace:${keyspace};shards:[${s.shard}]`, uids.join(','));
    }
    if (items.length > 0) this.log(`Delete shards (and all related tablets): [${items.join(',')}]`);
  }

  dropSourceDeniedTables(): void {
    const items = this.ts.sourceList().map((s) => `keyspace:${this.ts.sourceKeyspace};shard:${s.shard};tablet:${s.primary.alias.uid}`);
    if (items.length > 0) this.log(`Denied tables records on [${this.tables()}] will be removed from: [${items.join(',')}]`);
  }

  dropTargetDeniedTables(): void {
    const items = this.ts.targetList().map((t) => `keyspace:${this.ts.targetKeyspace};shard:${t.shard};tablet:${t.primary.alias.uid}`);
    if (items.length > 0) this.log(`Denied tables records on [${this.tables()}] will be removed from: [${items.join(',')}]`);
  }

  dropSourceReverseVReplicationStreams(): void {
    const items = this.ts
      .sourceList()
      .map(
        (s) =>
          `keyspace:${this.ts.sourceKeyspace};shard:${s.shard};workflow:${reverseWorkflowName(this.ts.workflow)};dbname:${tabletDbName(s.primary)};tablet:${s.primary.alias.uid}`,
      );
    this.log(`Delete reverse vreplication streams on sources: [${items.join(',')}]`);
  }

  dropTargetVReplicationStreams(): void {
    const items = this.ts
      .targetList()
      .map(
        (t) =>
          `keyspace:${this.ts.targetKeyspace};shard:${t.shard};workflow:${this.ts.workflow};dbname:${tabletDbName(t.primary)};tablet:${t.primary.alias.uid}`,
      );
    this.log(`Delete vreplication streams on targets: [${items.join(',')}]`);
  }

  deleteRoutingRules(): void {
    this.log('Routing rules for participating tables will be deleted');
  }

  logs(): string[] {
    return this.lines;
  }
}

function safe(f: () => string): string {
  try {
    return f();
  } catch {
    return '';
  }
}

// TabletManager: a tablet's management RPCs (the server side of tmclient): schema, DBA queries,
// VReplicationExec, positions, type changes, and refreshing its view of topo (denied tables).
// Mirrors go/vt/vttablet/tabletmanager/rpc_*.go and tm_state.go (RefreshState applies the shard's
// tablet controls for this tablet's type).

import type { QueryResult } from '../common/sql-types.js';
import type { TabletType } from '../common/tablet-alias.js';
import { SERVING_TABLET_TYPES, aliasString } from '../common/tablet-alias.js';
import { vtError } from '../common/errors.js';
import type { SimEnv } from '../engine/sim-env.js';
import type { TopoServer } from '../topo/topo-server.js';
import type { SchemaDefinition, VDiffRequest, VDiffResponse } from './tm-client.js';
import type { TabletServer } from './tablet-server.js';
import { showCreateTable } from './sql/table-def.js';
import { isQueryServiceDisabled } from '../topo/srv-keyspace.js';

/** The VReplication engine as the tablet manager sees it (implemented in src/tablets/vreplication). */
export interface VReplicationHooks {
  /** Runs a VReplicationExec statement and (re)loads the controllers it affects. */
  vreplicationExec(sql: string): QueryResult;
  /** Advances simulated time until stream `id` has applied `position`; throws on timeout. */
  waitForPos(id: number, position: string, timeoutMs: number): void;
  /** True while a stream is copying or catching up (the shell's settle waits for it). */
  isBusy(): boolean;
}

export interface VDiffHooks {
  handle(request: VDiffRequest): VDiffResponse;
  /** True while a VDiff is running. */
  isBusy(): boolean;
}

export class TabletManager {
  vreplication: VReplicationHooks | undefined;
  vdiffEngine: VDiffHooks | undefined;

  constructor(
    readonly server: TabletServer,
    private readonly topo: TopoServer,
    private readonly env: SimEnv,
  ) {}

  private get mysqld() {
    return this.server.mysqld;
  }

  getSchema(tables?: string[]): SchemaDefinition {
    const wanted = tables && tables.length > 0 ? new Set(tables.map((t) => t.toLowerCase())) : undefined;
    const defs = this.mysqld.schema
      .tableNames()
      .filter((n) => !wanted || wanted.has(n))
      .map((name) => {
        const def = this.mysqld.schema.tableDef(name);
        if (!def) throw vtError('INTERNAL', `[BUG] no definition for table ${name}`);
        const layout = this.mysqld.schema.layout(name);
        const count = Number(this.mysqld.query(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`)[0]?.n ?? 0);
        return {
          name,
          schema: showCreateTable(def),
          columns: [...(layout?.columns ?? def.columns.map((c) => c.name))],
          primaryKeyColumns: [...(layout?.primaryKey ?? def.primaryKey)],
          rowCount: count,
          def,
        };
      });
    return { databaseSchema: `CREATE DATABASE /*!32312 IF NOT EXISTS*/ \`${this.mysqld.dbName}\``, tableDefinitions: defs };
  }

  applySchema(sql: string): void {
    this.mysqld.execute(sql, {}, { bypassReadOnly: true });
  }

  executeFetchAsDba(sql: string): QueryResult {
    return this.mysqld.execute(sql, {}, { bypassReadOnly: true });
  }

  vreplicationExec(sql: string): QueryResult {
    // The engine runs the statement itself, so it can see which streams a WHERE clause selects before
    // the update changes them.
    if (this.vreplication) return this.vreplication.vreplicationExec(sql);
    return this.mysqld.execute(sql, {}, { bypassReadOnly: true });
  }

  vreplicationWaitForPos(id: number, position: string, timeoutMs: number): void {
    if (!this.vreplication) throw vtError('UNAVAILABLE', `vreplication engine is not open on ${aliasString(this.server.alias)}`);
    this.vreplication.waitForPos(id, position, timeoutMs);
  }

  primaryPosition(): string {
    return this.mysqld.position();
  }

  /**
   * Re-reads this tablet's record, its shard's tablet controls (denied tables) and its cell's SrvKeyspace
   * (a Reshard traffic switch disables the query service of a shard for a type), as RefreshState does.
   */
  refreshState(): void {
    const rec = this.topo.getTablet(this.server.alias);
    const type: TabletType = rec?.type ?? this.server.type;
    const shard = this.topo.getShard(this.server.keyspace, this.server.shard);
    const control = shard?.tablet_controls.find((c) => c.tablet_type === type);
    const srv = this.topo.getSrvKeyspace(this.server.alias.cell, this.server.keyspace);
    const disabled = srv !== undefined && shard !== undefined && isQueryServiceDisabled(srv, shard.key_range, type);
    // Only PRIMARY, REPLICA and RDONLY tablets run a query service (tm_state.go: a SPARE, DRAINED or
    // BACKUP tablet is NOT_SERVING).
    const servingType = SERVING_TABLET_TYPES.includes(type);
    this.server.setState(type, this.mysqld.running && servingType && !disabled, control?.denied_tables ?? [], disabled);
  }

  changeType(type: TabletType): void {
    this.topo.updateTablet(this.server.alias, (t) => {
      t.type = type;
    });
    this.refreshState();
  }

  ping(): void {
    if (this.server.servingState() !== 'SERVING' && !this.mysqld.running) {
      throw vtError('UNAVAILABLE', `tablet ${aliasString(this.server.alias)} is not reachable`);
    }
  }

  vdiff(request: VDiffRequest): VDiffResponse {
    if (!this.vdiffEngine) throw vtError('UNAVAILABLE', `vdiff engine is not open on ${aliasString(this.server.alias)}`);
    return this.vdiffEngine.handle(request);
  }

  /** Used by the trace and the TUI. */
  describe(): string {
    return `${aliasString(this.server.alias)} ${this.server.keyspace}/${this.server.shard} ${this.server.type} at ${this.env.clock.nowMs()}`;
  }
}

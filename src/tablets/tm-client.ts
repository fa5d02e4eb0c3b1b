// TabletManagerClient: how control-plane code (the workflow server, reparent commands, vtorc)
// reaches a tablet's management RPCs. The workflow server touches tablets only through this.
// Mirrors go/vt/vttablet/tmclient/rpc_client_api.go (the subset vtsim needs), synchronous.

import type { QueryResult } from '../common/sql-types.js';
import type { TabletAlias, TabletType } from '../common/tablet-alias.js';
import type { TableDef } from './sql/table-def.js';

export interface TableSchema {
  name: string;
  /** SHOW CREATE TABLE text. */
  schema: string;
  columns: string[];
  primaryKeyColumns: string[];
  /** Rows according to the engine (an estimate in MySQL; exact here). */
  rowCount: number;
  def: TableDef;
}

export interface SchemaDefinition {
  databaseSchema: string;
  tableDefinitions: TableSchema[];
}

/** A VDiff request to a target primary (mirrors tabletmanagerdata.VDiffRequest). */
export interface VDiffRequest {
  keyspace: string;
  workflow: string;
  action: 'create' | 'show' | 'stop' | 'resume' | 'delete';
  /** 'last', 'all' or a UUID for show/stop/resume/delete; the new UUID for create. */
  actionArg: string;
  vdiffUuid: string;
  options: Record<string, unknown>;
}

export interface VDiffResponse {
  id: number;
  output: QueryResult | null;
  vdiffUuid: string;
}

export interface TabletManagerClient {
  getSchema(alias: TabletAlias, tables?: string[]): SchemaDefinition;
  /** Runs DDL on the tablet's database (replicated to its replicas through the binlog). */
  applySchema(alias: TabletAlias, sql: string): void;
  executeFetchAsDba(alias: TabletAlias, sql: string): QueryResult;
  /** Runs a statement against the `_vt` sidecar tables (VReplicationExec). */
  vreplicationExec(alias: TabletAlias, sql: string): QueryResult;
  /** Waits (advancing simulated time) until stream `id` reaches `position`; throws on timeout. */
  vreplicationWaitForPos(alias: TabletAlias, id: number, position: string, timeoutMs: number): void;
  primaryPosition(alias: TabletAlias): string;
  /** Re-reads the tablet's record and its shard's tablet controls (denied tables). */
  refreshState(alias: TabletAlias): void;
  changeType(alias: TabletAlias, type: TabletType): void;
  /** Checks that the tablet answers (used by canSwitch's "refresh all tablets"). */
  ping(alias: TabletAlias): void;
  vdiff(alias: TabletAlias, request: VDiffRequest): VDiffResponse;
  /**
   * False while an RPC to the tablet could not connect (its vttablet is down). Vitess's client does not
   * fail then but waits for the tablet until its context expires; callers with a deadline use this.
   */
  isReachable?(alias: TabletAlias): boolean;
}

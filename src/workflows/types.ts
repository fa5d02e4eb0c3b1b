// The workflow server's request and response shapes.
// Responses mirror proto/vtctldata.proto (Workflow, WorkflowStatusResponse, WorkflowSwitchTrafficResponse,
// MoveTablesCompleteResponse, WorkflowDeleteResponse, WorkflowUpdateResponse) with proto field names in
// snake_case, in proto field order, and int64 fields as strings, so the command layer can print them with
// protoJson as vtctldclient does. Requests are plain TypeScript options (camelCase), like the Go request
// structs the CLI fills in.

import type { TabletType } from '../common/tablet-alias.js';

/** topodata.TabletAlias as protojson prints it. */
export interface TabletAliasJson {
  cell: string;
  uid: number;
}

/** vttime.Time as protojson prints it. */
export interface VtTime {
  seconds: string;
  nanoseconds: number;
}

/** topodata.Shard.TabletControl. */
export interface TabletControlJson {
  tablet_type: TabletType;
  cells: string[];
  denied_tables: string[];
  frozen: boolean;
}

/** binlogdata.Rule with every field protojson emits on the acceptance page. */
export interface RuleJson {
  match: string;
  filter: string;
  convert_enum_to_text: Record<string, string>;
  convert_charset: Record<string, unknown>;
  source_unique_key_columns: string;
  target_unique_key_columns: string;
  source_unique_key_target_columns: string;
  convert_int_to_enum: Record<string, boolean>;
}

/** binlogdata.BinlogSource as `show` prints it. */
export interface BinlogSourceJson {
  keyspace: string;
  shard: string;
  tablet_type: string;
  key_range: { start: string; end: string } | null;
  tables: string[];
  filter: { rules: RuleJson[]; field_event_mode: string; workflow_type: string; workflow_name: string };
  on_ddl: string;
  external_mysql: string;
  stop_after_copy: boolean;
  external_cluster: string;
  source_time_zone: string;
  target_time_zone: string;
}

/** vtctldata.Workflow.Stream.CopyState. */
export interface CopyStateJson {
  table: string;
  last_pk: string;
  stream_id: string;
}

/** vtctldata.Workflow.Stream.Log. */
export interface StreamLogJson {
  id: string;
  stream_id: string;
  type: string;
  state: string;
  created_at: VtTime;
  updated_at: VtTime;
  message: string;
  count: string;
}

/** vtctldata.Workflow.Stream, with the field set the acceptance page shows. */
export interface StreamJson {
  id: string;
  shard: string;
  tablet: TabletAliasJson;
  binlog_source: BinlogSourceJson;
  position: string;
  stop_position: string;
  state: string;
  db_name: string;
  transaction_timestamp: VtTime;
  time_updated: VtTime;
  message: string;
  copy_states: CopyStateJson[];
  logs: StreamLogJson[];
  log_fetch_error: string;
  tags: string[];
  rows_copied: string;
  throttler_status: { component_throttled: string; time_throttled: VtTime };
}

/** vtctldata.Workflow.ShardStream. */
export interface ShardStreamJson {
  streams: StreamJson[];
  tablet_controls: TabletControlJson[];
  is_primary_serving: boolean;
}

/** vtctldata.Workflow (the acceptance page's field set). */
export interface WorkflowJson {
  name: string;
  source: { keyspace: string; shards: string[] };
  target: { keyspace: string; shards: string[] };
  max_v_replication_lag: string;
  /** Keyed `<targetShard>/<zero-padded tablet alias>`, keys in sorted order (protojson sorts map keys). */
  shard_streams: Record<string, ShardStreamJson>;
  workflow_type: string;
  workflow_sub_type: string;
  max_v_replication_transaction_lag: string;
  defer_secondary_keys: boolean;
}

export interface GetWorkflowsResponse {
  workflows: WorkflowJson[];
}

/** vtctldata.WorkflowStatusResponse.TableCopyState. */
export interface TableCopyStateJson {
  rows_copied: string;
  rows_total: string;
  rows_percentage: number;
  bytes_copied: string;
  bytes_total: string;
  bytes_percentage: number;
}

/** vtctldata.WorkflowStatusResponse.ShardStreamState. */
export interface ShardStreamStateJson {
  id: number;
  tablet: TabletAliasJson;
  source_shard: string;
  position: string;
  status: string;
  info: string;
}

export interface WorkflowStatusResponse {
  table_copy_state: Record<string, TableCopyStateJson>;
  /** Keyed `<targetKeyspace>/<shard>`, sorted. */
  shard_streams: Record<string, { streams: ShardStreamStateJson[] }>;
  traffic_state: string;
}

export interface WorkflowSwitchTrafficResponse {
  summary: string;
  start_state: string;
  current_state: string;
  dry_run_results: string[];
}

export interface MoveTablesCompleteResponse {
  summary: string;
  dry_run_results: string[];
}

export interface WorkflowDeleteResponse {
  summary: string;
  details: Array<{ tablet: TabletAliasJson; deleted: boolean }>;
}

export interface WorkflowUpdateResponse {
  summary: string;
  details: Array<{ tablet: TabletAliasJson; changed: boolean }>;
}

// ---- requests ----

export type OnDdl = 'IGNORE' | 'STOP' | 'EXEC' | 'EXEC_IGNORE';

export interface MoveTablesCreateRequest {
  workflow: string;
  targetKeyspace: string;
  sourceKeyspace: string;
  /** Partial (shard-by-shard) migrations are not simulated; a non-empty list is refused. */
  sourceShards?: string[];
  cells?: string[];
  /** Source tablet types in preference order; default REPLICA,PRIMARY. */
  tabletTypes?: TabletType[];
  /** INORDER (the CLI default) or ANY. */
  tabletSelectionPreference?: 'ANY' | 'INORDER';
  allTables?: boolean;
  includeTables?: string[];
  excludeTables?: string[];
  onDdl?: OnDdl;
  deferSecondaryKeys?: boolean;
  autoStart?: boolean;
  stopAfterCopy?: boolean;
  noRoutingRules?: boolean;
  sourceTimeZone?: string;
  /** REMOVE (default), LEAVE or REPLACE (REPLACE is treated as REMOVE: sequences are not created). */
  shardedAutoIncrementHandling?: 'LEAVE' | 'REMOVE' | 'REPLACE';
}

export type TrafficSwitchDirection = 'forward' | 'backward';

export interface WorkflowSwitchTrafficRequest {
  /** The target keyspace of the (forward) workflow. */
  keyspace: string;
  workflow: string;
  cells?: string[];
  /** Default: PRIMARY, REPLICA, RDONLY (what the CLI sends when --tablet-types is not given). */
  tabletTypes?: TabletType[];
  /** Default 30s. */
  maxReplicationLagAllowedMs?: number;
  /** Default 30s. */
  timeoutMs?: number;
  dryRun?: boolean;
  /** Default true. */
  enableReverseReplication?: boolean;
  initializeTargetSequences?: boolean;
  direction?: TrafficSwitchDirection;
  force?: boolean;
}

export interface MoveTablesCompleteRequest {
  workflow: string;
  targetKeyspace: string;
  keepData?: boolean;
  keepRoutingRules?: boolean;
  renameTables?: boolean;
  dryRun?: boolean;
}

export interface WorkflowDeleteRequest {
  keyspace: string;
  workflow: string;
  keepData?: boolean;
  keepRoutingRules?: boolean;
}

export interface GetWorkflowsRequest {
  keyspace: string;
  /** Only this workflow ('' or undefined = all). */
  workflow?: string;
  /** Leave out workflows whose streams are all Stopped (GetWorkflows without --show-all). */
  activeOnly?: boolean;
  includeLogs?: boolean;
  shards?: string[];
}

export interface WorkflowUpdateStateRequest {
  keyspace: string;
  workflow: string;
  state: 'Running' | 'Stopped';
  shards?: string[];
}

/** `Workflow update`: the configuration to change; an absent field keeps each stream's value. */
export interface WorkflowUpdateRequest {
  keyspace: string;
  workflow: string;
  cells?: string[];
  tabletTypes?: TabletType[];
  /** --tablet-types-in-order when it was given; absent keeps each stream's preference. */
  inOrder?: boolean;
  onDdl?: OnDdl;
  shards?: string[];
}

// The `_vt` sidecar database: where VReplication and VDiff keep their state inside each tablet's
// MySQL, so that a tablet restart resumes where it stopped.
// Mirrors go/vt/sidecardb/schema/vreplication/*.sql and .../vdiff/*.sql (column names and meaning
// kept; types translated to SQLite). It is ATTACHed to each tablet's database as schema `_vt`, so
// queries say `_vt.vreplication` exactly as they do against real Vitess.

export const SIDECAR_DB = '_vt';

export const SIDECAR_TABLES: ReadonlyArray<{ name: string; ddl: string }> = [
  {
    name: 'vreplication',
    ddl: `CREATE TABLE IF NOT EXISTS _vt.vreplication (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  workflow TEXT,
  source BLOB NOT NULL,
  pos TEXT NOT NULL,
  stop_pos TEXT DEFAULT NULL,
  max_tps INTEGER NOT NULL,
  max_replication_lag INTEGER NOT NULL,
  cell TEXT DEFAULT NULL,
  tablet_types TEXT DEFAULT NULL,
  time_updated INTEGER NOT NULL,
  transaction_timestamp INTEGER NOT NULL,
  state TEXT NOT NULL,
  message TEXT DEFAULT NULL,
  db_name TEXT NOT NULL,
  rows_copied INTEGER NOT NULL DEFAULT 0,
  tags TEXT NOT NULL DEFAULT '',
  time_heartbeat INTEGER NOT NULL DEFAULT 0,
  workflow_type INTEGER NOT NULL DEFAULT 0,
  time_throttled INTEGER NOT NULL DEFAULT 0,
  component_throttled TEXT NOT NULL DEFAULT '',
  reason_throttled TEXT NOT NULL DEFAULT '',
  workflow_sub_type INTEGER NOT NULL DEFAULT 0,
  defer_secondary_keys INTEGER NOT NULL DEFAULT 0,
  options TEXT NOT NULL DEFAULT '{}'
)`,
  },
  {
    name: 'copy_state',
    ddl: `CREATE TABLE IF NOT EXISTS _vt.copy_state (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  vrepl_id INTEGER NOT NULL,
  table_name TEXT NOT NULL,
  lastpk BLOB
)`,
  },
  {
    name: 'vreplication_log',
    ddl: `CREATE TABLE IF NOT EXISTS _vt.vreplication_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  vrepl_id INTEGER NOT NULL,
  type TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  message TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 1
)`,
  },
  {
    name: 'resharding_journal',
    ddl: `CREATE TABLE IF NOT EXISTS _vt.resharding_journal (
  id INTEGER PRIMARY KEY,
  db_name TEXT,
  val BLOB
)`,
  },
  {
    name: 'vdiff',
    ddl: `CREATE TABLE IF NOT EXISTS _vt.vdiff (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  vdiff_uuid TEXT NOT NULL,
  workflow TEXT,
  keyspace TEXT,
  shard TEXT NOT NULL,
  db_name TEXT,
  state TEXT,
  options TEXT,
  created_at INTEGER,
  started_at INTEGER,
  liveness_timestamp INTEGER,
  completed_at INTEGER,
  last_error TEXT
)`,
  },
  {
    name: 'vdiff_table',
    ddl: `CREATE TABLE IF NOT EXISTS _vt.vdiff_table (
  vdiff_id INTEGER NOT NULL,
  table_name TEXT NOT NULL,
  state TEXT,
  lastpk BLOB,
  table_rows INTEGER NOT NULL DEFAULT 0,
  rows_compared INTEGER NOT NULL DEFAULT 0,
  mismatch INTEGER NOT NULL DEFAULT 0,
  report TEXT,
  created_at INTEGER,
  updated_at INTEGER,
  PRIMARY KEY (vdiff_id, table_name)
)`,
  },
  {
    name: 'vdiff_log',
    ddl: `CREATE TABLE IF NOT EXISTS _vt.vdiff_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  vdiff_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  message TEXT NOT NULL
)`,
  },
];

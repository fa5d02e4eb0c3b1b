// ClusterView: an immutable, plain-data snapshot of a simulated cluster for the terminal UI — keyspaces,
// shards and tablets, denied tables, routing rules, where each moved table's reads and writes go right
// now, and every VReplication stream with its copy progress, lag and recent log lines.
// It reads what Vitess's own tools read: topo records (shards, routing rules, the cell's SrvVSchema) and
// each primary's `_vt` sidecar tables, never the engines' internals, so the UI shows what
// `vtctldclient Workflow show` / `GetRoutingRules` would. Building it only reads; it never moves time.
// Mirrors (read side only) go/vt/vtctl/workflow/workflows.go (stream state as displayed),
// go/vt/vtctl/workflow/server.go getWorkflowState (traffic state from routing rules) and
// go/vt/vtgate/vindexes/vschema.go FindRoutedTable (through src/router's VSchema).

import type { TabletType } from '../common/tablet-alias.js';
import { aliasString } from '../common/tablet-alias.js';
import { errorMessage } from '../common/errors.js';
import type { SqlValue } from '../common/sql-types.js';
import type { Mysqld } from '../tablets/mysqld/mysqld.js';
import type { TopoServer } from '../topo/topo-server.js';
import type { RoutingRule, SrvVSchema } from '../topo/records.js';
import { VSchema } from '../router/vschema.js';
import { parseBinlogSource } from '../workflows/binlog-source.js';
import { newWorkflowState, stateString } from '../workflows/state.js';
import type { Cluster } from './cluster.js';

/** SERVING / NOT_SERVING as vttablet reports it; STOPPED when no vttablet runs on the slot. */
export type TabletState = 'SERVING' | 'NOT_SERVING' | 'STOPPED';

export interface ReplicationView {
  readonly running: boolean;
  /** How far behind its primary this replica is, in ms of commit time. */
  readonly lagMs: number;
  /** Transactions received but not yet applied. */
  readonly pending: number;
  readonly error: string;
}

export interface TabletView {
  /** `zone1-0000000100`. */
  readonly alias: string;
  readonly cell: string;
  readonly uid: number;
  readonly type: TabletType;
  readonly state: TabletState;
  readonly mysqlUp: boolean;
  /** The executed GTID set, shortened for display (`5d8e:1-51`). */
  readonly position: string;
  /** The executed GTID set in full (`uuid:1-51`). */
  readonly gtidExecuted: string;
  /** Present for tablets that replicate (replica, rdonly). */
  readonly replication: ReplicationView | undefined;
}

/** One TabletControl of a shard record: the tables a tablet type refuses. */
export interface DeniedTablesView {
  readonly tabletType: TabletType;
  readonly cells: readonly string[];
  readonly tables: readonly string[];
}

export interface ShardView {
  readonly keyspace: string;
  readonly name: string;
  readonly primaryAlias: string | null;
  readonly isPrimaryServing: boolean;
  readonly deniedTables: readonly DeniedTablesView[];
  readonly tablets: readonly TabletView[];
}

export interface KeyspaceView {
  readonly name: string;
  readonly sharded: boolean;
  readonly shards: readonly ShardView[];
}

export interface RoutingRuleView {
  readonly from: string;
  readonly to: readonly string[];
}

/** Where an unqualified table name goes for one tablet type, with no `use` in the session. */
export interface RouteTarget {
  /** The keyspace the query is sent to; null when vtgate would refuse it (see error). */
  readonly keyspace: string | null;
  /** The routing rule that decided (`customer@replica`), or `vschema` / `global`. */
  readonly via: string;
  readonly error?: string;
}

export type RouteTabletType = 'PRIMARY' | 'REPLICA' | 'RDONLY';
export const ROUTE_TABLET_TYPES: readonly RouteTabletType[] = ['PRIMARY', 'REPLICA', 'RDONLY'];

/** Where a moved table's traffic goes now: PRIMARY carries the writes and the primary reads. */
export interface TableRouteView {
  readonly table: string;
  readonly routes: Readonly<Record<RouteTabletType, RouteTarget>>;
}

export interface TableCopyView {
  readonly table: string;
  /** Rows in the target table now (null when it cannot be read). */
  readonly copied: number | null;
  /** Rows in the source table now. */
  readonly total: number | null;
  /** True once the table left `_vt.copy_state`. */
  readonly done: boolean;
}

export interface StreamLogView {
  readonly id: number;
  readonly type: string;
  readonly state: string;
  readonly message: string;
  readonly count: number;
}

/** pending: no position and no copy yet; copying: `_vt.copy_state` has rows; done: replicating. */
export type CopyPhase = 'pending' | 'copying' | 'done';

export interface StreamView {
  readonly id: number;
  readonly workflow: string;
  /** The target keyspace and shard: where the stream runs. */
  readonly keyspace: string;
  readonly shard: string;
  readonly tablet: string;
  readonly sourceKeyspace: string;
  readonly sourceShard: string;
  readonly tables: readonly string[];
  /** The state as vtctldclient displays it (Running, Copying, Stopped, Error). */
  readonly state: string;
  /** The `state` column. */
  readonly rawState: string;
  readonly message: string;
  /** Shortened position (`5d8e:1-51`), '' before the first one. */
  readonly position: string;
  readonly stopPosition: string;
  readonly rowsCopied: number;
  /** MoveTables, Reshard, ... (the workflow_type column). */
  readonly workflowType: string;
  /** Seconds since the stream last updated its row (max_v_replication_lag), null before the first update. */
  readonly lagSeconds: number | null;
  readonly copyPhase: CopyPhase;
  /** Per table copy progress; empty unless the copy is in progress. */
  readonly copy: readonly TableCopyView[];
  /** The last few `_vt.vreplication_log` entries, oldest first. */
  readonly logs: readonly StreamLogView[];
}

export interface WorkflowView {
  readonly name: string;
  /** The keyspace whose primaries run the streams (the workflow's target). */
  readonly keyspace: string;
  readonly sourceKeyspace: string;
  readonly isReverse: boolean;
  readonly workflowType: string;
  /** `Reads Not Switched. Writes Not Switched` ..., null when it cannot be derived. */
  readonly trafficState: string | null;
  /** True when every stream carries the FROZEN message (writes switched away from this direction). */
  readonly frozen: boolean;
  readonly streams: readonly StreamView[];
}

export interface ProcessesView {
  readonly etcd: boolean;
  readonly vtctld: boolean;
  readonly vtgate: boolean;
  readonly vtorc: boolean;
}

export interface ClusterView {
  readonly nowMs: number;
  readonly seed: number;
  readonly processes: ProcessesView;
  readonly keyspaces: readonly KeyspaceView[];
  readonly routingRules: readonly RoutingRuleView[];
  /** The tables named by routing rules or workflows, with where their traffic goes. */
  readonly routes: readonly TableRouteView[];
  readonly workflows: readonly WorkflowView[];
}

/** How many vreplication_log lines each stream carries. */
export const STREAM_LOG_LINES = 5;

const WORKFLOW_TYPE_NAMES: Record<number, string> = {
  0: 'Materialize',
  1: 'MoveTables',
  2: 'CreateLookupIndex',
  3: 'Migrate',
  4: 'Reshard',
  5: 'OnlineDDL',
};

// ---- shortening -----------------------------------------------------------------------------------

/** `MySQL56/5d8e0b24-...:1-51,aaaa...:1-3` → `5d8e:1-51,aaaa:1-3`: enough to tell servers apart. */
export function shortPosition(pos: string): string {
  const body = pos.replace(/^MySQL56\//, '').trim();
  if (body === '') return '';
  return body
    .split(',')
    .map((part) => {
      const colon = part.indexOf(':');
      if (colon < 0) return part.trim();
      return `${part.slice(0, colon).trim().slice(0, 4)}${part.slice(colon)}`;
    })
    .join(',');
}

// ---- memoised topo part -----------------------------------------------------------------------------

interface TopoPart {
  keyspaces: Array<{ name: string; sharded: boolean; shards: Array<Omit<ShardView, 'tablets'>> }>;
  routingRules: RoutingRuleView[];
  /** Each cell and the routing rules its SrvVSchema serves. */
  cellRules: Array<{ cell: string; rules: RoutingRule[] }>;
  srv: SrvVSchema;
  vschema: VSchema | undefined;
  vschemaError: string | undefined;
}

// The topo part of the view changes only when topo is written, and reading topo deep-clones records,
// so it is rebuilt only when the server's write counter moves.
const topoCache = new WeakMap<TopoServer, { version: number; part: TopoPart }>();

function topoPart(topo: TopoServer): TopoPart {
  const version = topo.version();
  const hit = topoCache.get(topo);
  if (hit && hit.version === version) return hit.part;
  const keyspaces = topo.getKeyspaceNames().map((name) => ({
    name,
    sharded: topo.getVSchema(name)?.sharded ?? false,
    shards: topo.getShardNames(name).map((shardName) => {
      const si = topo.getShard(name, shardName);
      return {
        keyspace: name,
        name: shardName,
        primaryAlias: si?.primary_alias ? aliasString(si.primary_alias) : null,
        isPrimaryServing: si?.is_primary_serving ?? false,
        deniedTables: (si?.tablet_controls ?? [])
          .filter((tc) => tc.denied_tables.length > 0)
          .map((tc) => ({ tabletType: tc.tablet_type, cells: [...tc.cells], tables: [...tc.denied_tables].sort() })),
      };
    }),
  }));
  const routingRules = topo.getRoutingRules().rules.map((r: RoutingRule) => ({ from: r.from_table, to: [...r.to_tables] }));
  const cellRules = topo.getCellNames().map((cell) => ({ cell, rules: topo.getSrvVSchema(cell)?.routing_rules.rules ?? [] }));
  // vtgate serves from its cell's SrvVSchema; before the first rebuild, what a rebuild would make.
  const srv = topo.getSrvVSchema(topo.defaultCell) ?? topo.buildSrvVSchema();
  let vschema: VSchema | undefined;
  let vschemaError: string | undefined;
  try {
    vschema = new VSchema(srv);
  } catch (e) {
    vschemaError = errorMessage(e);
  }
  const part: TopoPart = { keyspaces, routingRules, cellRules, srv, vschema, vschemaError };
  topoCache.set(topo, { version, part });
  return part;
}

// ---- routes ---------------------------------------------------------------------------------------

/** The table a routing-rule key or target names: `commerce.customer@replica` → `customer`. */
function ruleTable(name: string): string {
  const noType = name.replace(/@[a-z]+$/i, '');
  const dot = noType.lastIndexOf('.');
  return (dot >= 0 ? noType.slice(dot + 1) : noType).replace(/`/g, '');
}

function resolveRoute(part: TopoPart, table: string, type: RouteTabletType): RouteTarget {
  if (!part.vschema) return { keyspace: null, via: 'vschema', error: part.vschemaError ?? 'no vschema' };
  try {
    const r = part.vschema.findRoutedTable('', table, type);
    if (!r) return { keyspace: null, via: 'vschema', error: `table ${table} not found` };
    const via = r.resolution.via === 'rule' ? r.resolution.rule : r.resolution.via;
    return { keyspace: r.table.keyspace.name, via };
  } catch (e) {
    return { keyspace: null, via: 'rule', error: errorMessage(e) };
  }
}

// ---- sidecar reads --------------------------------------------------------------------------------

function num(v: SqlValue | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return 0;
}

function text(v: SqlValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return String(v);
}

function sqliteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

// Row counts only change when the server commits, so they are cached per executed GTID set.
const countCache = new WeakMap<Mysqld, { gtid: string; counts: Map<string, number | null> }>();

function rowCount(mysqld: Mysqld | undefined, table: string): number | null {
  if (!mysqld?.running) return null;
  const gtid = mysqld.gtidExecuted.toString();
  let entry = countCache.get(mysqld);
  if (!entry || entry.gtid !== gtid) {
    entry = { gtid, counts: new Map() };
    countCache.set(mysqld, entry);
  }
  if (entry.counts.has(table)) return entry.counts.get(table) ?? null;
  let n: number | null = null;
  if (mysqld.schema.tableDef(table)) {
    try {
      n = num(mysqld.query(`select count(*) as n from main.${sqliteIdent(table)}`)[0]?.['n']);
    } catch {
      n = null;
    }
  }
  entry.counts.set(table, n);
  return n;
}

/** The displayed state (workflows.go getStreamState): errors first, then Copying, else the column. */
export function displayedStreamState(rawState: string, message: string, copying: boolean): string {
  if (/error/i.test(message)) return 'Error';
  if (rawState === 'Running' && copying) return 'Copying';
  return rawState;
}

interface PrimaryRef {
  keyspace: string;
  shard: string;
  alias: string;
  mysqld: Mysqld;
}

function readStreams(p: PrimaryRef, nowSeconds: number, primaryOf: (ks: string, shard: string) => Mysqld | undefined): StreamView[] {
  let rows: Array<Record<string, SqlValue>>;
  try {
    rows = p.mysqld.query(
      'select id, workflow, source, pos, stop_pos, state, message, rows_copied, time_updated, transaction_timestamp, workflow_type ' +
        'from _vt.vreplication order by id',
    );
  } catch {
    return [];
  }
  const streams: StreamView[] = [];
  for (const row of rows) {
    const id = num(row['id']);
    let sourceKeyspace = '';
    let sourceShard = '';
    let tables: string[] = [];
    try {
      const src = parseBinlogSource(text(row['source']));
      sourceKeyspace = src.keyspace;
      sourceShard = src.shard;
      tables = src.filter.rules.map((r) => r.match).filter((t) => t !== '' && !t.startsWith('/'));
    } catch {
      // An unreadable source still shows as a stream; only its tables are unknown.
    }
    let copyRows: Array<Record<string, SqlValue>> = [];
    let logRows: Array<Record<string, SqlValue>> = [];
    try {
      copyRows = p.mysqld.query('select distinct table_name from _vt.copy_state where vrepl_id = ?', [id]);
      logRows = p.mysqld.query(
        'select id, type, state, message, count from _vt.vreplication_log where vrepl_id = ? order by id desc limit ?',
        [id, STREAM_LOG_LINES],
      );
    } catch {
      // Missing sidecar tables read as empty.
    }
    const stillCopying = new Set(copyRows.map((r) => text(r['table_name'])));
    const pos = text(row['pos']);
    const copyPhase: CopyPhase = stillCopying.size > 0 ? 'copying' : pos === '' ? 'pending' : 'done';
    const rawState = text(row['state']);
    const message = text(row['message']);
    const source = primaryOf(sourceKeyspace, sourceShard);
    const copy: TableCopyView[] =
      copyPhase === 'copying'
        ? [...tables].sort().map((t) => ({
            table: t,
            copied: rowCount(p.mysqld, t),
            total: rowCount(source, t),
            done: !stillCopying.has(t),
          }))
        : [];
    const timeUpdated = num(row['time_updated']);
    streams.push({
      id,
      workflow: text(row['workflow']),
      keyspace: p.keyspace,
      shard: p.shard,
      tablet: p.alias,
      sourceKeyspace,
      sourceShard,
      tables,
      state: displayedStreamState(rawState, message, stillCopying.size > 0),
      rawState,
      message,
      position: shortPosition(pos),
      stopPosition: shortPosition(text(row['stop_pos'])),
      rowsCopied: num(row['rows_copied']),
      workflowType: WORKFLOW_TYPE_NAMES[num(row['workflow_type'])] ?? String(num(row['workflow_type'])),
      lagSeconds: timeUpdated > 0 ? Math.max(0, nowSeconds - timeUpdated) : null,
      copyPhase,
      copy,
      logs: logRows.reverse().map((l) => ({
        id: num(l['id']),
        type: text(l['type']),
        state: text(l['state']),
        message: text(l['message']),
        count: num(l['count']),
      })),
    });
  }
  return streams;
}

// ---- traffic state (getWorkflowState, read from routing rules) ---------------------------------------

function trafficState(part: TopoPart, name: string, keyspace: string, sourceKeyspace: string, tables: string[]): string | null {
  if (tables.length === 0 || sourceKeyspace === '') return null;
  const state = newWorkflowState(name, sourceKeyspace, keyspace);
  // For `<wf>_reverse` the keyspaces swap, so the state reads from the forward workflow's side.
  const isReverse = name.endsWith('_reverse');
  const forwardSource = isReverse ? keyspace : sourceKeyspace;
  state.isReverse = isReverse;
  const table = [...tables].sort()[0] as string;
  for (const type of ['rdonly', 'replica'] as const) {
    const ruleName = `${forwardSource}.${table}@${type}`;
    const switched: string[] = [];
    const notSwitched: string[] = [];
    for (const { cell, rules } of part.cellRules) {
      const rule = rules.find((r) => r.from_table === ruleName);
      const isSwitched = rule?.to_tables.some((to) => to.split('.')[0] !== forwardSource) ?? false;
      (isSwitched ? switched : notSwitched).push(cell);
    }
    if (type === 'rdonly') {
      state.rdonlyCellsSwitched = switched;
      state.rdonlyCellsNotSwitched = notSwitched;
    } else {
      state.replicaCellsSwitched = switched;
      state.replicaCellsNotSwitched = notSwitched;
    }
  }
  const rules = new Map(part.routingRules.map((r) => [r.from, r.to]));
  state.writesSwitched = tables.some((t) => {
    const key = `${forwardSource}.${t}`;
    const to = rules.get(key);
    return to !== undefined && to.length > 0 && to[0] !== key;
  });
  return stateString(state);
}

// ---- the view -------------------------------------------------------------------------------------

export function buildClusterView(cluster: Cluster): ClusterView {
  const topo = cluster.topo;
  const part = topoPart(topo);
  const nowMs = cluster.env.clock.nowMs();
  const nowSeconds = Math.floor(nowMs / 1000);
  const processes = cluster.tabletProcesses();

  const tabletsOf = (keyspace: string, shard: string): TabletView[] =>
    processes
      .filter((p) => p.keyspace === keyspace && p.shard === shard)
      .map((p) => {
        const server = p.server;
        const mysqlUp = p.mysqlctlUp && (p.mysqld?.running ?? false);
        const type: TabletType = server?.type ?? topo.getTablet(p.alias)?.type ?? 'UNKNOWN';
        const gtid = p.mysqld ? p.mysqld.gtidExecuted.toString() : '';
        let replication: ReplicationView | undefined;
        if (server && type !== 'PRIMARY') {
          const r = server.replication.status();
          replication = { running: r.running, lagMs: r.lagMs, pending: r.pendingTransactions, error: r.lastError };
        }
        return {
          alias: aliasString(p.alias),
          cell: p.alias.cell,
          uid: p.alias.uid,
          type,
          state: server ? server.servingState() : 'STOPPED',
          mysqlUp,
          position: shortPosition(gtid),
          gtidExecuted: gtid,
          replication,
        };
      });

  const keyspaceNames = new Set(part.keyspaces.map((k) => k.name));
  const keyspaces: KeyspaceView[] = part.keyspaces.map((k) => ({
    name: k.name,
    sharded: k.sharded,
    shards: k.shards.map((s) => ({ ...s, tablets: tabletsOf(k.name, s.name) })),
  }));
  // Tablets whose keyspace has no topo record (yet, or any more) still show.
  const orphans = new Map<string, Set<string>>();
  for (const p of processes) {
    if (p.keyspace === '' || keyspaceNames.has(p.keyspace)) continue;
    const shards = orphans.get(p.keyspace) ?? new Set<string>();
    shards.add(p.shard);
    orphans.set(p.keyspace, shards);
  }
  for (const [ks, shards] of [...orphans].sort((a, b) => a[0].localeCompare(b[0]))) {
    keyspaces.push({
      name: ks,
      sharded: false,
      shards: [...shards].sort().map((s) => ({
        keyspace: ks,
        name: s,
        primaryAlias: null,
        isPrimaryServing: false,
        deniedTables: [],
        tablets: tabletsOf(ks, s),
      })),
    });
  }

  // Streams live in the primaries' sidecar tables.
  const primaries: PrimaryRef[] = [];
  for (const p of processes) {
    if (p.server?.type !== 'PRIMARY' || !p.mysqld?.running || p.server.servingState() !== 'SERVING') continue;
    primaries.push({ keyspace: p.keyspace, shard: p.shard, alias: aliasString(p.alias), mysqld: p.mysqld });
  }
  const primaryOf = (ks: string, shard: string): Mysqld | undefined =>
    primaries.find((x) => x.keyspace === ks && x.shard === shard)?.mysqld;
  const streams = primaries.flatMap((p) => readStreams(p, nowSeconds, primaryOf));

  const byWorkflow = new Map<string, StreamView[]>();
  for (const s of streams) {
    const key = `${s.keyspace}\u0000${s.workflow}`;
    byWorkflow.set(key, [...(byWorkflow.get(key) ?? []), s]);
  }
  const workflows: WorkflowView[] = [...byWorkflow.values()]
    .map((ss) => {
      const first = ss[0] as StreamView;
      const tables = [...new Set(ss.flatMap((s) => s.tables))].sort();
      return {
        name: first.workflow,
        keyspace: first.keyspace,
        sourceKeyspace: first.sourceKeyspace,
        isReverse: first.workflow.endsWith('_reverse'),
        workflowType: first.workflowType,
        // Only table-moving workflows are switched by routing rules.
        trafficState:
          first.workflowType === 'Reshard' ? null : trafficState(part, first.workflow, first.keyspace, first.sourceKeyspace, tables),
        frozen: ss.every((s) => s.message === 'FROZEN'),
        streams: ss,
      };
    })
    .sort((a, b) => a.keyspace.localeCompare(b.keyspace) || a.name.localeCompare(b.name));

  // The moved tables: every table a routing rule or a workflow names.
  const moved = new Set<string>();
  for (const r of part.routingRules) {
    moved.add(ruleTable(r.from));
    for (const t of r.to) moved.add(ruleTable(t));
  }
  for (const s of streams) for (const t of s.tables) moved.add(t);
  const routes: TableRouteView[] = [...moved].sort().map((table) => ({
    table,
    routes: {
      PRIMARY: resolveRoute(part, table, 'PRIMARY'),
      REPLICA: resolveRoute(part, table, 'REPLICA'),
      RDONLY: resolveRoute(part, table, 'RDONLY'),
    },
  }));

  return deepFreeze({
    nowMs,
    seed: cluster.env.seed,
    processes: {
      etcd: cluster.processes.etcd,
      vtctld: cluster.processes.vtctld,
      vtgate: cluster.processes.vtgate,
      vtorc: cluster.processes.vtorc,
    },
    keyspaces,
    routingRules: part.routingRules.map((r) => ({ from: r.from, to: [...r.to] })),
    routes,
    workflows,
  });
}

/** A stable text of a view, for telling two snapshots apart cheaply (the TUI skips equal ones). */
export function viewKey(view: ClusterView, options: { ignoreTime?: boolean } = {}): string {
  return JSON.stringify(options.ignoreTime ? { ...view, nowMs: 0 } : view);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

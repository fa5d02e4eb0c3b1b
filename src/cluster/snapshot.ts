// Cluster snapshots: the whole state of a simulated cluster as a set of files, and a cluster rebuilt
// from them. This is what `vtsim serve --data-dir` saves on shutdown and on `vtsim snapshot`, so a class
// can stop and resume: topology records, every tablet's database (its own tables as a SQLite file, the
// `_vt` sidecar rows, binlog, gtid_executed), which processes run, the virtual clock and the PRNG.
// Restoring restarts the processes the way a machine reboot would: each mysqld comes back on its data,
// each vttablet starts again, and the VReplication engine of each primary reopens its streams from
// `_vt.vreplication` / `_vt.copy_state`, so a MoveTables caught mid-copy resumes from its last copied
// primary key. Client sessions (open transactions, `use`) are not part of a snapshot, as they are not
// part of a MySQL data directory.
// Pure serialize/deserialize to bytes (no node:* imports): src/server/data-dir.ts does the atomic
// file I/O. No direct Vitess counterpart (Vitess persists through MySQL data directories and etcd).

import type { SqlValue } from '../common/sql-types.js';
import type { TabletType } from '../common/tablet-alias.js';
import { aliasString, parseAlias, parseTabletType } from '../common/tablet-alias.js';
import { isTopoError } from '../topo/topo-errors.js';
import type { TopoConn } from '../topo/conn.js';
import type { SqlJsStatic } from '../tablets/sqlite/sqljs.js';
import { Mysqld } from '../tablets/mysqld/mysqld.js';
import type { MysqldImage } from '../tablets/mysqld/mysqld.js';
import type { BinlogEvent, BinlogTransaction } from '../tablets/binlog/binlog.js';
import { Cluster } from './cluster.js';
import type { ProcessState } from './cluster.js';
import { crc32, taggedParse, taggedStringify, utf8Decode, utf8Encode } from './snapshot-codec.js';

export const SNAPSHOT_FORMAT = 'vtsim-snapshot';
export const SNAPSHOT_VERSION = 1;
/** Written last and naming every other file with its size and CRC: a snapshot without it is incomplete. */
export const MANIFEST_FILE = 'manifest.json';
const TOPO_FILE = 'topo.json';

/** A snapshot: relative file path → contents. */
export type SnapshotFiles = Map<string, Uint8Array>;

/** Reads one file of a snapshot; undefined when it does not exist. */
export type SnapshotReader = (path: string) => Uint8Array | undefined;

export interface TabletSnapshot {
  alias: string;
  keyspace: string;
  shard: string;
  mysqlctlUp: boolean;
  vttabletUp: boolean;
  /** The vttablet's type when it was running. */
  tabletType: TabletType | null;
  /** The directory of the tablet's mysqld files, or null when no mysqld was ever initialised. */
  mysqldDir: string | null;
}

export interface SnapshotManifest {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  seed: number;
  /** The virtual clock (ms since the Unix epoch, simulated). */
  clockMs: number;
  /** The PRNG's state, so the restored run draws what the saved one would have drawn next. */
  rngState: number[];
  replicationDelayMs: number;
  processes: ProcessState;
  tablets: TabletSnapshot[];
  /** Every other file of the snapshot: size and CRC-32, checked before anything is restored. */
  files: Record<string, { size: number; crc32: string }>;
}

/** A snapshot that cannot be loaded (missing or damaged files, unknown format). */
export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

// ---- saving ----

/**
 * The cluster's state as files. Throws (a VtError from the tablet) when a tablet has a transaction
 * open: a snapshot holds committed data only.
 */
export function serializeCluster(cluster: Cluster): SnapshotFiles {
  const files: SnapshotFiles = new Map();
  files.set(TOPO_FILE, utf8Encode(taggedStringify(dumpTopo(cluster.topo.conn, cluster.topo.paths.root))));
  const tablets: TabletSnapshot[] = [];
  for (const p of cluster.tabletProcesses()) {
    const alias = aliasString(p.alias);
    let mysqldDir: string | null = null;
    if (p.mysqld) {
      mysqldDir = `tablets/${alias}`;
      const image = p.mysqld.exportImage();
      const { main, binlog, ...state } = image;
      files.set(`${mysqldDir}/${image.dbName}.sqlite`, main);
      files.set(`${mysqldDir}/mysqld.json`, utf8Encode(taggedStringify(state)));
      files.set(`${mysqldDir}/binlog.json`, utf8Encode(taggedStringify(encodeBinlog(binlog.startIndex, binlog.transactions))));
    }
    tablets.push({
      alias,
      keyspace: p.keyspace,
      shard: p.shard,
      mysqlctlUp: p.mysqlctlUp,
      vttabletUp: p.server !== undefined,
      tabletType: p.server?.type ?? null,
      mysqldDir,
    });
  }
  const manifest: SnapshotManifest = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    seed: cluster.env.seed,
    clockMs: cluster.env.clock.nowMs(),
    rngState: cluster.env.rng.getState(),
    replicationDelayMs: cluster.replicationDelayMs,
    processes: { ...cluster.processes },
    tablets,
    files: {},
  };
  for (const [path, data] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    manifest.files[path] = { size: data.length, crc32: crc32(data) };
  }
  files.set(MANIFEST_FILE, utf8Encode(`${JSON.stringify(manifest, null, 2)}\n`));
  return files;
}

/** Every file of the topology store under `root`, in path order. */
function dumpTopo(conn: TopoConn, root: string): Array<{ path: string; value: unknown }> {
  const out: Array<{ path: string; value: unknown }> = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = conn.list(dir);
    } catch (e) {
      if (isTopoError(e, 'NO_NODE')) return;
      throw e;
    }
    for (const name of names) {
      const path = `${dir}/${name}`;
      const file = conn.get(path);
      if (file) out.push({ path, value: file.value });
      walk(path);
    }
  };
  walk(root);
  return out;
}

// ---- loading ----

/** Reads and checks a snapshot's manifest and every file it names (sizes and CRCs). */
export function validateSnapshot(read: SnapshotReader): SnapshotManifest {
  const raw = read(MANIFEST_FILE);
  if (!raw) throw new SnapshotError(`${MANIFEST_FILE} is missing (an incomplete snapshot)`);
  let manifest: SnapshotManifest;
  try {
    manifest = JSON.parse(utf8Decode(raw)) as SnapshotManifest;
  } catch (e) {
    throw new SnapshotError(`${MANIFEST_FILE} is damaged: ${(e as Error).message}`);
  }
  if (manifest.format !== SNAPSHOT_FORMAT) throw new SnapshotError(`not a vtsim snapshot (format ${JSON.stringify(manifest.format)})`);
  if (manifest.version !== SNAPSHOT_VERSION) {
    throw new SnapshotError(`snapshot format version ${manifest.version} is not supported (this vtsim reads version ${SNAPSHOT_VERSION})`);
  }
  for (const [path, want] of Object.entries(manifest.files)) {
    const data = read(path);
    if (!data) throw new SnapshotError(`${path} is missing`);
    if (data.length !== want.size || crc32(data) !== want.crc32) throw new SnapshotError(`${path} is damaged (size or checksum differs)`);
  }
  return manifest;
}

/**
 * A cluster rebuilt from a snapshot: same topology and data, the processes that ran started again,
 * the clock and PRNG where they were. Throws SnapshotError when the snapshot is incomplete or damaged.
 */
export function restoreCluster(sql: SqlJsStatic, read: SnapshotReader): Cluster {
  const manifest = validateSnapshot(read);
  const file = (path: string): Uint8Array => {
    const data = read(path);
    if (!data) throw new SnapshotError(`${path} is missing`);
    return data;
  };
  const json = (path: string): unknown => {
    try {
      return taggedParse(utf8Decode(file(path)));
    } catch (e) {
      if (e instanceof SnapshotError) throw e;
      throw new SnapshotError(`${path} is damaged: ${(e as Error).message}`);
    }
  };

  const cluster = Cluster.createSync(sql, { seed: manifest.seed, replicationDelayMs: manifest.replicationDelayMs });
  cluster.env.clock.advanceTo(manifest.clockMs);
  for (const f of json(TOPO_FILE) as Array<{ path: string; value: unknown }>) cluster.topo.conn.update(f.path, f.value);
  const { vtgate, ...others } = manifest.processes;
  Object.assign(cluster.processes, others);

  // Every mysqld first (replicas find their primary's binlog through it), then the vttablets:
  // non-primaries before primaries, so a primary's VReplication streams find their sources serving.
  const tablets = manifest.tablets.map((t) => {
    const alias = parseAlias(t.alias);
    if (!alias) throw new SnapshotError(`bad tablet alias ${JSON.stringify(t.alias)}`);
    return { t, alias };
  });
  for (const { t, alias } of tablets) {
    cluster.startMysqld(alias);
    const p = cluster.tablet(alias);
    if (!p) throw new SnapshotError(`tablet ${t.alias} could not be recreated`);
    p.keyspace = t.keyspace;
    p.shard = t.shard;
    if (t.mysqldDir !== null) {
      const state = json(`${t.mysqldDir}/mysqld.json`) as Omit<MysqldImage, 'main' | 'binlog'>;
      const binlog = decodeBinlog(json(`${t.mysqldDir}/binlog.json`) as EncodedBinlog);
      const main = file(`${t.mysqldDir}/${state.dbName}.sqlite`);
      p.mysqld = Mysqld.fromImage(sql, { ...state, main, binlog }, cluster.env.clock);
    }
  }
  const order = (t: TabletSnapshot): number => (t.tabletType === 'PRIMARY' ? 1 : 0);
  for (const { t, alias } of [...tablets].sort((a, b) => order(a.t) - order(b.t))) {
    if (!t.vttabletUp) continue;
    const type = (t.tabletType && parseTabletType(t.tabletType)) || 'REPLICA';
    cluster.startVttablet(alias, t.keyspace, t.shard, type);
  }
  for (const { t, alias } of tablets) if (!t.mysqlctlUp) cluster.stopMysqld(alias);
  if (vtgate) cluster.startVtgate();
  // Last, so nothing drawn while restarting shifts the stream the saved run would have continued.
  cluster.env.rng.setState(manifest.rngState);
  return cluster;
}

// ---- binlog encoding ----
// Binlogs are the bulk of a snapshot; events of one table share their column list, so the lists
// (and server UUIDs) are stored once and referred to by index.

type EncodedEvent = ['r', string, string, number, SqlValue[] | null, SqlValue[] | null] | ['d', string, string];

interface EncodedBinlog {
  startIndex: number;
  uuids: string[];
  columnSets: string[][];
  /** [uuid index, sequence number, commit time, events]. */
  transactions: Array<[number, number, number, EncodedEvent[]]>;
}

function encodeBinlog(startIndex: number, txs: readonly BinlogTransaction[]): EncodedBinlog {
  const uuids: string[] = [];
  const uuidIndex = new Map<string, number>();
  const columnSets: string[][] = [];
  const byArray = new Map<readonly string[], number>();
  const byKey = new Map<string, number>();
  const columnsIndex = (cols: readonly string[]): number => {
    let i = byArray.get(cols);
    if (i !== undefined) return i;
    const key = cols.join('\u0000');
    i = byKey.get(key);
    if (i === undefined) {
      i = columnSets.length;
      columnSets.push([...cols]);
      byKey.set(key, i);
    }
    byArray.set(cols, i);
    return i;
  };
  const transactions = txs.map((tx): [number, number, number, EncodedEvent[]] => {
    let u = uuidIndex.get(tx.gtid.uuid);
    if (u === undefined) {
      u = uuids.length;
      uuids.push(tx.gtid.uuid);
      uuidIndex.set(tx.gtid.uuid, u);
    }
    const events = tx.events.map((ev): EncodedEvent =>
      ev.kind === 'row' ? ['r', ev.schema, ev.table, columnsIndex(ev.columns), ev.before, ev.after] : ['d', ev.schema, ev.sql],
    );
    return [u, tx.gtid.seq, tx.timestampMs, events];
  });
  return { startIndex, uuids, columnSets, transactions };
}

function decodeBinlog(b: EncodedBinlog): MysqldImage['binlog'] {
  const columnSets = b.columnSets.map((c) => Object.freeze([...c]));
  const transactions = b.transactions.map(([u, seq, timestampMs, events]): BinlogTransaction => {
    const uuid = b.uuids[u];
    if (uuid === undefined) throw new SnapshotError('binlog.json is damaged (unknown server uuid index)');
    return {
      gtid: { uuid, seq },
      timestampMs,
      events: events.map((e): BinlogEvent => {
        if (e[0] === 'd') return { kind: 'ddl', schema: e[1], sql: e[2] };
        const columns = columnSets[e[3]];
        if (!columns) throw new SnapshotError('binlog.json is damaged (unknown column set index)');
        return { kind: 'row', schema: e[1], table: e[2], columns, before: e[4], after: e[5] };
      }),
    };
  });
  return { startIndex: b.startIndex, transactions };
}

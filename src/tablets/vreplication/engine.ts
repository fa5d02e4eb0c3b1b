// VReplicationEngine: the VReplication service of a primary tablet. It owns one Controller per
// `_vt.vreplication` row of this tablet's database; the rows are the whole contract with the
// workflow server, which writes them through the tablet manager's VReplicationExec and reads them
// (and `_vt.copy_state`, `_vt.vreplication_log`) back. Opening the engine (the tablet becomes a
// serving primary) resumes every stream from the sidecar tables; closing it stops them.
// Mirrors go/vt/vttablet/tabletmanager/vreplication/engine.go (Open, Close, Exec: controllers
// (re)created for inserted/updated rows with "Stream Created"/"State Changed" logs, removed with
// "Stream Deleted"; WaitForPos; registerJournal/transitionJournal).

import type { QueryResult, SqlValue } from '../../common/sql-types.js';
import type { TabletAlias } from '../../common/tablet-alias.js';
import { aliasString } from '../../common/tablet-alias.js';
import { VtError, vtError } from '../../common/errors.js';
import type { SimEnv } from '../../engine/sim-env.js';
import type { Mysqld } from '../mysqld/mysqld.js';
import type { PrimaryEngine } from '../tablet-server.js';
import type { VindexResolver } from '../vstreamer/planbuilder.js';
import { formatBinlogSource, parseBinlogSource } from './binlog-source.js';
import { decodePosition, readStreamRow } from './binlog-player.js';
import type { VReplicationConfig } from './config.js';
import { DEFAULT_VREPLICATION_CONFIG } from './config.js';
import { Controller } from './controller.js';
import { durationString } from '../../common/go-duration.js';
import type { ControllerHost, ControllerPhase } from './controller.js';
import type { Journal, ShardGtid } from './journal.js';
import type { SourceTabletPicker } from './tablet-picker.js';
import { LOG_STATE_CHANGE, LOG_STREAM_CREATE, LOG_STREAM_DELETE, insertLog, insertLogWithParams } from './vr-log.js';

export interface VReplicationEngineOptions {
  env: SimEnv;
  /** This tablet's MySQL (the target of its streams). */
  mysqld: Mysqld;
  /** This tablet (for messages and the default cell). */
  alias: TabletAlias;
  picker: SourceTabletPicker;
  config?: Partial<VReplicationConfig>;
  /** Needed only for filters with in_keyrange (sharded sources or targets). */
  resolveVindex?: VindexResolver;
}

/** One stream as the engine sees it (for the TUI and tests). */
export interface StreamStatus {
  id: number;
  workflow: string;
  state: string;
  message: string;
  pos: string;
  stopPos: string;
  rowsCopied: number;
  /** Tables still in copy_state. */
  tablesToCopy: string[];
  phase: ControllerPhase;
  /** The tablet the stream reads from, while it runs. */
  sourceTablet: string | undefined;
  /** How far the player is behind its source, in ms of commit time. */
  lagMs: number;
}

interface JournalEvent {
  journal: Journal;
  participants: Map<string, number>;
  shardGtids: Map<string, ShardGtid>;
}

/** The sentinel Vitess writes for "no limit" in max_tps / max_replication_lag. */
const MAX_INT64 = '9223372036854775807';

/** The text after a statement's top-level WHERE (outside quotes and parentheses), if any. */
export function whereClause(sql: string): string | undefined {
  let depth = 0;
  let found = -1;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < sql.length && sql[j] !== c) j += sql[j] === '\\' ? 2 : 1;
      i = j;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && /\s/.test(c ?? '') && /^where\s/i.test(sql.slice(i + 1, i + 7))) found = i + 1;
  }
  if (found < 0) return undefined;
  return sql
    .slice(found + 5)
    .trim()
    .replace(/;+\s*$/, '');
}

export class VReplicationEngine implements PrimaryEngine {
  readonly config: VReplicationConfig;
  private readonly controllers = new Map<number, Controller>();
  /** Stream ids the engine has seen (a row whose controller could not start is still known). */
  private readonly known = new Set<number>();
  private readonly journaler = new Map<string, JournalEvent>();
  private opened = false;
  private readonly host: ControllerHost;

  constructor(private readonly options: VReplicationEngineOptions) {
    this.config = { ...DEFAULT_VREPLICATION_CONFIG, ...(options.config ?? {}) };
    this.host = {
      env: options.env,
      mysqld: options.mysqld,
      config: this.config,
      resolveVindex: options.resolveVindex,
      picker: options.picker,
      cell: options.alias.cell,
      registerJournal: (j, id) => this.registerJournal(j, id),
    };
  }

  private get mysqld(): Mysqld {
    return this.options.mysqld;
  }

  private nowSeconds(): number {
    return Math.floor(this.options.env.clock.nowMs() / 1000);
  }

  isOpen(): boolean {
    return this.opened;
  }

  /** Starts a controller for every stream of this database (resuming copies from copy_state). */
  open(): void {
    if (this.opened) return;
    this.opened = true;
    for (const row of this.readRows()) this.startController(row);
    this.options.env.trace.record('vreplication', 'open', `${aliasString(this.options.alias)} ${this.controllers.size} stream(s)`);
  }

  /** Stops every controller; the sidecar rows keep their progress for the next open. */
  close(): void {
    if (!this.opened) return;
    for (const ct of this.controllers.values()) ct.stop();
    this.controllers.clear();
    this.known.clear();
    this.journaler.clear();
    this.opened = false;
    this.options.env.trace.record('vreplication', 'close', aliasString(this.options.alias));
  }

  private readRows(): Array<Record<string, SqlValue>> {
    return this.mysqld.query('SELECT * FROM _vt.vreplication WHERE db_name = ? ORDER BY id', [this.mysqld.dbName]);
  }

  private startController(row: Record<string, SqlValue>): void {
    const id = Number(row.id);
    this.known.add(id);
    this.controllers.get(id)?.stop();
    try {
      this.controllers.set(id, new Controller(this.host, row));
    } catch (e) {
      // A row whose source cannot be parsed: Vitess fails the statement; keep the engine running.
      this.controllers.delete(id);
      this.options.env.trace.record('vreplication', 'bad-stream', `${id}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /**
   * Runs a VReplicationExec statement (MySQL dialect) against `_vt` and reacts to it. Used by the VDiff
   * engine; the tablet manager runs the statement itself and calls exec().
   */
  vreplicationExec(sql: string): QueryResult {
    const ids = this.idsMatching(sql);
    const result = this.mysqld.execute(sql, {}, { bypassReadOnly: true });
    this.react(sql, ids);
    return result;
  }

  /** Called after a VReplicationExec statement ran: (re)creates or removes controllers, writes the logs. */
  exec(sql: string): void {
    this.react(sql, this.idsMatching(sql));
  }

  /** For update/delete statements: the ids their WHERE selects now (before or after the change). */
  private idsMatching(sql: string): number[] | undefined {
    const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase();
    if (verb !== 'update' && verb !== 'delete') return undefined;
    const where = whereClause(sql);
    try {
      const qr = this.mysqld.execute(`select id from _vt.vreplication${where === undefined ? '' : ` where ${where}`}`);
      return qr.rows.map((r) => Number(r[0]));
    } catch {
      return undefined;
    }
  }

  private react(sql: string, matched: number[] | undefined): void {
    if (!this.opened) return; // Picked up by open().
    const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase();
    const rows = this.readRows();
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    const now = this.nowSeconds();
    if (verb === 'insert' || verb === 'replace') {
      for (const row of rows) {
        const id = Number(row.id);
        if (this.known.has(id)) continue;
        this.startController(row);
        const params = readStreamRow(this.mysqld, id);
        this.mysqld.transaction(() => insertLogWithParams(this.mysqld, LOG_STREAM_CREATE, id, params, now));
      }
      return;
    }
    if (verb === 'update') {
      const ids = matched ?? [...byId.keys()];
      for (const id of ids) {
        const row = byId.get(id);
        if (!row) continue;
        this.controllers.get(id)?.stop();
        this.startController(row);
        this.mysqld.transaction(() => insertLog(this.mysqld, LOG_STATE_CHANGE, id, String(row.state ?? ''), '', now));
      }
      return;
    }
    if (verb === 'delete') {
      for (const id of [...this.known]) {
        if (byId.has(id)) continue;
        this.controllers.get(id)?.stop();
        this.controllers.delete(id);
        this.known.delete(id);
        this.mysqld.transaction(() => {
          insertLogWithParams(this.mysqld, LOG_STREAM_DELETE, id, undefined, now);
          this.mysqld.run('DELETE FROM _vt.copy_state WHERE vrepl_id = ?', [id]);
        });
      }
    }
  }

  /**
   * VReplicationWaitForPos: advances simulated time until stream `id` has applied `pos`. Fails when the
   * stream is missing, stops first, or the time runs out (with Vitess's messages).
   */
  waitForPos(id: number, pos: string, timeoutMs: number): void {
    if (!this.opened) throw vtError('UNAVAILABLE', 'vreplication engine is closed');
    const want = decodePosition(pos);
    const start = this.options.env.clock.nowMs();
    let last = '';
    const reached = (): boolean => {
      const row = this.mysqld.query('SELECT pos, state, message FROM _vt.vreplication WHERE id = ?', [id])[0];
      if (!row) throw new VtError('UNKNOWN', `vreplication stream ${id} not found`);
      last = String(row.pos ?? '');
      const current = decodePosition(last);
      if (current.containsSet(want)) return true;
      if (row.state === 'Stopped') {
        throw new VtError(
          'UNKNOWN',
          `replication has stopped at ${current.toString()} before reaching position ${want.toString()}, message: ${String(row.message ?? '')}`,
        );
      }
      return false;
    };
    if (this.options.env.scheduler.waitFor(reached, timeoutMs, 5_000_000, `stream ${id} to reach ${pos}`)) return;
    const waited = this.options.env.clock.nowMs() - start;
    throw new VtError(
      'DEADLINE_EXCEEDED',
      `error waiting for pos: ${pos}, last pos: ${last}: context deadline exceeded, wait time: ${durationString(waited)}: ` +
        'possibly no tablets are available to stream in the source keyspace for your cell and tablet_types setting',
    );
  }

  /** True while any stream copies or has source transactions left to apply (the cluster settles on it). */
  isBusy(): boolean {
    for (const ct of this.controllers.values()) if (ct.isBusy()) return true;
    return false;
  }

  /** Every stream of this database with what its controller is doing. */
  streams(): StreamStatus[] {
    if (!this.mysqld.running) return [];
    const copying = new Map<number, string[]>();
    for (const r of this.mysqld.query('SELECT DISTINCT vrepl_id, table_name FROM _vt.copy_state ORDER BY vrepl_id, table_name')) {
      const id = Number(r.vrepl_id);
      copying.set(id, [...(copying.get(id) ?? []), String(r.table_name)]);
    }
    return this.readRows().map((r) => {
      const id = Number(r.id);
      const ct = this.controllers.get(id);
      return {
        id,
        workflow: String(r.workflow ?? ''),
        state: String(r.state ?? ''),
        message: String(r.message ?? ''),
        pos: String(r.pos ?? ''),
        stopPos: String(r.stop_pos ?? ''),
        rowsCopied: Number(r.rows_copied ?? 0),
        tablesToCopy: copying.get(id) ?? [],
        phase: ct?.phase ?? 'idle',
        sourceTablet: ct?.picked ? aliasString(ct.picked.alias) : undefined,
        lagMs: ct?.lagMs() ?? 0,
      };
    });
  }

  /**
   * registerJournal: a stream met a journal for all its tables. When every source of the journal has
   * joined (all of this workflow's streams reading the participants), the workflow moves to the
   * journal's new sources (transitionJournal). Throws when the workflow cannot follow.
   */
  registerJournal(journal: Journal, id: number): void {
    const ct = this.controllers.get(id);
    if (!ct?.source) return;
    const workflow = ct.workflow;
    const key = `${workflow}:${journal.id}`;
    let je = this.journaler.get(key);
    if (!je) {
      je = { journal, participants: new Map(), shardGtids: new Map() };
      this.journaler.set(key, je);
    }
    const sources = new Set<string>();
    for (const other of this.controllers.values()) {
      if (other.workflow === workflow && other.source) sources.add(`${other.source.keyspace}:${other.source.shard}`);
    }
    for (const p of journal.participants) {
      const ks = `${p.keyspace}:${p.shard}`;
      if (!sources.has(ks)) throw new Error(`cannot redirect on journal: not all sources are present in this workflow: missing ${ks}`);
      if (!je.participants.has(ks)) je.participants.set(ks, 0);
    }
    for (const g of journal.shardGtids) je.shardGtids.set(g.shard, g);
    je.participants.set(`${ct.source.keyspace}:${ct.source.shard}`, id);
    if ([...je.participants.values()].some((v) => v === 0)) return;
    this.journaler.delete(key);
    const event = je;
    this.options.env.scheduler.after(0, `vreplication journal ${key}`, () => this.transitionJournal(event));
  }

  /** transitionJournal: replaces the participant streams by streams from the journal's shard GTIDs. */
  private transitionJournal(je: JournalEvent): void {
    if (!this.opened) return;
    const ids = [...je.participants.values()];
    const refId = ids[ids.length - 1] as number;
    const ref = readStreamRow(this.mysqld, refId);
    if (!ref) return;
    for (const id of ids) this.controllers.get(id)?.stop();
    const source = parseBinlogSource(String(ref.source ?? ''));
    const now = this.nowSeconds();
    const newIds: number[] = [];
    this.mysqld.transaction(() => {
      for (const shard of [...je.shardGtids.keys()].sort()) {
        const g = je.shardGtids.get(shard) as ShardGtid;
        const bls = formatBinlogSource({ ...source, keyspace: g.keyspace, shard: g.shard });
        this.mysqld.run(
          'INSERT INTO _vt.vreplication (workflow, source, pos, max_tps, max_replication_lag, cell, tablet_types, time_updated, ' +
            'transaction_timestamp, state, db_name, workflow_type, workflow_sub_type, defer_secondary_keys) ' +
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 'Running', ?, ?, ?, ?)",
          [
            ref.workflow ?? '',
            bls,
            g.gtid,
            MAX_INT64,
            MAX_INT64,
            ref.cell ?? '',
            ref.tablet_types ?? '',
            now,
            this.mysqld.dbName,
            ref.workflow_type ?? 0,
            ref.workflow_sub_type ?? 0,
            ref.defer_secondary_keys ?? 0,
          ],
        );
        newIds.push(Number(this.mysqld.query('SELECT last_insert_rowid() AS id')[0]?.id ?? 0));
      }
      for (const id of ids) this.mysqld.run('DELETE FROM _vt.vreplication WHERE id = ?', [id]);
    });
    for (const id of ids) {
      this.controllers.delete(id);
      this.known.delete(id);
    }
    for (const id of newIds) {
      const row = readStreamRow(this.mysqld, id);
      if (row) this.startController(row);
    }
    this.options.env.trace.record('vreplication', 'journal', `${ids.join(',')} -> ${newIds.join(',')}`);
  }
}

// VPlayer applies a source's binlog, through the stream's filter, to this (target) tablet. Each batch
// of source transactions that changed matched rows is committed in ONE target transaction together
// with the stream's new position (so a restart never applies a transaction twice or skips one);
// transactions that changed nothing of interest only move the position, saved when the player has
// been idle for a while. DDL follows on_ddl; a journal for all of the stream's tables ends it.
// The same player runs in three modes: replicate (Running streams), catchup (copy phase: only rows
// already copied, i.e. tables done and PKs at or below the current table's lastpk), and fastforward
// (catchup up to the snapshot position of the next copy packet).
// Mirrors go/vt/vttablet/tabletmanager/vreplication/vplayer.go (play, applyEvents: commit grouping,
// unsavedEvent/idleTimeout, stop position; applyEvent: DDL per OnDDLAction, JOURNAL, HEARTBEAT).

import { isVtError } from '../../common/errors.js';
import type { GtidSet } from '../binlog/gtid.js';
import { VStreamer } from '../vstreamer/vstreamer.js';
import type { VStreamTransaction } from '../vstreamer/vstreamer.js';
import { encodePosition, updateHeartbeat, updatePos } from './binlog-player.js';
import type { VRSettings } from './binlog-player.js';
import type { LastPk } from './lastpk.js';
import type { TargetTablePlan } from './table-plan.js';
import { buildTargetTablePlan, isCopied } from './table-plan.js';
import { applyChange, clientError } from './apply-change.js';
import { wrapError } from './vr-log.js';
import type { VReplicator } from './vreplicator.js';

export type PlayerMode = 'replicate' | 'catchup' | 'fastforward';

/** What a player step ended with: more work waiting, nothing to do, or the player is finished. */
export type PlayResult = 'more' | 'idle' | 'eof';

/** copy_state as the player sees it: target table → lastpk (null: not started). Absent: fully copied. */
export type CopyState = Map<string, LastPk | null>;

export class VPlayer {
  /** The position applied so far (in memory; saved with each commit). */
  readonly pos: GtidSet;
  private readonly streamer: VStreamer;
  private readonly targetPlans = new Map<string, { columns: readonly string[]; plan: TargetTablePlan }>();
  /** The newest skipped (empty) transaction whose position is not saved yet. */
  private unsaved: VStreamTransaction | undefined;
  private timeLastSavedMs: number;

  constructor(
    private readonly vr: VReplicator,
    settings: VRSettings,
    private readonly copyState: CopyState | undefined,
    private readonly stopPos: GtidSet | undefined,
    /** Whether reaching stopPos sets the stream Stopped (replicate) or just returns (fastforward). */
    private readonly saveStop: boolean,
    readonly mode: PlayerMode,
  ) {
    this.pos = settings.startPos.clone();
    this.streamer = new VStreamer(vr.sourceMysqld, this.pos.clone(), vr.plan.sendRules, vr.host.resolveVindex, vr.binlogHint);
    // Positions only grow: the next player of this stream starts at or after this one.
    vr.binlogHint = this.streamer.startIndex;
    this.timeLastSavedMs = vr.host.env.clock.nowMs();
  }

  /**
   * play()'s precondition: a stop position the start already contains ends the player at once
   * ("Stop position ... already reached" when it saves its stop).
   */
  alreadyReached(): boolean {
    if (!this.stopPos || !this.pos.containsSet(this.stopPos)) return false;
    if (this.saveStop) {
      this.vr.inTx(() => this.vr.setState('Stopped', `Stop position ${this.pos.toString()} already reached: ${this.stopPos?.toString() ?? ''}`));
    }
    return true;
  }

  /** Source transactions not read yet. */
  pending(): number {
    return this.streamer.pending();
  }

  /** Commit time (ms) of the oldest source transaction not applied yet. */
  oldestPendingMs(): number | undefined {
    return this.streamer.oldestPendingMs();
  }

  /** Reads and applies up to `maxTx` source transactions ('idle' when there were none). */
  step(maxTx: number): PlayResult {
    const now = this.vr.host.env.clock.nowMs();
    if (this.unsaved && now - this.timeLastSavedMs >= this.vr.host.config.idleTimeoutMs) {
      if (this.vr.inTx(() => this.savePos(this.unsaved?.timestampMs ?? 0))) return 'eof';
    }
    const txs = this.streamer.fetch(maxTx);
    if (txs.length === 0) return 'idle';
    let i = 0;
    while (i < txs.length) {
      const tx = txs[i] as VStreamTransaction;
      if (tx.ddl !== undefined) {
        i++;
        if (this.applyDdl(tx)) return 'eof';
        continue;
      }
      if (tx.journal && this.journalMatters(tx)) {
        i++;
        if (this.applyJournal(tx)) return 'eof';
        continue;
      }
      const r = this.applyGroup(txs, i);
      i = r.next;
      if (r.eof) return 'eof';
    }
    return 'more';
  }

  /**
   * An idle tick: saves a skipped position once idleTimeout has passed and records a heartbeat
   * (time_updated / time_heartbeat), as the vstreamer's heartbeats make the player do.
   */
  heartbeat(): PlayResult {
    const now = this.vr.host.env.clock.nowMs();
    const nowSec = Math.floor(now / 1000);
    let eof = false;
    this.vr.inTx(() => {
      if (this.unsaved && now - this.timeLastSavedMs >= this.vr.host.config.idleTimeoutMs) {
        eof = this.savePos(this.unsaved.timestampMs);
      }
      if (!eof) updateHeartbeat(this.vr.host.mysqld, this.vr.id, nowSec);
    });
    return eof ? 'eof' : 'idle';
  }

  /** Applies consecutive plain transactions from `start` in one target transaction. */
  private applyGroup(txs: VStreamTransaction[], start: number): { next: number; eof: boolean } {
    let i = start;
    let eof = false;
    this.vr.inTx(() => {
      let lastTs: number | undefined;
      for (; i < txs.length; i++) {
        const tx = txs[i] as VStreamTransaction;
        if (tx.ddl !== undefined || (tx.journal && this.journalMatters(tx))) break;
        this.pos.add(tx.gtid);
        if (this.applyRows(tx) > 0) {
          lastTs = tx.timestampMs;
          this.unsaved = undefined;
        } else if (lastTs === undefined) {
          this.unsaved = tx;
        }
        if (this.stopPos && this.pos.containsSet(this.stopPos)) {
          // The stop position must be saved even when its transaction was empty (mustSave).
          this.savePos(lastTs ?? tx.timestampMs);
          i++;
          eof = true;
          return;
        }
      }
      if (lastTs !== undefined) this.savePos(lastTs);
    });
    return { next: i, eof };
  }

  /** Applies a transaction's row changes; returns how many changes were applied. */
  private applyRows(tx: VStreamTransaction): number {
    let n = 0;
    for (const row of tx.rows) {
      const target = this.vr.plan.targetTable(row.plan.table);
      if (target === undefined) continue;
      let before = row.before;
      let after = row.after;
      if (this.copyState) {
        if (this.copyState.has(target)) {
          const lastpk = this.copyState.get(target);
          if (!lastpk) continue; // Not copied at all yet: the copy will bring this row.
          const plan = this.targetPlan(target, row.plan.columns, lastpk);
          if (before && !isCopied(plan, before, lastpk.row)) before = null;
          if (after && !isCopied(plan, after, lastpk.row)) after = null;
          if (before === null && after === null) continue;
        }
      }
      try {
        applyChange(this.vr.host.mysqld, target, row.plan.columns, before, after);
      } catch (e) {
        const next = this.pos.toString();
        throw wrapError(e, `error applying event for table ${row.plan.table} while processing position ${next}`);
      }
      n++;
    }
    return n;
  }

  private targetPlan(table: string, columns: readonly string[], lastpk: LastPk): TargetTablePlan {
    const cached = this.targetPlans.get(table);
    if (cached && cached.columns === columns) return cached.plan;
    const plan = buildTargetTablePlan(this.vr.host.mysqld, table, columns, lastpk);
    this.targetPlans.set(table, { columns, plan });
    return plan;
  }

  /** updatePos: saves the position (and the source commit time); reports whether stopPos is reached. */
  private savePos(timestampMs: number): boolean {
    const now = this.vr.host.env.clock.nowMs();
    updatePos(this.vr.host.mysqld, this.vr.id, this.pos, Math.floor(now / 1000), Math.floor(timestampMs / 1000));
    this.unsaved = undefined;
    this.timeLastSavedMs = now;
    const reached = this.stopPos !== undefined && this.pos.containsSet(this.stopPos);
    if (reached && this.saveStop) this.vr.setState('Stopped', `Stopped at position ${this.stopPos?.toString() ?? ''}`);
    return reached;
  }

  /** A DDL on a matched table, handled per on_ddl. Returns true when the player must end. */
  private applyDdl(tx: VStreamTransaction): boolean {
    this.pos.add(tx.gtid);
    const sql = tx.ddl as string;
    const mysqld = this.vr.host.mysqld;
    switch (this.vr.source.on_ddl ?? 'IGNORE') {
      case 'STOP':
        this.vr.inTx(() => {
          this.savePos(tx.timestampMs);
          this.vr.setState('Stopped', `Stopped at DDL ${sql}`);
        });
        return true;
      case 'EXEC':
        // The DDL cannot commit together with the position: apply it, then save.
        try {
          mysqld.execute(sql, {}, { bypassReadOnly: true });
        } catch (e) {
          throw clientError(e, sql);
        }
        return this.vr.inTx(() => this.savePos(tx.timestampMs));
      case 'EXEC_IGNORE':
        try {
          mysqld.execute(sql, {}, { bypassReadOnly: true });
        } catch (e) {
          if (!isVtError(e)) throw e;
          this.vr.host.env.trace.record('vreplication', 'ddl-ignored', `${this.vr.id}: ${e.message}`);
        }
        return this.vr.inTx(() => this.savePos(tx.timestampMs));
      default:
        return this.vr.inTx(() => this.savePos(tx.timestampMs));
    }
  }

  /** The stream's tables, as journal checks see them (the target tables of its rules). */
  private streamTables(): string[] {
    return this.vr.source.filter.rules.filter((r) => !r.match.startsWith('/')).map((r) => r.match);
  }

  private journalMatters(tx: VStreamTransaction): boolean {
    const j = tx.journal;
    if (!j) return false;
    if (j.migrationType === 'SHARDS') return true;
    return this.streamTables().some((t) => j.tables.includes(t));
  }

  /**
   * A journal: if all of the stream's tables moved, register with the engine and end; if only some
   * did, stop with Vitess's message.
   */
  private applyJournal(tx: VStreamTransaction): boolean {
    const j = tx.journal;
    if (!j) return false;
    if (j.migrationType === 'TABLES') {
      const tables = this.streamTables();
      const found = tables.some((t) => j.tables.includes(t));
      const notFound = tables.some((t) => !j.tables.includes(t));
      if (found && notFound) {
        this.vr.inTx(() => this.vr.setState('Stopped', 'unable to handle journal event: tables were partially matched'));
        return true;
      }
    }
    try {
      this.vr.host.registerJournal(j, this.vr.id);
    } catch (e) {
      this.vr.inTx(() => this.vr.setState('Stopped', e instanceof Error ? e.message : String(e)));
    }
    return true;
  }

  /** The saved form of the current position (for status and tests). */
  positionText(): string {
    return encodePosition(this.pos);
  }
}

// Controller: runs one stream (one `_vt.vreplication` row) with retries. Unless the row is Stopped or
// Error, it picks a source tablet ("Picked source tablet: ..."), runs a VReplicator step by step on
// the scheduler, and on an error records it as the stream's message and starts over after the retry
// delay; unrecoverable errors put the stream in the Error state ("terminal error: <err>").
// Mirrors go/vt/vttablet/tabletmanager/vreplication/controller.go (newController, run, runBlp,
// pickSourceTablet, the isUnrecoverableError / retry-limit decision).

import type { SqlValue } from '../../common/sql-types.js';
import { errorMessage, vtError } from '../../common/errors.js';
import type { EventId } from '../../engine/scheduler.js';
import type { BinlogSource } from './binlog-source.js';
import { parseBinlogSource } from './binlog-source.js';
import { writeMessage } from './binlog-player.js';
import type { PickedTablet, SourceTabletPicker } from './tablet-picker.js';
import { DEFAULT_STREAM_TABLET_TYPES, aliasProtoString, parseCells, parseTabletTypesAndOrder } from './tablet-picker.js';
import { VReplicator } from './vreplicator.js';
import type { VReplicatorHost } from './vreplicator.js';
import { isUnrecoverableError } from './vr-log.js';

/** Prefix of the message of a stream stopped by an error retrying cannot fix. */
export const TERMINAL_ERROR_INDICATOR = 'terminal error';

export interface ControllerHost extends VReplicatorHost {
  picker: SourceTabletPicker;
  /** This tablet's cell: the default when the stream's cell column is empty. */
  cell: string;
}

/** What the controller is doing, for introspection. */
export type ControllerPhase = 'idle' | 'picking' | 'running' | 'retrying';

function str(v: SqlValue | undefined): string {
  if (v === null || v === undefined) return '';
  return v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v);
}

export class Controller {
  readonly id: number;
  readonly workflow: string;
  readonly source: BinlogSource | undefined;
  phase: ControllerPhase = 'idle';
  /** The tablet streamed from, while running. */
  picked: PickedTablet | undefined;
  private readonly cellText: string;
  private readonly tabletTypesText: string;
  private vr: VReplicator | undefined;
  private scheduled: { id: EventId; atMs: number } | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopped = false;
  /** When the current round of tablet picking began (PickForStreaming gives up after retries x delay). */
  private pickStartMs: number | undefined;
  private lastActivityMs = 0;
  private lastError: { message: string; sinceMs: number } | undefined;

  constructor(
    private readonly host: ControllerHost,
    row: Record<string, SqlValue>,
  ) {
    this.id = Number(row.id);
    this.workflow = str(row.workflow);
    this.cellText = str(row.cell);
    this.tabletTypesText = str(row.tablet_types);
    const state = str(row.state);
    // Nothing to do when the stream is stopped or known to have an unrecoverable error.
    if (state === 'Stopped' || state === 'Error') return;
    this.source = parseBinlogSource(str(row.source));
    this.phase = 'picking';
    this.schedule(this.host.env.clock.nowMs(), () => this.runBlp());
  }

  /** True while the stream copies rows or has source transactions left to apply. */
  isBusy(): boolean {
    // A stream just (re)started is about to pick its first source tablet and copy: the cluster is not
    // quiet yet. Once a pick has failed it waits for a tablet to appear, which settling cannot hasten.
    if (this.phase === 'picking') return this.pickStartMs === undefined;
    if (this.phase !== 'running' || !this.vr) return false;
    const player = this.vr.player;
    return player === undefined || player.pending() > 0;
  }

  /** How far behind the source the player is (ms of commit time), 0 when caught up. */
  lagMs(): number {
    const oldest = this.vr?.player?.oldestPendingMs();
    return oldest === undefined ? 0 : Math.max(0, this.host.env.clock.nowMs() - oldest);
  }

  /** Stops the stream's work (the row is untouched; a new controller resumes from it). */
  stop(): void {
    this.stopped = true;
    this.cancel();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.vr = undefined;
    this.picked = undefined;
    this.phase = 'idle';
  }

  private cancel(): void {
    if (this.scheduled) this.host.env.scheduler.cancel(this.scheduled.id);
    this.scheduled = undefined;
  }

  private schedule(atMs: number, fn: () => void): void {
    this.cancel();
    const at = Math.max(atMs, this.host.env.clock.nowMs());
    const id = this.host.env.scheduler.at(at, `vreplication ${this.id}`, () => {
      this.scheduled = undefined;
      if (!this.stopped) fn();
    });
    this.scheduled = { id, atMs: at };
  }

  /** Wakes the running player no later than `atMs` (keeps an earlier wake-up). */
  private wakeAt(atMs: number): void {
    if (this.stopped || this.phase !== 'running') return;
    if (this.scheduled && this.scheduled.atMs <= atMs) return;
    this.schedule(atMs, () => this.stepReplicator());
  }

  private runBlp(): void {
    const mysqld = this.host.mysqld;
    try {
      if (!mysqld.running) throw vtError('UNAVAILABLE', "can't connect to database: Can't connect to local MySQL server through socket (2002)");
      if (mysqld.inTransaction()) {
        this.schedule(this.host.env.clock.nowMs() + 10, () => this.runBlp());
        return;
      }
      const source = this.source as BinlogSource;
      const { types, inOrder } = parseTabletTypesAndOrder(this.tabletTypesText || DEFAULT_STREAM_TABLET_TYPES);
      const cells = parseCells(this.cellText);
      const picked = this.host.picker.pick(source.keyspace, source.shard, types, cells.length > 0 ? cells : [this.host.cell], inOrder);
      const now = this.host.env.clock.nowMs();
      if (!picked) {
        this.pickStartMs ??= now;
        const deadline = this.pickStartMs + this.host.config.tabletPickerRetryDelayMs * this.host.config.tabletPickerRetries;
        const next = now + this.host.config.tabletPickerRetryDelayMs;
        if (next < deadline) {
          this.schedule(next, () => this.runBlp());
          return;
        }
        this.schedule(deadline, () => {
          this.pickStartMs = undefined;
          const message = 'Error picking tablet: context has expired';
          try {
            if (mysqld.running) mysqld.transaction(() => writeMessage(mysqld, this.id, message));
          } catch {
            // Reported again on the next attempt.
          }
          this.retryLater(message);
        });
        return;
      }
      this.pickStartMs = undefined;
      mysqld.transaction(() => writeMessage(mysqld, this.id, `Picked source tablet: ${aliasProtoString(picked.alias)}`));
      this.picked = picked;
      this.vr = new VReplicator(this.host, this.id, source, picked);
      this.phase = 'running';
      this.lastActivityMs = this.host.env.clock.nowMs();
      this.schedule(this.host.env.clock.nowMs(), () => this.stepReplicator());
    } catch (e) {
      this.retryLater(errorMessage(e));
    }
  }

  private stepReplicator(): void {
    const vr = this.vr;
    const picked = this.picked;
    if (!vr || !picked) return;
    const mysqld = this.host.mysqld;
    const now = this.host.env.clock.nowMs();
    if (mysqld.running && mysqld.inTransaction()) {
      // A client holds a transaction open on this MySQL: wait, as a second connection would.
      this.schedule(now + 10, () => this.stepReplicator());
      return;
    }
    try {
      if (!picked.mysqld.running || picked.isServing?.() === false) {
        throw vtError('UNAVAILABLE', 'vstream ended');
      }
      const out = vr.step();
      switch (out.kind) {
        case 'continue':
          this.schedule(now + out.delayMs, () => this.stepReplicator());
          return;
        case 'done':
          this.finish();
          return;
        case 'play': {
          this.lastError = undefined;
          this.unsubscribe ??= picked.mysqld.binlog.subscribe((tx) => this.wakeAt(tx.timestampMs + this.host.config.applyDelayMs));
          const player = vr.player;
          if (out.result === 'more') {
            this.lastActivityMs = now;
            this.schedule(now, () => this.stepReplicator());
            return;
          }
          if (player && now - this.lastActivityMs >= this.host.config.heartbeatIntervalMs) {
            this.lastActivityMs = now;
            if (player.heartbeat() === 'eof') {
              this.finish();
              return;
            }
          }
          this.schedule(this.lastActivityMs + this.host.config.heartbeatIntervalMs, () => this.stepReplicator());
          return;
        }
      }
    } catch (e) {
      this.failReplicator(vr, e);
    }
  }

  private finish(): void {
    this.cancel();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.vr = undefined;
    this.phase = 'idle';
  }

  /** vreplicator.Replicate's error path, then the controller's terminal-or-retry decision. */
  private failReplicator(vr: VReplicator, e: unknown): void {
    const mysqld = this.host.mysqld;
    const message = errorMessage(e);
    const now = this.host.env.clock.nowMs();
    if (!this.lastError || this.lastError.message !== message) this.lastError = { message, sinceMs: now };
    const retriesExhausted = this.host.config.maxTimeToRetryErrorMs > 0 && now - this.lastError.sinceMs > this.host.config.maxTimeToRetryErrorMs;
    try {
      if (mysqld.running && !mysqld.inTransaction()) {
        mysqld.transaction(() => vr.setMessage(message));
        if (isUnrecoverableError(e) || retriesExhausted) {
          mysqld.transaction(() => vr.setState('Error', `${TERMINAL_ERROR_INDICATOR}: ${message}`));
          this.host.env.trace.record('vreplication', 'error', `${this.id}: ${message}`);
          this.finish();
          return;
        }
      }
    } catch {
      // The database itself is failing: retry later like any other error.
    }
    this.retryLater(message);
  }

  private retryLater(message: string): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.vr = undefined;
    this.picked = undefined;
    this.phase = 'retrying';
    this.host.env.trace.record('vreplication', 'retry', `${this.id}: ${message}`);
    this.schedule(this.host.env.clock.nowMs() + this.host.config.retryDelayMs, () => {
      this.phase = 'picking';
      this.runBlp();
    });
  }
}

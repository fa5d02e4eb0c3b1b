// MySQL replication between simulated servers: a replica follows its source's binlog and applies
// each transaction (same rows, same GTID) after a configurable simulated delay.
// Mirrors what MySQL's replica IO + SQL threads do, and what vttablet's replication manager
// (go/vt/vttablet/tabletmanager/replmanager.go) keeps running. Every apply is a scheduler event, so
// replicas really lag behind their primary while time passes.

import type { SimEnv } from '../engine/sim-env.js';
import type { EventId } from '../engine/scheduler.js';
import { errorMessage } from '../common/errors.js';
import type { Mysqld } from './mysqld/mysqld.js';

export interface ReplicationStatus {
  running: boolean;
  sourceName: string | null;
  lastError: string;
  /** Transactions received but not applied yet. */
  pendingTransactions: number;
  /** How far behind the source this replica is, in ms of commit time (0 when caught up). */
  lagMs: number;
}

/** How many transactions one scheduler step applies at most (bounded units of work). */
const APPLY_BATCH_MAX = 500;

export class Replication {
  private source: Mysqld | undefined;
  private sourceName: string | null = null;
  private cursor = 0;
  private unsubscribe: (() => void) | undefined;
  private scheduled: { id: EventId; atMs: number } | undefined;
  private lastError = '';

  constructor(
    private readonly replica: Mysqld,
    private readonly env: SimEnv,
    private readonly label: string,
    /** The simulated delay between a commit on the source and its apply here. */
    public delayMs = 0,
  ) {}

  /** Points replication at a source and starts it (CHANGE REPLICATION SOURCE TO ...; START REPLICA). */
  start(source: Mysqld, sourceName: string): void {
    this.stop();
    this.source = source;
    this.sourceName = sourceName;
    this.lastError = '';
    this.cursor = source.binlog.resumeIndex((g) => this.replica.gtidExecuted.contains(g));
    this.unsubscribe = source.binlog.subscribe((tx) => this.scheduleAt(tx.timestampMs + this.delayMs));
    this.scheduleAt(this.env.clock.nowMs());
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.scheduled) this.env.scheduler.cancel(this.scheduled.id);
    this.scheduled = undefined;
    this.source = undefined;
  }

  running(): boolean {
    return this.source !== undefined;
  }

  status(): ReplicationStatus {
    const src = this.source;
    const pending = src ? src.binlog.endIndex() - this.cursor : 0;
    let lagMs = 0;
    if (src && pending > 0) {
      const oldest = src.binlog.at(this.cursor);
      if (oldest) lagMs = Math.max(0, this.env.clock.nowMs() - oldest.timestampMs);
    }
    return {
      running: src !== undefined,
      sourceName: this.sourceName,
      lastError: this.lastError,
      pendingTransactions: pending,
      lagMs,
    };
  }

  private scheduleAt(atMs: number): void {
    if (!this.source) return;
    if (this.scheduled && this.scheduled.atMs <= atMs) return;
    if (this.scheduled) this.env.scheduler.cancel(this.scheduled.id);
    const at = Math.max(atMs, this.env.clock.nowMs());
    this.scheduled = { atMs: at, id: this.env.scheduler.at(at, `replication ${this.label}`, () => this.pump()) };
  }

  private pump(): void {
    this.scheduled = undefined;
    const src = this.source;
    if (!src || !this.replica.running) return;
    const now = this.env.clock.nowMs();
    let applied = 0;
    while (this.cursor < src.binlog.endIndex() && applied < APPLY_BATCH_MAX) {
      const tx = src.binlog.at(this.cursor);
      if (!tx) {
        this.fail(`source binlog purged past position ${this.cursor}`);
        return;
      }
      if (tx.timestampMs + this.delayMs > now) {
        this.scheduleAt(tx.timestampMs + this.delayMs);
        return;
      }
      if (this.replica.inTransaction()) {
        // A client holds a transaction open on this server: retry shortly, as the SQL thread would wait.
        this.scheduleAt(now + 10);
        return;
      }
      try {
        this.replica.applyReplicated(tx);
      } catch (e) {
        this.fail(errorMessage(e));
        return;
      }
      this.cursor++;
      applied++;
    }
    if (this.cursor < src.binlog.endIndex()) this.scheduleAt(now);
    if (applied > 0) this.env.trace.record('replication', 'applied', `${this.label} +${applied}`);
  }

  private fail(message: string): void {
    this.lastError = message;
    this.env.trace.record('replication', 'error', `${this.label}: ${message}`);
    this.stop();
  }
}

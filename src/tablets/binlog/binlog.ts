// The simulated binary log of one MySQL server: committed transactions in commit order, each with
// its GTID, commit time and row-based events carrying full before/after images (binlog_row_image=FULL),
// or a DDL statement. Replicas apply it; VReplication's vstreamer reads it.
// Mirrors what go/vt/vttablet/tabletserver/vstreamer reads from MySQL's binlog (binlog events as
// VEvents: GTID, BEGIN, ROW, DDL, COMMIT), kept here as whole transactions.

import type { SqlValue } from '../../common/sql-types.js';
import type { Gtid } from './gtid.js';


/** One changed row. `before` is null for inserts, `after` is null for deletes. */
export interface RowEvent {
  kind: 'row';
  /** The schema the table lives in: '' for the tablet's own database, '_vt' for the sidecar. */
  schema: string;
  table: string;
  /** Column names of the images, in table order (shared between events of one table version). */
  columns: readonly string[];
  before: SqlValue[] | null;
  after: SqlValue[] | null;
}

/** A schema change, with the statement as the user wrote it (MySQL dialect). */
export interface DdlEvent {
  kind: 'ddl';
  schema: string;
  sql: string;
}

export type BinlogEvent = RowEvent | DdlEvent;

export interface BinlogTransaction {
  gtid: Gtid;
  /** Commit time on the originating server (virtual ms). */
  timestampMs: number;
  events: BinlogEvent[];
}

export type BinlogListener = (tx: BinlogTransaction) => void;

/** An append-only binlog with cursors by index; listeners hear of each append. */
export class Binlog {
  private readonly txs: BinlogTransaction[] = [];
  /** Transactions dropped from the front by purge(); indexes stay absolute. */
  private purged = 0;
  private readonly listeners = new Set<BinlogListener>();

  append(tx: BinlogTransaction): void {
    this.txs.push(tx);
    for (const l of this.listeners) l(tx);
  }

  /** Absolute index one past the last transaction. */
  endIndex(): number {
    return this.purged + this.txs.length;
  }

  /** The first index still held. */
  startIndex(): number {
    return this.purged;
  }

  /** The transaction at an absolute index, or undefined if purged or not written yet. */
  at(index: number): BinlogTransaction | undefined {
    return this.txs[index - this.purged];
  }

  /** The newest transaction, if any. */
  last(): BinlogTransaction | undefined {
    return this.txs[this.txs.length - 1];
  }

  /**
   * The first index at or after `from` whose transaction is not in `executed`: where a reader that has
   * executed that set resumes. Scans forward; callers keep the returned cursor.
   */
  resumeIndex(isExecuted: (g: Gtid) => boolean, from = this.purged): number {
    let i = Math.max(from, this.purged);
    while (i < this.endIndex() && isExecuted((this.at(i) as BinlogTransaction).gtid)) i++;
    return i;
  }

  /** Forgets transactions before an absolute index (binlog purge); readers behind it can no longer resume. */
  purgeBefore(index: number): void {
    const n = Math.min(Math.max(0, index - this.purged), this.txs.length);
    if (n > 0) {
      this.txs.splice(0, n);
      this.purged += n;
    }
  }

  /**
   * Replaces the whole log (restoring a snapshot): `startIndex` is the absolute index of the first
   * transaction given, so cursors saved against the old log stay valid. Listeners are not called.
   */
  load(startIndex: number, txs: readonly BinlogTransaction[]): void {
    this.txs.length = 0;
    for (const tx of txs) this.txs.push(tx);
    this.purged = startIndex;
  }

  size(): number {
    return this.txs.length;
  }

  subscribe(listener: BinlogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

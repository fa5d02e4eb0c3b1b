// VStreamer: reads a source tablet's binlog from a GTID position and turns each transaction into what a
// stream needs: the row changes of the tables its filter matches (projected and filtered), DDL on
// those tables, and journal rows (`_vt.resharding_journal` inserts). Transactions that touch nothing
// of interest still come through, empty, so the player can advance its position.
// Mirrors go/vt/vttablet/tabletserver/vstreamer/vstreamer.go (parseEvents: GTID/BEGIN/ROW/DDL/COMMIT,
// mustSendDDL, the journal table check), reading the simulated binlog in bounded batches instead of a
// gRPC stream.

import type { SqlValue } from '../../common/sql-types.js';
import { mysqlError } from '../sql/mysql-errors.js';
import type { BinlogTransaction, RowEvent } from '../binlog/binlog.js';
import type { Gtid, GtidSet } from '../binlog/gtid.js';
import type { Mysqld } from '../mysqld/mysqld.js';
import type { BinlogRule } from '../vreplication/binlog-source.js';
import type { Journal } from '../vreplication/journal.js';
import { parseJournal } from '../vreplication/journal.js';
import type { TableStreamPlan, VindexResolver } from './planbuilder.js';
import { buildTablePlan, matchRule, project } from './planbuilder.js';

/** One row change of a matched table, already projected onto the plan's output columns. */
export interface VStreamRow {
  plan: TableStreamPlan;
  before: SqlValue[] | null;
  after: SqlValue[] | null;
}

/** One source transaction as the stream sees it. */
export interface VStreamTransaction {
  gtid: Gtid;
  /** Commit time on the source (virtual ms). */
  timestampMs: number;
  rows: VStreamRow[];
  /** A DDL statement on a matched table. */
  ddl?: string;
  /** A journal row written in this transaction (for this database). */
  journal?: Journal;
}

/** The sidecar table journals are written to (vstreamer recognises inserts into it). */
const JOURNAL_TABLE = 'resharding_journal';

export class VStreamer {
  private cursor: number;
  private readonly plans = new Map<string, { columns: readonly string[]; plan: TableStreamPlan | null }>();

  constructor(
    private readonly source: Mysqld,
    /** Transactions in this set are not sent (the stream already has them). */
    private readonly startPos: GtidSet,
    private readonly rules: readonly BinlogRule[],
    private readonly resolveVindex?: VindexResolver,
    /** A binlog index known to be at or before where this position resumes (skips a long scan). */
    fromIndex = 0,
  ) {
    this.cursor = source.binlog.resumeIndex((g) => startPos.contains(g), fromIndex);
    this.startIndex = this.cursor;
  }

  /** The binlog index this streamer started reading at. */
  readonly startIndex: number;

  /** Source transactions not read yet. */
  pending(): number {
    return this.source.binlog.endIndex() - this.cursor;
  }

  /** Commit time of the oldest unread transaction, if any. */
  oldestPendingMs(): number | undefined {
    return this.source.binlog.at(this.cursor)?.timestampMs;
  }

  /** Reads up to `max` transactions (fewer if the binlog ends). */
  fetch(max: number): VStreamTransaction[] {
    const out: VStreamTransaction[] = [];
    const binlog = this.source.binlog;
    while (out.length < max && this.cursor < binlog.endIndex()) {
      const tx = binlog.at(this.cursor);
      if (!tx) {
        throw mysqlError(
          1236,
          'HY000',
          'Cannot replicate because the source purged required binary logs. Replicate the missing transactions from elsewhere, or provision a new replica from backup.',
        );
      }
      this.cursor++;
      if (this.startPos.contains(tx.gtid)) continue;
      out.push(this.convert(tx));
    }
    return out;
  }

  private convert(tx: BinlogTransaction): VStreamTransaction {
    const v: VStreamTransaction = { gtid: tx.gtid, timestampMs: tx.timestampMs, rows: [] };
    for (const ev of tx.events) {
      if (ev.kind === 'ddl') {
        if (this.ddlMatches(ev.sql)) v.ddl = ev.sql;
        continue;
      }
      if (ev.schema !== '') {
        if (ev.schema === '_vt' && ev.table === JOURNAL_TABLE && ev.before === null && ev.after) {
          const j = this.journalOf(ev);
          if (j) v.journal = j;
        }
        continue;
      }
      const plan = this.planFor(ev);
      if (!plan) continue;
      // Each image is filtered on its own: an update that moves a row out of (or into) the filter's
      // key range becomes a delete (or an insert), as vstreamer's filter does.
      const before = ev.before && plan.keep(ev.before) ? project(plan, ev.before) : null;
      const after = ev.after && plan.keep(ev.after) ? project(plan, ev.after) : null;
      if (before === null && after === null) continue;
      v.rows.push({ plan, before, after });
    }
    return v;
  }

  private planFor(ev: RowEvent): TableStreamPlan | null {
    const cached = this.plans.get(ev.table);
    if (cached && cached.columns === ev.columns) return cached.plan;
    const rule = matchRule(this.rules, ev.table);
    const plan = rule ? buildTablePlan(rule, ev.table, ev.columns, this.resolveVindex, this.source.dbName) : null;
    this.plans.set(ev.table, { columns: ev.columns, plan });
    return plan;
  }

  private journalOf(ev: RowEvent): Journal | undefined {
    const at = (c: string): SqlValue => ev.after?.[ev.columns.indexOf(c)] ?? null;
    const db = at('db_name');
    if (db !== null && String(db) !== this.source.dbName) return undefined;
    const val = at('val');
    if (val === null) return undefined;
    return parseJournal(val instanceof Uint8Array ? new TextDecoder().decode(val) : String(val));
  }

  /** mustSendDDL: a DDL is sent only when it names a table the filter matches. */
  private ddlMatches(sql: string): boolean {
    return ddlTables(sql).some((t) => matchRule(this.rules, t) !== undefined);
  }
}

const NAME = '(`(?:[^`]|``)+`|[A-Za-z0-9_$]+)(?:\\s*\\.\\s*(`(?:[^`]|``)+`|[A-Za-z0-9_$]+))?';

function unquote(qualifier: string | undefined, name: string | undefined): string {
  const n = name ?? qualifier ?? '';
  return n.startsWith('`') ? n.slice(1, -1).replace(/``/g, '`') : n;
}

/** The tables a DDL statement names (create/alter/drop/rename/truncate table, create/drop index). */
export function ddlTables(sql: string): string[] {
  const s = sql.replace(/\/\*[\s\S]*?\*\//g, ' ').trim();
  const one = (re: RegExp): string[] => {
    const m = re.exec(s);
    return m ? [unquote(m[1], m[2])] : [];
  };
  if (/^create\s+(?:temporary\s+)?table/i.test(s)) return one(new RegExp(`^create\\s+(?:temporary\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?${NAME}`, 'i'));
  if (/^alter\s+table/i.test(s)) return one(new RegExp(`^alter\\s+table\\s+${NAME}`, 'i'));
  if (/^truncate/i.test(s)) return one(new RegExp(`^truncate\\s+(?:table\\s+)?${NAME}`, 'i'));
  if (/^(create|drop)\s+/i.test(s) && /\bindex\b/i.test(s)) return one(new RegExp(`\\bon\\s+${NAME}`, 'i'));
  if (/^drop\s+(?:temporary\s+)?tables?\b/i.test(s)) {
    const rest = s.replace(/^drop\s+(?:temporary\s+)?tables?\s+(?:if\s+exists\s+)?/i, '');
    return splitNames(rest);
  }
  if (/^rename\s+tables?\b/i.test(s)) {
    const rest = s.replace(/^rename\s+tables?\s+/i, '');
    return rest.split(',').flatMap((pair) => splitNames(pair.replace(/\s+to\s+/i, ',')));
  }
  return [];
}

function splitNames(list: string): string[] {
  const out: string[] = [];
  const re = new RegExp(NAME, 'g');
  for (const part of list.split(',')) {
    re.lastIndex = 0;
    const m = re.exec(part.trim());
    if (m && !/^(restrict|cascade)$/i.test(m[1] ?? '')) out.push(unquote(m[1], m[2]));
  }
  return out;
}

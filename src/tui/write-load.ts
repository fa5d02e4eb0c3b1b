// The background write load the `w` key toggles: a steady trickle of inserts and updates through
// vtgate on the lesson's moved tables, so students see streams catch up, replicas lag, and writes
// being refused during a cutover. Every write is a simulation event (scheduled on the cluster's
// scheduler, at a fixed virtual interval) and values come from a PRNG seeded from the cluster's seed,
// so a load is as deterministic as the rest of the simulation. Columns come from the tables' schema
// on a primary, so nothing here knows the tutorial's tables.
// No Vitess counterpart (the local example has no load generator; Vitess's e2e tests use similar loops).

import type { Cluster } from '../cluster/cluster.js';
import type { ColumnDef, TableDef } from '../tablets/sql/table-def.js';
import { Rng } from '../engine/rng.js';
import { errorMessage } from '../common/errors.js';
import type { EventId } from '../engine/scheduler.js';

export interface WriteLoadStats {
  readonly running: boolean;
  readonly ok: number;
  readonly errors: number;
  /** The last error vtgate returned, as the mysql client would show it. */
  readonly lastError: string;
}

export interface WriteLoadOptions {
  seed: number;
  /** Virtual time between two writes (default 250 ms: 4 writes per simulated second). */
  intervalMs?: number;
}

/** A row this load inserted, to update later: its primary-key columns and values. */
interface Written {
  table: string;
  key: Array<[string, string]>;
}

const KEEP_ROWS = 32;

function quoteString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function quoteIdent(s: string): string {
  return `\`${s.replace(/`/g, '``')}\``;
}

export class WriteLoad {
  private readonly rng: Rng;
  private readonly intervalMs: number;
  private event: EventId | undefined;
  private counter = 0;
  private ok = 0;
  private errors = 0;
  private lastError = '';
  private readonly written: Written[] = [];
  /** The vtgate connection of the load, renewed when vtgate restarts. */
  private conn: { gate: unknown; session: unknown } | undefined;

  constructor(
    private readonly cluster: Cluster,
    /** The tables to write to, asked before every write (they change as the lesson goes on). */
    private readonly tables: () => readonly string[],
    options: WriteLoadOptions,
  ) {
    // Its own PRNG stream: turning the load on must not shift the cluster's own random draws.
    this.rng = Rng.fromSeed((options.seed ^ 0x5eed10ad) >>> 0);
    this.intervalMs = options.intervalMs ?? 250;
  }

  get running(): boolean {
    return this.event !== undefined;
  }

  start(): void {
    if (this.event !== undefined) return;
    this.schedule();
  }

  stop(): void {
    if (this.event !== undefined) this.cluster.env.scheduler.cancel(this.event);
    this.event = undefined;
  }

  stats(): WriteLoadStats {
    return { running: this.running, ok: this.ok, errors: this.errors, lastError: this.lastError };
  }

  private schedule(): void {
    this.event = this.cluster.env.scheduler.after(this.intervalMs, 'write load', () => {
      this.event = undefined;
      this.writeOnce();
      if (this.event === undefined) this.schedule();
    });
  }

  /** One insert or update through vtgate; failures are counted, never thrown. */
  writeOnce(): void {
    const tables = [...this.tables()].sort();
    if (tables.length === 0) {
      this.fail('no tables to write to yet');
      return;
    }
    const vtgate = this.cluster.vtgate;
    if (!vtgate) {
      this.fail('vtgate is not running');
      return;
    }
    const table = this.rng.pick(tables);
    const def = this.tableDef(table);
    if (!def) {
      this.fail(`table ${table} is not on any primary`);
      return;
    }
    const mine = this.written.filter((w) => w.table === table);
    const doUpdate = mine.length > 0 && this.rng.chance(1, 3);
    this.counter++;
    try {
      if (this.conn?.gate !== vtgate) this.conn = { gate: vtgate, session: vtgate.newSession() };
      const session = this.conn.session as ReturnType<typeof vtgate.newSession>;
      if (doUpdate) {
        const row = this.rng.pick(mine);
        const sql = this.updateSql(def, row);
        if (sql === undefined) return;
        vtgate.execute(session, sql);
      } else {
        const { sql, key } = this.insertSql(def);
        const result = vtgate.execute(session, sql);
        const autoKey = def.primaryKey.length === 1 ? def.columns.find((c) => c.name === def.primaryKey[0] && c.autoIncrement) : undefined;
        const keyValues: Array<[string, string]> =
          autoKey && result.insertId > 0 ? [[autoKey.name, String(result.insertId)]] : key;
        if (keyValues.length === def.primaryKey.length && keyValues.length > 0) {
          this.written.push({ table, key: keyValues });
          if (this.written.length > KEEP_ROWS) this.written.shift();
        }
      }
      this.ok++;
    } catch (e) {
      this.fail(errorMessage(e));
    }
  }

  private fail(message: string): void {
    this.errors++;
    this.lastError = message;
  }

  /** The table's definition on a serving primary that has it (every copy has the same columns). */
  private tableDef(table: string): TableDef | undefined {
    for (const p of this.cluster.tabletProcesses()) {
      if (p.server?.type !== 'PRIMARY' || !p.mysqld?.running) continue;
      const def = p.mysqld.schema.tableDef(table);
      if (def) return def;
    }
    return undefined;
  }

  private value(def: TableDef, c: ColumnDef): string {
    const n = this.counter;
    const t = c.mysqlType.toLowerCase();
    const isKey = def.primaryKey.includes(c.name);
    const enumValues = /^(enum|set)\((.*)\)/.exec(t);
    if (enumValues) {
      const first = /'((?:[^']|'')*)'/.exec(enumValues[2] ?? '');
      return quoteString((first?.[1] ?? '').replace(/''/g, "'"));
    }
    if (/^(datetime|timestamp)/.test(t)) return quoteString('2024-01-15 09:00:00');
    if (/^date\b/.test(t)) return quoteString('2024-01-15');
    if (/^time\b/.test(t)) return quoteString('09:00:00');
    if (/^year\b/.test(t)) return '2024';
    if (/^json\b/.test(t)) return quoteString('{}');
    if (/^(bit|bool|boolean)\b/.test(t)) return String(this.rng.int(2));
    if (c.sqliteType === 'INTEGER' || c.sqliteType === 'REAL' || c.sqliteType === 'NUMERIC') {
      return String(isKey ? 1_000_000 + n : this.rng.intBetween(1, 100));
    }
    const max = Number(/\((\d+)\)/.exec(t)?.[1] ?? 64);
    const text = /mail/i.test(c.name) ? `load${n}@example.com` : `load-${n}`;
    return quoteString(text.slice(0, Math.max(1, max)));
  }

  private insertSql(def: TableDef): { sql: string; key: Array<[string, string]> } {
    const cols = def.columns.filter((c) => !c.autoIncrement);
    const values = cols.map((c) => this.value(def, c));
    const key: Array<[string, string]> = [];
    cols.forEach((c, i) => {
      if (def.primaryKey.includes(c.name)) key.push([c.name, values[i] as string]);
    });
    const sql = `insert into ${quoteIdent(def.name)}(${cols.map((c) => quoteIdent(c.name)).join(', ')}) values (${values.join(', ')})`;
    return { sql, key };
  }

  private updateSql(def: TableDef, row: Written): string | undefined {
    const candidates = def.columns.filter((c) => !c.autoIncrement && !def.primaryKey.includes(c.name));
    if (candidates.length === 0) return undefined;
    const c = this.rng.pick(candidates);
    const where = row.key.map(([k, v]) => `${quoteIdent(k)} = ${v}`).join(' and ');
    return `update ${quoteIdent(def.name)} set ${quoteIdent(c.name)} = ${this.value(def, c)} where ${where}`;
  }
}

// What a tablet knows about its tables: the MySQL definition each was created with (for SHOW CREATE
// TABLE and for copying schema to another keyspace) and the column/primary-key layout SQLite actually
// has (for binlog images, replication and VReplication's apply-by-primary-key).
// Mirrors go/vt/vttablet/tabletserver/schema/engine.go (the tablet's schema cache, reloaded after DDL).

import type { Database } from '../sqlite/sqljs.js';
import type { TableDef } from '../sql/table-def.js';
import type { Capture } from './capture.js';

export interface TableLayout {
  columns: readonly string[];
  /** Primary-key column names in key order; empty when the table has none. */
  primaryKey: readonly string[];
  /** SQLite's type affinity of each column, from its declared type. */
  affinities: readonly Affinity[];
}

/** SQLite column affinity: how a column converts the values stored in it. */
export type Affinity = 'INTEGER' | 'TEXT' | 'BLOB' | 'REAL' | 'NUMERIC';

/** The affinity of a declared column type, by SQLite's rules (datatype3.html §3.1, in that order). */
export function affinityOf(declared: string): Affinity {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'INTEGER';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'TEXT';
  if (t.includes('BLOB') || t === '') return 'BLOB';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'REAL';
  return 'NUMERIC';
}

function key(schema: string, table: string): string {
  return schema === '' ? table : `${schema}.${table}`;
}

export class SchemaEngine {
  private readonly defs = new Map<string, TableDef>();
  private readonly layouts = new Map<string, TableLayout>();

  constructor(
    private readonly db: Database,
    private readonly capture: Capture,
  ) {}

  /** The MySQL definition of a table of the tablet's own database. */
  tableDef(name: string): TableDef | undefined {
    return this.defs.get(name.toLowerCase());
  }

  /**
   * Names of the tablet's own tables as they were created (`Customer` stays `Customer`, as MySQL on
   * Linux keeps it), sorted as SHOW TABLES prints them. Lookups stay case-insensitive (SQLite's).
   */
  tableNames(): string[] {
    return [...this.defs.values()].map((d) => d.name).sort();
  }

  setDef(def: TableDef): void {
    this.defs.set(def.name.toLowerCase(), def);
  }

  removeDef(name: string): void {
    this.defs.delete(name.toLowerCase());
  }

  /** Columns and primary key as SQLite has them; `qualified` is `t` or `_vt.t`. */
  layout(qualified: string): TableLayout | undefined {
    return this.layouts.get(qualified);
  }

  /** Re-reads a table's layout from SQLite and re-installs its capture triggers (after DDL). */
  reload(schema: string, table: string): TableLayout | undefined {
    const k = key(schema, table);
    const prefix = schema === '' ? '' : `${schema}.`;
    const res = this.db.exec(`PRAGMA ${prefix}table_info("${table.replace(/"/g, '""')}")`);
    const rows = res[0]?.values ?? [];
    if (rows.length === 0) {
      this.layouts.delete(k);
      return undefined;
    }
    // table_info rows: cid, name, type, notnull, dflt_value, pk (1-based position in the key, 0 if none).
    const columns = rows.map((r) => String(r[1]));
    const primaryKey = rows
      .filter((r) => Number(r[5]) > 0)
      .sort((a, b) => Number(a[5]) - Number(b[5]))
      .map((r) => String(r[1]));
    const affinities = rows.map((r) => affinityOf(String(r[2] ?? '')));
    const layout: TableLayout = { columns: Object.freeze(columns), primaryKey: Object.freeze(primaryKey), affinities: Object.freeze(affinities) };
    this.layouts.set(k, layout);
    this.capture.install(schema, table, columns);
    return layout;
  }

  /** Forgets a dropped table. */
  forget(schema: string, table: string): void {
    this.layouts.delete(key(schema, table));
    if (schema === '') this.defs.delete(table.toLowerCase());
    try {
      this.capture.drop(schema, table);
    } catch {
      // The triggers went away with the table.
    }
  }
}

// A table's MySQL definition, as the tablet's schema keeps it (SQLite only holds a translation), and
// the SHOW CREATE TABLE text MySQL 8.0 prints for it.
// Mirrors go/vt/vttablet/tabletserver/schema/schema.go (Table) for the data, and MySQL's
// sql_show.cc store_create_info for the text format.

import { mysqlIdent, mysqlQuote } from './lexer.js';
import { typeInfo } from './column-types.js';

export interface ColumnDef {
  name: string;
  /** Canonical MySQL type as SHOW CREATE TABLE prints it, e.g. 'bigint', 'varchar(128)', 'int unsigned'. */
  mysqlType: string;
  sqliteType: 'INTEGER' | 'TEXT' | 'REAL' | 'NUMERIC' | 'BLOB';
  nullable: boolean;
  autoIncrement: boolean;
  /** What follows DEFAULT in SHOW CREATE TABLE: `'x'`, `'0'`, `CURRENT_TIMESTAMP`, `(expr)`; absent for none/NULL. */
  defaultSql?: string;
  /** What follows ON UPDATE in SHOW CREATE TABLE (`CURRENT_TIMESTAMP`); kept for display only. */
  onUpdateSql?: string;
  comment?: string;
  /** A collation other than the table default (utf8mb4_0900_ai_ci), e.g. 'utf8mb4_bin'. */
  collate?: string;
}

export interface IndexDef {
  name: string;
  columns: string[];
  unique: boolean;
}

/** A FOREIGN KEY constraint: kept for SHOW CREATE TABLE, not enforced (docs/FIDELITY.md). */
export interface ForeignKeyDef {
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  /** `CASCADE`, `SET NULL`, `RESTRICT`, `SET DEFAULT`; absent for the default (NO ACTION). */
  onDelete?: string;
  onUpdate?: string;
}

/** A CHECK constraint: kept for SHOW CREATE TABLE, not enforced. */
export interface CheckDef {
  name: string;
  /** What follows CHECK as MySQL prints it, e.g. ``((`b` > 0))``. */
  exprSql: string;
}

export interface TableDef {
  name: string;
  columns: ColumnDef[];
  /** Primary-key column names in key order; empty when the table has none. */
  primaryKey: string[];
  /** Secondary indexes (UNIQUE KEY and KEY), in creation order; the primary key is not listed. */
  indexes: IndexDef[];
  foreignKeys?: ForeignKeyDef[];
  checks?: CheckDef[];
  comment?: string;
  engine: string;
}

export const DEFAULT_CHARSET = 'utf8mb4';
export const DEFAULT_COLLATION = 'utf8mb4_0900_ai_ci';

export interface ShowCreateOptions {
  /** The table's next auto-increment value; MySQL prints AUTO_INCREMENT=N when it is above 1. */
  autoIncrement?: number;
}

/** MySQL 8.0's SHOW CREATE TABLE text for a table. */
export function showCreateTable(def: TableDef, options: ShowCreateOptions = {}): string {
  const lines = def.columns.map((c) => `  ${columnSql(c)}`);
  const cols = (names: readonly string[]): string => names.map(mysqlIdent).join(',');
  if (def.primaryKey.length > 0) lines.push(`  PRIMARY KEY (${cols(def.primaryKey)})`);
  for (const ix of sortedIndexes(def)) {
    lines.push(`  ${ix.unique ? 'UNIQUE KEY' : 'KEY'} ${mysqlIdent(ix.name)} (${cols(ix.columns)})`);
  }
  // Foreign keys list their columns with ", " (unlike keys), then their non-default actions.
  for (const fk of def.foreignKeys ?? []) {
    let line = `  CONSTRAINT ${mysqlIdent(fk.name)} FOREIGN KEY (${fk.columns.map(mysqlIdent).join(', ')})`;
    line += ` REFERENCES ${mysqlIdent(fk.refTable)} (${fk.refColumns.map(mysqlIdent).join(', ')})`;
    if (fk.onDelete !== undefined) line += ` ON DELETE ${fk.onDelete}`;
    if (fk.onUpdate !== undefined) line += ` ON UPDATE ${fk.onUpdate}`;
    lines.push(line);
  }
  // Check constraints come out sorted by name (the MySQL manual's own example shows it).
  const checks = [...(def.checks ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const ck of checks) lines.push(`  CONSTRAINT ${mysqlIdent(ck.name)} CHECK ${ck.exprSql}`);
  let options_ = `ENGINE=${def.engine}`;
  if (options.autoIncrement !== undefined && options.autoIncrement > 1) options_ += ` AUTO_INCREMENT=${options.autoIncrement}`;
  options_ += ` DEFAULT CHARSET=${DEFAULT_CHARSET} COLLATE=${DEFAULT_COLLATION}`;
  if (def.comment !== undefined && def.comment !== '') options_ += ` COMMENT=${mysqlQuote(def.comment)}`;
  return `CREATE TABLE ${mysqlIdent(def.name)} (\n${lines.join(',\n')}\n) ${options_}`;
}

/** One column's line of SHOW CREATE TABLE, without indentation. */
export function columnSql(c: ColumnDef): string {
  const info = typeInfo(c.mysqlType);
  let s = `${mysqlIdent(c.name)} ${c.mysqlType}`;
  if (c.collate !== undefined && c.collate !== DEFAULT_COLLATION) {
    // A collation other than the table's prints with its character set (MySQL 8.0 store_create_info).
    s += ` CHARACTER SET ${c.collate.split('_')[0] ?? DEFAULT_CHARSET} COLLATE ${c.collate}`;
  }
  if (!c.nullable) s += ' NOT NULL';
  else if (info.base === 'timestamp') s += ' NULL';
  if (c.defaultSql !== undefined) s += ` DEFAULT ${c.defaultSql}`;
  else if (c.nullable && !info.blobLike) s += ' DEFAULT NULL';
  if (c.onUpdateSql !== undefined) s += ` ON UPDATE ${c.onUpdateSql}`;
  if (c.autoIncrement) s += ' AUTO_INCREMENT';
  if (c.comment !== undefined && c.comment !== '') s += ` COMMENT ${mysqlQuote(c.comment)}`;
  return s;
}

/**
 * MySQL orders keys: unique keys over NOT NULL columns, other unique keys, then the rest, each in
 * creation order (sql_table.cc sort_keys).
 */
export function sortedIndexes(def: TableDef): IndexDef[] {
  const nullable = (ix: IndexDef): boolean =>
    ix.columns.some((n) => def.columns.find((c) => c.name.toLowerCase() === n.toLowerCase())?.nullable ?? false);
  const rank = (ix: IndexDef): number => (ix.unique ? (nullable(ix) ? 1 : 0) : 2);
  return def.indexes
    .map((ix, i) => ({ ix, i }))
    .sort((a, b) => rank(a.ix) - rank(b.ix) || a.i - b.i)
    .map((x) => x.ix);
}

/**
 * The Default column of SHOW COLUMNS / information_schema: the value unquoted (`0`, `x`,
 * `CURRENT_TIMESTAMP`), or null when the column has no default.
 */
export function columnDefaultValue(c: ColumnDef): string | null {
  const d = c.defaultSql;
  if (d === undefined) return null;
  if (d.startsWith("'") && d.endsWith("'")) {
    return d
      .slice(1, -1)
      .replace(/''/g, "'")
      .replace(/\\(.)/g, (_, ch: string) => (ch === 'n' ? '\n' : ch === 'r' ? '\r' : ch === '0' ? '\0' : ch));
  }
  if (d.startsWith('(') && d.endsWith(')')) return d.slice(1, -1);
  return d;
}

/** Finds a column by name, case-insensitively (MySQL column names are). */
export function findColumn(def: TableDef, name: string): ColumnDef | undefined {
  const lower = name.toLowerCase();
  return def.columns.find((c) => c.name.toLowerCase() === lower);
}

/** The single auto-increment column's name, if the table has one. */
export function autoIncrementColumn(def: TableDef): ColumnDef | undefined {
  return def.columns.find((c) => c.autoIncrement);
}

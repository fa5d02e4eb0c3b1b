// SQLite DDL for a MySQL table definition: CREATE TABLE with the constraints MySQL enforces
// (NOT NULL, ENUM members, UNSIGNED, VARCHAR lengths, collations), indexes named per table, and the
// "rebuild" SQLite needs for any column change (it cannot alter a column in place).
// Mirrors nothing in Vitess; the rebuild follows SQLite's documented 12-step ALTER procedure
// (https://www.sqlite.org/lang_altertable.html#otheralter), inside the caller's transaction.

import { lex, sqliteIdent, sqliteQuote } from './lexer.js';
import type { Token } from './lexer.js';
import { typeInfo, isIntegerType } from './column-types.js';
import type { ColumnDef, IndexDef, TableDef } from './table-def.js';
import { DEFAULT_COLLATION } from './table-def.js';
import { rewriteExpression } from './dml-rewrite.js';

/** `"_vt".` for sidecar tables, '' for the tablet's own database. */
export type SchemaPrefix = '' | '"_vt".';

/** SQLite index names are per database, MySQL's per table: prefix the table name. */
export function sqliteIndexName(table: string, index: string): string {
  return `${table}__${index}`;
}

/** True when the table's primary key becomes SQLite's INTEGER PRIMARY KEY (the rowid). */
export function hasRowidKey(def: TableDef): boolean {
  if (def.primaryKey.length !== 1) return false;
  const col = def.columns.find((c) => c.name.toLowerCase() === (def.primaryKey[0] as string).toLowerCase());
  return col !== undefined && isIntegerType(col.mysqlType);
}

/** Statements creating the table and its indexes. */
export function createTableSql(def: TableDef, prefix: SchemaPrefix, sqliteName = def.name): string[] {
  return [createTableOnly(def, prefix, sqliteName), ...def.indexes.map((ix) => createIndexSql(def.name, ix, prefix))];
}

function createTableOnly(def: TableDef, prefix: SchemaPrefix, sqliteName: string): string {
  const rowid = hasRowidKey(def);
  const parts = def.columns.map((c) => columnSqlite(c, rowid && c.name.toLowerCase() === def.primaryKey[0]?.toLowerCase()));
  if (def.primaryKey.length > 0 && !rowid) parts.push(`PRIMARY KEY (${def.primaryKey.map(sqliteIdent).join(', ')})`);
  return `CREATE TABLE ${prefix}${sqliteIdent(sqliteName)} (${parts.join(', ')})`;
}

export function createIndexSql(table: string, ix: IndexDef, prefix: SchemaPrefix): string {
  const cols = ix.columns.map(sqliteIdent).join(', ');
  return `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${prefix}${sqliteIdent(sqliteIndexName(table, ix.name))} ON ${sqliteIdent(table)} (${cols})`;
}

export function dropIndexSql(table: string, index: string, prefix: SchemaPrefix): string {
  return `DROP INDEX ${prefix}${sqliteIdent(sqliteIndexName(table, index))}`;
}

function columnSqlite(c: ColumnDef, rowidAlias: boolean): string {
  const info = typeInfo(c.mysqlType);
  const name = sqliteIdent(c.name);
  let s = `${name} ${c.sqliteType}`;
  if (rowidAlias) {
    // An INTEGER PRIMARY KEY column is the rowid: inserting NULL allocates the next id.
    s += ' PRIMARY KEY';
    if (c.autoIncrement) s += ' AUTOINCREMENT';
  } else if (!c.nullable) {
    s += ' NOT NULL';
  }
  if (info.textual) {
    // MySQL's default collation (utf8mb4_0900_ai_ci) ignores case; _bin/_cs collations do not.
    const collation = c.collate ?? DEFAULT_COLLATION;
    s += collation.toLowerCase().endsWith('_ci') ? ' COLLATE NOCASE' : ' COLLATE BINARY';
  }
  if (c.defaultSql !== undefined) s += ` DEFAULT ${sqliteDefault(c.defaultSql)}`;
  // Named checks: fromSqliteError turns a failure into the MySQL error for the rule (1265, 1264, 1406).
  if (info.base === 'enum' && info.values) {
    s += ` CONSTRAINT ${sqliteIdent(`enum:${c.name}`)} CHECK (${name} IN (${info.values.map(sqliteQuote).join(', ')}))`;
  }
  if (info.unsigned) s += ` CONSTRAINT ${sqliteIdent(`unsigned:${c.name}`)} CHECK (${name} >= 0)`;
  if ((info.base === 'char' || info.base === 'varchar') && info.length !== undefined) {
    // Characters, as MySQL counts them for (var)char. substr is SQLite's own: `length` is overridden by
    // MySQL's byte-counting LENGTH(), and a JS function in a CHECK would cost a call on every row.
    s += ` CONSTRAINT ${sqliteIdent(`len:${c.name}`)} CHECK (substr(${name}, ${info.length + 1}) IN ('', x''))`;
  }
  if ((info.base === 'binary' || info.base === 'varbinary') && info.length !== undefined) {
    s += ` CONSTRAINT ${sqliteIdent(`len:${c.name}`)} CHECK (substr(CAST(${name} AS BLOB), ${info.length + 1}) = x'')`;
  }
  return s;
}

/** A MySQL DEFAULT clause value (as SHOW CREATE TABLE prints it) in SQLite's spelling. */
export function sqliteDefault(defaultSql: string): string {
  const ts: Token[] = lex(defaultSql);
  const first = ts[0];
  if (ts.length === 1 && first !== undefined) {
    if (first.type === 'string') return sqliteQuote(first.value);
    if (first.type === 'bit' || first.type === 'number') return first.value;
  }
  if (first !== undefined && first.type === 'word' && first.value.toUpperCase() === 'CURRENT_TIMESTAMP') {
    // Read the virtual clock, never SQLite's own CURRENT_TIMESTAMP (the wall clock).
    const fsp = ts[2]?.type === 'number' ? ts[2].value : '';
    return `(now(${fsp}))`;
  }
  return `(${rewriteExpression(ts, { dbName: '' })})`;
}

/**
 * Rebuilds a table with a new definition, keeping its rows in rowid order: create the new table,
 * copy the rows (`sources` gives, per new column, the old column it comes from or a literal for a
 * new NOT NULL column), carry the AUTOINCREMENT counter, drop the old table, rename, add indexes.
 */
export function rebuildTableSql(
  before: TableDef,
  after: TableDef,
  sources: ReadonlyArray<{ column: string; from: string }>,
  prefix: SchemaPrefix,
): string[] {
  const tmp = `${after.name}__vtsim_rebuild`;
  const out: string[] = [];
  out.push(createTableOnly(after, prefix, tmp));
  if (sources.length > 0) {
    const cols = sources.map((s) => sqliteIdent(s.column)).join(', ');
    const exprs = sources.map((s) => s.from).join(', ');
    out.push(`INSERT INTO ${prefix}${sqliteIdent(tmp)} (${cols}) SELECT ${exprs} FROM ${prefix}${sqliteIdent(before.name)} ORDER BY rowid`);
  }
  const seq = `${prefix}sqlite_sequence`;
  if (hasAutoIncrement(before) && hasAutoIncrement(after)) {
    // Keep the next id MySQL would hand out (ids of deleted rows are not reused).
    out.push(`DELETE FROM ${seq} WHERE name = ${sqliteQuote(tmp)}`);
    out.push(
      `INSERT INTO ${seq} (name, seq) VALUES (${sqliteQuote(tmp)}, MAX(COALESCE((SELECT seq FROM ${seq} WHERE name = ${sqliteQuote(before.name)}), 0), COALESCE((SELECT MAX(rowid) FROM ${prefix}${sqliteIdent(tmp)}), 0)))`,
    );
  }
  out.push(`DROP TABLE ${prefix}${sqliteIdent(before.name)}`);
  out.push(`ALTER TABLE ${prefix}${sqliteIdent(tmp)} RENAME TO ${sqliteIdent(after.name)}`);
  for (const ix of after.indexes) out.push(createIndexSql(after.name, ix, prefix));
  return out;
}

/** True when SQLite keeps an AUTOINCREMENT counter (sqlite_sequence) for the table. */
export function hasAutoIncrement(def: TableDef): boolean {
  return hasRowidKey(def) && def.columns.some((c) => c.autoIncrement);
}

/** Sets the next auto-increment value (ALTER TABLE ... AUTO_INCREMENT = n, CREATE ... AUTO_INCREMENT=n). */
export function setAutoIncrementSql(def: TableDef, next: number, prefix: SchemaPrefix): string[] {
  if (!hasAutoIncrement(def)) return [];
  const seq = `${prefix}sqlite_sequence`;
  const name = sqliteQuote(def.name);
  return [
    `DELETE FROM ${seq} WHERE name = ${name}`,
    `INSERT INTO ${seq} (name, seq) VALUES (${name}, MAX(${Math.max(0, Math.floor(next) - 1)}, COALESCE((SELECT MAX(rowid) FROM ${prefix}${sqliteIdent(def.name)}), 0)))`,
  ];
}

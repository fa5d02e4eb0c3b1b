// MySQL DDL on a tablet: CREATE/DROP/ALTER/RENAME/TRUNCATE TABLE and CREATE/DROP INDEX, checked
// against the tablet's schema with MySQL's errors, turned into SQLite statements, and reported as
// the table definitions before and after (the tablet keeps those for SHOW CREATE TABLE).
// Mirrors MySQL's DDL semantics as vttablet's schema engine observes them
// (go/vt/vttablet/tabletserver/schema/engine.go reloads; go/vt/schemadiff/table.go applies ALTERs).

import { mysqlError, notSupported, tableDoesNotExist } from './mysql-errors.js';
import type { AstNode, Parsed } from './sql-parser.js';
import type { ColumnDef, IndexDef, TableDef } from './table-def.js';
import { findColumn } from './table-def.js';
import type { DdlEffect, SchemaLookup, StatementKind, TranslateOptions } from './statement-kind.js';
import {
  addKey,
  columnFromAst,
  columnName,
  engineName,
  finishTableDef,
  keyFromAst,
  keyPartName,
} from './ddl-table-def.js';
import type { KeySpec } from './ddl-table-def.js';
import {
  createIndexSql,
  createTableSql,
  dropIndexSql,
  hasAutoIncrement,
  rebuildTableSql,
  setAutoIncrementSql,
} from './ddl-sqlite.js';
import type { SchemaPrefix } from './ddl-sqlite.js';
import { implicitDefault } from './column-types.js';
import { sqliteIdent, sqliteQuote } from './lexer.js';

export interface DdlResult {
  kind: StatementKind;
  tables: string[];
  sqlite: string[];
  ddl?: DdlEffect;
}

interface TableRef {
  /** Schema lookup key: `t` or `_vt.t`, lower-cased. */
  key: string;
  /** The name as written. */
  name: string;
  /** Database name for messages. */
  db: string;
  prefix: SchemaPrefix;
  sidecar: boolean;
}

const SIDECAR = '_vt';

function node(x: unknown): AstNode {
  return (x ?? {}) as AstNode;
}

/** Resolves `[db.]table`; a database other than the tablet's own or `_vt` does not exist here. */
function resolveTable(raw: unknown, options: TranslateOptions, forWhat: 'create' | 'other'): TableRef {
  const n = node(raw);
  const name = String(n.table ?? '');
  const db = n.db === null || n.db === undefined ? null : String(n.db);
  if (db === null || db === options.dbName || db.toLowerCase() === options.dbName.toLowerCase()) {
    return { key: name.toLowerCase(), name, db: options.dbName, prefix: '', sidecar: false };
  }
  if (db.toLowerCase() === SIDECAR) {
    return { key: `${SIDECAR}.${name.toLowerCase()}`, name, db: SIDECAR, prefix: '"_vt".', sidecar: true };
  }
  if (forWhat === 'create') throw mysqlError(1049, '42000', `Unknown database '${db}'`);
  return { key: `${db.toLowerCase()}.${name.toLowerCase()}`, name, db, prefix: '', sidecar: false };
}

/** A name as DdlEffect reports it: as created, `_vt.`-qualified for sidecar tables. */
function effectName(ref: TableRef, def: TableDef | { name: string }): string {
  return ref.sidecar ? `${SIDECAR}.${def.name}` : def.name;
}

function existing(ref: TableRef, schema: SchemaLookup): TableDef | undefined {
  if (!ref.sidecar && ref.db !== undefined && ref.key.includes('.')) return undefined; // other database
  return schema.getTable(ref.key);
}

function cloneDef(def: TableDef): TableDef {
  const copy: TableDef = {
    ...def,
    columns: def.columns.map((c) => ({ ...c })),
    primaryKey: [...def.primaryKey],
    indexes: def.indexes.map((ix) => ({ ...ix, columns: [...ix.columns] })),
  };
  if (def.foreignKeys) copy.foreignKeys = def.foreignKeys.map((f) => ({ ...f, columns: [...f.columns], refColumns: [...f.refColumns] }));
  if (def.checks) copy.checks = def.checks.map((c) => ({ ...c }));
  return copy;
}

// ---- CREATE TABLE ----

export function createTable(p: Parsed, schema: SchemaLookup, options: TranslateOptions): DdlResult {
  const ast = p.ast;
  const ref = resolveTable((ast.table as unknown[])[0], options, 'create');
  const result = (sqlite: string[], ddl: DdlEffect): DdlResult => ({ kind: 'create_table', tables: [ref.key], sqlite, ddl });
  if (ast.temporary) throw notSupported('CREATE TEMPORARY TABLE');
  if (existing(ref, schema)) {
    if (ast.if_not_exists) return result([], { ifNotExistsSkipped: true });
    throw mysqlError(1050, '42S01', `Table '${ref.name}' already exists`);
  }
  let def: TableDef;
  if (ast.like) {
    const srcRef = resolveTable((node(ast.like).table as unknown[])[0], options, 'other');
    const src = existing(srcRef, schema);
    if (!src) throw tableDoesNotExist(srcRef.db, srcRef.name);
    def = { ...cloneDef(src), name: ref.name };
  } else {
    if (ast.query_expr) throw notSupported('CREATE TABLE ... SELECT');
    def = tableFromDefinitions(ref.name, (ast.create_definitions as AstNode[] | null) ?? [], p);
  }
  let autoIncrementStart: number | undefined;
  for (const opt of (ast.table_options as AstNode[] | null) ?? []) {
    const kw = String(opt.keyword ?? '').toLowerCase();
    if (kw === 'comment') def.comment = p.str(opt.value);
    else if (kw === 'engine') def.engine = engineName(opt.value);
    else if (kw === 'auto_increment') autoIncrementStart = Number(opt.value);
  }
  const sqlite = createTableSql(def, ref.prefix);
  if (autoIncrementStart !== undefined && autoIncrementStart > 1) sqlite.push(...setAutoIncrementSql(def, autoIncrementStart, ref.prefix));
  return result(sqlite, { created: def });
}

function tableFromDefinitions(name: string, defs: AstNode[], p: Parsed): TableDef {
  const def: TableDef = { name, columns: [], primaryKey: [], indexes: [], engine: 'InnoDB' };
  const keys: KeySpec[] = [];
  const explicitNull = new Set<string>();
  for (const d of defs) {
    if (d.resource === 'column') {
      const { column, primaryKey, unique } = columnFromAst(d, p.str, p.exprSql);
      if (findColumn(def, column.name)) throw mysqlError(1060, '42S21', `Duplicate column name '${column.name}'`);
      if (node(d.nullable).type === 'null') explicitNull.add(column.name.toLowerCase());
      def.columns.push(column);
      if (primaryKey) keys.push({ kind: 'primary', columns: [column.name] });
      if (unique) keys.push({ kind: 'index', name: undefined, unique: true, columns: [column.name] });
    } else {
      keys.push(keyFromAst(d, p.str, p.exprSql));
    }
  }
  // MySQL adds the primary key first; unnamed keys are then named in definition order; a foreign
  // key gets an index of its own only if none of those starts with its columns.
  for (const k of keys) if (k.kind === 'primary') addKey(def, k);
  for (const k of keys) if (k.kind !== 'primary' && k.kind !== 'foreign') addKey(def, k);
  for (const k of keys) if (k.kind === 'foreign') addKey(def, k);
  return finishTableDef(def, explicitNull);
}

// ---- DROP TABLE ----

export function dropTable(p: Parsed, schema: SchemaLookup, options: TranslateOptions): DdlResult {
  const ast = p.ast;
  const ifExists = String(ast.prefix ?? '').toLowerCase() === 'if exists';
  const refs = ((ast.name as unknown[]) ?? []).map((n) => resolveTable(n, options, 'other'));
  const missing = refs.filter((r) => !existing(r, schema));
  if (missing.length > 0 && !ifExists) {
    throw mysqlError(1051, '42S02', `Unknown table '${missing.map((r) => `${r.db}.${r.name}`).join(',')}'`);
  }
  const sqlite: string[] = [];
  const dropped: string[] = [];
  for (const r of refs) {
    const def = existing(r, schema);
    if (!def || dropped.includes(effectName(r, def))) continue;
    sqlite.push(`DROP TABLE ${r.prefix}${sqliteIdent(def.name)}`);
    dropped.push(effectName(r, def));
  }
  return { kind: 'drop_table', tables: refs.map((r) => r.key), sqlite, ddl: { dropped } };
}

// ---- TRUNCATE ----

export function truncateTable(p: Parsed, schema: SchemaLookup, options: TranslateOptions): DdlResult {
  const refs = ((p.ast.name as unknown[]) ?? []).map((n) => resolveTable(n, options, 'other'));
  const sqlite: string[] = [];
  for (const r of refs) {
    const def = existing(r, schema);
    if (!def) throw tableDoesNotExist(r.db, r.name);
    sqlite.push(`DELETE FROM ${r.prefix}${sqliteIdent(def.name)}`);
    // TRUNCATE restarts AUTO_INCREMENT at 1.
    if (hasAutoIncrement(def)) sqlite.push(`DELETE FROM ${r.prefix}sqlite_sequence WHERE name = ${sqliteQuote(def.name)}`);
  }
  return { kind: 'truncate', tables: refs.map((r) => r.key), sqlite };
}

// ---- RENAME TABLE ----

export function renameTable(p: Parsed, schema: SchemaLookup, options: TranslateOptions): DdlResult {
  const pairs = (p.ast.table as unknown[][]) ?? [];
  // Renames apply in order (a -> tmp, b -> a, tmp -> b swaps), so track the state as it changes.
  const state = new Map<string, TableDef | null>();
  const lookup = (r: TableRef): TableDef | undefined => {
    const s = state.get(r.key);
    return s === null ? undefined : (s ?? existing(r, schema));
  };
  const sqlite: string[] = [];
  const renamed: Array<[string, string]> = [];
  const tables: string[] = [];
  for (const [fromRaw, toRaw] of pairs) {
    const from = resolveTable(fromRaw, options, 'other');
    const to = resolveTable(toRaw, options, 'create');
    tables.push(from.key, to.key);
    const def = lookup(from);
    if (!def) throw tableDoesNotExist(from.db, from.name);
    if (lookup(to)) throw mysqlError(1050, '42S01', `Table '${to.name}' already exists`);
    if (from.sidecar !== to.sidecar) throw notSupported('RENAME TABLE across databases');
    const after = { ...cloneDef(def), name: to.name };
    sqlite.push(...renameSql(def, after, from.prefix));
    state.set(from.key, null);
    state.set(to.key, after);
    renamed.push([effectName(from, def), effectName(to, after)]);
  }
  return { kind: 'rename_table', tables, sqlite, ddl: { renamed } };
}

/** SQLite rename: index names carry the table name, so indexes are recreated under the new one. */
function renameSql(before: TableDef, after: TableDef, prefix: SchemaPrefix): string[] {
  return [
    ...before.indexes.map((ix) => dropIndexSql(before.name, ix.name, prefix)),
    `ALTER TABLE ${prefix}${sqliteIdent(before.name)} RENAME TO ${sqliteIdent(after.name)}`,
    ...after.indexes.map((ix) => createIndexSql(after.name, ix, prefix)),
  ];
}

// ---- CREATE INDEX / DROP INDEX ----

export function createIndex(p: Parsed, schema: SchemaLookup, options: TranslateOptions): DdlResult {
  const ast = p.ast;
  const ref = resolveTable(ast.table, options, 'other');
  const before = existing(ref, schema);
  if (!before) throw tableDoesNotExist(ref.db, ref.name);
  const after = cloneDef(before);
  const unique = String(ast.index_type ?? '').toLowerCase() === 'unique';
  const columns = ((ast.index_columns as unknown[]) ?? []).map(keyPartName);
  const ix = addKey(after, { kind: 'index', name: p.str(ast.index), unique, columns }) as IndexDef;
  return {
    kind: 'create_index',
    tables: [ref.key],
    sqlite: [createIndexSql(after.name, ix, ref.prefix)],
    ddl: { altered: { before: effectName(ref, before), after } },
  };
}

export function dropIndex(p: Parsed, schema: SchemaLookup, options: TranslateOptions): DdlResult {
  const ast = p.ast;
  const ref = resolveTable(ast.table, options, 'other');
  const before = existing(ref, schema);
  if (!before) throw tableDoesNotExist(ref.db, ref.name);
  const name = columnName(node(ast.name).column ?? ast.name);
  const after = cloneDef(before);
  const work = new AlterWork(before, after, ref);
  work.dropIndex(name);
  return { kind: 'drop_index', tables: [ref.key], sqlite: work.sqlite(), ddl: { altered: { before: effectName(ref, before), after: work.after } } };
}

// ---- ALTER TABLE ----

export function alterTable(p: Parsed, schema: SchemaLookup, options: TranslateOptions): DdlResult {
  const ast = p.ast;
  const ref = resolveTable((ast.table as unknown[])[0], options, 'other');
  const before = existing(ref, schema);
  if (!before) throw tableDoesNotExist(ref.db, ref.name);
  const work = new AlterWork(before, cloneDef(before), ref);
  for (const op of (ast.expr as AstNode[] | null) ?? []) {
    const action = String(op.action ?? '').toLowerCase();
    const resource = String(op.resource ?? '').toLowerCase();
    if (action === 'add' && resource === 'column') work.addColumn(op, p);
    else if (action === 'add' && (resource === 'index' || resource === 'constraint')) {
      work.addKey(keyFromAst(resource === 'constraint' ? node(op.create_definitions) : op, p.str, p.exprSql));
    } else if (action === 'drop' && resource === 'column') work.dropColumn(columnName(op.column));
    else if (action === 'drop' && resource === 'index') work.dropIndex(p.str(op.index));
    else if (action === 'drop' && resource === 'key') {
      const kw = String(op.keyword ?? '').toLowerCase();
      if (kw === 'primary key') work.dropPrimaryKey();
      else if (kw === 'foreign key') work.dropConstraint(p.str(op.key), 'foreign key');
      else work.dropIndex(p.str(op.key));
    } else if (action === 'drop' && resource === 'constraint') {
      work.dropConstraint(p.str(op.constraint), String(op.keyword ?? '').toLowerCase() === 'check' ? 'check' : 'any');
    } else if (action === 'change' || action === 'modify') work.changeColumn(op, p, action);
    else if (action === 'rename' && resource === 'column') work.renameColumn(columnName(op.old_column), columnName(op.column));
    else if (action === 'rename' && resource === 'table') {
      const target = resolveTable({ db: null, table: op.table }, options, 'create');
      if (target.key !== ref.key && existing(target, schema)) throw mysqlError(1050, '42S01', `Table '${target.name}' already exists`);
      work.rename(String(op.table));
    } else if (resource === 'comment') work.after.comment = p.str(op.comment);
    else if (resource === 'auto_increment') work.autoIncrement = Number(op.auto_increment);
    else if (resource === 'engine') work.after.engine = engineName(op.engine);
    else if (resource === 'algorithm' || resource === 'lock' || resource === 'character set' || resource === 'charset') {
      // Table options with no effect on SQLite storage.
    } else {
      throw notSupported(`ALTER TABLE ${action || resource}`.trim().toUpperCase());
    }
  }
  finishTableDef(work.after);
  return { kind: 'alter_table', tables: [ref.key], sqlite: work.sqlite(), ddl: { altered: { before: effectName(ref, before), after: work.after } } };
}

/** The state of an ALTER TABLE while its operations are applied in order. */
class AlterWork {
  /** New column name (lower) -> the old column its values come from. */
  private readonly sources = new Map<string, string>();
  private rebuild = false;
  private readonly droppedIndexes: string[] = [];
  private readonly addedIndexes: IndexDef[] = [];
  autoIncrement: number | undefined;

  constructor(
    readonly before: TableDef,
    readonly after: TableDef,
    private readonly ref: TableRef,
  ) {
    for (const c of before.columns) this.sources.set(c.name.toLowerCase(), c.name);
  }

  private unknownColumn(name: string): Error {
    return mysqlError(1054, '42S22', `Unknown column '${name}' in '${this.after.name}'`);
  }

  private place(column: ColumnDef, op: AstNode, removeAt?: number): void {
    const suffix = node(op.suffix);
    const kw = String(suffix.keyword ?? '').toLowerCase();
    const cols = this.after.columns;
    if (removeAt !== undefined) cols.splice(removeAt, 1);
    if (kw === 'first') cols.unshift(column);
    else if (kw === 'after') {
      const target = columnName(node(suffix.expr).column ?? suffix.expr);
      const at = cols.findIndex((c) => c.name.toLowerCase() === target.toLowerCase());
      if (at < 0) throw this.unknownColumn(target);
      cols.splice(at + 1, 0, column);
    } else if (removeAt !== undefined) cols.splice(removeAt, 0, column);
    else cols.push(column);
  }

  addColumn(op: AstNode, p: Parsed): void {
    const { column, primaryKey, unique } = columnFromAst(op, p.str, p.exprSql);
    if (findColumn(this.after, column.name)) throw mysqlError(1060, '42S21', `Duplicate column name '${column.name}'`);
    this.place(column, op);
    this.sources.delete(column.name.toLowerCase());
    if (primaryKey) this.addKey({ kind: 'primary', columns: [column.name] });
    if (unique) this.addKey({ kind: 'index', name: undefined, unique: true, columns: [column.name] });
    this.rebuild = true;
  }

  changeColumn(op: AstNode, p: Parsed, action: string): void {
    const oldName = columnName(action === 'change' ? op.old_column : op.column);
    const at = this.after.columns.findIndex((c) => c.name.toLowerCase() === oldName.toLowerCase());
    if (at < 0) throw this.unknownColumn(oldName);
    const { column, primaryKey, unique } = columnFromAst(op, p.str, p.exprSql);
    const clash = findColumn(this.after, column.name);
    if (clash && clash !== this.after.columns[at]) throw mysqlError(1060, '42S21', `Duplicate column name '${column.name}'`);
    const old = this.after.columns[at] as ColumnDef;
    this.renameInKeys(old.name, column.name);
    const source = this.sources.get(old.name.toLowerCase());
    this.sources.delete(old.name.toLowerCase());
    if (source !== undefined) this.sources.set(column.name.toLowerCase(), source);
    this.place(column, op, at);
    if (primaryKey) this.addKey({ kind: 'primary', columns: [column.name] });
    if (unique) this.addKey({ kind: 'index', name: undefined, unique: true, columns: [column.name] });
    this.rebuild = true;
  }

  renameColumn(from: string, to: string): void {
    const col = findColumn(this.after, from);
    if (!col) throw this.unknownColumn(from);
    const clash = findColumn(this.after, to);
    if (clash && clash !== col) throw mysqlError(1060, '42S21', `Duplicate column name '${to}'`);
    this.renameInKeys(col.name, to);
    const source = this.sources.get(col.name.toLowerCase());
    this.sources.delete(col.name.toLowerCase());
    if (source !== undefined) this.sources.set(to.toLowerCase(), source);
    col.name = to;
    this.rebuild = true;
  }

  private renameInKeys(from: string, to: string): void {
    const f = from.toLowerCase();
    const swap = (cols: string[]): string[] => cols.map((c) => (c.toLowerCase() === f ? to : c));
    this.after.primaryKey = swap(this.after.primaryKey);
    for (const ix of this.after.indexes) ix.columns = swap(ix.columns);
  }

  dropColumn(name: string): void {
    const at = this.after.columns.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
    if (at < 0) throw mysqlError(1091, '42000', `Can't DROP '${name}'; check that column/key exists`);
    if (this.after.columns.length === 1) {
      throw mysqlError(1090, '42000', "You can't delete all columns with ALTER TABLE; use DROP TABLE instead");
    }
    this.after.columns.splice(at, 1);
    this.sources.delete(name.toLowerCase());
    // MySQL removes the column from every key, and drops keys left without columns.
    const keep = (cols: string[]): string[] => cols.filter((c) => c.toLowerCase() !== name.toLowerCase());
    this.after.primaryKey = keep(this.after.primaryKey);
    for (const ix of this.after.indexes) ix.columns = keep(ix.columns);
    this.after.indexes = this.after.indexes.filter((ix) => ix.columns.length > 0);
    this.rebuild = true;
  }

  addKey(key: KeySpec): void {
    if (key.kind === 'primary') {
      addKey(this.after, key);
      for (const c of key.columns) {
        const col = findColumn(this.after, c);
        if (col) col.nullable = false;
      }
      this.rebuild = true;
      return;
    }
    const ix = addKey(this.after, key);
    if (ix) this.addedIndexes.push(ix);
  }

  dropPrimaryKey(): void {
    if (this.after.primaryKey.length === 0) {
      throw mysqlError(1091, '42000', "Can't DROP 'PRIMARY'; check that column/key exists");
    }
    this.after.primaryKey = [];
    this.rebuild = true;
  }

  dropIndex(name: string): void {
    if (name.toLowerCase() === 'primary') return this.dropPrimaryKey();
    const at = this.after.indexes.findIndex((ix) => ix.name.toLowerCase() === name.toLowerCase());
    if (at < 0) throw mysqlError(1091, '42000', `Can't DROP '${name}'; check that column/key exists`);
    const [ix] = this.after.indexes.splice(at, 1);
    const added = this.addedIndexes.indexOf(ix as IndexDef);
    if (added >= 0) this.addedIndexes.splice(added, 1);
    else if (this.before.indexes.some((b) => b.name === ix?.name)) this.droppedIndexes.push((ix as IndexDef).name);
  }

  /**
   * DROP FOREIGN KEY / DROP CHECK / DROP CONSTRAINT (either kind). Only the definition changes: the
   * constraints are not enforced, and a foreign key's index stays, as in MySQL.
   */
  dropConstraint(name: string, kind: 'foreign key' | 'check' | 'any'): void {
    const lower = name.toLowerCase();
    const fks = this.after.foreignKeys ?? [];
    const checks = this.after.checks ?? [];
    const fk = kind !== 'check' ? fks.findIndex((f) => f.name.toLowerCase() === lower) : -1;
    const ck = kind !== 'foreign key' ? checks.findIndex((c) => c.name.toLowerCase() === lower) : -1;
    if (fk >= 0) fks.splice(fk, 1);
    else if (ck >= 0) checks.splice(ck, 1);
    else if (kind === 'foreign key') throw mysqlError(1091, '42000', `Can't DROP '${name}'; check that column/key exists`);
    else if (kind === 'check') throw mysqlError(3821, 'HY000', `Check constraint '${name}' is not found in the table.`);
    else throw mysqlError(3940, 'HY000', `Constraint '${name}' does not exist.`);
  }

  rename(to: string): void {
    this.after.name = to;
  }

  /** The SQLite statements for the whole ALTER. */
  sqlite(): string[] {
    const prefix = this.ref.prefix;
    const out: string[] = [];
    if (this.rebuild) {
      const sources = this.after.columns.flatMap((c) => {
        const from = this.sources.get(c.name.toLowerCase());
        if (from !== undefined) return [{ column: c.name, from: sqliteIdent(from) }];
        // A new NOT NULL column without a default gets MySQL's implicit default in existing rows.
        if (!c.nullable && c.defaultSql === undefined && !c.autoIncrement) return [{ column: c.name, from: implicitDefault(c.mysqlType) }];
        return [];
      });
      out.push(...rebuildTableSql(this.before, this.after, sources, prefix));
    } else {
      out.push(...this.droppedIndexes.map((ix) => dropIndexSql(this.before.name, ix, prefix)));
      if (this.after.name !== this.before.name) {
        const kept = this.before.indexes.filter((ix) => !this.droppedIndexes.includes(ix.name));
        out.push(...renameSql({ ...this.before, indexes: kept }, { ...this.after, indexes: kept }, prefix));
      }
      out.push(...this.addedIndexes.map((ix) => createIndexSql(this.after.name, ix, prefix)));
    }
    if (this.autoIncrement !== undefined) out.push(...setAutoIncrementSql(this.after, this.autoIncrement, prefix));
    return out;
  }
}

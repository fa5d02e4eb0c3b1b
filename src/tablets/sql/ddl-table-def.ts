// Builds a TableDef from node-sql-parser's AST of MySQL DDL (column definitions, keys, table
// options), with MySQL's own rules and errors: implicit NOT NULL on primary-key columns, generated
// key names, numeric defaults printed as strings, one AUTO_INCREMENT column that must be a key.
// Mirrors MySQL's sql_table.cc (mysql_prepare_create_table) checks, as Vitess's schemadiff does
// (go/vt/schemadiff/table.go) for the same definitions.

import { canonicalType, typeInfo, isIntegerType } from './column-types.js';
import type { AstDataType } from './column-types.js';
import { mysqlQuote } from './lexer.js';
import { mysqlError, notSupported } from './mysql-errors.js';
import type { AstNode, Parsed } from './sql-parser.js';
import type { ColumnDef, ForeignKeyDef, IndexDef, TableDef } from './table-def.js';
import { findColumn } from './table-def.js';

type Str = Parsed['str'];
type ExprSql = Parsed['exprSql'];

export interface ColumnFromAst {
  column: ColumnDef;
  primaryKey: boolean;
  unique: boolean;
}

function node(x: unknown): AstNode {
  return (x ?? {}) as AstNode;
}

/** A column reference's name (`column_ref`, or `b(10)` parsed as a function for a key prefix). */
export function keyPartName(x: unknown): string {
  const n = node(x);
  if (n.type === 'column_ref') return columnName(n.column);
  if (n.type === 'function') {
    const parts = (node(n.name).name as Array<{ value: string }> | undefined) ?? [];
    return parts[parts.length - 1]?.value ?? '';
  }
  return columnName(n.column ?? n.value);
}

export function columnName(x: unknown): string {
  if (typeof x === 'string') return x;
  const n = node(x);
  if (n.expr !== undefined) return columnName(n.expr);
  return String(n.value ?? n.column ?? '');
}

const TIME_DEFAULTS = new Set(['current_timestamp', 'now', 'localtime', 'localtimestamp']);

function functionName(n: AstNode): string {
  const parts = (node(n.name).name as Array<{ value: string }> | undefined) ?? [];
  return (parts[parts.length - 1]?.value ?? String(n.name ?? '')).toLowerCase();
}

/** CURRENT_TIMESTAMP or CURRENT_TIMESTAMP(fsp) from a function node. */
function timestampSql(n: AstNode): string {
  const args = (node(n.args).value as Array<{ value: unknown }> | undefined) ?? [];
  const fsp = args[0]?.value;
  return fsp !== undefined && fsp !== null && Number(fsp) > 0 ? `CURRENT_TIMESTAMP(${Number(fsp)})` : 'CURRENT_TIMESTAMP';
}

/** The DEFAULT of SHOW CREATE TABLE for a literal default: numbers print quoted, formatted for the type. */
function literalDefault(text: string, mysqlType: string, column: string): string {
  const info = typeInfo(mysqlType);
  const invalid = (): Error => mysqlError(1067, '42000', `Invalid default value for '${column}'`);
  if (info.blobLike) {
    throw mysqlError(1101, '42000', `BLOB, TEXT, GEOMETRY or JSON column '${column}' can't have a default value`);
  }
  if (info.base === 'bit') {
    const n = Number(text);
    if (!Number.isInteger(n)) throw invalid();
    return `b'${n.toString(2)}'`;
  }
  if (info.sqliteType === 'INTEGER' || info.sqliteType === 'REAL' || info.sqliteType === 'NUMERIC') {
    const trimmed = text.trim();
    if (trimmed === '' || !Number.isFinite(Number(trimmed))) throw invalid();
    const n = Number(trimmed);
    if (info.unsigned && n < 0) throw invalid();
    if (info.sqliteType === 'INTEGER') return `'${Math.round(n)}'`;
    if (info.sqliteType === 'NUMERIC') return `'${n.toFixed(info.scale ?? 0)}'`;
    return `'${String(n)}'`;
  }
  if (info.base === 'enum' && !(info.values ?? []).some((v) => v.toLowerCase() === text.toLowerCase())) throw invalid();
  return mysqlQuote(text);
}

/**
 * An expression default as MySQL prints it: DEFAULT (expr), where MySQL's printer puts its own
 * parentheses around operators (DEFAULT ((1 + 2))) and charset introducers on strings.
 */
function expressionDefault(expr: AstNode, exprSql: ExprSql): string {
  const inner = exprSql({ ...expr, parentheses: false }, '_utf8mb4');
  return expr.type === 'binary_expr' ? `((${inner}))` : `(${inner})`;
}

/** One column definition of CREATE TABLE / ALTER TABLE ADD|CHANGE|MODIFY. */
export function columnFromAst(n: AstNode, str: Str, exprSql: ExprSql): ColumnFromAst {
  const name = columnName(n.column);
  if (n.generated !== undefined && n.generated !== null) throw notSupported('generated columns');
  const { mysqlType, sqliteType } = canonicalType(n.definition as AstDataType, str);
  const nullable = node(n.nullable).type !== 'not null';
  const column: ColumnDef = { name, mysqlType, sqliteType, nullable, autoIncrement: n.auto_increment !== undefined && n.auto_increment !== null };
  if (column.autoIncrement && !isIntegerType(mysqlType) && typeInfo(mysqlType).sqliteType !== 'REAL') {
    throw mysqlError(1063, '42000', `Incorrect column specifier for column '${name}'`);
  }
  const dflt = node(node(n.default_val).value);
  if (n.default_val !== undefined && n.default_val !== null) {
    if (column.autoIncrement) throw mysqlError(1067, '42000', `Invalid default value for '${name}'`);
    switch (dflt.type) {
      case 'null':
        if (!nullable) throw mysqlError(1067, '42000', `Invalid default value for '${name}'`);
        break;
      case 'single_quote_string':
      case 'double_quote_string':
      case 'string':
      case 'natural_string':
        column.defaultSql = literalDefault(str(dflt.value), mysqlType, name);
        break;
      case 'number':
      case 'bigint':
        column.defaultSql = literalDefault(String(dflt.value), mysqlType, name);
        break;
      case 'bool':
      case 'boolean':
        column.defaultSql = literalDefault(dflt.value ? '1' : '0', mysqlType, name);
        break;
      case 'function': {
        const fn = functionName(dflt);
        if (TIME_DEFAULTS.has(fn)) {
          const base = typeInfo(mysqlType).base;
          if (base !== 'datetime' && base !== 'timestamp') throw mysqlError(1067, '42000', `Invalid default value for '${name}'`);
          column.defaultSql = timestampSql(dflt);
        } else {
          column.defaultSql = expressionDefault(dflt, exprSql);
        }
        const over = node(dflt.over);
        if (over.type === 'on update') {
          column.onUpdateSql = over.parentheses && over.expr ? timestampSql({ args: over.expr } as AstNode) : 'CURRENT_TIMESTAMP';
        }
        break;
      }
      default:
        column.defaultSql = expressionDefault(dflt, exprSql);
        break;
    }
  }
  // ON UPDATE without a DEFAULT arrives as a reference_definition action.
  const actions = (node(n.reference_definition).on_action as AstNode[] | undefined) ?? [];
  if (column.onUpdateSql === undefined && actions.some((a) => String(a.type).toLowerCase() === 'on update')) {
    column.onUpdateSql = 'CURRENT_TIMESTAMP';
  }
  const comment = node(n.comment).value;
  if (comment !== undefined) column.comment = str(node(comment).value ?? comment);
  const collate = node(node(n.collate).collate).name;
  if (typeof collate === 'string' && collate !== '') column.collate = collate.toLowerCase();
  return {
    column,
    primaryKey: n.primary_key !== undefined && n.primary_key !== null,
    unique: n.unique !== undefined && n.unique !== null,
  };
}

/** The next N of generated constraint names `<prefix>N` (MySQL: one more than the largest in use). */
function nextConstraintNumber(names: readonly string[], prefix: string): number {
  let max = 0;
  for (const n of names) {
    if (n.toLowerCase().startsWith(prefix.toLowerCase())) max = Math.max(max, Number(n.slice(prefix.length)) || 0);
  }
  return max + 1;
}

/**
 * Adds a foreign key: named `<table>_ibfk_N` when unnamed, and backed by an index on its columns
 * unless one already starts with them (MySQL names that index after the constraint, else the column).
 */
function addForeignKey(def: TableDef, given: string | undefined, fk: Omit<ForeignKeyDef, 'name'>): IndexDef | undefined {
  for (const c of fk.columns) {
    if (!findColumn(def, c)) throw mysqlError(1072, '42000', `Key column '${c}' doesn't exist in table`);
  }
  const columns = fk.columns.map((c) => (findColumn(def, c) as ColumnDef).name);
  const fks = (def.foreignKeys ??= []);
  const name = given ?? `${def.name}_ibfk_${nextConstraintNumber(fks.map((f) => f.name), `${def.name}_ibfk_`)}`;
  if (fks.some((f) => f.name.toLowerCase() === name.toLowerCase())) throw mysqlError(1826, 'HY000', `Duplicate foreign key constraint name '${name}'`);
  fks.push({ ...fk, name, columns });
  const starts = (ixCols: readonly string[]): boolean =>
    columns.every((c, k) => ixCols[k]?.toLowerCase() === c.toLowerCase());
  if (starts(def.primaryKey) || def.indexes.some((ix) => starts(ix.columns))) return undefined;
  const ix: IndexDef = { name: given ?? generatedKeyName(columns[0] ?? 'key', def.indexes), columns, unique: false };
  def.indexes.push(ix);
  return ix;
}

/** MySQL names an unnamed key after its first column: `c`, then `c_2`, `c_3`... */
export function generatedKeyName(first: string, taken: readonly IndexDef[]): string {
  const used = new Set(taken.map((ix) => ix.name.toLowerCase()));
  used.add('primary');
  if (!used.has(first.toLowerCase())) return first;
  for (let k = 2; ; k++) {
    const candidate = `${first}_${k}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

export type KeySpec =
  | { kind: 'primary'; columns: string[] }
  | { kind: 'index'; name: string | undefined; unique: boolean; columns: string[] }
  | { kind: 'foreign'; name: string | undefined; fk: Omit<ForeignKeyDef, 'name'> }
  | { kind: 'check'; name: string | undefined; exprSql: string }
  | { kind: 'ignored' };

/** ON DELETE / ON UPDATE actions as MySQL prints them; NO ACTION (the default) is not printed. */
function fkAction(actions: readonly AstNode[], type: string, str: Str): string | undefined {
  const a = actions.find((x) => String(x.type).toLowerCase() === type);
  if (a === undefined) return undefined;
  const v = node(a.value).value ?? a.value;
  const text = (typeof v === 'string' ? v : str(v)).toUpperCase().replace(/\s+/g, ' ');
  return text === 'NO ACTION' ? undefined : text;
}

/** A key or constraint of CREATE TABLE (resource 'index' or 'constraint'), or an ALTER ADD of one. */
export function keyFromAst(n: AstNode, str: Str, exprSql?: ExprSql): KeySpec {
  const cols = ((n.definition as unknown[] | undefined) ?? []).map(keyPartName);
  if (n.resource === 'index') {
    return { kind: 'index', name: n.index ? str(n.index) : undefined, unique: false, columns: cols };
  }
  const type = String(n.constraint_type ?? '').toLowerCase();
  if (type === 'primary key') return { kind: 'primary', columns: cols };
  if (type.startsWith('unique')) {
    const name = n.index ?? n.constraint;
    return { kind: 'index', name: name ? str(name) : undefined, unique: true, columns: cols };
  }
  // FOREIGN KEY and CHECK constraints are kept for SHOW CREATE TABLE only: vtsim enforces neither.
  const constraintName = n.constraint ? str(n.constraint) : undefined;
  if (type === 'foreign key') {
    const ref = node(n.reference_definition);
    const refTable = node((ref.table as unknown[] | undefined)?.[0]).table;
    const fk: Omit<ForeignKeyDef, 'name'> = {
      columns: cols,
      refTable: typeof refTable === 'string' ? refTable : str(refTable),
      refColumns: ((ref.definition as unknown[] | undefined) ?? []).map(keyPartName),
    };
    const actions = (ref.on_action as AstNode[] | undefined) ?? [];
    const onDelete = fkAction(actions, 'on delete', str);
    const onUpdate = fkAction(actions, 'on update', str);
    if (onDelete !== undefined) fk.onDelete = onDelete;
    if (onUpdate !== undefined) fk.onUpdate = onUpdate;
    return { kind: 'foreign', name: constraintName, fk };
  }
  if (type === 'check' && exprSql !== undefined) {
    const expr = node((n.definition as unknown[] | undefined)?.[0]);
    const inner = exprSql({ ...expr, parentheses: false }, '_utf8mb4');
    return { kind: 'check', name: constraintName, exprSql: expr.type === 'binary_expr' ? `((${inner}))` : `(${inner})` };
  }
  return { kind: 'ignored' };
}

/** Adds a key to a definition being built, with MySQL's errors. */
export function addKey(def: TableDef, key: KeySpec): IndexDef | undefined {
  if (key.kind === 'ignored') return undefined;
  if (key.kind === 'foreign') return addForeignKey(def, key.name, key.fk);
  if (key.kind === 'check') {
    const checks = (def.checks ??= []);
    const name = key.name ?? `${def.name}_chk_${nextConstraintNumber(checks.map((c) => c.name), `${def.name}_chk_`)}`;
    if (checks.some((c) => c.name.toLowerCase() === name.toLowerCase())) throw mysqlError(3822, 'HY000', `Duplicate check constraint name '${name}'.`);
    checks.push({ name, exprSql: key.exprSql });
    return undefined;
  }
  for (const c of key.columns) {
    if (!findColumn(def, c)) throw mysqlError(1072, '42000', `Key column '${c}' doesn't exist in table`);
  }
  const canonical = key.columns.map((c) => (findColumn(def, c) as ColumnDef).name);
  if (key.kind === 'primary') {
    if (def.primaryKey.length > 0) throw mysqlError(1068, '42000', 'Multiple primary key defined');
    def.primaryKey = canonical;
    return undefined;
  }
  if (key.name !== undefined && key.name.toLowerCase() === 'primary') {
    throw mysqlError(1280, '42000', `Incorrect index name '${key.name}'`);
  }
  if (key.name !== undefined && def.indexes.some((ix) => ix.name.toLowerCase() === key.name?.toLowerCase())) {
    throw mysqlError(1061, '42000', `Duplicate key name '${key.name}'`);
  }
  const ix: IndexDef = {
    name: key.name ?? generatedKeyName(canonical[0] ?? 'key', def.indexes),
    columns: canonical,
    unique: key.unique,
  };
  def.indexes.push(ix);
  return ix;
}

/**
 * Final checks of a definition: primary-key columns are NOT NULL, and the AUTO_INCREMENT column
 * (at most one) is a key. vtsim needs it to be the whole primary key (SQLite's rowid).
 */
export function finishTableDef(def: TableDef, explicitNull: ReadonlySet<string> = new Set()): TableDef {
  for (const k of def.primaryKey) {
    const c = findColumn(def, k) as ColumnDef;
    if (explicitNull.has(c.name.toLowerCase())) {
      throw mysqlError(1171, '42000', 'All parts of a PRIMARY KEY must be NOT NULL; if you need NULL in a key, use UNIQUE instead');
    }
    c.nullable = false;
  }
  const auto = def.columns.filter((c) => c.autoIncrement);
  const wrongAuto = mysqlError(
    1075,
    '42000',
    'Incorrect table definition; there can be only one auto column and it must be defined as a key',
  );
  if (auto.length > 1) throw wrongAuto;
  const ai = auto[0];
  if (ai !== undefined) {
    const lower = ai.name.toLowerCase();
    const isKeyStart =
      def.primaryKey[0]?.toLowerCase() === lower || def.indexes.some((ix) => ix.columns[0]?.toLowerCase() === lower);
    if (!isKeyStart) throw wrongAuto;
    if (!(def.primaryKey.length === 1 && def.primaryKey[0]?.toLowerCase() === lower && isIntegerType(ai.mysqlType))) {
      throw notSupported('AUTO_INCREMENT on a column that is not the whole integer PRIMARY KEY');
    }
  }
  if (def.columns.length === 0) throw mysqlError(1113, '42000', 'A table must have at least 1 visible column.');
  return def;
}

/** The canonical engine name MySQL prints (ENGINE=InnoDB). */
export function engineName(raw: unknown): string {
  const e = String(raw ?? 'InnoDB').toLowerCase();
  const known: Record<string, string> = { innodb: 'InnoDB', myisam: 'MyISAM', memory: 'MEMORY', csv: 'CSV', archive: 'ARCHIVE' };
  return known[e] ?? 'InnoDB';
}

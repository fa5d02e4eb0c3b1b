// MySQL column types: the canonical spelling MySQL 8.0 prints (integer display widths dropped except
// tinyint(1), decimal defaults filled in, aliases resolved) and the SQLite storage class each maps to.
// Mirrors MySQL's field type rules (sql/field.cc, sql_show.cc) and go/vt/sqlparser's ColumnType.

import { lex, mysqlQuote } from './lexer.js';
import { notSupported } from './mysql-errors.js';

export type SqliteType = 'INTEGER' | 'TEXT' | 'REAL' | 'NUMERIC' | 'BLOB';

export interface TypeInfo {
  /** Lower-case base type: 'int', 'varchar', 'enum' ... */
  base: string;
  length?: number;
  scale?: number;
  unsigned: boolean;
  /** ENUM / SET members. */
  values?: string[];
  sqliteType: SqliteType;
  /** Character types whose comparisons follow the column collation (case-insensitive by default). */
  textual: boolean;
  /** Byte-string types (lengths count bytes). */
  binary: boolean;
  /** TEXT/BLOB/JSON/spatial: MySQL prints no `DEFAULT NULL` for them. */
  blobLike: boolean;
}

const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'bigint']);
const ZEROFILL_WIDTH: Record<string, number> = { tinyint: 3, smallint: 5, mediumint: 8, int: 10, bigint: 20 };
const TEXT_TYPES = new Set(['tinytext', 'text', 'mediumtext', 'longtext']);
const BLOB_TYPES = new Set(['tinyblob', 'blob', 'mediumblob', 'longblob']);
const SPATIAL_TYPES = new Set([
  'geometry',
  'point',
  'linestring',
  'polygon',
  'multipoint',
  'multilinestring',
  'multipolygon',
  'geometrycollection',
]);

function storageOf(base: string): SqliteType {
  if (INTEGER_TYPES.has(base) || base === 'bit' || base === 'year') return 'INTEGER';
  if (base === 'float' || base === 'double') return 'REAL';
  if (base === 'decimal') return 'NUMERIC';
  if (base === 'binary' || base === 'varbinary' || BLOB_TYPES.has(base) || SPATIAL_TYPES.has(base)) return 'BLOB';
  return 'TEXT';
}

const infoCache = new Map<string, TypeInfo>();

/** Facts about a canonical MySQL type string ('varchar(128)', 'int unsigned', "enum('a','b')"). */
export function typeInfo(mysqlType: string): TypeInfo {
  const cached = infoCache.get(mysqlType);
  if (cached) return cached;
  const m = /^([a-z]+)(?:\((.*)\))?((?: (?:unsigned|zerofill))*)$/s.exec(mysqlType.toLowerCase());
  const base = m?.[1] ?? mysqlType.toLowerCase();
  const args = m?.[2];
  const info: TypeInfo = {
    base,
    unsigned: (m?.[3] ?? '').includes('unsigned'),
    sqliteType: storageOf(base),
    textual: base === 'char' || base === 'varchar' || TEXT_TYPES.has(base) || base === 'enum' || base === 'set',
    binary: base === 'binary' || base === 'varbinary' || BLOB_TYPES.has(base),
    blobLike: TEXT_TYPES.has(base) || BLOB_TYPES.has(base) || base === 'json' || SPATIAL_TYPES.has(base),
  };
  if (args !== undefined) {
    if (base === 'enum' || base === 'set') {
      // The original spelling keeps the members' case; lex the original text, not the lower-cased one.
      const open = mysqlType.indexOf('(');
      info.values = lex(mysqlType.slice(open + 1, -1))
        .filter((t) => t.type === 'string')
        .map((t) => t.value);
    } else {
      const [len, scale] = args.split(',').map((s) => Number(s.trim()));
      if (len !== undefined && Number.isFinite(len)) info.length = len;
      if (scale !== undefined && Number.isFinite(scale)) info.scale = scale;
    }
  }
  if (infoCache.size > 1000) infoCache.clear();
  infoCache.set(mysqlType, info);
  return info;
}

/** The column-definition part of node-sql-parser's AST (`definition` of a column). */
export interface AstDataType {
  dataType: string;
  length?: number | null;
  scale?: number | null;
  suffix?: string[] | null;
  expr?: { value: Array<{ value: unknown }> };
}

/**
 * The canonical MySQL type for a parsed column type. `str` maps string values of the AST back to
 * their literal text (the dialect layer hides string literals from the parser).
 */
export function canonicalType(def: AstDataType, str: (raw: unknown) => string): { mysqlType: string; sqliteType: SqliteType } {
  const dt = def.dataType.toLowerCase();
  const suffix = (def.suffix ?? []).map((s) => String(s).toLowerCase());
  const unsigned = suffix.includes('unsigned') || suffix.includes('zerofill');
  const zerofill = suffix.includes('zerofill');
  const len = def.length ?? undefined;
  const scale = def.scale ?? undefined;
  const u = unsigned ? ' unsigned' : '';
  let t: string;
  switch (dt) {
    case 'tinyint':
    case 'smallint':
    case 'mediumint':
    case 'int':
    case 'integer':
    case 'bigint': {
      const base = dt === 'integer' ? 'int' : dt;
      if (zerofill) t = `${base}(${len ?? ZEROFILL_WIDTH[base]}) unsigned zerofill`;
      else t = `${base === 'tinyint' && len === 1 ? 'tinyint(1)' : base}${u}`;
      break;
    }
    case 'boolean':
    case 'bool':
      t = 'tinyint(1)';
      break;
    case 'decimal':
    case 'numeric':
    case 'dec':
    case 'fixed':
      t = `decimal(${len ?? 10},${scale ?? 0})${u}`;
      break;
    case 'float':
      if (len !== undefined && scale !== undefined) t = `float(${len},${scale})${u}`;
      else t = `${len !== undefined && len > 24 ? 'double' : 'float'}${u}`;
      break;
    case 'double':
    case 'real':
      t = `${len !== undefined && scale !== undefined ? `double(${len},${scale})` : 'double'}${u}`;
      break;
    case 'bit':
      t = `bit(${len ?? 1})`;
      break;
    case 'char':
    case 'binary':
      t = `${dt}(${len ?? 1})`;
      break;
    case 'varchar':
    case 'varbinary':
      if (len === undefined) throw notSupported(`${dt.toUpperCase()} without a length`);
      t = `${dt}(${len})`;
      break;
    case 'time':
    case 'datetime':
    case 'timestamp':
      t = len ? `${dt}(${len})` : dt;
      break;
    case 'enum':
    case 'set':
      t = `${dt}(${(def.expr?.value ?? []).map((v) => mysqlQuote(str(v.value))).join(',')})`;
      break;
    default:
      if (
        TEXT_TYPES.has(dt) ||
        BLOB_TYPES.has(dt) ||
        SPATIAL_TYPES.has(dt) ||
        dt === 'date' ||
        dt === 'year' ||
        dt === 'json'
      ) {
        t = dt;
        break;
      }
      throw notSupported(`column type ${def.dataType}`);
  }
  return { mysqlType: t, sqliteType: typeInfo(t).sqliteType };
}

/** True when a column of this type, alone, can be SQLite's INTEGER PRIMARY KEY (a rowid alias). */
export function isIntegerType(mysqlType: string): boolean {
  return INTEGER_TYPES.has(typeInfo(mysqlType).base);
}

/** The value MySQL fills in for a NOT NULL column without a default when a column is added. */
export function implicitDefault(mysqlType: string): string {
  const info = typeInfo(mysqlType);
  switch (info.sqliteType) {
    case 'INTEGER':
    case 'REAL':
    case 'NUMERIC':
      return '0';
    default:
      break;
  }
  switch (info.base) {
    case 'date':
      return "'0000-00-00'";
    case 'datetime':
    case 'timestamp':
      return "'0000-00-00 00:00:00'";
    case 'time':
      return "'00:00:00'";
    case 'enum':
      return `'${(info.values?.[0] ?? '').replace(/'/g, "''")}'`;
    case 'json':
      return "'null'";
    default:
      return "''";
  }
}

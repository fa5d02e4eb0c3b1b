// Query results as they travel between tablets, vtgate and the clients.
// Mirrors proto/query.proto QueryResult and Field (type names are querypb.Type's).

/** A value in a row: what SQLite stores, plus bigint for 64-bit integers past 2^53. */
export type SqlValue = number | string | bigint | Uint8Array | null;

/** querypb.Type names for the types vtsim produces. */
export type FieldType =
  | 'INT64'
  | 'UINT64'
  | 'INT32'
  | 'FLOAT64'
  | 'DECIMAL'
  | 'VARCHAR'
  | 'VARBINARY'
  | 'TEXT'
  | 'BLOB'
  | 'DATETIME'
  | 'DATE'
  | 'TIME'
  | 'TIMESTAMP'
  | 'JSON'
  | 'NULL_TYPE';

export interface Field {
  name: string;
  type: FieldType;
  /** The table the column came from, when known (for protocol column definitions). */
  table?: string;
  /**
   * For DECIMAL: the scale MySQL gives the column (`decimal(10,2)` → 2, `7/2` → 4). The values
   * travel as numbers; clients print them with this many digits after the point.
   */
  decimals?: number;
}

export interface QueryResult {
  fields: Field[];
  rows: SqlValue[][];
  rowsAffected: number;
  /** The first auto-generated id of an insert (MySQL's LAST_INSERT_ID()), or 0. */
  insertId: number;
}

/** Bind variables by name (without the leading ':'). */
export type BindVars = Record<string, SqlValue>;

export function emptyResult(): QueryResult {
  return { fields: [], rows: [], rowsAffected: 0, insertId: 0 };
}

/** Maps a MySQL column type ('bigint', 'varchar(128)', 'int unsigned' ...) to its querypb type. */
export function fieldTypeOfMysqlType(mysqlType: string): FieldType {
  const t = mysqlType.toLowerCase();
  const unsigned = t.includes('unsigned');
  if (/^(tinyint|smallint|mediumint|int|integer)\b/.test(t)) return unsigned ? 'UINT64' : 'INT32';
  if (/^bigint\b/.test(t)) return unsigned ? 'UINT64' : 'INT64';
  if (/^(float|double|real)\b/.test(t)) return 'FLOAT64';
  if (/^(decimal|numeric)\b/.test(t)) return 'DECIMAL';
  if (/^(varbinary|binary)\b/.test(t)) return 'VARBINARY';
  if (/^(tinyblob|blob|mediumblob|longblob)\b/.test(t)) return 'BLOB';
  if (/^(tinytext|text|mediumtext|longtext)\b/.test(t)) return 'TEXT';
  if (/^datetime\b/.test(t)) return 'DATETIME';
  if (/^timestamp\b/.test(t)) return 'TIMESTAMP';
  if (/^date\b/.test(t)) return 'DATE';
  if (/^time\b/.test(t)) return 'TIME';
  if (/^json\b/.test(t)) return 'JSON';
  return 'VARCHAR';
}

/** The querypb type of a value when no column type is known (expressions, literals). */
export function fieldTypeOfValue(v: SqlValue | undefined): FieldType {
  if (v === null || v === undefined) return 'NULL_TYPE';
  if (typeof v === 'bigint') return 'INT64';
  if (typeof v === 'number') return Number.isInteger(v) ? 'INT64' : 'FLOAT64';
  if (v instanceof Uint8Array) return 'VARBINARY';
  return 'VARCHAR';
}

export function isNumericFieldType(t: FieldType): boolean {
  return t === 'INT64' || t === 'UINT64' || t === 'INT32' || t === 'FLOAT64' || t === 'DECIMAL';
}

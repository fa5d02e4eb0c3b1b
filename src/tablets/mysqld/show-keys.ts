// What MySQL shows about a table's keys: the Key column of SHOW COLUMNS / DESCRIBE (PRI, UNI, MUL)
// and the rows of SHOW INDEX. Both follow the key flags MySQL derives from the table's keys.
// Mirrors MySQL 8.0's sql_show.cc (get_schema_column_record, get_schema_stat_record) and the key
// flags table.cc sets per field (PRI_KEY_FLAG, UNIQUE_KEY_FLAG, MULTIPLE_KEY_FLAG).

import type { SqlValue } from '../../common/sql-types.js';
import { findColumn, sortedIndexes } from '../sql/table-def.js';
import type { IndexDef, TableDef } from '../sql/table-def.js';

/** The table's keys in MySQL's order, the primary key first as `PRIMARY`. */
export function tableKeys(def: TableDef): IndexDef[] {
  const keys = sortedIndexes(def);
  if (def.primaryKey.length > 0) return [{ name: 'PRIMARY', columns: def.primaryKey, unique: true }, ...keys];
  return keys;
}

/**
 * The key InnoDB uses as the primary key: the declared one, or else the first unique key whose
 * columns are all NOT NULL (which SHOW COLUMNS then marks PRI too).
 */
function primaryKeyColumns(def: TableDef): readonly string[] {
  if (def.primaryKey.length > 0) return def.primaryKey;
  const notNull = (ix: IndexDef): boolean => ix.columns.every((n) => findColumn(def, n)?.nullable === false);
  return sortedIndexes(def).find((ix) => ix.unique && notNull(ix))?.columns ?? [];
}

/**
 * The Key column for each column, by name (lower case): PRI for every column of the primary key;
 * for the first column of another key, UNI when the key is unique over that one column, else MUL;
 * the strongest applies when several do (PRI, UNI, MUL).
 */
export function columnKeys(def: TableDef): Map<string, 'PRI' | 'UNI' | 'MUL'> {
  const out = new Map<string, 'PRI' | 'UNI' | 'MUL'>();
  const rank = { PRI: 3, UNI: 2, MUL: 1 } as const;
  const mark = (column: string, flag: 'PRI' | 'UNI' | 'MUL'): void => {
    const k = column.toLowerCase();
    const had = out.get(k);
    if (had === undefined || rank[flag] > rank[had]) out.set(k, flag);
  };
  const primary = primaryKeyColumns(def);
  for (const c of primary) mark(c, 'PRI');
  for (const ix of def.indexes) {
    const first = ix.columns[0];
    if (first !== undefined) mark(first, ix.unique && ix.columns.length === 1 ? 'UNI' : 'MUL');
  }
  return out;
}

/** SHOW INDEX's columns, in MySQL 8.0's order. */
export const SHOW_INDEX_COLUMNS = [
  'Table', 'Non_unique', 'Key_name', 'Seq_in_index', 'Column_name', 'Collation', 'Cardinality', 'Sub_part', 'Packed',
  'Null', 'Index_type', 'Comment', 'Index_comment', 'Visible', 'Expression',
] as const; // prettier-ignore

/**
 * SHOW INDEX rows: one per key column. `cardinality(columns)` counts the distinct values of a key
 * prefix (InnoDB's statistics estimate this; vtsim counts).
 */
export function showIndexRows(def: TableDef, cardinality: (columns: readonly string[]) => number): SqlValue[][] {
  const rows: SqlValue[][] = [];
  for (const key of tableKeys(def)) {
    key.columns.forEach((name, i) => {
      const col = findColumn(def, name);
      rows.push([
        def.name,
        key.unique ? 0 : 1,
        key.name,
        i + 1,
        col?.name ?? name,
        'A',
        cardinality(key.columns.slice(0, i + 1)),
        null,
        null,
        col?.nullable ? 'YES' : '',
        'BTREE',
        '',
        '',
        'YES',
        null,
      ]);
    });
  }
  return rows;
}

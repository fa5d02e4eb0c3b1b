// SHOW statements a MySQL server answers about its own database: SHOW TABLES, SHOW CREATE TABLE,
// SHOW [FULL] COLUMNS/FIELDS (DESCRIBE), SHOW INDEX/INDEXES/KEYS, SHOW DATABASES. (vtgate answers the
// Vitess-specific ones, like SHOW VITESS_TABLETS, itself.) The statement forms are recognised with anchored patterns: SHOW's
// grammar is a closed list of keywords, unlike queries, which go through the SQL parser.

import type { QueryResult } from '../../common/sql-types.js';
import { mysqlError } from '../sql/mysql-errors.js';
import { DEFAULT_COLLATION, columnDefaultValue } from '../sql/table-def.js';
import { typeInfo } from '../sql/column-types.js';
import { SHOW_INDEX_COLUMNS, columnKeys, showIndexRows } from './show-keys.js';
import type { Mysqld } from './mysqld.js';

function unquote(id: string): string {
  return id.replace(/^`|`$/g, '').replace(/^"|"$/g, '');
}

/** Strips a qualifier equal to this server's database name (`vt_commerce.customer`). */
function localName(mysqld: Mysqld, name: string): string {
  const parts = name.split('.').map(unquote);
  if (parts.length === 2 && parts[0] === mysqld.dbName) return parts[1] as string;
  return parts[parts.length - 1] as string;
}

export function executeShow(sql: string, mysqld: Mysqld): QueryResult {
  const text = sql.trim().replace(/;+\s*$/, '');
  let m: RegExpExecArray | null;
  if ((m = /^show\s+(full\s+)?tables(?:\s+(?:from|in)\s+(\S+))?(?:\s+like\s+'([^']*)')?$/i.exec(text))) {
    const like = m[3] !== undefined ? likeToRegExp(m[3]) : undefined;
    const names = mysqld.schema.tableNames().filter((n) => !like || like.test(n));
    const full = m[1] !== undefined;
    return {
      fields: [
        { name: `Tables_in_${mysqld.dbName}`, type: 'VARCHAR' },
        ...(full ? [{ name: 'Table_type', type: 'VARCHAR' as const }] : []),
      ],
      rows: names.map((n) => (full ? [n, 'BASE TABLE'] : [n])),
      rowsAffected: 0,
      insertId: 0,
    };
  }
  if ((m = /^show\s+create\s+table\s+(\S+)$/i.exec(text))) {
    const name = localName(mysqld, m[1] as string);
    const ddl = mysqld.showCreateTable(name);
    if (ddl === undefined) throw mysqlError(1146, '42S02', `Table '${mysqld.dbName}.${name}' doesn't exist`);
    return {
      fields: [
        { name: 'Table', type: 'VARCHAR' },
        { name: 'Create Table', type: 'VARCHAR' },
      ],
      rows: [[name, ddl]],
      rowsAffected: 0,
      insertId: 0,
    };
  }
  if ((m = /^show\s+(full\s+)?(?:columns|fields)\s+(?:from|in)\s+(\S+)$/i.exec(text))) {
    const name = localName(mysqld, m[2] as string);
    const def = mysqld.schema.tableDef(name);
    if (!def) throw mysqlError(1146, '42S02', `Table '${mysqld.dbName}.${name}' doesn't exist`);
    const keys = columnKeys(def);
    const full = m[1] !== undefined;
    const names = full
      ? ['Field', 'Type', 'Collation', 'Null', 'Key', 'Default', 'Extra', 'Privileges', 'Comment']
      : ['Field', 'Type', 'Null', 'Key', 'Default', 'Extra'];
    return {
      fields: names.map((n) => ({ name: n, type: 'VARCHAR' as const })),
      rows: def.columns.map((c) => {
        const key = keys.get(c.name.toLowerCase()) ?? '';
        const extra = c.autoIncrement ? 'auto_increment' : '';
        if (!full) return [c.name, c.mysqlType, c.nullable ? 'YES' : 'NO', key, columnDefaultValue(c), extra];
        const collation = typeInfo(c.mysqlType).textual ? (c.collate ?? DEFAULT_COLLATION) : null;
        return [c.name, c.mysqlType, collation, c.nullable ? 'YES' : 'NO', key, columnDefaultValue(c), extra, 'select,insert,update,references', c.comment ?? ''];
      }),
      rowsAffected: 0,
      insertId: 0,
    };
  }
  if ((m = /^show\s+(?:extended\s+)?(?:index|indexes|keys)\s+(?:from|in)\s+(\S+)(?:\s+(?:from|in)\s+(\S+))?$/i.exec(text))) {
    const name = m[2] !== undefined ? localName(mysqld, `${m[2]}.${m[1] as string}`) : localName(mysqld, m[1] as string);
    const def = mysqld.schema.tableDef(name);
    if (!def) throw mysqlError(1146, '42S02', `Table '${mysqld.dbName}.${name}' doesn't exist`);
    const ident = (n: string): string => `"${n.replace(/"/g, '""')}"`;
    const cardinality = (columns: readonly string[]): number => {
      const row = mysqld.query(`SELECT COUNT(*) AS n FROM (SELECT DISTINCT ${columns.map(ident).join(', ')} FROM ${ident(def.name)})`)[0];
      return Number(row?.['n'] ?? 0);
    };
    const numeric = new Set(['Non_unique', 'Seq_in_index', 'Cardinality', 'Sub_part']);
    return {
      fields: SHOW_INDEX_COLUMNS.map((n) => ({ name: n, type: numeric.has(n) ? ('INT64' as const) : ('VARCHAR' as const) })),
      rows: showIndexRows(def, cardinality),
      rowsAffected: 0,
      insertId: 0,
    };
  }
  if (/^show\s+(databases|schemas)$/i.test(text)) {
    return {
      fields: [{ name: 'Database', type: 'VARCHAR' }],
      rows: [['_vt'], ['information_schema'], ['mysql'], ['performance_schema'], ['sys'], [mysqld.dbName]],
      rowsAffected: 0,
      insertId: 0,
    };
  }
  throw mysqlError(1235, '42000', `This version of MySQL doesn't yet support '${text.slice(0, 64)}'`);
}

function likeToRegExp(pattern: string): RegExp {
  const re = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${re}$`, 'i');
}

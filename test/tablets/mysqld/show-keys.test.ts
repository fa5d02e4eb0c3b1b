// SHOW COLUMNS' Key column and SHOW INDEX through a real Mysqld, as MySQL 8.0 prints them.

import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../../src/tablets/sqlite/sqljs.js';
import type { SqlJsStatic } from '../../../src/tablets/sqlite/sqljs.js';
import { Mysqld } from '../../../src/tablets/mysqld/mysqld.js';
import { createSimEnv } from '../../../src/engine/sim-env.js';

let sql: SqlJsStatic;
beforeAll(async () => {
  sql = await loadSqlJs();
});

function server(): Mysqld {
  const env = createSimEnv(1);
  return new Mysqld(sql, { dbName: 'vt_ks', serverUuid: env.rng.serverUuid(), clock: env.clock });
}

const keyColumn = (m: Mysqld, table: string): Array<[unknown, unknown]> =>
  m.execute(`show columns from ${table}`).rows.map((r) => [r[0], r[3]]);

describe('SHOW COLUMNS Key', () => {
  it('marks PRI, UNI for a single-column unique key and MUL for the first column of other keys', () => {
    const m = server();
    m.execute(`create table t (id int primary key, a int, b int, c int, d int, e varchar(5) not null,
      unique key uk (a, b), key kc (c, d), unique key ue (e), key kd (d))`);
    expect(keyColumn(m, 't')).toEqual([
      ['id', 'PRI'],
      ['a', 'MUL'],
      ['b', ''],
      ['c', 'MUL'],
      ['d', 'MUL'],
      ['e', 'UNI'],
    ]);
  });

  it('shows the strongest flag, and a NOT NULL unique key as PRI when there is no primary key', () => {
    const m = server();
    m.execute('create table u (a int not null, b int not null, c int, unique key ab (a, b), key ka (a), unique key uc (c))');
    expect(keyColumn(m, 'u')).toEqual([
      ['a', 'PRI'],
      ['b', 'PRI'],
      ['c', 'UNI'],
    ]);
  });

  it('has MySQL\'s nine columns with FULL', () => {
    const m = server();
    m.execute("create table f (id int primary key, name varchar(10) comment 'who')");
    const r = m.execute('show full columns from f');
    expect(r.fields.map((f) => f.name)).toEqual(['Field', 'Type', 'Collation', 'Null', 'Key', 'Default', 'Extra', 'Privileges', 'Comment']);
    expect(r.rows).toEqual([
      ['id', 'int', null, 'NO', 'PRI', null, '', 'select,insert,update,references', ''],
      ['name', 'varchar(10)', 'utf8mb4_0900_ai_ci', 'YES', '', null, '', 'select,insert,update,references', 'who'],
    ]);
  });
});

describe('SHOW INDEX', () => {
  it('lists every key column with MySQL 8.0\'s fifteen columns, PRIMARY first, unique keys before others', () => {
    const m = server();
    m.execute('create table t (id int primary key, a int, b int not null, key ka (a), unique key uab (a, b))');
    m.execute('insert into t values (1, 1, 1), (2, 1, 2), (3, null, 3)');
    const r = m.execute('show index from t');
    expect(r.fields.map((f) => f.name)).toEqual([
      'Table', 'Non_unique', 'Key_name', 'Seq_in_index', 'Column_name', 'Collation', 'Cardinality', 'Sub_part', 'Packed',
      'Null', 'Index_type', 'Comment', 'Index_comment', 'Visible', 'Expression',
    ]); // prettier-ignore
    expect(r.fields[1]?.type).toBe('INT64');
    expect(r.rows).toEqual([
      ['t', 0, 'PRIMARY', 1, 'id', 'A', 3, null, null, '', 'BTREE', '', '', 'YES', null],
      ['t', 0, 'uab', 1, 'a', 'A', 2, null, null, 'YES', 'BTREE', '', '', 'YES', null],
      ['t', 0, 'uab', 2, 'b', 'A', 3, null, null, '', 'BTREE', '', '', 'YES', null],
      ['t', 1, 'ka', 1, 'a', 'A', 2, null, null, 'YES', 'BTREE', '', '', 'YES', null],
    ]);
  });

  it('accepts INDEXES, KEYS, IN and a database qualifier, and reports a missing table', () => {
    const m = server();
    m.execute('create table t (id int primary key)');
    for (const stmt of ['show indexes from t', 'show keys in t', 'show index from t from vt_ks', 'show index from vt_ks.t']) {
      expect(m.execute(stmt).rows.map((r) => r[2]), stmt).toEqual(['PRIMARY']);
    }
    expect(() => m.execute('show index from nope')).toThrow("Table 'vt_ks.nope' doesn't exist");
  });
});

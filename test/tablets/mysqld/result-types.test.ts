// Result column types through a real Mysqld: they follow each select-list expression (not the
// output name), and DECIMAL columns, literals, division and aggregates carry MySQL's scale, which
// the mysql client's box then prints.

import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../../src/tablets/sqlite/sqljs.js';
import type { SqlJsStatic } from '../../../src/tablets/sqlite/sqljs.js';
import { Mysqld } from '../../../src/tablets/mysqld/mysqld.js';
import { createSimEnv } from '../../../src/engine/sim-env.js';
import { renderBox } from '../../../src/commands/render/mysql-output.js';

let sql: SqlJsStatic;
beforeAll(async () => {
  sql = await loadSqlJs();
});

function server(): Mysqld {
  const env = createSimEnv(1);
  const m = new Mysqld(sql, { dbName: 'vt_ks', serverUuid: env.rng.serverUuid(), clock: env.clock });
  m.execute(`create table t (id int primary key, status varchar(10), level int, price decimal(10,2),
    rate decimal(10,3) default 0.000, w double)`);
  m.execute("insert into t (id, status, level, price, w) values (1, 'new', 3, 100, 1.5), (2, 'old', 4, 0.5, 2)");
  return m;
}

const types = (m: Mysqld, stmt: string): Array<[string, string, number | undefined]> =>
  m.execute(stmt).fields.map((f) => [f.name, f.type, f.decimals]);

describe('result column types', () => {
  it('follow the expression, not a column of the same name as the alias', () => {
    const m = server();
    expect(types(m, 'select status as level, level as status, id + 1 as price from t')).toEqual([
      ['level', 'VARCHAR', undefined],
      ['status', 'INT32', undefined],
      ['price', 'INT64', undefined],
    ]);
    const box = renderBox({ ...m.execute('select status as level from t where id = 1') });
    expect(box).toBe('+-------+\n| level |\n+-------+\n| new   |\n+-------+\n');
  });

  it('resolve table aliases and stars', () => {
    const m = server();
    expect(types(m, 'select x.status, x.price from t x where x.id = 1')).toEqual([
      ['status', 'VARCHAR', undefined],
      ['price', 'DECIMAL', 2],
    ]);
    expect(types(m, 'select * from t').map((f) => f[2])).toEqual([undefined, undefined, undefined, 2, 3, undefined]);
  });

  it('give DECIMAL columns, literals, division and aggregates MySQL\'s scale', () => {
    const m = server();
    expect(types(m, 'select 7/2, 1.50, price * 2, price / 3, price + 0.125, avg(level), avg(price), sum(price), sum(level), count(*), w / 2 from t')).toEqual([
      ['7/2', 'DECIMAL', 4],
      ['1.50', 'DECIMAL', 2],
      ['price * 2', 'DECIMAL', 2],
      ['price / 3', 'DECIMAL', 6],
      ['price + 0.125', 'DECIMAL', 3],
      ['avg(level)', 'DECIMAL', 4],
      ['avg(price)', 'DECIMAL', 6],
      ['sum(price)', 'DECIMAL', 2],
      ['sum(level)', 'DECIMAL', 0],
      ['count(*)', 'INT64', undefined],
      ['w / 2', 'FLOAT64', undefined],
    ]);
  });

  it('print DECIMAL values with their scale in the client', () => {
    const m = server();
    expect(renderBox(m.execute('select id, price, rate from t order by id'))).toBe(
      [
        '+----+--------+-------+',
        '| id | price  | rate  |',
        '+----+--------+-------+',
        '|  1 | 100.00 | 0.000 |',
        '|  2 |   0.50 | 0.000 |',
        '+----+--------+-------+',
        '',
      ].join('\n'),
    );
    expect(renderBox(m.execute('select 7/2, avg(level), sum(price), 2/3 from t'))).toBe(
      [
        '+--------+------------+------------+--------+',
        '| 7/2    | avg(level) | sum(price) | 2/3    |',
        '+--------+------------+------------+--------+',
        '| 3.5000 |     3.5000 |     100.50 | 0.6667 |',
        '+--------+------------+------------+--------+',
        '',
      ].join('\n'),
    );
  });

  it('name an expression with back-quoted names by its MySQL text', () => {
    const m = server();
    expect(m.execute('select avg(`level`), `level` from t').fields.map((f) => f.name)).toEqual(['avg(`level`)', 'level']);
  });

  it('follow a column redefined by DDL', () => {
    const m = server();
    expect(types(m, 'select price from t')).toEqual([['price', 'DECIMAL', 2]]);
    m.execute('alter table t modify price decimal(12,4)');
    expect(types(m, 'select price from t')).toEqual([['price', 'DECIMAL', 4]]);
  });
});

// MySQL queries and writes through the dialect layer, executed in real sql.js.

import { describe, expect, it } from 'vitest';
import { newTablet } from './harness.js';
import type { TestTablet } from './harness.js';
import { translate } from '../../../src/tablets/sql/translate.js';

function withTables(): TestTablet {
  const t = newTablet();
  t.exec('create table customer (customer_id bigint not null auto_increment, email varchar(128), primary key(customer_id))');
  t.exec('create table corder (order_id bigint not null auto_increment, customer_id bigint, sku varchar(128), price bigint, primary key(order_id))');
  t.exec("insert into customer(email) values ('alice@domain.com'), ('bob@domain.com'), ('charlie@domain.com')");
  t.exec("insert into corder(customer_id, sku, price) values (1, 'SKU-1001', 100), (2, 'SKU-1002', 30), (2, 'SKU-1002', 30)");
  return t;
}

describe('literals', () => {
  it('follows MySQL string rules: backslash escapes, double quotes, adjacent strings, introducers', () => {
    const t = newTablet();
    const rows = t.exec(String.raw`select 'it\'s', "dq \"x\"", 'a\nb', 'c\\d', 'e' 'f', _utf8mb4'g', N'h', 'it''s', 'p\%q'`);
    expect(rows).toEqual([["it's", 'dq "x"', 'a\nb', 'c\\d', 'ef', 'g', 'h', "it's", 'p\\%q']]);
  });

  it('reads TRUE/FALSE, bit and hex literals', () => {
    const t = newTablet();
    expect(t.exec("select true, false, b'101', 0b11, 0x10, hex(x'41')")).toEqual([[1, 0, 5, 3, 16, '41']]);
  });

  it('stores NUL characters inside strings', () => {
    const t = newTablet();
    t.exec('create table n (v varchar(10))');
    t.exec(String.raw`insert into n values ('a\0b')`);
    expect(t.exec('select v, char_length(v) from n')).toEqual([['a\0b', 3]]);
  });
});

describe('operators and functions', () => {
  it('evaluates MySQL operators', () => {
    const t = newTablet();
    expect(t.exec('select 7/2, 7 div 2, 7 mod 3, 1 <=> null, null <=> null, !0, 1 && 0, 1 || 0, !1 = 0')).toEqual([
      [3.5, 3, 1, 0, 1, 1, 0, 1, 1],
    ]);
  });

  it('has the MySQL functions SQLite lacks', () => {
    const t = newTablet();
    const rows = t.exec(
      "select concat('a', null), concat('a', 1, 'b'), concat_ws(',', 'a', null, 'b'), if(1 > 0, 'y', 'n'), ifnull(null, 5), left('abcdef', 2), right('abcdef', 2), greatest(1, 5, 3), least(4, 2, 8), greatest('a', null), lower('AB'), upper('ab')",
    );
    expect(rows).toEqual([[null, 'a1b', 'a,b', 'y', 5, 'ab', 'ef', 5, 2, null, 'ab', 'AB']]);
  });

  it('casts as MySQL does', () => {
    const t = newTablet();
    expect(
      t.exec(
        "select cast('12abc' as signed), cast('7' as unsigned), cast(12 as char), cast('1.555' as decimal(10,2)), cast('abc' as binary) = 'ABC', convert('5', signed), convert('x' using utf8mb4)",
      ),
    ).toEqual([[12, 7, '12', 1.56, 0, 5, 'x']]);
  });

  it('reads time from the virtual clock, never the wall clock', () => {
    const t = newTablet();
    const q = 'select now(), current_timestamp, current_timestamp(), sysdate(), utc_timestamp(), localtime, unix_timestamp(), curdate(), current_date, curtime(), now(3)';
    expect(t.exec(q)).toEqual([
      [
        '2024-01-15 09:00:00',
        '2024-01-15 09:00:00',
        '2024-01-15 09:00:00',
        '2024-01-15 09:00:00',
        '2024-01-15 09:00:00',
        '2024-01-15 09:00:00',
        1705309200,
        '2024-01-15',
        '2024-01-15',
        '09:00:00',
        '2024-01-15 09:00:00.000',
      ],
    ]);
    t.clock.now += 61_500;
    expect(t.exec('select now(), unix_timestamp(), date(now())')).toEqual([['2024-01-15 09:01:01', 1705309261, '2024-01-15']]);
    expect(t.exec("select date('now')")).toEqual([[null]]);
  });

  it('does date arithmetic and formatting', () => {
    const t = newTablet();
    const rows = t.exec(
      "select date_add('2024-01-31', interval 1 month), date_sub('2024-03-01 10:00:00', interval 1 day), date_add('2024-01-01 00:00:00', interval '1:30' hour_minute), datediff('2024-03-01', '2024-02-01'), timestampdiff(hour, '2024-01-01', '2024-01-02 05:00:00'), timestampdiff(month, '2024-01-31', '2024-02-29'), extract(year from '2024-05-06'), month('2024-05-06'), date_format('2024-05-06 13:04:05', '%Y/%m/%d %H:%i:%s %W %M %D %p'), from_unixtime(0)",
    );
    expect(rows).toEqual([
      [
        '2024-02-29',
        '2024-02-29 10:00:00',
        '2024-01-01 01:30:00',
        29,
        29,
        0,
        2024,
        5,
        '2024/05/06 13:04:05 Monday May 6th PM',
        '1970-01-01 00:00:00',
      ],
    ]);
  });

  it('gives deterministic RAND() and UUID()', () => {
    const a = newTablet();
    const b = newTablet();
    const q = 'select rand(), rand(), rand(7), uuid(), uuid()';
    const ra = a.exec(q);
    expect(b.exec(q)).toEqual(ra);
    const [r1, r2, , u1, u2] = ra[0] as [number, number, number, string, string];
    expect(r1).not.toBe(r2);
    expect(r1).toBeGreaterThanOrEqual(0);
    expect(r1).toBeLessThan(1);
    expect(u1).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(u2).not.toBe(u1);
  });

  it('answers database(), last_insert_id() and system variables', () => {
    const t = withTables();
    t.exec("insert into customer(email) values ('dan@domain.com')");
    expect(t.exec('select database(), schema(), last_insert_id(), @@version, @@session.autocommit')).toEqual([
      ['vt_commerce', 'vt_commerce', 4, '8.0.40', 1],
    ]);
    expect(t.error('select @@nosuch')).toMatchObject({ errno: 1193, sqlState: 'HY000', message: "Unknown system variable 'nosuch'" });
  });

  it('counts LENGTH in bytes and CHAR_LENGTH in characters', () => {
    const t = newTablet();
    expect(t.exec("select length('é'), char_length('é'), locate('b', 'abc'), substring_index('a.b.c', '.', 2), lpad('7', 3, '0'), repeat('ab', 2), format(1234567.891, 2)")).toEqual([
      [2, 1, 2, 'a.b', '007', 'abab', '1,234,567.89'],
    ]);
  });

  it('replaces sql.js legacy functions quietly, refusing the ones MySQL lacks', () => {
    const t = newTablet();
    expect(t.exec('select floor(2.5), ceil(2.1), sqrt(16), power(2, 10), pi() > 3, reverse(\'abc\'), log(1), log(2, 8)')).toEqual([
      [2, 3, 4, 1024, 1, 'cba', 0, 3],
    ]);
    expect(t.error("select padl('a', 3)")).toMatchObject({ errno: 1305, message: 'FUNCTION vt_commerce.padl does not exist' });
    t.exec('create table v (x int)');
    t.exec('insert into v values (1), (2), (3), (4)');
    expect(t.exec('select variance(x), stddev_samp(x) > 1.29 from v')).toEqual([[1.25, 1]]);
  });
});

describe('queries', () => {
  it('strips locking clauses, index hints, modifiers and FROM DUAL', () => {
    const t = withTables();
    const tr = t.translate('select sql_no_cache * from customer force index (primary) where customer_id = 1 for update nowait');
    expect(tr.sqlite).toEqual(['select * from customer where customer_id = 1']);
    expect(t.exec('select email from customer lock in share mode')).toHaveLength(3);
    expect(t.exec('select 1 from dual')).toEqual([[1]]);
  });

  it('drops the qualifier of the tablet database and keeps _vt', () => {
    const t = withTables();
    expect(t.translate('select vt_commerce.customer.email from `vt_commerce`.customer join _vt.x on 1').sqlite).toEqual([
      'select customer.email from customer join _vt.x on 1',
    ]);
    expect(t.translate('select 1 from vt_commerce.customer, _vt.vreplication').tables).toEqual(['customer', '_vt.vreplication']);
  });

  it('runs joins, subqueries, grouping and MySQL LIMIT forms', () => {
    const t = withTables();
    expect(
      t.exec(
        'select c.email, count(*), sum(o.price) from customer c join corder o on c.customer_id = o.customer_id where o.customer_id in (select customer_id from customer) group by c.email having count(*) >= 1 order by 1 limit 0, 5',
      ),
    ).toEqual([
      ['alice@domain.com', 1, 100],
      ['bob@domain.com', 2, 60],
    ]);
    expect(t.exec('select customer_id from customer order by customer_id limit 1, 1')).toEqual([[2]]);
    expect(t.exec("select group_concat(sku order by order_id desc separator '|') from corder")).toEqual([
      ['SKU-1002|SKU-1002|SKU-1001'],
    ]);
    expect(t.exec('(select 1 as a) union (select 2) order by a desc')).toEqual([[2], [1]]);
  });

  it('compares case-insensitively and honours BINARY, COLLATE and LIKE escapes', () => {
    const t = withTables();
    expect(t.exec("select count(*) from customer where email = 'ALICE@DOMAIN.COM'")).toEqual([[1]]);
    expect(t.exec("select count(*) from customer where binary email = 'ALICE@DOMAIN.COM'")).toEqual([[0]]);
    expect(t.exec("select count(*) from customer where email collate utf8mb4_bin = 'ALICE@DOMAIN.COM'")).toEqual([[0]]);
    t.exec("insert into customer(email) values ('a_b'), ('axb')");
    expect(t.exec(String.raw`select email from customer where email like 'a\_b'`)).toEqual([['a_b']]);
    expect(t.exec("select count(*) from customer where email regexp '^A.*COM$'")).toEqual([[1]]);
  });

  it('keeps bind variables for SQLite to bind', () => {
    const t = withTables();
    const sql = 'select email from customer where customer_id = :vtg1 and email like :vtg2 and :_flag_0 = 1';
    expect(t.translate(sql).sqlite).toEqual([sql.replace(':vtg2', ":vtg2 ESCAPE '\\'")]);
    expect(t.exec(sql, { vtg1: 2, vtg2: 'bob%', _flag_0: 1 })).toEqual([['bob@domain.com']]);
    t.exec('insert into corder(customer_id, sku, price) values (:c, :s, :p)', { c: 3, s: 'SKU-9', p: 7 });
    expect(t.exec("select price from corder where sku = 'SKU-9'")).toEqual([[7]]);
  });

  it('reports unsupported MySQL as 1235', () => {
    const t = withTables();
    for (const [sql, what] of [
      ['select 1 into @x', 'SELECT ... INTO'],
      ['select email from customer group by email with rollup', 'WITH ROLLUP'],
      ['update customer join corder on 1 set price = 1', 'multi-table UPDATE'],
      ['delete customer from customer join corder on 1', 'multi-table DELETE'],
      ['select now() - interval 1 day', 'INTERVAL arithmetic (use DATE_ADD/DATE_SUB)'],
      ['explain select 1', 'EXPLAIN'],
      ['create view v as select 1', 'CREATE VIEW'],
    ] as const) {
      expect(t.error(sql), sql).toMatchObject({
        errno: 1235,
        sqlState: '42000',
        code: 'UNIMPLEMENTED',
        message: `This version of MySQL doesn't yet support '${what}'`,
      });
    }
  });
});

describe('writes', () => {
  it('turns INSERT IGNORE into INSERT OR IGNORE', () => {
    const t = withTables();
    expect(t.translate("insert ignore into customer(customer_id, email) values (1, 'x')").sqlite).toEqual([
      "INSERT OR IGNORE INTO customer(customer_id, email) values (1, 'x')",
    ]);
    t.exec("insert ignore into customer(customer_id, email) values (1, 'x'), (10, 'y')");
    expect(t.exec('select customer_id, email from customer where customer_id in (1, 10)')).toEqual([
      [1, 'alice@domain.com'],
      [10, 'y'],
    ]);
  });

  it('turns ON DUPLICATE KEY UPDATE into an upsert, VALUES(c) into excluded.c', () => {
    const t = withTables();
    const sql = "insert into customer(customer_id, email) values (1, 'new@x'), (20, 'z') on duplicate key update email = values(email)";
    expect(t.translate(sql).sqlite).toEqual([
      "INSERT INTO customer(customer_id, email) values (1, 'new@x'), (20, 'z') ON CONFLICT DO UPDATE SET email = excluded.email",
    ]);
    t.exec(sql);
    expect(t.exec('select customer_id, email from customer where customer_id in (1, 20)')).toEqual([
      [1, 'new@x'],
      [20, 'z'],
    ]);
    // A conflict on a secondary unique key updates too, as in MySQL.
    t.exec('create table u (id int primary key, k varchar(32), n int, unique key uk (k))');
    t.exec("insert into u values (1, 'a', 0)");
    t.exec("insert into u values (2, 'a', 0) on duplicate key update n = n + 1");
    expect(t.exec('select * from u')).toEqual([[1, 'a', 1]]);
    // INSERT ... SELECT with an upsert.
    t.exec('insert into u (id, k, n) select customer_id, email, 5 from customer where customer_id = 2 on duplicate key update n = values(n)');
    expect(t.exec('select * from u where id = 2')).toEqual([[2, 'bob@domain.com', 5]]);
  });

  it('supports REPLACE and INSERT ... SET', () => {
    const t = withTables();
    t.exec("replace into customer(customer_id, email) values (1, 'r@x')");
    t.exec("insert customer set email = 'set@x'");
    expect(t.exec('select customer_id, email from customer where customer_id in (1, 4)')).toEqual([
      [1, 'r@x'],
      [4, 'set@x'],
    ]);
  });

  it('runs UPDATE and DELETE with ORDER BY and LIMIT', () => {
    const t = withTables();
    t.exec("update customer set email = concat(email, '!') order by customer_id desc limit 2");
    expect(t.exec('select email from customer')).toEqual([['alice@domain.com'], ['bob@domain.com!'], ['charlie@domain.com!']]);
    t.exec('delete from corder where price < 1000 order by order_id limit 1');
    expect(t.exec('select order_id from corder')).toEqual([[2], [3]]);
    t.exec('update ignore corder set price = price + 1 where order_id = 2');
    expect(t.exec('select price from corder where order_id = 2')).toEqual([[31]]);
  });

  it('reports constraint failures as MySQL errors', () => {
    const t = withTables();
    expect(t.error("insert into customer(customer_id, email) values (2, 'dup')")).toMatchObject({
      errno: 1062,
      sqlState: '23000',
      code: 'ALREADY_EXISTS',
      message: "Duplicate entry '2' for key 'customer.PRIMARY'",
    });
    expect(t.error('insert into customer(customer_id, email) values (:id, :e)', { id: 3, e: 'x' }).message).toBe(
      "Duplicate entry '3' for key 'customer.PRIMARY'",
    );
    t.exec('create table p (sku varchar(10) primary key, n int not null)');
    t.exec("insert into p values ('a', 1)");
    t.exec("insert into p values ('b', 2)");
    expect(t.error("update p set sku = 'a' where n = 2").message).toBe("Duplicate entry 'a' for key 'p.PRIMARY'");
    expect(t.error('insert into p values (null, 1)').errno).toBe(1048);
    expect(t.error("insert into p (sku, n) values ('b', null)")).toMatchObject({
      errno: 1048,
      sqlState: '23000',
      message: "Column 'n' cannot be null",
    });
    expect(t.error('insert into p (nope) values (1)')).toMatchObject({
      errno: 1054,
      sqlState: '42S22',
      code: 'NOT_FOUND',
      message: "Unknown column 'nope' in 'field list'",
    });
    expect(t.error('select nope from p').message).toBe("Unknown column 'nope' in 'field list'");
    expect(t.error('select * from nosuch')).toMatchObject({
      errno: 1146,
      sqlState: '42S02',
      code: 'NOT_FOUND',
      message: "Table 'vt_commerce.nosuch' doesn't exist",
    });
  });
});

describe('classification and cache', () => {
  it('classifies control statements', () => {
    const t = newTablet();
    const kinds: Array<[string, string]> = [
      ['begin', 'begin'],
      ['start transaction', 'begin'],
      ['commit', 'commit'],
      ['rollback work', 'rollback'],
      ['set autocommit = 0', 'set'],
      ['set names utf8mb4', 'set'],
      ['use `commerce@replica`', 'use'],
      ['show tables', 'show'],
      ['show create table customer', 'show'],
      ['lock tables customer read', 'lock_tables'],
      ['unlock tables', 'unlock_tables'],
      ['savepoint s1', 'other'],
    ];
    for (const [sql, kind] of kinds) {
      const tr = t.translate(sql);
      expect(tr.kind, sql).toBe(kind);
      expect(tr.isWrite || tr.isDdl, sql).toBe(false);
    }
    expect(t.translate('show columns from vt_commerce.customer').tables).toEqual(['customer']);
    expect(t.translate('savepoint s1').sqlite).toEqual(['SAVEPOINT "s1"']);
    expect(t.translate("set autocommit = 0, @@session.sql_mode = '', @x := 5, global max_connections = 10").set).toEqual([
      { scope: 'session', name: 'autocommit', value: '0' },
      { scope: 'session', name: 'sql_mode', value: '' },
      { scope: 'user', name: 'x', value: '5' },
      { scope: 'global', name: 'max_connections', value: '10' },
    ]);
  });

  it('reports tables and writes for DML', () => {
    const t = withTables();
    expect(t.translate('insert into corder select * from corder where customer_id in (select customer_id from customer)')).toMatchObject({
      kind: 'insert',
      isWrite: true,
      isDdl: false,
      tables: ['corder', 'customer'],
    });
    expect(t.translate('with x as (select 1) select * from x join customer').tables).toEqual(['customer']);
    expect(t.translate('select 1').tables).toEqual([]);
  });

  it('returns the cached translation for a repeated statement', () => {
    const schema = { getTable: () => undefined };
    const a = translate('select * from customer where customer_id = :vtg1', schema, { dbName: 'vt_commerce' });
    const b = translate('select * from customer where customer_id = :vtg1', schema, { dbName: 'vt_commerce' });
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    const other = translate('select * from customer where customer_id = :vtg1', schema, { dbName: 'vt_customer' });
    expect(other).not.toBe(a);
  });
});

describe('result column names', () => {
  const columns = (t: TestTablet, sql: string): string[] => {
    const stmts = t.translate(sql).sqlite;
    return t.db.exec(stmts[stmts.length - 1] ?? '')[0]?.columns ?? [];
  };

  it('names an unaliased expression the rewrite changes by its MySQL text', () => {
    const t = withTables();
    expect(columns(t, 'select price / 10, price div 7, price mod 7, current_timestamp, !0, cast(price as char) from corder')).toEqual([
      'price / 10',
      'price div 7',
      'price mod 7',
      'current_timestamp',
      '!0',
      'cast(price as char)',
    ]);
    expect(t.exec('select sum(price)/count(*) from corder')).toEqual([[160 / 3]]);
    expect(columns(t, 'select distinct sum(price)/count(*) from corder')).toEqual(['sum(price)/count(*)']);
  });

  it('leaves aliases, columns, stars and unchanged expressions alone', () => {
    const t = withTables();
    expect(columns(t, 'select price / 2 as half, price / 2 h2, `price` / 4 `q`, sku, corder.price, count(*), price*2 from corder')).toEqual([
      'half',
      'h2',
      'q',
      'sku',
      'price',
      'count(*)',
      'price*2',
    ]);
    expect(columns(t, 'select * from corder where price / 2 > 1 order by price / 2 limit 1')).toEqual(['order_id', 'customer_id', 'sku', 'price']);
    expect(columns(t, "select case when price / 2 > 20 then 'a' else 'b' end, price is not null from corder")).toEqual([
      "case when price / 2 > 20 then 'a' else 'b' end",
      'price is not null',
    ]);
  });
});

describe('more MySQL functions', () => {
  it('character codes, names of months and days, base conversions', () => {
    const t = newTablet();
    expect(t.exec("select ascii('a'), ascii(''), ord('é'), monthname('2024-03-05'), dayname('2024-01-15'), monthname('nope')")).toEqual([
      [97, 0, 50089, 'March', 'Monday', null],
    ]);
    expect(t.exec("select bin(5), oct(8), conv('ff', 16, 10), conv(-1, 10, 16), conv(-10, 10, -10), bit_count(7), any_value(3)")).toEqual([
      ['101', '10', '255', 'FFFFFFFFFFFFFFFF', '-10', 3, 3],
    ]);
    expect(t.exec("select hex(null), hex(255), hex('é'), hex(x'0aff'), hex(unhex('4142')), unhex('zz')")).toEqual([[null, 'FF', 'C3A9', '0AFF', '4142', null]]);
  });

  it('JSON_LENGTH, JSON_KEYS (in MySQL key order) and JSON_CONTAINS on stored documents', () => {
    const t = newTablet();
    t.exec('create table doc (id int not null, body json, primary key (id))');
    t.exec(`insert into doc values (1, '{"tags": ["a", "b"], "bb": 1, "c": {"x": 2}}'), (2, '[1, 2, 3]'), (3, '7')`);
    expect(t.exec("select id, json_length(body), json_keys(body), json_length(body, '$.tags') from doc order by id")).toEqual([
      [1, 3, '["c", "bb", "tags"]', 2],
      [2, 3, null, null],
      [3, 1, null, null],
    ]);
    expect(t.exec(`select id from doc where json_contains(body, '"a"', '$.tags') or json_contains(body, '[3, 1]') order by id`)).toEqual([[1], [2]]);
    expect(t.exec(`select json_contains(body, '{"c": {"x": 2}}'), json_contains(body, '{"c": {"x": 3}}') from doc where id = 1`)).toEqual([[1, 0]]);
    expect(t.error("select json_length('{nope')").message).toMatch(/^Invalid JSON text in argument 1 to function json_length/);
  });
});

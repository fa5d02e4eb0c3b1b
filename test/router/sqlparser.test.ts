// The pre-parsing layer: tokens, normalization into bind variables (Vitess's naming), qualifier
// stripping, and the statements vtgate recognises before parsing.

import { describe, it, expect } from 'vitest';
import { LexError, tokenize } from '../../src/router/sqlparser/lexer.js';
import { compactStatement, normalize, normalizeKindOf } from '../../src/router/sqlparser/normalizer.js';
import { preParse } from '../../src/router/sqlparser/vitess-statements.js';
import { parseStatement } from '../../src/router/sqlparser/parser.js';
import { collectTableRefs } from '../../src/router/sqlparser/ast.js';
import { stripQualifiers } from '../../src/router/sqlparser/rewrite.js';
import type { VtError } from '../../src/common/errors.js';

const norm = (sql: string) => {
  const t = tokenize(sql);
  return normalize(sql, t, normalizeKindOf(t));
};

describe('lexer', () => {
  it('keeps quoted text whole and unescapes it', () => {
    const t = tokenize(`select 'it''s', "a\\"b", \`we\`\`ird\`, x'0a', -- comment\n 1.5e3 # another\n`);
    expect(t.map((x) => [x.kind, x.value])).toEqual([
      ['ident', 'select'],
      ['string', "it's"],
      ['op', ','],
      ['string', 'a"b'],
      ['op', ','],
      ['qident', 'we`ird'],
      ['op', ','],
      ['hex', "x'0a'"],
      ['op', ','],
      ['number', '1.5e3'],
    ]);
  });

  it('reads bind variables, @variables and multi-character operators', () => {
    const t = tokenize('a <=> :v and @@session.autocommit != @x and b := ::list');
    expect(t.map((x) => `${x.kind}:${x.value}`)).toEqual([
      'ident:a', 'op:<=>', 'param:v', 'ident:and', 'sysvar:session.autocommit', 'op:!=', 'uservar:x', 'ident:and', 'ident:b', 'op::=', 'param:list',
    ]);
  });

  it('throws on an unterminated string or comment', () => {
    expect(() => tokenize("select 'abc")).toThrow(LexError);
    expect(() => tokenize('select /* abc')).toThrow(LexError);
  });
});

describe('normalizer (Vitess bind variable naming)', () => {
  it('names a compared literal after its column and types it', () => {
    expect(norm('select * from customer where customer_id = 1')).toEqual({
      sql: 'select * from customer where customer_id = :customer_id /* INT64 */',
      bindVars: { customer_id: 1 },
      needs: { dbName: false, lastInsertId: false, userVars: [], sysVars: [] },
    });
  });

  it('uses vtg1, vtg2 for insert values, one per literal', () => {
    const n = norm("insert into corder(customer_id, sku, price) values (1, 'SKU-1001', 100), (1, 'x', 2)");
    expect(n.sql).toBe(
      'insert into corder(customer_id, sku, price) values (:vtg1 /* INT64 */, :vtg2 /* VARCHAR */, :vtg3 /* INT64 */), (:vtg4 /* INT64 */, :vtg5 /* VARCHAR */, :vtg6 /* INT64 */)',
    );
    expect(n.bindVars).toEqual({ vtg1: 1, vtg2: 'SKU-1001', vtg3: 100, vtg4: 1, vtg5: 'x', vtg6: 2 });
  });

  it('reuses a literal inside a SELECT, qualifies column names, suffixes taken names', () => {
    expect(norm('select * from t c where c.a = 5 and b = 5 and d > 7').sql).toBe(
      'select * from t c where c.a = :c_a /* INT64 */ and b = :c_a /* INT64 */ and d > :d /* INT64 */',
    );
    expect(norm("select * from t where a = 'x' and a = 'y'").sql).toBe(
      'select * from t where a = :a /* VARCHAR */ and a = :a1 /* VARCHAR */',
    );
  });

  it('binds UPDATE assignments by column, negative numbers as one literal, and leaves the select list alone', () => {
    expect(norm("update t set x = -1, y = y + 2 where id = 'k'").sql).toBe(
      'update t set x = :x /* INT64 */, y = y + :vtg1 /* INT64 */ where id = :id /* VARCHAR */',
    );
    expect(norm("select 'x', 1 from t where a = 1 order by 1 limit 2").sql).toBe("select 'x', 1 from t where a = :a /* INT64 */ order by 1 limit 2");
  });

  it('rewrites the functions and variables vtgate answers, keeping the column name', () => {
    const n = norm('select database(), last_insert_id(), @x, @@version from dual');
    expect(n.sql).toBe('select :__vtdbname as `database()`, :__lastInsertId as `last_insert_id()`, :__vtudvx as `@x`, :__vtversion as `@@version` from dual');
    expect(n.needs).toEqual({ dbName: true, lastInsertId: true, userVars: ['x'], sysVars: ['version'] });
  });

  it('avoids names the statement already uses', () => {
    expect(norm('select * from t where a = :vtg1 and b = 2 and vtgx = 3').sql).toBe(
      'select * from t where a = :vtg1 and b = :b /* INT64 */ and vtgx = :vtgx /* INT64 */',
    );
  });

  it('does not bind type lengths, typed literals or other statements', () => {
    expect(norm("select * from t where a = cast('1' as char(3)) and d = date '2020-01-01'").sql).toBe(
      "select * from t where a = cast(:vtg1 /* VARCHAR */ as char(3)) and d = date '2020-01-01'",
    );
    expect(norm('create table t (a varchar(10))').sql).toBe('create table t (a varchar(10))');
  });

  it('back-quotes names that are Vitess keywords, as vtgate prints them, and only where they are names', () => {
    expect(norm("insert into person(id, name, status) values (1, 'a', 'x')").sql).toBe(
      'insert into person(id, `name`, `status`) values (:vtg1 /* INT64 */, :vtg2 /* VARCHAR */, :vtg3 /* VARCHAR */)',
    );
    expect(norm("select p.name, level as status from person p where name = 'a' order by status").sql).toBe(
      "select p.`name`, `level` as `status` from person p where `name` = :name /* VARCHAR */ order by `status`",
    );
    expect(norm("update person set status = 'y' where `name` = 'a'").sql).toBe("update person set `status` = :status /* VARCHAR */ where `name` = :name /* VARCHAR */");
    // Called, typed, or in the syntax: left alone.
    expect(norm("select format(x, 2), schema(), x from t lock in share mode").sql).toBe('select format(x, 2), :__vtdbname as `schema()`, x from t lock in share mode');
    expect(norm('select date, day from t').sql).toBe('select date, day from t');
  });

  it('lower-cases reserved words and aggregates as vtgate prints them, leaving names and other functions as written', () => {
    expect(norm("SELECT COUNT(*), Max(Price), UPPER(Email) AS E FROM Customer WHERE Email LIKE 'a%' AND id IN (1) ORDER BY E DESC").sql).toBe(
      "select count(*), max(Price), UPPER(Email) as E from Customer where Email like :Email /* VARCHAR */ and id in (:vtg1 /* INT64 */) order by E desc",
    );
    expect(norm("INSERT INTO t(Name) VALUES (NULL)").sql).toBe('insert into t(`Name`) values (null)');
  });

  it('spaces lists and comparisons as vtgate prints them', () => {
    expect(norm("select concat(a,'!') ,b from t where a<>1 and b>=2").sql).toBe(
      "select concat(a, '!'), b from t where a != :a /* INT64 */ and b >= :b /* INT64 */",
    );
    expect(norm('insert into t(a,b) values (1,2)').sql).toBe('insert into t(a, b) values (:vtg1 /* INT64 */, :vtg2 /* INT64 */)');
    expect(norm('select * from t where a = -1').sql).toBe('select * from t where a = :a /* INT64 */');
    // Binary arithmetic is spaced, signs and stars are not (sqlparser's BinaryExpr printer).
    expect(norm('select id+1, -id, count(*), t.*, a*b, x%2 from t').sql).toBe('select id + 1, -id, count(*), t.*, a * b, x % 2 from t');
  });

  it('compacts whitespace and drops comments between tokens', () => {
    const sql = 'select *\n  from customer -- c\n where /* x */ id = 1';
    expect(compactStatement(sql, tokenize(sql))).toBe('select * from customer where id = 1');
    expect(compactStatement('select 1', tokenize('select 1'))).toBe('select 1');
  });
});

describe('pre-parser', () => {
  const pp = (sql: string) => preParse(sql, tokenize(sql));
  it('recognises Vitess SHOW statements', () => {
    expect(pp('show vitess_tablets')).toEqual({ kind: 'show', show: { type: 'vitess_tablets', like: undefined } });
    expect(pp("show vitess_tablets like 'local%'")).toEqual({ kind: 'show', show: { type: 'vitess_tablets', like: 'local%' } });
    expect(pp('SHOW KEYSPACES')).toEqual({ kind: 'show', show: { type: 'keyspaces', like: undefined } });
    expect(pp('show vitess_shards')).toEqual({ kind: 'show', show: { type: 'vitess_shards', like: undefined } });
    expect(pp('show vschema tables')).toEqual({ kind: 'show', show: { type: 'vschema_tables' } });
    expect(pp('show full tables from commerce like "c%"')).toEqual({ kind: 'show', show: { type: 'tables', full: true, db: 'commerce', rest: 'like "c%"' } });
    expect(pp('show create table commerce.customer')).toEqual({ kind: 'show', show: { type: 'create_table', qualifier: 'commerce', table: 'customer' } });
  });

  it('reads every use form', () => {
    for (const target of ['commerce', 'commerce@replica', 'commerce@rdonly', 'commerce@primary', 'customer/-80', 'commerce:0', 'commerce:0@replica', 'customer/-80@rdonly']) {
      expect(pp(`use ${target}`)).toEqual({ kind: 'use', target });
    }
    expect(pp('use `commerce@replica`')).toEqual({ kind: 'use', target: 'commerce@replica' });
    expect(pp('use')).toEqual({ kind: 'use', target: '' });
  });

  it('reads transaction control and SET', () => {
    expect(pp('begin')).toEqual({ kind: 'begin' });
    expect(pp('start transaction')).toEqual({ kind: 'begin' });
    expect(pp('commit work')).toEqual({ kind: 'commit' });
    expect(pp('rollback')).toEqual({ kind: 'rollback' });
    expect(pp("set autocommit = 0, @x := 'a', session transaction_mode = single")).toEqual({
      kind: 'set',
      ignored: false,
      assignments: [
        { scope: 'session', name: 'autocommit', value: { kind: 'value', value: 0 } },
        { scope: 'user', name: 'x', value: { kind: 'value', value: 'a' } },
        { scope: 'session', name: 'transaction_mode', value: { kind: 'word', word: 'single' } },
      ],
    });
  });

  it('gives Vitess syntax errors for bad Vitess statements', () => {
    expect(() => pp('show vitess_tablet')).toThrow("syntax error at position 19 near 'vitess_tablet'");
    expect(() => pp('begin now')).toThrow("syntax error at position 10 near 'now'");
  });
});

describe('parser errors', () => {
  const err = (sql: string): VtError => {
    try {
      parseStatement(sql, tokenize(sql));
    } catch (e) {
      return e as VtError;
    }
    throw new Error('no error');
  };
  it('points past the offending token, like Vitess, as 1105 HY000', () => {
    const e = err('selec * from customer');
    expect([e.message, e.errno, e.sqlState, e.code]).toEqual(["syntax error at position 6 near 'selec'", 1105, 'HY000', 'INVALID_ARGUMENT']);
    expect(err('select * fro customer').message).toBe("syntax error at position 13 near 'fro'");
    expect(err('select * from').message).toBe('syntax error at position 14');
  });

  it('reads the column type BOOL, keeping the positions of later errors', () => {
    const sql = 'create table flags (id int primary key, ok bool default true, `on` BOOL)';
    expect(parseStatement(sql, tokenize(sql)).type).toBe('create');
    expect(err('create table flags (ok bool, x int,)').message).toBe("syntax error at position 37 near ')'");
    // Only as a column type: elsewhere it is still an unknown word.
    expect(err('select bool from').message).toBe('syntax error at position 17');
  });
});

describe('qualifier stripping', () => {
  const strip = (sql: string) => {
    const toks = tokenize(sql);
    return stripQualifiers(sql, toks, collectTableRefs(parseStatement(sql, toks)));
  };
  it('removes keyspace qualifiers of tables and three-part columns only', () => {
    expect(strip('select commerce.customer.email, c.x from commerce.customer c join `customer`.corder on c.id = corder.id')).toBe(
      'select customer.email, c.x from customer c join corder on c.id = corder.id',
    );
    expect(strip('select * from information_schema.tables')).toBe('select * from information_schema.tables');
    expect(strip('insert into commerce.product(sku) values (:vtg1)')).toBe('insert into product(sku) values (:vtg1)');
  });
});

// MySQL DDL through the dialect layer: SQLite tables that behave like MySQL's, SHOW CREATE TABLE
// text, ALTER rebuilds that keep rows, and MySQL's DDL errors.

import { describe, expect, it } from 'vitest';
import { newTablet } from './harness.js';
import { showCreateTable, columnDefaultValue } from '../../../src/tablets/sql/table-def.js';
import type { TableDef } from '../../../src/tablets/sql/table-def.js';

const show = (def: TableDef | undefined): string => showCreateTable(def as TableDef);

describe('CREATE TABLE', () => {
  it('prints MySQL 8.0 SHOW CREATE TABLE text', () => {
    const t = newTablet();
    t.exec(`CREATE TABLE if not exists Orders (
      id bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'the id',
      name varchar(64) COLLATE utf8mb4_bin NOT NULL DEFAULT 'it''s',
      status enum('new','done') NOT NULL DEFAULT 'new',
      flag tinyint(1) DEFAULT 0,
      qty int(11) DEFAULT '5',
      price decimal(10,2) DEFAULT 1.5,
      ratio double,
      notes text,
      doc json,
      ts timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
      seen timestamp NULL,
      kid varbinary(16),
      created datetime(6) DEFAULT CURRENT_TIMESTAMP(6),
      KEY idx_name (name),
      UNIQUE KEY uk_status_name (status, name),
      KEY (qty),
      PRIMARY KEY (id)
    ) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4 COMMENT='orders table'`);
    expect(show(t.defs.get('orders'))).toBe(
      [
        'CREATE TABLE `Orders` (',
        "  `id` bigint unsigned NOT NULL AUTO_INCREMENT COMMENT 'the id',",
        "  `name` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT 'it''s',",
        "  `status` enum('new','done') NOT NULL DEFAULT 'new',",
        "  `flag` tinyint(1) DEFAULT '0',",
        "  `qty` int DEFAULT '5',",
        "  `price` decimal(10,2) DEFAULT '1.50',",
        '  `ratio` double DEFAULT NULL,',
        '  `notes` text,',
        '  `doc` json,',
        '  `ts` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,',
        '  `seen` timestamp NULL DEFAULT NULL,',
        '  `kid` varbinary(16) DEFAULT NULL,',
        '  `created` datetime(6) DEFAULT CURRENT_TIMESTAMP(6),',
        '  PRIMARY KEY (`id`),',
        '  UNIQUE KEY `uk_status_name` (`status`,`name`),',
        '  KEY `idx_name` (`name`),',
        '  KEY `qty` (`qty`)',
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci COMMENT='orders table'",
      ].join('\n'),
    );
    expect(showCreateTable(t.defs.get('orders') as TableDef, { autoIncrement: 7 })).toContain(
      ') ENGINE=InnoDB AUTO_INCREMENT=7 DEFAULT CHARSET=utf8mb4',
    );
    const qty = t.defs.get('orders')?.columns.find((c) => c.name === 'qty');
    expect(columnDefaultValue(qty!)).toBe('5');
    // AUTO_INCREMENT=5 starts the ids there; defaults read the virtual clock.
    t.exec("insert into Orders (name) values ('a')");
    expect(t.exec('select id, status, ts, created from orders')).toEqual([
      [5, 'new', '2024-01-15 09:00:00', '2024-01-15 09:00:00.000000'],
    ]);
  });

  it('auto_increment ids come back 1, 2, 3 (not NULL as raw MySQL DDL gives in SQLite)', () => {
    const t = newTablet();
    t.exec('create table c (id int auto_increment primary key, v varchar(10))');
    t.exec("insert into c (v) values ('a'), ('b')");
    t.exec("insert into c (v) values ('c')");
    expect(t.exec('select id, v from c')).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);
    expect(t.exec('select last_insert_id()')).toEqual([[3]]);
  });

  it('keeps varbinary values as given (SQLite would make 0001 the number 1)', () => {
    const t = newTablet();
    t.exec('create table k (id varbinary(16) primary key, n varchar(8))');
    t.exec("insert into k values ('0001', '0002')");
    expect(t.exec('select id, typeof(id), n from k')).toEqual([['0001', 'text', '0002']]);
    expect(t.exec("select n from k where id = '0001'")).toEqual([['0002']]);
  });

  it('compares strings case-insensitively by default, case-sensitively for _bin', () => {
    const t = newTablet();
    t.exec('create table s (ci varchar(10), cs varchar(10) collate utf8mb4_bin)');
    t.exec("insert into s values ('Abc', 'Abc')");
    expect(t.exec("select count(*) from s where ci = 'ABC'")).toEqual([[1]]);
    expect(t.exec("select count(*) from s where cs = 'ABC'")).toEqual([[0]]);
  });

  it('enforces ENUM members, UNSIGNED and VARCHAR lengths with MySQL errors', () => {
    const t = newTablet();
    t.exec("create table e (s enum('a','b'), u int unsigned, v varchar(3), b varbinary(2))");
    expect(t.error("insert into e (s) values ('c')")).toMatchObject({
      errno: 1265,
      sqlState: '01000',
      message: "Data truncated for column 's' at row 1",
    });
    expect(t.error('insert into e (u) values (-1)')).toMatchObject({
      errno: 1264,
      sqlState: '22003',
      message: "Out of range value for column 'u' at row 1",
    });
    expect(t.error("insert into e (v) values ('abcd')")).toMatchObject({
      errno: 1406,
      sqlState: '22001',
      message: "Data too long for column 'v' at row 1",
    });
    expect(t.error("insert into e (b) values ('é1')").errno).toBe(1406); // 3 bytes
    t.exec("insert into e values ('b', 1, 'abc', 'xy')");
    expect(t.exec('select * from e')).toEqual([['b', 1, 'abc', 'xy']]);
    // VARCHAR(n) counts characters, VARBINARY(n) bytes: three two-byte characters fit in v, not in b.
    t.exec("insert into e (v) values ('äöü')");
    expect(t.error("insert into e (v) values ('äöüß')").errno).toBe(1406);
    expect(t.error("insert into e (b) values ('äö')").errno).toBe(1406);
  });

  it('treats IF NOT EXISTS of an existing table as a no-op and reports it', () => {
    const t = newTablet();
    t.exec('create table a (id int primary key)');
    const tr = t.translate('create table if not exists a (id int primary key, x int)');
    expect(tr.sqlite).toEqual([]);
    expect(tr.ddl).toEqual({ ifNotExistsSkipped: true });
  });

  it('copies a definition with CREATE TABLE ... LIKE', () => {
    const t = newTablet();
    t.exec('create table a (id int primary key, v varchar(5), key iv (v))');
    t.exec('create table b like a');
    expect(show(t.defs.get('b'))).toBe(show(t.defs.get('a')).replace('`a`', '`b`'));
    t.exec("insert into b values (1, 'x')");
    expect(t.exec('select * from b')).toEqual([[1, 'x']]);
  });

  it('reports MySQL errors for bad definitions', () => {
    const t = newTablet();
    t.exec('create table a (id int)');
    const cases: Array<[string, number, string, string]> = [
      ['create table a (id int)', 1050, '42S01', "Table 'a' already exists"],
      ['create table b (id int, ID int)', 1060, '42S21', "Duplicate column name 'ID'"],
      ['create table b (id int, key k (nope))', 1072, '42000', "Key column 'nope' doesn't exist in table"],
      ['create table b (id int, key k (id), key k (id))', 1061, '42000', "Duplicate key name 'k'"],
      ['create table b (id int primary key, v int, primary key (v))', 1068, '42000', 'Multiple primary key defined'],
      [
        'create table b (id int auto_increment, v int)',
        1075,
        '42000',
        'Incorrect table definition; there can be only one auto column and it must be defined as a key',
      ],
      ["create table b (t text default 'x')", 1101, '42000', "BLOB, TEXT, GEOMETRY or JSON column 't' can't have a default value"],
      ["create table b (i int default 'abc')", 1067, '42000', "Invalid default value for 'i'"],
      ['create table nodb.b (i int)', 1049, '42000', "Unknown database 'nodb'"],
      ['create temporary table b (i int)', 1235, '42000', "This version of MySQL doesn't yet support 'CREATE TEMPORARY TABLE'"],
    ];
    for (const [sql, errno, state, message] of cases) {
      expect(t.error(sql), sql).toMatchObject({ errno, sqlState: state, message });
    }
  });
});

describe('ALTER TABLE', () => {
  it('rebuilds for column changes, keeping rows, order and the auto-increment counter', () => {
    const t = newTablet();
    t.exec('create table a (id int auto_increment primary key, v varchar(10))');
    t.exec("insert into a (v) values ('x'), ('y'), ('z')");
    t.exec('delete from a where id = 3');
    t.exec("alter table a add column w int not null after id, modify v varchar(20) not null default '', add index iw (w)");
    expect(t.exec('select * from a')).toEqual([
      [1, 0, 'x'],
      [2, 0, 'y'],
    ]);
    // MySQL does not reuse id 3 after the delete, and neither does the rebuilt table.
    t.exec("insert into a (w, v) values (9, 'n')");
    expect(t.exec('select id from a where w = 9')).toEqual([[4]]);
    expect(show(t.defs.get('a'))).toBe(
      [
        'CREATE TABLE `a` (',
        '  `id` int NOT NULL AUTO_INCREMENT,',
        '  `w` int NOT NULL,',
        "  `v` varchar(20) NOT NULL DEFAULT '',",
        '  PRIMARY KEY (`id`),',
        '  KEY `iw` (`w`)',
        ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci',
      ].join('\n'),
    );
    expect(t.exec("select name from sqlite_master where type = 'index' and tbl_name = 'a'")).toEqual([['a__iw']]);
  });

  it('renames, changes and drops columns and keys', () => {
    const t = newTablet();
    t.exec('create table a (id int primary key, v varchar(10), x int, unique key uv (v))');
    t.exec("insert into a values (1, 'p', 7)");
    t.exec('alter table a change v val varchar(12), drop column x, rename to b');
    expect(t.defs.has('a')).toBe(false);
    expect(t.exec('select * from b')).toEqual([[1, 'p']]);
    expect(t.defs.get('b')?.indexes).toEqual([{ name: 'uv', columns: ['val'], unique: true }]);
    t.exec('alter table b drop index uv');
    t.exec("insert into b values (2, 'p')");
    t.exec('alter table b drop primary key, add primary key (id, val)');
    expect(t.defs.get('b')?.primaryKey).toEqual(['id', 'val']);
    expect(t.error("insert into b values (2, 'p')")).toMatchObject({
      errno: 1062,
      message: "Duplicate entry '2-p' for key 'b.PRIMARY'",
    });
  });

  it('reports MySQL errors', () => {
    const t = newTablet();
    t.exec('create table a (id int primary key, v int, key kv (v))');
    const cases: Array<[string, number, string, string]> = [
      ['alter table nosuch add c int', 1146, '42S02', "Table 'vt_commerce.nosuch' doesn't exist"],
      ['alter table a add column v int', 1060, '42S21', "Duplicate column name 'v'"],
      ['alter table a drop column nope', 1091, '42000', "Can't DROP 'nope'; check that column/key exists"],
      ['alter table a change nope x int', 1054, '42S22', "Unknown column 'nope' in 'a'"],
      ['alter table a modify nope int', 1054, '42S22', "Unknown column 'nope' in 'a'"],
      ['alter table a add index kv (id)', 1061, '42000', "Duplicate key name 'kv'"],
      ['alter table a drop index nope', 1091, '42000', "Can't DROP 'nope'; check that column/key exists"],
      ['alter table a add primary key (v)', 1068, '42000', 'Multiple primary key defined'],
      [
        "alter table a alter column v set default '1'",
        1235,
        '42000',
        "This version of MySQL doesn't yet support 'ALTER COLUMN ... DEFAULT'",
      ],
    ];
    for (const [sql, errno, state, message] of cases) {
      expect(t.error(sql), sql).toMatchObject({ errno, sqlState: state, message });
    }
    t.exec('alter table a drop column v');
    expect(t.error('alter table a drop column id')).toMatchObject({
      errno: 1090,
      message: "You can't delete all columns with ALTER TABLE; use DROP TABLE instead",
    });
  });

  it('adds and drops indexes without a rebuild', () => {
    const t = newTablet();
    t.exec('create table a (id int primary key, v int)');
    expect(t.translate('alter table a add unique key uv (v)').sqlite).toEqual([
      'CREATE UNIQUE INDEX "a__uv" ON "a" ("v")',
    ]);
    t.exec('create index iv on a (v)');
    expect(t.defs.get('a')?.indexes.map((i) => i.name)).toEqual(['iv']);
    t.exec('drop index iv on a');
    expect(t.error('drop index iv on a').errno).toBe(1091);
  });
});

describe('DROP, RENAME, TRUNCATE', () => {
  it('drops with MySQL 1051 for missing tables unless IF EXISTS', () => {
    const t = newTablet();
    t.exec('create table a (id int)');
    expect(t.error('drop table nosuch, other')).toMatchObject({
      errno: 1051,
      sqlState: '42S02',
      message: "Unknown table 'vt_commerce.nosuch,vt_commerce.other'",
    });
    const tr = t.translate('drop table if exists nosuch, vt_commerce.a');
    expect(tr.ddl?.dropped).toEqual(['a']);
    t.exec('drop table if exists nosuch, vt_commerce.a');
    expect(t.defs.size).toBe(0);
  });

  it('renames in order, moving indexes to the new name', () => {
    const t = newTablet();
    t.exec('create table a (id int primary key, v int, key kv (v))');
    t.exec('create table b (id int primary key)');
    t.exec("insert into a values (1, 2)");
    t.exec('rename table a to tmp, b to a, tmp to b');
    expect(t.exec('select * from b')).toEqual([[1, 2]]);
    expect(t.defs.get('b')?.indexes[0]?.name).toBe('kv');
    expect(t.exec("select name from sqlite_master where type = 'index' and tbl_name = 'b'")).toEqual([['b__kv']]);
    // The freed index name can be used by a new table a.
    t.exec('create table c (v int, key kv (v))');
    expect(t.error('rename table nosuch to x')).toMatchObject({ errno: 1146, message: "Table 'vt_commerce.nosuch' doesn't exist" });
    expect(t.error('rename table a to b')).toMatchObject({ errno: 1050, message: "Table 'b' already exists" });
  });

  it('truncates and restarts AUTO_INCREMENT', () => {
    const t = newTablet();
    t.exec('create table a (id int auto_increment primary key, v int)');
    t.exec('insert into a (v) values (1), (2)');
    t.exec('truncate table a');
    t.exec('insert into a (v) values (3)');
    expect(t.exec('select * from a')).toEqual([[1, 3]]);
    expect(t.error('truncate nosuch').errno).toBe(1146);
  });

  it('classifies database DDL without touching SQLite', () => {
    const t = newTablet();
    expect(t.translate('create database if not exists foo')).toMatchObject({ kind: 'create_database', sqlite: [], isDdl: true });
    expect(t.translate('drop schema foo')).toMatchObject({ kind: 'drop_database', sqlite: [] });
  });

  it('creates sidecar tables in the attached _vt schema', () => {
    const t = newTablet();
    const tr = t.translate('create table _vt.extra (id bigint auto_increment primary key, k varchar(10), key kk (k))');
    expect(tr.tables).toEqual(['_vt.extra']);
    expect(tr.sqlite[1]).toBe('CREATE INDEX "_vt"."extra__kk" ON "extra" ("k")');
    t.exec('create table _vt.extra (id bigint auto_increment primary key, k varchar(10), key kk (k))');
    t.exec("insert into _vt.extra (k) values ('a')");
    expect(t.exec('select * from _vt.extra')).toEqual([[1, 'a']]);
  });
});

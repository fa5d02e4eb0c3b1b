import { describe, expect, it } from 'vitest';
import { formatBinlogSource, parseBinlogSource } from '../../../src/tablets/vreplication/binlog-source.js';
import { decodeLastPk, encodeLastPk, pkFieldsOf } from '../../../src/tablets/vreplication/lastpk.js';
import { parseJournal } from '../../../src/tablets/vreplication/journal.js';
import { whereClause } from '../../../src/tablets/vreplication/engine.js';
import { messageTruncate } from '../../../src/tablets/vreplication/binlog-player.js';
import { isUnrecoverableError } from '../../../src/tablets/vreplication/vr-log.js';
import { buildTablePlan, matchRule, parseFilter, project, sourceTableOf } from '../../../src/tablets/vstreamer/planbuilder.js';
import { ddlTables } from '../../../src/tablets/vstreamer/vstreamer.js';
import { compareNocase } from '../../../src/tablets/vreplication/value-compare.js';
import { mysqlError } from '../../../src/tablets/sql/mysql-errors.js';
import { VtError } from '../../../src/common/errors.js';

describe('BinlogSource prototext', () => {
  it('prints what Vitess stores in _vt.vreplication.source', () => {
    const text = formatBinlogSource({
      keyspace: 'commerce',
      shard: '0',
      filter: {
        rules: [
          { match: 'customer', filter: 'select * from customer' },
          { match: 'corder', filter: 'select * from corder' },
        ],
      },
    });
    expect(text).toBe(
      'keyspace:"commerce" shard:"0" filter:{rules:{match:"customer" filter:"select * from customer"} rules:{match:"corder" filter:"select * from corder"}}',
    );
  });

  it('prints on_ddl only when not IGNORE and stop_after_copy only when true, and reads them back', () => {
    const b = { keyspace: 'c', shard: '-80', filter: { rules: [{ match: 't', filter: 'select * from `t`' }] } };
    expect(formatBinlogSource({ ...b, on_ddl: 'IGNORE', stop_after_copy: false })).toBe('keyspace:"c" shard:"-80" filter:{rules:{match:"t" filter:"select * from `t`"}}');
    const text = formatBinlogSource({ ...b, on_ddl: 'EXEC_IGNORE', stop_after_copy: true });
    expect(text).toBe('keyspace:"c" shard:"-80" filter:{rules:{match:"t" filter:"select * from `t`"}} on_ddl:EXEC_IGNORE stop_after_copy:true');
    expect(parseBinlogSource(text)).toEqual({ ...b, on_ddl: 'EXEC_IGNORE', stop_after_copy: true });
  });

  it('escapes quotes and round-trips key ranges and other fields', () => {
    const b = {
      keyspace: 'ks',
      shard: '80-',
      key_range: { start: '80', end: '' },
      filter: { rules: [{ match: '/.*', filter: '' }, { match: 'x', filter: "select * from x where c = 'a\"b'" }] },
      external_cluster: 'ext',
      source_time_zone: 'US/Pacific',
      target_time_zone: 'UTC',
    };
    const text = formatBinlogSource(b);
    expect(text).toContain('key_range:{start:"\\x80"}');
    expect(text).toContain('filter:"select * from x where c = \'a\\"b\'"');
    expect(parseBinlogSource(text)).toEqual(b);
    // Vitess's own (possibly multi-line, angle-bracket) prototext reads too.
    expect(parseBinlogSource('keyspace: "a"\nshard: "0"\nfilter: < rules: < match: "t" > >\non_ddl: STOP')).toEqual({
      keyspace: 'a',
      shard: '0',
      filter: { rules: [{ match: 't', filter: '' }] },
      on_ddl: 'STOP',
    });
  });
});

describe('copy_state lastpk', () => {
  const def = {
    name: 'customer',
    engine: 'InnoDB',
    primaryKey: ['customer_id'],
    indexes: [],
    columns: [
      { name: 'customer_id', mysqlType: 'bigint', sqliteType: 'INTEGER' as const, nullable: false, autoIncrement: true },
      { name: 'email', mysqlType: 'varchar(128)', sqliteType: 'TEXT' as const, nullable: true, autoIncrement: false },
    ],
  };

  it('encodes the PK fields and row as a prototext QueryResult, and decodes it', () => {
    const fields = pkFieldsOf(def, ['customer_id']);
    const text = encodeLastPk(fields, [5]);
    expect(text).toBe('fields:{name:"customer_id" type:INT64 charset:63 flags:49667} rows:{lengths:1 values:"5"}');
    expect(decodeLastPk(text)?.row).toEqual([5]);
    // Vitess's sample (bigint NOT NULL without auto_increment) decodes the same way.
    expect(decodeLastPk('fields:{name:"customer_id" type:INT64 charset:63 flags:53251} rows:{lengths:1 values:"5"}')?.row).toEqual([5]);
  });

  it('handles composite keys, strings, NULL and multi-byte text', () => {
    const fields = [
      { name: 'a', type: 'VARCHAR' as const, charset: 255, flags: 0 },
      { name: 'b', type: 'INT64' as const, charset: 63, flags: 0 },
      { name: 'c', type: 'VARCHAR' as const, charset: 255, flags: 0 },
    ];
    const text = encodeLastPk(fields, ['héllo', 42, null]);
    expect(text).toContain('rows:{lengths:6 lengths:2 lengths:-1 values:"héllo42"}');
    expect(decodeLastPk(text)?.row).toEqual(['héllo', 42, null]);
    expect(decodeLastPk(null)).toBeUndefined();
  });
});

describe('filters', () => {
  it('parses select lists, aliases, equality and in_keyrange filters', () => {
    expect(parseFilter({ match: 't', filter: 'select a, `b` as c from `src` where x = 1 and y = \'z\'' }, 't')).toEqual({
      table: 'src',
      selectAll: false,
      exprs: [
        { name: 'a', source: 'a' },
        { name: 'c', source: 'b' },
      ],
      equals: [
        { column: 'x', value: 1 },
        { column: 'y', value: 'z' },
      ],
    });
    const kr = parseFilter({ match: 'customer', filter: "select * from customer where in_keyrange(customer_id, 'customer.hash', '-80')" }, 'customer');
    expect(kr.keyRange).toEqual({ column: 'customer_id', vindex: 'customer.hash', range: { start: '', end: '80' } });
    expect(() => parseFilter({ match: 't', filter: 'select count(*) from t group by a' }, 't')).toThrow('unsupported filter');
    expect(sourceTableOf({ match: 'dst', filter: 'select * from src' })).toBe('src');
    expect(sourceTableOf({ match: 'dst', filter: '' })).toBe('dst');
  });

  it('filters rows by keyspace id with the vindex the cluster resolves', () => {
    const rule = { match: 'customer', filter: "select email, customer_id from customer where in_keyrange(customer_id, 'customer.hash', '80-')" };
    expect(() => buildTablePlan(rule, 'customer', ['customer_id', 'email'], undefined)).toThrow('vindex customer.hash not found');
    const plan = buildTablePlan(rule, 'customer', ['customer_id', 'email'], (name) =>
      name === 'customer.hash' ? (v) => (Number(v) % 2 === 0 ? '00' : 'f0') : undefined,
    );
    expect(plan.columns).toEqual(['email', 'customer_id']);
    expect(plan.keep([1, 'a'])).toBe(true);
    expect(plan.keep([2, 'b'])).toBe(false);
    expect(project(plan, [1, 'a'])).toEqual(['a', 1]);
  });

  it('matches tables by name or /regexp, first rule wins', () => {
    const rules = [
      { match: 'customer', filter: '' },
      { match: '/cust.*', filter: '-80' },
    ];
    expect(matchRule(rules, 'customer')).toBe(rules[0]);
    expect(matchRule(rules, 'customer2')).toBe(rules[1]);
    expect(matchRule(rules, 'corder')).toBeUndefined();
  });

  it('finds the tables a DDL names', () => {
    expect(ddlTables('alter table customer add column x int')).toEqual(['customer']);
    expect(ddlTables('CREATE TABLE IF NOT EXISTS `vt_x`.`t1` (id int)')).toEqual(['t1']);
    expect(ddlTables('drop table if exists a, `b`')).toEqual(['a', 'b']);
    expect(ddlTables('rename table a to b, c to d')).toEqual(['a', 'b', 'c', 'd']);
    expect(ddlTables('create unique index ix on t (a)')).toEqual(['t']);
    expect(ddlTables('truncate table t')).toEqual(['t']);
    expect(ddlTables('create view v as select 1')).toEqual([]);
  });
});

describe('engine helpers', () => {
  it('extracts the top-level WHERE of a statement', () => {
    expect(whereClause("update _vt.vreplication set state='Stopped', message='where it is' where id=1")).toBe('id=1');
    expect(whereClause("delete from _vt.vreplication where db_name = 'x' and workflow = 'w';")).toBe("db_name = 'x' and workflow = 'w'");
    expect(whereClause('update _vt.vreplication set state = (select 1 where 1)')).toBeUndefined();
  });

  it('cuts long messages in the middle at 950 characters', () => {
    const m = messageTruncate('a'.repeat(600) + 'b'.repeat(600));
    // textutil.TruncateText keeps limit/2 - len(indicator) at each end: 949 characters in all.
    expect(m).toHaveLength(949);
    expect(m).toContain(' ... [TRUNCATED] ... ');
    expect(m.endsWith('b')).toBe(true);
  });

  it('classifies errors as Vitess does', () => {
    expect(isUnrecoverableError(mysqlError(1062, '23000', 'dup'))).toBe(true);
    expect(isUnrecoverableError(mysqlError(1146, '42S02', 'no table'))).toBe(true);
    expect(isUnrecoverableError(new VtError('FAILED_PRECONDITION', 'x'))).toBe(true);
    expect(isUnrecoverableError(new VtError('UNAVAILABLE', 'vstream ended'))).toBe(false);
    expect(isUnrecoverableError(mysqlError(1205, 'HY000', 'lock wait'))).toBe(false);
  });

  it('compares case-insensitively for _ci columns', () => {
    expect(compareNocase('ABC', 'abc')).toBe(0);
    expect(compareNocase('a', 'B')).toBe(-1);
    expect(compareNocase(null, 1)).toBe(-1);
    expect(compareNocase(2, 10)).toBe(-1);
  });

  it('parses journals', () => {
    const j = parseJournal(
      'id:123 tables:"customer" tables:"corder" local_position:"MySQL56/a:1-5" shard_gtids:{keyspace:"customer" shard:"0" gtid:"MySQL56/b:1-9"} participants:{keyspace:"commerce" shard:"0"} source_workflows:"wf"',
    );
    expect(j).toEqual({
      id: '123',
      migrationType: 'TABLES',
      tables: ['customer', 'corder'],
      localPosition: 'MySQL56/a:1-5',
      shardGtids: [{ keyspace: 'customer', shard: '0', gtid: 'MySQL56/b:1-9' }],
      participants: [{ keyspace: 'commerce', shard: '0' }],
      sourceWorkflows: ['wf'],
    });
  });
});

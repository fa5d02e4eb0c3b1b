// Mysqld.insertImages (VReplication's bulk copy) must leave the same rows and the same binlog as
// inserting row by row through the capture triggers, and must refuse values SQLite would convert.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../src/tablets/sqlite/sqljs.js';
import type { SqlJsStatic } from '../../src/tablets/sqlite/sqljs.js';
import { Mysqld } from '../../src/tablets/mysqld/mysqld.js';
import { createSimEnv } from '../../src/engine/sim-env.js';
import type { SqlValue } from '../../src/common/sql-types.js';
import type { BinlogEvent } from '../../src/tablets/binlog/binlog.js';
import { applyChange, applyInserts } from '../../src/tablets/vreplication/apply-change.js';

let sql: SqlJsStatic;
beforeAll(async () => {
  sql = await loadSqlJs();
});

const TABLE = `create table item (
  item_id bigint not null auto_increment,
  name varchar(20),
  price decimal(10,2),
  weight double,
  photo varbinary(8),
  primary key (item_id)
)`;

function server(seed: number): Mysqld {
  const env = createSimEnv(seed);
  const m = new Mysqld(sql, { dbName: 'vt_shop', serverUuid: env.rng.serverUuid(), clock: env.clock });
  m.execute(TABLE);
  return m;
}

function rowsOf(n: number): SqlValue[][] {
  return Array.from({ length: n }, (_, i) => [i + 1, i % 7 === 0 ? null : `item ${i + 1}`, (i * 13) / 4, i * 0.5, new Uint8Array([i & 255, 1])]);
}

function events(m: Mysqld): BinlogEvent[] {
  const out: BinlogEvent[] = [];
  for (let i = m.binlog.startIndex(); i < m.binlog.endIndex(); i++) out.push(...(m.binlog.at(i)?.events ?? []));
  return out;
}

const columns = ['item_id', 'name', 'price', 'weight', 'photo'];

describe('Mysqld.insertImages', () => {
  it('writes the same rows and row events as row-by-row inserts, in order, across statement chunks', () => {
    const rows = rowsOf(203); // 128 + 64 + 8 + 2 + 1 rows: every chunk size path
    const bulk = server(1);
    const single = server(1);
    bulk.transaction(() => expect(bulk.insertImages('item', columns, rows)).toBe(true));
    single.transaction(() => {
      for (const r of rows) single.applyRow({ kind: 'row', schema: '', table: 'item', columns, before: null, after: r });
    });
    expect(events(bulk)).toEqual(events(single));
    expect(bulk.selectRows('select * from item order by item_id')).toEqual(single.selectRows('select * from item order by item_id'));
    expect(bulk.position()).toBe(single.position().replace(single.serverUuid, bulk.serverUuid));
  });

  it('refuses values the column would convert, columns out of order, and use outside a transaction', () => {
    const m = server(2);
    m.transaction(() => {
      expect(m.insertImages('item', columns, [[1, 42, 1, 1, null]])).toBe(false); // number into a varchar
      expect(m.insertImages('item', columns, [['7', 'x', 1, 1, null]])).toBe(false); // text into a bigint
      expect(m.insertImages('item', [...columns].reverse(), [[null, 1, 1, 'x', 1]])).toBe(false);
      expect(m.insertImages('item', columns.slice(0, 2), [[1, 'x']])).toBe(false);
    });
    expect(m.insertImages('item', columns, [[1, 'x', 1, 1, null]])).toBe(false);
    expect(m.selectRows('select count(*) from item').rows).toEqual([[0]]);
  });

  it('changes nothing and logs nothing when a row fails', () => {
    const m = server(3);
    m.execute("insert into item (item_id, name) values (5, 'taken')");
    const before = m.binlog.endIndex();
    const rows = rowsOf(10);
    m.transaction(() => {
      expect(() => m.insertImages('item', columns, rows)).toThrow(/Duplicate entry/);
      expect(m.insertImages('item', columns, rows.slice(5))).toBe(true);
    });
    expect(m.selectRows('select item_id from item order by item_id').rows).toEqual([[5], [6], [7], [8], [9], [10]]);
    expect(m.binlog.endIndex()).toBe(before + 1);
    expect(events(m).slice(-5).map((e) => (e.kind === 'row' ? e.after?.[0] : e.kind))).toEqual([6, 7, 8, 9, 10]);
  });

  it('leaves VReplication the error of the failing row, as a row-by-row copy reports it', () => {
    const bulk = server(4);
    const single = server(4);
    for (const m of [bulk, single]) m.execute("insert into item (item_id, name) values (5, 'taken')");
    const err = (f: () => void): string => {
      try {
        f();
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    const rows = rowsOf(10);
    const fromBulk = err(() => bulk.transaction(() => applyInserts(bulk, 'item', columns, rows)));
    const fromSingle = err(() => single.transaction(() => rows.forEach((r) => applyChange(single, 'item', columns, null, r))));
    expect(fromBulk).toMatch(/^Duplicate entry '5' for key 'item.PRIMARY' \(errno 1062\)/);
    expect(fromBulk).toBe(fromSingle);
    expect(bulk.selectRows('select count(*) from item').rows).toEqual([[1]]);
  });

  it('logs plain INSERT ... VALUES statements exactly as the capture triggers would', () => {
    const fast = server(5);
    const captured = server(5);
    const statements: Array<[string, Record<string, SqlValue>]> = [
      ['insert into item (item_id, name, price, weight, photo) values (:a, :b, :c, :d, :e)', { a: 1, b: 'x', c: 2.5, d: 3, e: new Uint8Array([1]) }],
      ["insert into item (photo, weight, price, name, item_id) values (null, -1.5, 7, 'it''s', 2), (x'01', 0, -3, \"dq\", 3)", {}],
      ['insert into item (item_id, name, price, weight, photo) values (:a, :b, :c, :d, :e)', { a: 4, b: 12, c: '5.25', d: null, e: 'text' }],
      ['insert into item (item_id, name, price, weight, photo) values (:a, :b, :c, :d, :e)', { a: 5n, b: 'big', c: 1, d: 1, e: null }],
      ['insert into item (name) values (:n)', { n: 'generated id' }],
      ['insert into item (item_id, name, price, weight, photo) values (null, :n, 1, 1, null)', { n: 'null id' }],
    ];
    for (const [sql, bv] of statements) {
      fast.execute(sql, bv);
      // The same statement, made ineligible for the fast path by a clause that changes nothing here.
      captured.execute(`${sql} on duplicate key update item_id = item_id`, bv);
    }
    expect(events(fast)).toEqual(events(captured));
    expect(fast.selectRows('select * from item order by item_id')).toEqual(captured.selectRows('select * from item order by item_id'));
    expect(fast.selectRows('select count(*) from item').rows).toEqual([[7]]);
  });
});

// Sharded keyspaces: rows placed by the xxhash vindex, point queries to one shard, scatters,
// results finished in vtgate, sequences, and the refusals.

import { describe, it, expect, beforeEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { TestCluster, COMMERCE_SCHEMA } from './support/test-cluster.js';
import { createVindex } from '../../src/router/vindexes/vindex.js';
import { shardForKeyspaceId } from '../../src/router/primitives/route.js';
import { parseShardName } from '../../src/common/key-range.js';
import type { VtError } from '../../src/common/errors.js';

// The project's own copies of the local example's files.
const EXAMPLES = new URL('../../examples/local', import.meta.url).pathname;
const SHARDED_VSCHEMA = JSON.parse(readFileSync(`${EXAMPLES}/vschema_customer_sharded.json`, 'utf8')) as unknown;
const SEQ_VSCHEMA = JSON.parse(readFileSync(`${EXAMPLES}/vschema_commerce_seq.json`, 'utf8')) as unknown;
const SHARDS = ['-80', '80-'];
const xxhash = createVindex('xxhash', 'xxhash', {});
const shardOf = (id: number) =>
  shardForKeyspaceId(SHARDS.map((name) => ({ name, keyRange: parseShardName(name)! })), xxhash!.map(id)!)!.name;

let c: TestCluster;

beforeEach(async () => {
  c = await TestCluster.create();
  c.addKeyspace('commerce', { baseUid: 100, vschema: SEQ_VSCHEMA });
  c.load('commerce', '0', readFileSync(`${EXAMPLES}/create_commerce_seq.sql`, 'utf8'));
  c.addKeyspace('customer', { baseUid: 300, shards: SHARDS, vschema: SHARDED_VSCHEMA });
  for (const shard of SHARDS) c.load('customer', shard, COMMERCE_SCHEMA + ';' + readFileSync(`${EXAMPLES}/create_customer_sharded.sql`, 'utf8'));
  const s = c.session('customer');
  for (let id = 1; id <= 10; id++) c.exec(s, `insert into customer(customer_id, email) values (${id}, 'user${id}@x')`);
});

const onShard = (shard: string) =>
  c.tablet('customer', shard, 'PRIMARY').mysqld.execute('select customer_id from customer order by customer_id').rows.map((r) => r[0]);

function error(fn: () => unknown): VtError {
  try {
    fn();
  } catch (e) {
    return e as VtError;
  }
  throw new Error('expected an error');
}

describe('sharded routing', () => {
  it('each row lands on the shard its xxhash keyspace id falls in', () => {
    for (const shard of SHARDS) {
      const want = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((id) => shardOf(id) === shard);
      expect(onShard(shard)).toEqual(want);
      expect(want.length).toBeGreaterThan(0);
    }
  });

  it('a multi-row insert is split by shard', () => {
    const s = c.session('customer');
    const r = c.exec(s, "insert into customer(customer_id, email) values (11, 'a'), (12, 'b'), (13, 'c'), (14, 'd')");
    expect(r.rowsAffected).toBe(4);
    const ex = c.vtgate.explain(s, "insert into customer(customer_id, email) values (9, 'a'), (10, 'b')");
    expect(ex.routes.map((x) => x.shard)).toEqual(['-80', '80-']);
    expect(ex.routes.map((x) => x.query)).toEqual([
      'insert into customer(customer_id, email) values (:vtg3 /* INT64 */, :vtg4 /* VARCHAR */)',
      'insert into customer(customer_id, email) values (:vtg1 /* INT64 */, :vtg2 /* VARCHAR */)',
    ]);
    expect([...onShard('-80'), ...onShard('80-')].sort((a, b) => Number(a) - Number(b))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('equality on the vindex column goes to one shard; IN to the shards of its values', () => {
    const s = c.session('customer');
    expect(c.rows(s, 'select email from customer where customer_id = 4')).toEqual([['user4@x']]);
    const ex = c.vtgate.explain(s, 'select email from customer where customer_id = 4');
    expect(ex.plan?.variant).toBe('EqualUnique');
    expect(ex.routes.map((r) => r.shard)).toEqual([shardOf(4)]);
    const inEx = c.vtgate.explain(s, 'select email from customer where customer_id in (1, 2, 3)');
    expect(inEx.plan?.variant).toBe('IN');
    expect(inEx.routes.map((r) => r.shard)).toEqual(SHARDS.filter((sh) => [1, 2, 3].some((id) => shardOf(id) === sh)));
  });

  it('other queries scatter; sorting, limits and aggregates are finished in vtgate', () => {
    const s = c.session('customer');
    expect(c.vtgate.explain(s, "select * from customer where email = 'user1@x'").plan?.variant).toBe('Scatter');
    expect(c.rows(s, "select customer_id from customer where email like 'user%'").map((r) => r[0]).sort((a, b) => Number(a) - Number(b))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(c.rows(s, 'select customer_id, email from customer order by customer_id desc limit 2')).toEqual([
      [10, 'user10@x'],
      [9, 'user9@x'],
    ]);
    expect(c.rows(s, 'select count(*) from customer')).toEqual([[10]]);
    expect(c.vtgate.explain(s, 'select count(*) from customer').plan?.operatorType).toBe('InMemoryEval');
  });

  it('aggregates across shards as MySQL does, with MySQL column names', () => {
    const s = c.session('customer');
    c.exec(s, "insert into customer(customer_id, email) values (11, 'Zed@x'), (12, NULL)");
    const r = c.exec(s, "select count(*), min(email), max(email), min(customer_id), 1, 'two' from customer where customer_id in (3, 11, 12)");
    // Strings compare case-insensitively (utf8mb4_0900_ai_ci: 'user3' < 'Zed'); NULLs are skipped.
    expect(r.rows).toEqual([[3, 'user3@x', 'Zed@x', 3, 1, 'two']]);
    expect(r.fields.map((f) => f.name)).toEqual(['count(*)', 'min(email)', 'max(email)', 'min(customer_id)', '1', 'two']);
    const grouped = c.exec(s, 'select email is null, count(*) from customer group by email is null order by 1');
    expect(grouped.fields.map((f) => f.name)).toEqual(['email is null', 'count(*)']);
  });

  it('updates and deletes by vindex go to one shard, others scatter', () => {
    const s = c.session('customer');
    expect(c.exec(s, "update customer set email = 'new' where customer_id = 3").rowsAffected).toBe(1);
    expect(c.vtgate.explain(s, "update customer set email = 'new' where customer_id = 3").routes.map((r) => r.shard)).toEqual([shardOf(3)]);
    expect(c.exec(s, "delete from customer where email like 'user%'").rowsAffected).toBe(9);
    expect(c.rows(s, 'select customer_id, email from customer')).toEqual([[3, 'new']]);
  });

  it('shard targeting reads one shard as written', () => {
    const s = c.session('customer/-80');
    expect(c.rows(s, 'select customer_id from customer order by customer_id').map((r) => r[0])).toEqual(onShard('-80'));
  });

  it('the auto_increment column is filled from the sequence table, a block at a time', () => {
    const s = c.session('customer');
    const r = c.exec(s, "insert into customer(email) values ('seq1'), ('seq2')");
    expect([r.rowsAffected, r.insertId]).toEqual([2, 1000]);
    expect(c.rows(s, "select customer_id from customer where email in ('seq1', 'seq2') order by customer_id")).toEqual([[1000], [1001]]);
    expect(onShard(shardOf(1000))).toContain(1000);
    expect(c.exec(s, "insert into customer(email) values ('seq3')").insertId).toBe(1002);
    // The primary reserved a block of `cache` (100) ids.
    expect(c.rows(c.session('commerce'), 'select next_id from customer_seq')).toEqual([[1100]]);
    expect(c.rows(s, 'select last_insert_id()')).toEqual([[1002]]);
    expect(c.exec(s, 'select next 5 values from commerce.customer_seq')).toMatchObject({ fields: [{ name: 'nextval' }], rows: [[1003]] });
    expect(c.rows(c.session(), 'select next value from order_seq')).toEqual([[1000]]);
    expect(() => c.exec(s, 'select next 1 values from commerce.product')).toThrow('VT03018: NEXT used on a non-sequence table');
  });
});

describe('sharded refusals', () => {
  it('an insert without the vindex column and no sequence is VT09003', () => {
    c.setVSchema('customer', { sharded: true, vindexes: { xxhash: { type: 'xxhash' } }, tables: { corder: { column_vindexes: [{ column: 'customer_id', name: 'xxhash' }] } } });
    const e = error(() => c.exec(c.session('customer'), "insert into corder(sku) values ('x')"));
    expect([e.message, e.errno, e.sqlState]).toEqual(["VT09003: INSERT query does not have primary vindex column 'customer_id' in the column list", 1105, 'HY000']);
  });

  it('changing a primary vindex column is refused', () => {
    const e = error(() => c.exec(c.session('customer'), 'update customer set customer_id = 9 where customer_id = 1'));
    expect(e.message).toBe("VT12001: unsupported: You can't update primary vindex columns. Invalid update on vindex: xxhash");
  });

  it('a table missing from a sharded vschema is not found', () => {
    const e = error(() => c.exec(c.session('customer'), 'select * from product'));
    expect([e.message, e.errno]).toEqual(['table product not found', 1105]);
  });

  it('a table whose sequence cannot be resolved drops out of the vschema', () => {
    c.setVSchema('commerce', { tables: { product: {} } });
    const e = error(() => c.exec(c.session('customer'), 'select * from customer'));
    expect(e.message).toBe('table customer not found');
    expect(c.vtgate.servingView().vschema.keyspaces.get('customer')?.error?.message).toBe(
      'cannot resolve sequence customer_seq: table customer_seq not found',
    );
  });
});

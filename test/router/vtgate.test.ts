// vtgate end to end over real tablets: inserts and ids, transactions, cross-keyspace joins, SHOW
// statements, bad SQL, the plan cache, explanations and the denied-tables retry.

import { describe, it, expect, beforeEach } from 'vitest';
import { TestCluster, COMMERCE_SCHEMA, COMMERCE_VSCHEMA } from './support/test-cluster.js';
import type { VtError } from '../../src/common/errors.js';
import { explanationText } from '../../src/router/explain.js';

let c: TestCluster;

beforeEach(async () => {
  c = await TestCluster.create();
  c.addKeyspace('commerce', { baseUid: 100, vschema: COMMERCE_VSCHEMA });
  c.addKeyspace('customer', { baseUid: 200, vschema: { tables: { corder: {} } } });
  c.load('commerce', '0', COMMERCE_SCHEMA);
  c.load('customer', '0', COMMERCE_SCHEMA);
  c.setVSchema('commerce', { tables: { product: {}, customer: {} } });
});

const primaryCount = (ks: string, table: string) =>
  c.tablet(ks, '0', 'PRIMARY').mysqld.execute(`select count(*) from ${table}`).rows[0]?.[0];

function error(fn: () => unknown): VtError {
  try {
    fn();
  } catch (e) {
    return e as VtError;
  }
  throw new Error('expected an error');
}

describe('inserts and auto-increment ids', () => {
  it('a multi-row insert reports the first generated id, as MySQL does', () => {
    const s = c.session('commerce');
    const r1 = c.exec(s, "insert into customer(email) values ('a@x'), ('b@x'), ('c@x')");
    expect([r1.rowsAffected, r1.insertId]).toEqual([3, 1]);
    const r2 = c.exec(s, "insert into customer(email) values ('d@x')");
    expect([r2.rowsAffected, r2.insertId]).toEqual([1, 4]);
    expect(c.rows(s, 'select last_insert_id()')).toEqual([[4]]);
    c.exec(s, "insert into product(sku, price) values ('p', 1)");
    expect(c.rows(s, 'select last_insert_id()')).toEqual([[4]]);
    expect(c.exec(s, 'select last_insert_id()').fields).toEqual([{ name: 'last_insert_id()', type: 'UINT64' }]);
  });
});

describe('ROW_COUNT() and FOUND_ROWS()', () => {
  it('vtgate answers them from the session, per statement kind', () => {
    const s = c.session('commerce');
    expect(c.rows(s, 'select row_count()')).toEqual([[-1]]);
    c.exec(s, "insert into customer(email) values ('a@x'), ('b@x')");
    expect(c.rows(s, 'select row_count()')).toEqual([[2]]);
    // The select above returned one row and is not DML.
    expect(c.rows(s, 'select found_rows(), row_count()')).toEqual([[1, -1]]);
    c.exec(s, "update customer set email = 'z@x' where email = 'nobody'");
    expect(c.rows(s, 'select row_count()')).toEqual([[0]]);
    c.rows(s, 'select * from customer');
    expect(c.rows(s, 'select found_rows()')).toEqual([[2]]);
    // Another session has its own counts.
    expect(c.rows(c.session('commerce'), 'select row_count()')).toEqual([[-1]]);
  });
});

describe('transactions', () => {
  it('rollback discards, commit keeps, and reads inside see the writes', () => {
    const s = c.session('commerce');
    c.exec(s, 'begin');
    c.exec(s, "insert into product(sku, price) values ('t1', 1)");
    expect(c.rows(s, "select count(*) from product where sku = 't1'")).toEqual([[1]]);
    c.exec(s, 'rollback');
    expect(primaryCount('commerce', 'product')).toBe(0);
    c.exec(s, 'start transaction');
    c.exec(s, "insert into product(sku, price) values ('t2', 1)");
    c.exec(s, 'commit');
    expect(primaryCount('commerce', 'product')).toBe(1);
  });

  it('autocommit = 0 opens a transaction for the next statement; autocommit = 1 commits it', () => {
    const s = c.session('commerce');
    c.exec(s, 'set autocommit = 0');
    c.exec(s, "insert into product(sku, price) values ('a', 1)");
    expect(s.inTransaction).toBe(true);
    c.exec(s, 'rollback');
    expect(primaryCount('commerce', 'product')).toBe(0);
    c.exec(s, "insert into product(sku, price) values ('b', 1)");
    c.exec(s, 'set autocommit = 1');
    expect(s.inTransaction).toBe(false);
    expect(primaryCount('commerce', 'product')).toBe(1);
    expect(c.rows(s, 'select @@autocommit')).toEqual([[1]]);
  });

  it('BEGIN inside a transaction commits it first; DDL commits it too', () => {
    const s = c.session('commerce');
    c.exec(s, 'begin');
    c.exec(s, "insert into product(sku, price) values ('a', 1)");
    c.exec(s, 'begin');
    c.exec(s, 'rollback');
    expect(primaryCount('commerce', 'product')).toBe(1);
    c.exec(s, 'begin');
    c.exec(s, "insert into product(sku, price) values ('b', 1)");
    c.exec(s, 'create table t2 (id bigint primary key)');
    expect(s.inTransaction).toBe(false);
    expect(primaryCount('commerce', 'product')).toBe(2);
  });

  it('two keyspaces in one transaction: MULTI (the default) commits both, SINGLE refuses the second', () => {
    const s = c.session();
    c.exec(s, 'begin');
    c.exec(s, "insert into commerce.product(sku, price) values ('m', 1)");
    c.exec(s, "insert into customer.corder(customer_id, sku, price) values (1, 'm', 1)");
    c.exec(s, 'commit');
    expect([primaryCount('commerce', 'product'), primaryCount('customer', 'corder')]).toEqual([1, 1]);

    c.exec(s, "set transaction_mode = 'single'");
    c.exec(s, 'begin');
    c.exec(s, "insert into commerce.product(sku, price) values ('s', 1)");
    const e = error(() => c.exec(s, "insert into customer.corder(customer_id, sku, price) values (2, 's', 1)"));
    expect(e.message).toMatch(
      /^multi-db transaction attempted: \[target:\{keyspace:"commerce" shard:"0" tablet_type:PRIMARY\} transaction_id:\d+ tablet_alias:\{cell:"zone1" uid:100\} target:\{keyspace:"customer" shard:"0" tablet_type:PRIMARY\} transaction_id:0 tablet_alias:\{cell:"zone1" uid:200\}\]$/,
    );
    expect([e.errno, e.sqlState, e.code]).toEqual([1317, '70100', 'ABORTED']);
    c.exec(s, 'rollback');
    expect([primaryCount('commerce', 'product'), primaryCount('customer', 'corder')]).toEqual([1, 1]);
  });

  it('a non-primary target is refused inside a transaction', () => {
    const s = c.session('commerce');
    c.exec(s, 'begin');
    const e = error(() => c.exec(s, 'use commerce@replica'));
    expect([e.message, e.errno, e.sqlState]).toEqual(["can't execute the given command because you have an active transaction", 1192, 'HY000']);
  });
});

describe('joins', () => {
  beforeEach(() => {
    const s = c.session();
    c.exec(s, "insert into commerce.customer(email) values ('alice@x'), ('bob@x')");
    c.exec(s, "insert into customer.corder(customer_id, sku, price) values (1, 'SKU-1', 100), (2, 'SKU-2', 30), (1, 'SKU-2', 30)");
    c.exec(s, "insert into commerce.corder(customer_id, sku, price) values (2, 'LOCAL', 5)");
  });

  it('a join inside one keyspace is pushed down as one route', () => {
    const s = c.session('commerce');
    const sql = 'select c.email, o.sku from customer c join corder o on c.customer_id = o.customer_id';
    expect(c.rows(s, sql)).toEqual([['bob@x', 'LOCAL']]);
    const ex = c.vtgate.explain(s, sql);
    expect(ex.plan?.operatorType).toBe('Route');
    expect(ex.routes).toEqual([{ keyspace: 'commerce', shard: '0', tabletType: 'PRIMARY', tablet: 'zone1-0000000100', query: sql }]);
  });

  it('a join across keyspaces is evaluated in vtgate, single-table conditions pushed down', () => {
    const s = c.session();
    const sql =
      'select c.email, o.sku, o.price from commerce.customer c join customer.corder o on c.customer_id = o.customer_id where o.price > 20 order by o.price desc, o.sku';
    expect(c.rows(s, sql)).toEqual([
      ['alice@x', 'SKU-1', 100],
      ['alice@x', 'SKU-2', 30],
      ['bob@x', 'SKU-2', 30],
    ]);
    const r = c.exec(s, sql);
    expect(r.fields.map((f) => [f.name, f.type])).toEqual([
      ['email', 'VARCHAR'],
      ['sku', 'VARCHAR'],
      ['price', 'INT64'],
    ]);
    const ex = c.vtgate.explain(s, sql);
    expect(ex.plan?.operatorType).toBe('InMemoryEval');
    expect(ex.routes.map((x) => `${x.keyspace}: ${x.query}`)).toEqual([
      'commerce: select * from `customer` as `c`',
      'customer: select * from `corder` as `o` where o.price > :o_price /* INT64 */',
    ]);
  });

  it('select * across keyspaces keeps both same-named columns; aggregates work', () => {
    const s = c.session();
    const r = c.exec(s, 'select * from commerce.customer c join customer.corder o on c.customer_id = o.customer_id where o.sku = \'SKU-1\'');
    expect(r.fields.map((f) => f.name)).toEqual(['customer_id', 'email', 'order_id', 'customer_id', 'sku', 'price']);
    expect(r.rows).toEqual([[1, 'alice@x', 1, 1, 'SKU-1', 100]]);
    expect(c.rows(s, 'select c.email, count(*) as n, sum(o.price) as total from commerce.customer c join customer.corder o on c.customer_id = o.customer_id group by c.email order by c.email')).toEqual([
      ['alice@x', 2, 130],
      ['bob@x', 1, 30],
    ]);
  });

  it('a write naming two keyspaces is refused', () => {
    const s = c.session();
    const e = error(() => c.exec(s, 'delete o from customer.corder o join commerce.customer c on c.customer_id = o.customer_id'));
    expect(e.message).toBe('VT12001: unsupported: cross-keyspace DELETE (tables of several keyspaces in one statement)');
    expect([e.errno, e.sqlState]).toEqual([1235, '42000']);
  });
});

describe('show and session functions', () => {
  it('show keyspaces, show databases, show vitess_shards, show vschema tables', () => {
    const s = c.session('commerce');
    expect(c.exec(s, 'show keyspaces')).toMatchObject({ fields: [{ name: 'Database', type: 'VARCHAR' }], rows: [['commerce'], ['customer']] });
    expect(c.rows(s, 'show databases')).toEqual([['commerce'], ['customer'], ['information_schema'], ['mysql'], ['sys'], ['performance_schema']]);
    expect(c.rows(s, "show databases like 'c%'")).toEqual([['commerce'], ['customer']]);
    expect(c.exec(s, 'show vitess_shards')).toMatchObject({ fields: [{ name: 'Shards' }], rows: [['commerce/0'], ['customer/0']] });
    expect(c.exec(s, 'show vschema tables')).toMatchObject({ fields: [{ name: 'Tables' }], rows: [['customer'], ['product']] });
  });

  it('show tables answers with Tables_in_vt_<keyspace>, from the session keyspace or a named one', () => {
    const s = c.session('commerce');
    const r = c.exec(s, 'show tables');
    expect(r.fields[0]?.name).toBe('Tables_in_vt_commerce');
    expect(r.rows).toEqual([['corder'], ['customer'], ['product']]);
    expect(c.exec(s, 'show tables from customer').fields[0]?.name).toBe('Tables_in_vt_customer');
  });

  it('show create table goes to the table\'s keyspace', () => {
    const s = c.session('commerce');
    const r = c.exec(s, 'show create table product');
    expect(r.rows[0]?.[0]).toBe('product');
    expect(String(r.rows[0]?.[1])).toMatch(/^CREATE TABLE `product` \(/);
  });

  it('show vitess_tablets sorts by keyspace, shard, type order, alias and filters on hostname', () => {
    const s = c.session();
    const rows = c.rows(s, 'show vitess_tablets');
    expect(rows.map((r) => `${r[1]} ${r[3]} ${r[5]}`)).toEqual([
      'commerce PRIMARY zone1-0000000100',
      'commerce REPLICA zone1-0000000101',
      'commerce RDONLY zone1-0000000102',
      'customer PRIMARY zone1-0000000200',
      'customer REPLICA zone1-0000000201',
      'customer RDONLY zone1-0000000202',
    ]);
    expect(rows[0]?.[7]).toBe('2024-01-15T09:00:00Z');
    expect(c.rows(s, "show vitess_tablets like 'local%'")).toHaveLength(6);
    expect(c.rows(s, "show vitess_tablets like 'remote%'")).toHaveLength(0);
  });

  it('select database() returns the target string; @@version is vtgate\'s', () => {
    for (const target of ['', 'commerce', 'commerce@replica', 'customer/0']) {
      expect(c.rows(c.session(target), 'select database()')).toEqual([[target]]);
    }
    expect(c.rows(c.session(), 'select @@version')).toEqual([['8.0.40-Vitess']]);
    expect(c.exec(c.session(), "select 1, 'abc', null").fields.map((f) => f.name)).toEqual(['1', 'abc', 'NULL']);
    // String literals are decoded as MySQL does (doubled quotes, backslash escapes), in names and values.
    const quoted = c.exec(c.session(), "select 'it''s', 'a\\'b', \"say \"\"hi\"\"\"");
    expect(quoted.rows).toEqual([["it's", "a'b", 'say "hi"']]);
    expect(quoted.fields.map((f) => f.name)).toEqual(["it's", "a'b", 'say "hi"']);
  });

  it('@user variables are per session and usable in queries', () => {
    const s = c.session('commerce');
    c.exec(s, "insert into product(sku, price) values ('k', 7)");
    c.exec(s, "set @sku = 'k'");
    expect(c.rows(s, 'select price from product where sku = @sku')).toEqual([[7]]);
    expect(c.rows(c.session('commerce'), 'select @sku')).toEqual([[null]]);
  });
});

describe('bad SQL gets an error and changes nothing', () => {
  it('syntax errors, unsupported statements, an empty query', () => {
    const s = c.session('commerce');
    const cases: Array<[string, string, number, string]> = [
      ['insert into product values (', 'syntax error at position 29', 1105, 'HY000'],
      ['selec 1', "syntax error at position 6 near 'selec'", 1105, 'HY000'],
      ["select 'unterminated", 'syntax error at position 21', 1105, 'HY000'],
      ['explain select 1', 'VT12001: unsupported: EXPLAIN in vtsim (the explanation API shows where a statement goes)', 1235, '42000'],
      ['create database commerce', "VT06001: cannot create database 'commerce'; database exists", 1007, 'HY000'],
      ['drop database nosuch', "VT05001: cannot drop database 'nosuch'; database does not exists", 1008, 'HY000'],
      ['   ', 'Query was empty', 1065, '42000'],
    ];
    for (const [sql, message, errno, state] of cases) {
      const e = error(() => c.exec(s, sql));
      expect([e.message, e.errno, e.sqlState], sql).toEqual([message, errno, state]);
    }
    expect(primaryCount('commerce', 'product')).toBe(0);
  });

  it('1 MB statements: bad ones fail fast with a syntax error, a good one runs', () => {
    const s = c.session('commerce');
    const mb = 1 << 20;
    const t0 = Date.now();
    const e1 = error(() => c.exec(s, `insert into product(sku) values ('${'x'.repeat(mb)}`));
    expect(e1.message).toBe(`syntax error at position ${mb + 35}`);
    const e2 = error(() => c.exec(s, `insert into product(sku) valuez ${'(1),'.repeat(mb / 4)}(1)`));
    expect(e2.message).toBe("syntax error at position 32 near 'valuez'");
    expect(primaryCount('commerce', 'product')).toBe(0);
    c.exec(s, 'create table notes (id bigint primary key, body longtext)');
    c.exec(s, `insert into notes(id, body) values (1, '${'y'.repeat(mb)}')`);
    expect(c.rows(s, 'select length(body) from notes where id = 1')).toEqual([[mb]]);
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});

describe('plan cache', () => {
  it('statements differing only in literals share a plan; targets do not; a vschema change clears it', () => {
    const s = c.session('commerce');
    const before = c.vtgate.planCacheStats();
    c.exec(s, 'select * from customer where customer_id = 1');
    c.exec(s, 'select * from customer where customer_id = 2');
    // vtgate re-prints statements: the case of keywords does not make a new plan.
    c.exec(s, 'SELECT * FROM customer WHERE customer_id = 3');
    c.exec(s, 'select email from customer where customer_id = 3');
    let st = c.vtgate.planCacheStats();
    expect([st.size, st.hits - before.hits, st.misses - before.misses]).toEqual([2, 2, 2]);
    c.exec(c.session('commerce@replica'), 'select * from customer where customer_id = 1');
    expect(c.vtgate.planCacheStats().size).toBe(3);
    c.setVSchema('commerce', COMMERCE_VSCHEMA);
    c.exec(s, 'select * from customer where customer_id = 1');
    st = c.vtgate.planCacheStats();
    expect(st.size).toBe(1);
  });

  it('a cached plan follows new routing rules', () => {
    const s = c.session();
    c.exec(s, "insert into customer.corder(customer_id, sku, price) values (1, 'x', 1)");
    expect(c.rows(s, 'select count(*) from corder')).toEqual([[1]]);
    c.setRoutingRules({ corder: ['commerce.corder'] });
    expect(c.rows(s, 'select count(*) from corder')).toEqual([[0]]);
  });
});

describe('explanations', () => {
  it('say which rule or vschema entry decided and which tablet would answer', () => {
    c.setRoutingRules({ 'commerce.customer@replica': ['customer.customer'] });
    c.setVSchema('customer', { tables: { corder: {}, customer: {} } });
    const ex = c.vtgate.explain(c.session('commerce@replica'), 'select * from customer where customer_id = 5');
    expect(ex.statement).toBe('select * from customer where customer_id = :customer_id /* INT64 */');
    expect(ex.bindVars).toEqual({ customer_id: 5 });
    expect(ex.tables).toEqual([
      { written: 'customer', keyspace: 'customer', table: 'customer', tabletType: 'REPLICA', reason: 'routing rule "commerce.customer@replica" → customer.customer' },
    ]);
    expect(ex.routes).toEqual([
      { keyspace: 'customer', shard: '0', tabletType: 'REPLICA', tablet: 'zone1-0000000201', query: 'select * from customer where customer_id = :customer_id /* INT64 */' },
    ]);
    expect(explanationText(ex)).toBe(
      'SELECT: select * from customer where customer_id = :customer_id /* INT64 */\n' +
        '  table customer -> customer.customer @replica: routing rule "commerce.customer@replica" → customer.customer\n' +
        '  -> customer/0 REPLICA (zone1-0000000201): select * from customer where customer_id = :customer_id /* INT64 */\n',
    );
    const bypass = c.vtgate.explain(c.session('commerce/0'), 'select * from commerce.customer');
    expect(bypass.notes).toEqual(['shard targeting bypasses routing rules']);
    expect(bypass.routes[0]?.query).toBe('select * from customer');
    const vs = c.vtgate.explain(c.session('commerce'), 'select * from product');
    expect(vs.tables[0]?.reason).toBe('vschema table product in keyspace commerce');
    const cons = c.vtgate.explain(c.session('commerce'), 'select * from corder');
    expect(cons.tables[0]?.reason).toBe('corder is not in the vschema of unsharded keyspace commerce: sent there as is');
  });

  it('do not run the statement', () => {
    const s = c.session('commerce');
    c.vtgate.explain(s, "insert into product(sku) values ('e')");
    c.vtgate.explain(s, 'use customer');
    expect(primaryCount('commerce', 'product')).toBe(0);
    expect(s.targetString).toBe('commerce');
  });
});

describe('observers', () => {
  it('onQuery reports each statement with the shard queries it sent and the tablets that ran them', () => {
    const events: Array<{ planType: string; statement: string; shards: string[]; error?: string }> = [];
    const off = c.vtgate.onQuery((e) =>
      events.push({
        planType: e.planType,
        statement: e.statement,
        shards: e.shardQueries.map((q) => `${q.target.keyspace}/${q.target.shard}@${q.alias.uid}: ${q.sql}`),
        error: e.error?.message,
      }),
    );
    const s = c.session('commerce');
    c.exec(s, 'begin');
    c.exec(s, "insert into product(sku, price) values ('o', 1)");
    c.exec(s, 'commit');
    try {
      c.exec(s, 'select * from nosuch');
    } catch {
      // reported to the observer too
    }
    off();
    c.exec(s, 'select 1');
    expect(events).toEqual([
      { planType: 'BEGIN', statement: '', shards: [], error: undefined },
      {
        planType: 'INSERT',
        statement: 'insert into product(sku, price) values (:vtg1 /* VARCHAR */, :vtg2 /* INT64 */)',
        shards: ['commerce/0@100: insert into product(sku, price) values (:vtg1 /* VARCHAR */, :vtg2 /* INT64 */)'],
        error: undefined,
      },
      { planType: 'COMMIT', statement: '', shards: [], error: undefined },
      {
        planType: 'SELECT',
        statement: 'select * from nosuch',
        shards: [],
        error:
          'target: commerce.0.primary: vttablet: rpc error: code = NotFound desc = Table \'vt_commerce.nosuch\' doesn\'t exist (errno 1146) (sqlstate 42S02) (CallerID: userData1): Sql: "select * from nosuch", BindVars: {}',
      },
    ]);
  });
});

describe('denied tables', () => {
  it('a refused query is retried up to 3 attempts, then returns the tablet error', () => {
    c.denyTables('commerce', '0', ['product']);
    const s = c.session('commerce');
    const e = error(() => c.exec(s, 'select * from product'));
    expect(e.message).toBe(
      'target: commerce.0.primary: vttablet: rpc error: code = FailedPrecondition desc = disallowed due to rule: enforce denied tables (CallerID: userData1)',
    );
    expect([e.errno, e.sqlState]).toEqual([1105, 'HY000']);
    const retries = c.env.trace.recent().filter((t) => t.component === 'vtgate' && t.event === 'retry');
    expect(retries.map((t) => t.detail)).toEqual([
      'denied tables, attempt 2: select * from product',
      'denied tables, attempt 3: select * from product',
    ]);
  });

  it('succeeds when the routing changed before the retry (a traffic switch in flight)', () => {
    c.load('customer', '0', "insert into product(sku, price) values ('moved', 1)", 'PRIMARY');
    c.setVSchema('customer', { tables: { corder: {}, product: {} } });
    c.denyTables('commerce', '0', ['product']);
    const p = c.tablet('commerce', '0', 'PRIMARY');
    const execute = p.server.execute.bind(p.server);
    p.server.execute = (target, sql, bv, tx, opts) => {
      try {
        return execute(target, sql, bv, tx, opts);
      } catch (e) {
        c.setRoutingRules({ 'commerce.product': ['customer.product'] }); // SwitchTraffic finishes
        throw e;
      }
    };
    expect(c.rows(c.session('commerce'), 'select sku from product')).toEqual([['moved']]);
  });

  it('inside a transaction the error is returned at once', () => {
    c.denyTables('commerce', '0', ['product']);
    const s = c.session('commerce');
    const n = c.env.trace.count();
    c.exec(s, 'begin');
    error(() => c.exec(s, 'select * from product'));
    expect(c.env.trace.recent().slice(-(c.env.trace.count() - n)).some((t) => t.event === 'retry')).toBe(false);
  });
});

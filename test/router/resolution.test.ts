// Table resolution through every state of a MoveTables (reference §3.12's table): routing rules and
// denied tables are set directly in topo, and each tablet holds a marker row naming itself, so the
// answer shows which keyspace and tablet type vtgate picked.

import { describe, it, expect, beforeAll } from 'vitest';
import { TestCluster, COMMERCE_SCHEMA, COMMERCE_VSCHEMA } from './support/test-cluster.js';
import type { VtError } from '../../src/common/errors.js';

type State = 'before' | 'reads' | 'full' | 'complete';
const TABLES = ['customer', 'corder'];

function rules(state: State): Record<string, string[]> {
  const r: Record<string, string[]> = {};
  if (state === 'complete') return r;
  for (const t of TABLES) {
    for (const q of ['', 'customer.', 'commerce.']) {
      for (const sfx of ['', '@replica', '@rdonly']) {
        const toCustomer = state === 'full' || (state === 'reads' && sfx !== '');
        if (state === 'full' && q === 'customer.' && sfx === '') continue; // deleted by the write switch
        r[`${q}${t}${sfx}`] = [`${toCustomer ? 'customer' : 'commerce'}.${t}`];
      }
    }
  }
  return r;
}

async function clusterIn(state: State): Promise<TestCluster> {
  const c = await TestCluster.create();
  c.addKeyspace('commerce', { baseUid: 100, vschema: state === 'complete' ? { tables: { product: {} } } : COMMERCE_VSCHEMA });
  c.addKeyspace('customer', { baseUid: 200, vschema: { tables: { customer: {}, corder: {} } } });
  c.load('commerce', '0', COMMERCE_SCHEMA);
  c.load('customer', '0', COMMERCE_SCHEMA);
  for (const ks of ['commerce', 'customer']) {
    for (const t of c.tablets(ks, '0')) {
      t.mysqld.execute(`insert into customer(email) values ('${ks}.${t.type.toLowerCase()}')`, {}, { bypassReadOnly: true });
    }
  }
  if (state === 'complete') c.load('commerce', '0', 'drop table customer; drop table corder');
  c.setRoutingRules(rules(state));
  if (state === 'before' || state === 'reads') c.denyTables('customer', '0', TABLES);
  if (state === 'full') c.denyTables('commerce', '0', TABLES);
  return c;
}

const missing = (type: string) =>
  `target: commerce.0.${type}: vttablet: rpc error: code = NotFound desc = Table 'vt_commerce.customer' doesn't exist ` +
  `(errno 1146) (sqlstate 42S02) (CallerID: userData1): Sql: "select email from customer", BindVars: {}`;

interface Case {
  context: string;
  use?: string;
  sql?: string;
  expect: Record<State, string>;
}

const ERR = 'ERR:';
const DENIED = 'DENIED:';
const denied = (ks: string) =>
  `target: ${ks}.0.primary: vttablet: rpc error: code = FailedPrecondition desc = disallowed due to rule: enforce denied tables (CallerID: userData1)`;
const cases: Case[] = [
  { context: 'no use', expect: { before: 'commerce.primary', reads: 'commerce.primary', full: 'customer.primary', complete: 'customer.primary' } },
  { context: 'use commerce', use: 'commerce', expect: { before: 'commerce.primary', reads: 'commerce.primary', full: 'customer.primary', complete: ERR + missing('primary') } },
  {
    context: 'use commerce@replica',
    use: 'commerce@replica',
    expect: { before: 'commerce.replica', reads: 'customer.replica', full: 'customer.replica', complete: ERR + missing('replica') },
  },
  { context: 'use customer', use: 'customer', expect: { before: 'commerce.primary', reads: 'commerce.primary', full: 'customer.primary', complete: 'customer.primary' } },
  {
    context: 'customer.customer without use',
    sql: 'select email from customer.customer',
    expect: { before: 'commerce.primary', reads: 'commerce.primary', full: 'customer.primary', complete: 'customer.primary' },
  },
  {
    context: 'use customer@rdonly',
    use: 'customer@rdonly',
    expect: { before: 'commerce.rdonly', reads: 'customer.rdonly', full: 'customer.rdonly', complete: 'customer.rdonly' },
  },
  // Shard targeting bypasses the rules; a primary's denied tables refuse reads as well as writes.
  { context: 'use customer/0 (shard targeting)', use: 'customer/0', expect: { before: DENIED + 'customer', reads: DENIED + 'customer', full: 'customer.primary', complete: 'customer.primary' } },
  { context: 'use customer/0@replica (shard targeting)', use: 'customer/0@replica', expect: { before: 'customer.replica', reads: 'customer.replica', full: 'customer.replica', complete: 'customer.replica' } },
  {
    context: 'use commerce/0 (shard targeting)',
    use: 'commerce/0',
    expect: { before: 'commerce.primary', reads: 'commerce.primary', full: DENIED + 'commerce', complete: ERR + missing('primary') },
  },
  {
    context: 'use commerce:0@replica (shard targeting with a type)',
    use: 'commerce:0@replica',
    expect: { before: 'commerce.replica', reads: 'commerce.replica', full: 'commerce.replica', complete: ERR + missing('replica') },
  },
];

describe('routing resolution through a MoveTables (reference §3.12)', () => {
  const clusters = {} as Record<State, TestCluster>;
  beforeAll(async () => {
    for (const s of ['before', 'reads', 'full', 'complete'] as State[]) clusters[s] = await clusterIn(s);
  });

  for (const state of ['before', 'reads', 'full', 'complete'] as State[]) {
    describe(`state: ${state}`, () => {
      for (const k of cases) {
        it(`${k.context} -> ${k.expect[state]}`, () => {
          const c = clusters[state];
          const s = c.session();
          if (k.use !== undefined) c.exec(s, `use ${k.use}`);
          const want = k.expect[state];
          const run = () => c.rows(s, k.sql ?? 'select email from customer');
          if (want.startsWith(ERR) || want.startsWith(DENIED)) {
            let err: VtError | undefined;
            try {
              run();
            } catch (e) {
              err = e as VtError;
            }
            if (want.startsWith(ERR)) {
              expect(err?.message).toBe(want.slice(ERR.length));
              expect([err?.errno, err?.sqlState]).toEqual([1146, '42S02']);
            } else {
              expect(err?.message).toBe(denied(want.slice(DENIED.length)));
              expect([err?.errno, err?.sqlState]).toEqual([1105, 'HY000']);
            }
          } else {
            expect(run()).toEqual([[want]]);
          }
        });
      }
    });
  }

  it('a write through shard targeting hits the target denied list before the switch', () => {
    const c = clusters.before;
    const s = c.session();
    c.exec(s, 'use customer/0');
    expect(() => c.exec(s, "insert into customer(email) values ('x')")).toThrow(
      'target: customer.0.primary: vttablet: rpc error: code = FailedPrecondition desc = disallowed due to rule: enforce denied tables (CallerID: userData1)',
    );
    try {
      c.exec(s, "insert into customer(email) values ('x')");
    } catch (e) {
      expect([(e as VtError).errno, (e as VtError).sqlState, (e as VtError).code]).toEqual([1105, 'HY000', 'FAILED_PRECONDITION']);
    }
  });

  it('a write through shard targeting hits the source denied list after the switch', () => {
    const c = clusters.full;
    const s = c.session('commerce/0');
    expect(() => c.exec(s, 'delete from corder')).toThrow(
      'target: commerce.0.primary: vttablet: rpc error: code = FailedPrecondition desc = disallowed due to rule: enforce denied tables (CallerID: userData1)',
    );
  });

  it('writes follow the primary rules: before the switch to commerce, after it to customer', () => {
    for (const [state, ks] of [['before', 'commerce'], ['full', 'customer']] as const) {
      const c = clusters[state];
      const s = c.session('commerce');
      const r = c.exec(s, "insert into corder(customer_id, sku, price) values (1, 'SKU-1', 10)");
      expect(r.rowsAffected).toBe(1);
      expect(c.tablet(ks, '0', 'PRIMARY').mysqld.execute('select count(*) from corder').rows).toEqual([[1]]);
    }
  });
});

describe('resolution errors', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = await TestCluster.create();
    c.addKeyspace('commerce', { baseUid: 100, vschema: COMMERCE_VSCHEMA });
    c.addKeyspace('customer', { baseUid: 200, vschema: { tables: { customer: {}, corder: {}, product: {} } } });
    c.load('commerce', '0', COMMERCE_SCHEMA);
    c.load('customer', '0', COMMERCE_SCHEMA);
  });

  const fails = (sql: string, message: string, errno: number, sqlState: string, target = '') => {
    const s = c.session(target);
    let err: VtError | undefined;
    try {
      c.exec(s, sql);
    } catch (e) {
      err = e as VtError;
    }
    expect(err?.message).toBe(message);
    expect([err?.errno, err?.sqlState]).toEqual([errno, sqlState]);
  };

  it('ambiguous table reference without a keyspace', () => {
    fails('select * from product', 'ambiguous table reference: product', 1105, 'HY000');
  });

  it('VT05003 for an unknown keyspace in use and in a qualifier', () => {
    fails('use nosuch', "VT05003: unknown database 'nosuch' in vschema", 1049, '42000');
    fails('select * from nosuch.t', "VT05003: unknown database 'nosuch' in vschema", 1049, '42000');
  });

  it('VT05004 for SHOW CREATE TABLE of a table no keyspace knows', () => {
    fails('show create table nosuch', "VT05004: table 'nosuch' does not exist", 1109, '42S02');
  });

  it('VT09005 when a statement needs a keyspace and none is selected', () => {
    fails('show tables', 'VT09005: no database selected: use keyspace<:shard><@type> or keyspace<[range]><@type> (<> are optional)', 1046, '3D000');
    fails('show vschema tables', 'VT09005: no database selected: use keyspace<:shard><@type> or keyspace<[range]><@type> (<> are optional)', 1046, '3D000');
  });

  it('table not found without a keyspace', () => {
    fails('select * from nosuch', 'table nosuch not found', 1105, 'HY000');
  });

  it('VT09002 for writes with a replica or rdonly target', () => {
    fails("insert into customer(email) values ('x')", 'VT09002: insert statement with a replica target', 1874, 'HY000', 'commerce@replica');
    fails("update customer set email = 'y'", 'VT09002: update statement with a replica target', 1874, 'HY000', 'commerce@rdonly');
    fails('delete from customer', 'VT09002: delete statement with a replica target', 1874, 'HY000', 'customer@replica');
  });

  it('routing rule errors: more than one target, disabled, bad target', () => {
    c.setRoutingRules({ customer: ['commerce.customer', 'customer.customer'], corder: [], product: ['nodots'] });
    fails('select * from customer', 'table customer has more than one target: [commerce.customer customer.customer]', 1105, 'HY000');
    fails('select * from corder', 'table corder has been disabled', 1105, 'HY000');
    fails(
      'select * from product',
      "invalid table name: 'nodots', it must be of the qualified form <keyspace_name>.<table_name> (dots are not allowed in either name)",
      1105,
      'HY000',
    );
    c.setRoutingRules({});
  });

  it('a duplicate routing rule makes the entry an error', () => {
    c.topo.saveRoutingRules({
      rules: [
        { from_table: 'customer', to_tables: ['commerce.customer'] },
        { from_table: 'customer', to_tables: ['customer.customer'] },
      ],
    });
    c.topo.rebuildSrvVSchema(['zone1']);
    fails('select * from customer', 'duplicate rule for entry customer', 1105, 'HY000');
    c.setRoutingRules({});
  });

  it('a rule to a keyspace vtgate does not know', () => {
    c.setRoutingRules({ customer: ['gone.customer'] });
    fails('select * from customer', "VT05003: unknown database 'gone' in vschema", 1049, '42000');
    c.setRoutingRules({});
  });
});

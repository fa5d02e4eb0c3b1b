import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../src/tablets/sqlite/sqljs.js';
import type { SqlJsStatic } from '../../src/tablets/sqlite/sqljs.js';
import { Mysqld } from '../../src/tablets/mysqld/mysqld.js';
import { Replication } from '../../src/tablets/replication.js';
import { createSimEnv } from '../../src/engine/sim-env.js';
import type { SimEnv } from '../../src/engine/sim-env.js';
import { isVtError } from '../../src/common/errors.js';

let sql: SqlJsStatic;
beforeAll(async () => {
  sql = await loadSqlJs();
});

function server(env: SimEnv, name = 'vt_commerce'): Mysqld {
  return new Mysqld(sql, { dbName: name, serverUuid: env.rng.serverUuid(), clock: env.clock });
}

const CUSTOMER = `create table if not exists customer(
  customer_id bigint not null auto_increment,
  email varchar(128),
  primary key(customer_id)
) ENGINE=InnoDB`;

describe('Mysqld', () => {
  it('captures every committed change exactly once, in commit order, with GTIDs', () => {
    const env = createSimEnv(1);
    const m = server(env);
    m.execute(CUSTOMER);
    const r = m.execute("insert into customer(email) values ('alice@domain.com'), ('bob@domain.com')");
    expect(r.rowsAffected).toBe(2);
    expect(r.insertId).toBe(1);
    m.execute("update customer set email = 'b@x' where customer_id = 2");
    m.execute('delete from customer where customer_id = 1');
    const txs = Array.from({ length: m.binlog.endIndex() }, (_, i) => m.binlog.at(i)!);
    expect(txs.map((t) => t.gtid.seq)).toEqual([1, 2, 3, 4]);
    expect(txs[0]!.events[0]).toMatchObject({ kind: 'ddl' });
    expect(txs[1]!.events).toHaveLength(2);
    expect(txs[2]!.events[0]).toMatchObject({ kind: 'row', table: 'customer', before: [2, 'bob@domain.com'], after: [2, 'b@x'] });
    expect(txs[3]!.events[0]).toMatchObject({ kind: 'row', before: [1, 'alice@domain.com'], after: null });
    expect(m.position()).toBe(`MySQL56/${m.serverUuid}:1-4`);
  });

  it('discards the events of a rolled-back transaction and of a failed statement', () => {
    const env = createSimEnv(2);
    const m = server(env);
    m.execute(CUSTOMER);
    m.begin();
    m.execute("insert into customer(email) values ('x')");
    m.rollback();
    expect(m.binlog.endIndex()).toBe(1);
    m.begin();
    m.execute("insert into customer(customer_id, email) values (10, 'a')");
    expect(() => m.execute("insert into customer(customer_id, email) values (11, 'b'), (10, 'dup')")).toThrow();
    m.commit();
    const tx = m.binlog.last()!;
    expect(tx.events).toHaveLength(1);
    expect(m.query('select count(*) as n from customer')[0]!.n).toBe(1);
  });

  it('refuses writes when read-only, with MySQL 1290', () => {
    const env = createSimEnv(3);
    const m = server(env);
    m.execute(CUSTOMER);
    m.readOnly = true;
    try {
      m.execute("insert into customer(email) values ('x')");
      expect.unreachable();
    } catch (e) {
      expect(isVtError(e) && e.errno).toBe(1290);
    }
  });

  it('shows tables and create statements', () => {
    const env = createSimEnv(4);
    const m = server(env);
    m.execute(CUSTOMER);
    const t = m.execute('show tables');
    expect(t.fields[0]!.name).toBe('Tables_in_vt_commerce');
    expect(t.rows).toEqual([['customer']]);
    expect(m.showCreateTable('customer')).toContain('CREATE TABLE `customer`');
  });
});

describe('Replication', () => {
  it('replicas converge on the same rows and GTID set after random writes, with delay', () => {
    const env = createSimEnv(11);
    const primary = server(env);
    const replica = server(env);
    const rdonly = server(env);
    const r1 = new Replication(replica, env, 'replica', 50);
    const r2 = new Replication(rdonly, env, 'rdonly', 120);
    r1.start(primary, 'primary');
    primary.execute(CUSTOMER);
    r2.start(primary, 'primary');
    for (let i = 0; i < 300; i++) {
      const op = env.rng.int(3);
      const id = 1 + env.rng.int(50);
      if (op === 0) primary.execute(`insert into customer(email) values ('u${i}@x')`);
      else if (op === 1) primary.execute(`update customer set email = 'v${i}' where customer_id = ${id}`);
      else primary.execute(`delete from customer where customer_id = ${id}`);
      env.scheduler.advance(env.rng.int(20));
    }
    expect(r1.status().pendingTransactions + r2.status().pendingTransactions).toBeGreaterThan(0);
    env.scheduler.advance(1000);
    const rows = (m: Mysqld) => m.selectRows('select customer_id, email from customer order by customer_id').rows;
    expect(rows(replica)).toEqual(rows(primary));
    expect(rows(rdonly)).toEqual(rows(primary));
    expect(replica.gtidExecuted.toString()).toBe(primary.gtidExecuted.toString());
    expect(rdonly.gtidExecuted.toString()).toBe(primary.gtidExecuted.toString());
    expect(r1.status()).toMatchObject({ running: true, pendingTransactions: 0, lastError: '' });
  });

  it('a replica started late catches up from the beginning of the binlog', () => {
    const env = createSimEnv(12);
    const primary = server(env);
    primary.execute(CUSTOMER);
    primary.execute("insert into customer(email) values ('a'), ('b')");
    const replica = server(env);
    new Replication(replica, env, 'late', 0).start(primary, 'primary');
    env.scheduler.advance(10);
    expect(replica.selectRows('select count(*) from customer').rows[0]![0]).toBe(2);
  });
});

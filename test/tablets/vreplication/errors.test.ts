import { describe, expect, it } from 'vitest';
import { CUSTOMER_DDL, rig, state, until } from './support.js';
import type { Rig } from './support.js';
import type { OnDdlAction } from '../../../src/tablets/vreplication/binlog-source.js';

async function running(onDdl?: OnDdlAction): Promise<{ r: Rig; id: number }> {
  const r = await rig();
  r.source.mysqld.execute(CUSTOMER_DDL);
  r.target.mysqld.execute(CUSTOMER_DDL);
  r.source.mysqld.execute("insert into customer(customer_id, email) values (1, 'a@x')");
  const id = r.createStream(onDdl ? { source: { on_ddl: onDdl } } : {});
  until(r, () => state(r, id) === 'Running' && r.logs(id).some((l) => l.type === 'Ended Copy Phase') && !r.engine.isBusy(), 'running');
  return { r, id };
}

describe('VReplication errors', () => {
  it('puts the stream in Error on a duplicate key while applying (terminal error)', async () => {
    const { r, id } = await running();
    r.target.mysqld.execute("insert into customer(customer_id, email) values (5, 'target-only@x')");
    r.source.mysqld.execute("insert into customer(customer_id, email) values (5, 'e@x')");
    until(r, () => state(r, id) === 'Error', 'error');
    const pos = r.source.mysqld.position().replace('MySQL56/', '');
    const cause =
      `error applying event for table customer while processing position ${pos}: ` +
      "Duplicate entry '5' for key 'customer.PRIMARY' (errno 1062) (sqlstate 23000) during query: insert into customer(customer_id,email) values (5,'e@x')";
    expect(r.stream(id).message).toBe(`terminal error: ${cause}`);
    const logs = r.logs(id).slice(-2).map((l) => [l.type, l.state, l.message]);
    expect(logs).toEqual([
      ['Message', 'Running', cause],
      ['State Changed', 'Error', `terminal error: ${cause}`],
    ]);
    // Error is final: nothing runs any more.
    r.source.mysqld.execute("insert into customer(customer_id, email) values (6, 'f@x')");
    r.env.scheduler.advance(30_000);
    expect(r.rows(r.target, 'customer').map((x) => x[0])).toEqual([1, 5]);
    expect(state(r, id)).toBe('Error');
  });

  it('puts the stream in Error on a duplicate key while copying', async () => {
    const r = await rig();
    r.source.mysqld.execute(CUSTOMER_DDL);
    r.target.mysqld.execute(CUSTOMER_DDL);
    r.source.mysqld.execute("insert into customer(customer_id, email) values (1, 'a@x'), (2, 'b@x')");
    r.target.mysqld.execute("insert into customer(customer_id, email) values (2, 'b@x')");
    const id = r.createStream({});
    until(r, () => state(r, id) === 'Error', 'error');
    expect(r.stream(id).message).toBe(
      "terminal error: task error: failed inserting rows: Duplicate entry '2' for key 'customer.PRIMARY' (errno 1062) (sqlstate 23000) during query: insert into customer(customer_id,email) values (2,'b@x')",
    );
    // The failed packet rolled back as a whole, lastpk included.
    expect(r.target.mysqld.query('SELECT lastpk FROM _vt.copy_state')).toEqual([{ lastpk: null }]);
  });

  it('retries a recoverable error every 5s, showing it as the message, and recovers', async () => {
    const { r, id } = await running();
    r.source.mysqld.running = false;
    r.env.scheduler.advance(1_100);
    expect(r.stream(id).message).toBe('vstream ended');
    expect(state(r, id)).toBe('Running');
    r.source.mysqld.running = true;
    r.source.mysqld.execute("insert into customer(customer_id, email) values (2, 'b@x')");
    until(r, () => r.rows(r.target, 'customer').length === 2, 'recovered', 20_000);
    expect(r.stream(id).message).toBe('');
    expect(r.logs(id).some((l) => l.type === 'Message' && l.message === 'vstream ended')).toBe(true);
  });

  it('reports "Error picking tablet" when no source tablet can be found, and picks one when it appears', async () => {
    const r = await rig();
    r.source.mysqld.execute(CUSTOMER_DDL);
    r.target.mysqld.execute(CUSTOMER_DDL);
    r.picker.available = false;
    const id = r.createStream({});
    r.env.scheduler.advance(149_000);
    expect(r.stream(id).message ?? '').toBe('');
    r.env.scheduler.advance(2_000);
    expect(r.stream(id).message).toBe('Error picking tablet: context has expired');
    r.picker.available = true;
    r.env.scheduler.advance(5_000);
    until(r, () => r.logs(id).some((l) => l.type === 'Ended Copy Phase'), 'copied');
    expect(r.target.mysqld.query("SELECT count(*) AS n FROM _vt.vreplication_log WHERE type = 'Message'")).toEqual([{ n: 0 }]);
  });

  it('records the picked source tablet as the message until the first position update', async () => {
    const r = await rig();
    r.source.mysqld.execute(CUSTOMER_DDL);
    r.target.mysqld.execute(CUSTOMER_DDL);
    const id = r.createStream({ state: 'Stopped' });
    r.vrExec(`update _vt.vreplication set state = 'Running' where id = ${id}`);
    r.env.scheduler.step();
    expect(r.stream(id).message).toBe('Picked source tablet: cell:"zone1" uid:100');
  });
});

describe('VReplication on_ddl', () => {
  const ALTER = 'alter table customer add column phone varchar(20)';

  it('IGNORE skips the DDL and keeps the position moving', async () => {
    const { r, id } = await running();
    r.source.mysqld.execute(ALTER);
    until(r, () => r.stream(id).pos === r.source.mysqld.position(), 'position past the DDL');
    expect(r.target.mysqld.schema.layout('customer')?.columns).toEqual(['customer_id', 'email']);
    expect(state(r, id)).toBe('Running');
  });

  it('STOP stops the stream at the DDL, position saved', async () => {
    const { r, id } = await running('STOP');
    r.source.mysqld.execute(ALTER);
    const pos = r.source.mysqld.position();
    r.source.mysqld.execute("insert into customer(customer_id, email, phone) values (2, 'b@x', '555')");
    until(r, () => state(r, id) === 'Stopped', 'stop');
    expect(r.stream(id).message).toBe(`Stopped at DDL ${ALTER}`);
    expect(r.stream(id).pos).toBe(pos);
    r.env.scheduler.advance(5_000);
    expect(r.rows(r.target, 'customer')).toHaveLength(1);
  });

  it('EXEC applies the DDL on the target, then the rows that need it', async () => {
    const { r } = await running('EXEC');
    r.source.mysqld.execute(ALTER);
    r.source.mysqld.execute("insert into customer(customer_id, email, phone) values (2, 'b@x', '555')");
    until(r, () => r.rows(r.target, 'customer').length === 2, 'apply');
    expect(r.rows(r.target, 'customer')).toEqual(r.rows(r.source, 'customer'));
    expect(r.target.mysqld.showCreateTable('customer')).toContain('`phone` varchar(20)');
  });

  it('EXEC_IGNORE ignores a DDL that fails on the target', async () => {
    const { r, id } = await running('EXEC_IGNORE');
    r.target.mysqld.execute(ALTER); // The column already exists on the target: the DDL will fail there.
    r.source.mysqld.execute(ALTER);
    r.source.mysqld.execute("insert into customer(customer_id, email, phone) values (2, 'b@x', '555')");
    until(r, () => r.rows(r.target, 'customer').length === 2, 'apply');
    expect(state(r, id)).toBe('Running');
  });

  it('EXEC stops the stream with the DDL\'s error when it fails on the target', async () => {
    const { r, id } = await running('EXEC');
    r.target.mysqld.execute(ALTER);
    r.source.mysqld.execute(ALTER);
    until(r, () => state(r, id) === 'Error', 'error');
    expect(r.stream(id).message).toBe(`terminal error: Duplicate column name 'phone' (errno 1060) (sqlstate 42S21) during query: ${ALTER}`);
  });
});

describe('VReplication journal', () => {
  it('stops a stream whose tables were partially moved', async () => {
    const r = await rig();
    for (const m of [r.source.mysqld, r.target.mysqld]) {
      m.execute(CUSTOMER_DDL);
      m.execute('create table product (sku varchar(32) not null, primary key(sku))');
    }
    const id = r.createStream({ tables: ['customer', 'product'] });
    until(r, () => state(r, id) === 'Running' && r.logs(id).some((l) => l.type === 'Ended Copy Phase'), 'running');
    r.source.mysqld.execute(
      `insert into _vt.resharding_journal (id, db_name, val) values (1, 'vt_commerce', 'id:1 tables:"customer" shard_gtids:{keyspace:"customer" shard:"0" gtid:"MySQL56/x:1"} participants:{keyspace:"commerce" shard:"0"}')`,
      {},
      { bypassReadOnly: true },
    );
    until(r, () => state(r, id) === 'Stopped', 'stopped');
    expect(r.stream(id).message).toBe('unable to handle journal event: tables were partially matched');
  });

  it('moves a stream to the journal\'s new sources when all its tables moved', async () => {
    const { r, id } = await running();
    const gtid = r.source.mysqld.position();
    r.source.mysqld.execute(
      `insert into _vt.resharding_journal (id, db_name, val) values (7, 'vt_commerce', 'id:7 tables:"customer" shard_gtids:{keyspace:"commerce2" shard:"0" gtid:"${gtid}"} participants:{keyspace:"commerce" shard:"0"} source_workflows:"commerce2customer"')`,
      {},
      { bypassReadOnly: true },
    );
    until(r, () => r.target.mysqld.query('SELECT id FROM _vt.vreplication').length === 1 && r.stream(id).id === undefined, 'transition');
    const rows = r.target.mysqld.query('SELECT * FROM _vt.vreplication');
    expect(rows[0]).toMatchObject({ workflow: 'commerce2customer', pos: gtid, state: 'Running' });
    expect(String(rows[0]?.source)).toBe('keyspace:"commerce2" shard:"0" filter:{rules:{match:"customer" filter:"select * from customer"}}');
  });
});

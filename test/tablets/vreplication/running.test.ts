import { describe, expect, it } from 'vitest';
import { GtidSet } from '../../../src/tablets/binlog/gtid.js';
import { CUSTOMER_DDL, rig, seed, state, until } from './support.js';
import type { Rig } from './support.js';

async function running(): Promise<{ r: Rig; id: number }> {
  const r = await rig();
  r.source.mysqld.execute(CUSTOMER_DDL);
  r.target.mysqld.execute(CUSTOMER_DDL);
  r.source.mysqld.execute("insert into customer(customer_id, email) values (1, 'a@x'), (2, 'b@x')");
  const id = r.createStream({});
  until(r, () => state(r, id) === 'Running' && r.logs(id).some((l) => l.type === 'Ended Copy Phase') && !r.engine.isBusy(), 'running');
  return { r, id };
}

describe('VReplication running phase', () => {
  it('applies inserts, updates and deletes, each source transaction with its position in one target transaction', async () => {
    const { r, id } = await running();
    r.env.scheduler.advance(5_000);
    const m = r.source.mysqld;
    m.execute("insert into customer(customer_id, email) values (3, 'c@x')");
    m.execute("update customer set email = 'b2@x' where customer_id = 2");
    m.execute('delete from customer where customer_id = 1');
    m.execute("update customer set customer_id = 30 where customer_id = 3");
    const targetEnd = r.target.mysqld.binlog.endIndex();
    until(r, () => !r.engine.isBusy(), 'apply');
    r.env.scheduler.advance(10);
    expect(r.rows(r.target, 'customer')).toEqual([
      [2, 'b2@x'],
      [30, 'c@x'],
    ]);
    const st = r.stream(id);
    expect(st.pos).toBe(m.position());
    expect(st.message).toBe('');
    // Lag figures: unix seconds of the virtual clock (time_updated) and of the source commit.
    expect(Number(st.transaction_timestamp)).toBe(Math.floor(m.binlog.last()!.timestampMs / 1000));
    expect(Number(st.time_updated)).toBe(r.env.clock.nowSeconds());
    // Every target transaction that changed customer rows also moved the stream's position.
    let applied = 0;
    for (let i = targetEnd; i < r.target.mysqld.binlog.endIndex(); i++) {
      const tx = r.target.mysqld.binlog.at(i)!;
      const rowsOfCustomer = tx.events.some((e) => e.kind === 'row' && e.table === 'customer');
      if (!rowsOfCustomer) continue;
      applied++;
      expect(tx.events.some((e) => e.kind === 'row' && e.schema === '_vt' && e.table === 'vreplication')).toBe(true);
    }
    expect(applied).toBeGreaterThan(0);
  });

  it('records heartbeats while idle and saves the position of skipped transactions', async () => {
    const { r, id } = await running();
    r.source.mysqld.execute('create table other (id bigint not null, primary key(id))');
    r.source.mysqld.execute('insert into other values (1)');
    const t0 = r.env.clock.nowSeconds();
    r.env.scheduler.advance(3_500);
    const st = r.stream(id);
    expect(Number(st.time_heartbeat)).toBeGreaterThanOrEqual(t0 + 2);
    expect(Number(st.time_updated)).toBeGreaterThanOrEqual(t0 + 2);
    // The other table's transactions are not applied, but the position moves past them.
    expect(st.pos).toBe(r.source.mysqld.position());
    expect(r.target.mysqld.schema.layout('other')).toBeUndefined();
  });

  it('stops at stop_pos with "Stopped at position"', async () => {
    const { r, id } = await running();
    const m = r.source.mysqld;
    m.execute("insert into customer(customer_id, email) values (3, 'c@x')");
    const stop = m.position();
    m.execute("insert into customer(customer_id, email) values (4, 'd@x')");
    r.vrExec(`update _vt.vreplication set state = 'Stopped' where id = ${id}`);
    r.vrExec(`update _vt.vreplication set state = 'Running', stop_pos = '${stop}' where id = ${id}`);
    until(r, () => state(r, id) === 'Stopped', 'stop');
    expect(r.stream(id).message).toBe(`Stopped at position ${stop.replace('MySQL56/', '')}`);
    expect(r.stream(id).pos).toBe(stop);
    expect(r.rows(r.target, 'customer').map((x) => x[0])).toEqual([1, 2, 3]);
    // Starting again at the same stop position: already reached.
    r.vrExec(`update _vt.vreplication set state = 'Running' where id = ${id}`);
    until(r, () => state(r, id) === 'Stopped', 'stop again');
    const set = stop.replace('MySQL56/', '');
    expect(r.stream(id).message).toBe(`Stop position ${set} already reached: ${set}`);
  });

  it('does not run Stopped (or FROZEN) streams, and starts them when set Running', async () => {
    const r = await rig();
    r.source.mysqld.execute(CUSTOMER_DDL);
    r.target.mysqld.execute(CUSTOMER_DDL);
    r.source.mysqld.execute("insert into customer(customer_id, email) values (1, 'a@x')");
    const id = r.createStream({ state: 'Stopped' });
    r.vrExec(`update _vt.vreplication set message = 'FROZEN' where id = ${id}`);
    r.env.scheduler.advance(10_000);
    expect(r.rows(r.target, 'customer')).toEqual([]);
    expect(r.target.mysqld.query('SELECT * FROM _vt.copy_state')).toEqual([]);
    expect(r.engine.streams()[0]).toMatchObject({ state: 'Stopped', message: 'FROZEN', phase: 'idle' });
    r.vrExec(`update _vt.vreplication set state = 'Running', message = '' where id = ${id}`);
    until(r, () => r.rows(r.target, 'customer').length === 1, 'copy');
    const logs = r.logs(id).map((l) => [l.type, l.state, l.message, l.count]);
    expect(logs[0]?.slice(0, 2)).toEqual(['Stream Created', 'Stopped']);
    // The FROZEN update logs a State Changed to the same state: skipped. Running: logged; the
    // Copying that follows has the same (empty) message, so it bumps that entry's count (insertLog).
    expect(logs[1]).toEqual(['State Changed', 'Running', '', 2]);
    expect(logs[2]?.slice(0, 3)).toEqual(['Started Copy Phase', 'Copying', 'Copy phase started for 1 table(s)']);
  });

  it('waits for a position (VReplicationWaitForPos) and times out with Vitess\'s error', async () => {
    const { r, id } = await running();
    r.source.mysqld.execute("insert into customer(customer_id, email) values (3, 'c@x')");
    const pos = r.source.mysqld.position();
    r.engine.waitForPos(id, pos, 30_000);
    expect(GtidSet.parse(String(r.stream(id).pos)).containsSet(GtidSet.parse(pos))).toBe(true);
    // A source tablet that cannot be reached: the stream never gets there.
    r.picker.available = false;
    r.vrExec(`update _vt.vreplication set state = 'Running' where id = ${id}`);
    r.source.mysqld.execute("insert into customer(customer_id, email) values (4, 'd@x')");
    const want = r.source.mysqld.position();
    const last = String(r.stream(id).pos);
    expect(() => r.engine.waitForPos(id, want, 2_000)).toThrow(
      `error waiting for pos: ${want}, last pos: ${last}: context deadline exceeded, wait time: 2s: possibly no tablets are available to stream in the source keyspace for your cell and tablet_types setting`,
    );
    expect(() => r.engine.waitForPos(99, want, 1_000)).toThrow('vreplication stream 99 not found');
  });

  it('logs Stream Deleted and removes copy_state when a stream is deleted', async () => {
    const r = await rig({ config: { copyPacketBytes: 100 } });
    r.source.mysqld.execute(CUSTOMER_DDL);
    r.target.mysqld.execute(CUSTOMER_DDL);
    seed(
      r.source.mysqld,
      'customer',
      Array.from({ length: 200 }, (_, i) => [i + 1, 'x']),
    );
    const id = r.createStream({});
    until(r, () => r.rows(r.target, 'customer').length > 20, 'some copying');
    r.vrExec(`delete from _vt.vreplication where id = ${id}`);
    expect(r.target.mysqld.query('SELECT * FROM _vt.copy_state')).toEqual([]);
    const copied = r.rows(r.target, 'customer').length;
    r.env.scheduler.advance(5_000);
    expect(r.rows(r.target, 'customer').length).toBe(copied);
    expect(r.logs(id).some((l) => l.type === 'Stream Deleted')).toBe(true);
    expect(r.engine.streams()).toEqual([]);
  });

  it('closes with the tablet and resumes when it is primary again', async () => {
    const { r } = await running();
    r.target.server.setState('REPLICA', true, []);
    expect(r.engine.isOpen()).toBe(false);
    r.target.mysqld.readOnly = false;
    r.source.mysqld.execute("insert into customer(customer_id, email) values (3, 'c@x')");
    r.env.scheduler.advance(2_000);
    expect(r.rows(r.target, 'customer')).toHaveLength(2);
    r.target.server.setState('PRIMARY', true, []);
    until(r, () => r.rows(r.target, 'customer').length === 3, 'resume');
  });
});

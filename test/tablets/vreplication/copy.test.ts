import { describe, expect, it } from 'vitest';
import { CORDER_DDL, CUSTOMER_DDL, rig, seed, state, until } from './support.js';
import type { Rig } from './support.js';

/** Inserts n customers with ids 1..n on the source, in one transaction. */
function seedCustomers(r: Rig, n: number): void {
  seed(
    r.source.mysqld,
    'customer',
    Array.from({ length: n }, (_, i) => [i + 1, `user${i + 1}@domain.com`]),
  );
}

/** A write load on the source every `everyMs`: inserts past the seeded range, updates and deletes anywhere. */
function writeLoad(r: Rig, everyMs: number, stop: () => boolean, inserts = true): { writes: number } {
  const stats = { writes: 0 };
  let nextId = 100_000;
  const tick = (): void => {
    if (stop()) return;
    const m = r.source.mysqld;
    const id = 1 + r.env.rng.int(3000);
    switch (r.env.rng.int(4)) {
      case 0:
        if (!inserts) break;
        m.execute(`insert into customer(customer_id, email) values (${nextId++}, 'new@x')`);
        break;
      case 1:
        m.execute(`update customer set email = 'upd${stats.writes}@x' where customer_id = ${id}`);
        break;
      case 2:
        m.execute(`delete from customer where customer_id = ${id}`);
        break;
      default:
        // A multi-row transaction touching copied and not-yet-copied rows together.
        m.transaction(() => {
          m.execute(`update customer set email = 'tx${stats.writes}' where customer_id = ${id}`);
          m.execute(`update customer set email = 'tx${stats.writes}' where customer_id = ${3001 - id}`);
        });
    }
    stats.writes++;
    r.env.scheduler.after(everyMs, 'write load', tick);
  };
  r.env.scheduler.after(everyMs, 'write load', tick);
  return stats;
}

function copyingDone(r: Rig, id: number): boolean {
  return (
    state(r, id) === 'Running' &&
    r.logs(id).some((l) => l.type === 'Ended Copy Phase') &&
    r.engine.streams().every((s) => s.tablesToCopy.length === 0)
  );
}

describe('VReplication copy phase', () => {
  it('copies a few thousand rows in PK batches while writes keep arriving, and ends identical', async () => {
    const r = await rig({ config: { copyPacketBytes: 2_000 } });
    r.source.mysqld.execute(CUSTOMER_DDL);
    r.target.mysqld.execute(CUSTOMER_DDL);
    seedCustomers(r, 3000);
    const id = r.createStream({});
    let copied = false;
    const load = writeLoad(r, 7, () => copied);
    const batches: number[] = [];
    until(
      r,
      () => {
        const lastpk = r.target.mysqld.query('SELECT lastpk FROM _vt.copy_state WHERE vrepl_id = ?', [id])[0]?.lastpk;
        if (typeof lastpk === 'string') batches.push(Number(/values:"(\d+)"/.exec(lastpk)?.[1]));
        copied = copyingDone(r, id);
        return copied;
      },
      'copy to finish',
    );
    // Writes really happened during the copy, and the copy went in many batches, lastpk increasing.
    expect(load.writes).toBeGreaterThan(50);
    const distinct = [...new Set(batches)];
    expect(distinct.length).toBeGreaterThan(10);
    expect(distinct).toEqual([...distinct].sort((a, b) => a - b));
    until(r, () => !r.engine.isBusy(), 'catch up');
    expect(r.rows(r.target, 'customer')).toEqual(r.rows(r.source, 'customer'));
    const st = r.stream(id);
    expect(st.state).toBe('Running');
    expect(st.pos).toBe(r.source.mysqld.position());
    expect(Number(st.rows_copied)).toBeGreaterThanOrEqual(2900);
    expect(r.target.mysqld.query('SELECT * FROM _vt.copy_state')).toEqual([]);
    const logs = r.logs(id).map((l) => [l.type, l.state, l.message]);
    expect(logs.slice(1)).toEqual([
      ['State Changed', 'Copying', ''],
      ['Started Copy Phase', 'Copying', 'Copy phase started for 1 table(s)'],
      ['Ended Copy Phase', 'Copying', expect.stringMatching(/^Copy phase completed at gtid [0-9a-f-]+:1-\d+$/)],
      ['State Changed', 'Running', ''],
    ]);
    expect(logs[0]?.[0]).toBe('Stream Created');
  });

  it('copies tables one at a time in name order', async () => {
    const r = await rig({ config: { copyPacketBytes: 500 } });
    for (const m of [r.source.mysqld, r.target.mysqld]) {
      m.execute(CUSTOMER_DDL);
      m.execute(CORDER_DDL);
    }
    seedCustomers(r, 100);
    seed(
      r.source.mysqld,
      'corder',
      Array.from({ length: 100 }, (_, i) => [i + 1, i + 1, `SKU-${i + 1}`, (i + 1) * 10]),
    );
    const id = r.createStream({ tables: ['customer', 'corder'] });
    const firsts: string[] = [];
    until(
      r,
      () => {
        const s = r.engine.streams()[0];
        const first = s?.tablesToCopy[0];
        if (first !== undefined && firsts[firsts.length - 1] !== first) firsts.push(first);
        return copyingDone(r, id);
      },
      'copy',
    );
    expect(firsts).toEqual(['corder', 'customer']);
    expect(r.rows(r.target, 'corder')).toEqual(r.rows(r.source, 'corder'));
    expect(r.rows(r.target, 'customer')).toEqual(r.rows(r.source, 'customer'));
    expect(r.logs(id).find((l) => l.type === 'Started Copy Phase')?.message).toBe('Copy phase started for 2 table(s)');
  });

  it('resumes from copy_state.lastpk after a tablet restart mid-copy, with no row lost or duplicated', async () => {
    const r = await rig({ config: { copyPacketBytes: 2_000 } });
    r.source.mysqld.execute(CUSTOMER_DDL);
    r.target.mysqld.execute(CUSTOMER_DDL);
    seedCustomers(r, 2000);
    const id = r.createStream({});
    let done = false;
    writeLoad(r, 5, () => done, false);
    until(r, () => r.rows(r.target, 'customer').length > 600, 'part of the copy');
    const before = r.target.mysqld.query('SELECT lastpk FROM _vt.copy_state WHERE vrepl_id = ?', [id])[0]?.lastpk;
    expect(String(before)).toMatch(/^fields:\{name:"customer_id" type:INT64 charset:63 flags:49667\} rows:\{lengths:\d+ values:"\d+"\}$/);
    const copiedBefore = Number(r.stream(id).rows_copied);
    r.restartTarget();
    // While the tablet was down nothing ran; after the restart the copy continues after lastpk.
    until(
      r,
      () => {
        done = copyingDone(r, id);
        return done;
      },
      'copy after restart',
    );
    until(r, () => !r.engine.isBusy(), 'catch up');
    expect(r.rows(r.target, 'customer')).toEqual(r.rows(r.source, 'customer'));
    expect(state(r, id)).toBe('Running');
    // Rows copied before the restart were not copied again.
    expect(Number(r.stream(id).rows_copied)).toBeLessThanOrEqual(2000);
    expect(Number(r.stream(id).rows_copied)).toBeGreaterThan(copiedBefore);
    expect(r.logs(id).map((l) => l.type)).toContain('Restarted Copy Phase');
    expect(r.logs(id).find((l) => l.type === 'Restarted Copy Phase')?.message).toBe('Copy phase restarted for 1 table(s)');
  });

  it('stops after the copy with stop_after_copy', async () => {
    const r = await rig();
    r.source.mysqld.execute(CUSTOMER_DDL);
    r.target.mysqld.execute(CUSTOMER_DDL);
    seedCustomers(r, 10);
    const id = r.createStream({ source: { stop_after_copy: true } });
    until(r, () => state(r, id) === 'Stopped', 'stop after copy');
    expect(r.stream(id).message).toBe('Stopped after copy.');
    r.source.mysqld.execute("insert into customer(customer_id, email) values (11, 'late@x')");
    r.env.scheduler.advance(5_000);
    expect(r.rows(r.target, 'customer')).toHaveLength(10);
  });

  it('stops with "There is nothing to replicate" when no source table matches', async () => {
    const r = await rig();
    r.source.mysqld.execute(CUSTOMER_DDL);
    r.target.mysqld.execute(CUSTOMER_DDL);
    const id = r.createStream({ tables: ['nosuchtable'] });
    until(r, () => state(r, id) === 'Stopped', 'stopped');
    expect(r.stream(id).message).toBe('There is nothing to replicate');
  });

  it('copies and replicates only the rows of its key range (in_keyrange filters)', async () => {
    // A stand-in vindex: even ids map below 0x80, odd ids above.
    const r = await rig({ resolveVindex: (name) => (name === 'customer.hash' ? (v) => (Number(v) % 2 === 0 ? '10' : 'f0') : undefined) });
    r.source.mysqld.execute(CUSTOMER_DDL);
    r.target.mysqld.execute(CUSTOMER_DDL);
    seedCustomers(r, 10);
    const id = r.createStream({
      source: { filter: { rules: [{ match: 'customer', filter: "select * from customer where in_keyrange(customer_id, 'customer.hash', '-80')" }] } },
    });
    until(r, () => copyingDone(r, id), 'copy');
    expect(r.rows(r.target, 'customer').map((x) => x[0])).toEqual([2, 4, 6, 8, 10]);
    const m = r.source.mysqld;
    m.execute("insert into customer(customer_id, email) values (11, 'odd'), (12, 'even')");
    m.execute("update customer set email = 'changed' where customer_id in (3, 4)");
    m.execute('update customer set customer_id = 13 where customer_id = 6'); // leaves the range: a delete here
    m.execute('update customer set customer_id = 14 where customer_id = 5'); // enters the range: an insert here
    until(r, () => !r.engine.isBusy(), 'apply');
    r.env.scheduler.advance(10);
    expect(r.rows(r.target, 'customer')).toEqual([
      [2, 'user2@domain.com'],
      [4, 'changed'],
      [8, 'user8@domain.com'],
      [10, 'user10@domain.com'],
      [12, 'even'],
      [14, 'user5@domain.com'],
    ]);
  });
});

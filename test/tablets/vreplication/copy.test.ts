import { describe, expect, it } from 'vitest';
import { CUSTOMER_DDL, rig, state, until } from './support.js';

describe('VReplication copy phase', () => {
  it('copies a small table and goes Running', async () => {
    const r = await rig();
    r.source.mysqld.execute(CUSTOMER_DDL);
    r.target.mysqld.execute(CUSTOMER_DDL);
    r.source.mysqld.execute("insert into customer(email) values ('a@x'), ('b@x'), ('c@x')");
    const id = r.createStream({});
    until(r, () => state(r, id) === 'Running', 'running');
    r.env.scheduler.advance(100);
    expect(r.rows(r.target, 'customer')).toEqual(r.rows(r.source, 'customer'));
    console.log(r.logs(id).map((l) => `${String(l.type)} | ${String(l.state)} | ${String(l.message)} | ${String(l.count)}`).join('\n'));
    console.log(r.stream(id));
  });
});

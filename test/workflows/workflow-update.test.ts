// `vtctldclient Workflow --keyspace ks update`: the stream's cells, tablet types and on_ddl change on
// the target primary and the stream restarts with them; refusals in the client's words.
import { describe, expect, it } from 'vitest';
import { exampleCluster, fails, ok, primaryQuery, runOk } from './support.js';

const CREATE = "MoveTables --target-keyspace customer --workflow c2c create --source-keyspace commerce --tables 'customer,corder'";
const UPDATE = 'Workflow --keyspace customer update --workflow c2c';

describe('Workflow update', () => {
  it('rewrites tablet_types, cell and the on_ddl of the source; a second identical update changes nothing', async () => {
    const s = await exampleCluster();
    ok(s, CREATE);
    const before = primaryQuery(s, 'customer', 'select tablet_types, cell, source from _vt.vreplication')[0]!;
    expect(before.source).not.toContain('on_ddl');
    const out = JSON.parse(ok(s, `${UPDATE} --tablet-types rdonly,replica --on-ddl exec`)) as { summary: string; details: Array<{ changed: boolean }> };
    expect(out.summary).toBe('Successfully updated the c2c workflow on (1) target primary tablets in the customer keyspace');
    expect(out.details.map((d) => d.changed)).toEqual([true]);
    const after = primaryQuery(s, 'customer', 'select tablet_types, cell, state, source from _vt.vreplication')[0]!;
    expect(after.tablet_types).toBe('in_order:RDONLY,REPLICA');
    expect(after.cell).toBe(before.cell);
    expect(after.state).toBe('Running');
    expect(after.source).toContain('on_ddl:EXEC');
    const again = JSON.parse(ok(s, `${UPDATE} --tablet-types rdonly,replica --on-ddl EXEC`)) as { details: Array<{ changed: boolean }> };
    expect(again.details.map((d) => d.changed)).toEqual([false]);
    ok(s, `${UPDATE} --tablet-types-in-order=false --cells zone1`);
    expect(primaryQuery(s, 'customer', 'select tablet_types from _vt.vreplication')[0]!.tablet_types).toBe('RDONLY,REPLICA');
    // The restarted stream still replicates.
    runOk(s, `mysql -e "insert into customer(email) values ('late@x')"`);
    expect(primaryQuery(s, 'customer', "select count(*) as n from customer where email = 'late@x'")[0]!.n).toBe(1);
  });

  it('refuses no options, an unknown on-ddl and an unknown workflow', async () => {
    const s = await exampleCluster();
    ok(s, CREATE);
    expect(fails(s, UPDATE)).toContain('no configuration options specified to update');
    expect(fails(s, `${UPDATE} --on-ddl sometimes`)).toContain('invalid on-ddl value: sometimes');
    expect(fails(s, 'Workflow --keyspace customer update --workflow nope --cells zone1')).toBe(
      'the nope workflow does not exist in the customer keyspace',
    );
  });
});

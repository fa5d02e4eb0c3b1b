import { describe, it, expect } from 'vitest';
import { Cluster } from '../../src/cluster/cluster.js';
import { CommandSession } from '../../src/commands/session.js';
import { buildClusterView, shortPosition, displayedStreamState, viewKey } from '../../src/cluster/cluster-view.js';
import type { ClusterView, RouteTabletType } from '../../src/cluster/cluster-view.js';
import { loadSqlJs } from '../../src/tablets/sqlite/sqljs.js';

const CREATE = "vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer create --source-keyspace commerce --tables 'customer,corder'";
const MT = 'vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer';

async function session(): Promise<CommandSession> {
  const s = new CommandSession(Cluster.createSync(await loadSqlJs(), { seed: 1 }));
  for (const l of ['./101_initial_cluster.sh', 'mysql < ../common/insert_commerce_data.sql', './201_customer_tablets.sh']) {
    expect(s.run(l).exitCode, l).toBe(0);
  }
  return s;
}

function run(s: CommandSession, line: string): void {
  const r = s.run(line);
  expect(r.exitCode, `${line}\n${r.stderr}`).toBe(0);
}

const routeOf = (v: ClusterView, table: string): Record<RouteTabletType, string | null> => {
  const r = v.routes.find((x) => x.table === table);
  if (!r) throw new Error(`no route for ${table}`);
  return { PRIMARY: r.routes.PRIMARY.keyspace, REPLICA: r.routes.REPLICA.keyspace, RDONLY: r.routes.RDONLY.keyspace };
};

describe('buildClusterView', () => {
  it('follows a MoveTables from create to Complete, reading topo and the sidecar tables', async () => {
    const s = await session();
    const c = s.cluster;
    let v = buildClusterView(c);
    expect(v.keyspaces.map((k) => k.name)).toEqual(['commerce', 'customer']);
    const commerce = v.keyspaces[0]!.shards[0]!;
    expect(commerce.tablets.map((t) => [t.uid, t.type, t.state])).toEqual([
      [100, 'PRIMARY', 'SERVING'],
      [101, 'REPLICA', 'SERVING'],
      [102, 'RDONLY', 'SERVING'],
    ]);
    expect(commerce.primaryAlias).toBe('zone1-0000000100');
    expect(commerce.tablets[1]!.position).toBe(commerce.tablets[0]!.position);
    expect(commerce.tablets[1]!.replication).toMatchObject({ running: true, pending: 0, lagMs: 0 });
    expect(commerce.tablets[0]!.replication).toBeUndefined();
    expect(v.routes).toEqual([]);
    expect(v.workflows).toEqual([]);

    run(s, CREATE);
    v = buildClusterView(c);
    expect(routeOf(v, 'customer')).toEqual({ PRIMARY: 'commerce', REPLICA: 'commerce', RDONLY: 'commerce' });
    expect(routeOf(v, 'corder')).toEqual({ PRIMARY: 'commerce', REPLICA: 'commerce', RDONLY: 'commerce' });
    expect(v.routes.find((r) => r.table === 'customer')!.routes.REPLICA.via).toBe('customer@replica');
    expect(v.routingRules.length).toBeGreaterThanOrEqual(16);
    expect(v.workflows).toHaveLength(1);
    const wf = v.workflows[0]!;
    expect(wf).toMatchObject({ name: 'commerce2customer', keyspace: 'customer', sourceKeyspace: 'commerce', isReverse: false, frozen: false });
    expect(wf.trafficState).toBe('Reads Not Switched. Writes Not Switched');
    expect(wf.streams).toHaveLength(1);
    expect(wf.streams[0]).toMatchObject({ state: 'Running', copyPhase: 'done', sourceKeyspace: 'commerce', sourceShard: '0', tables: ['customer', 'corder'] });
    expect(wf.streams[0]!.logs.map((l) => l.type)).toContain('Ended Copy Phase');
    // Whatever the shard records say (v21+ also denies the tables on the target primary at create).
    const controls = c.topo.getShard('customer', '0')!.tablet_controls.filter((tc) => tc.denied_tables.length > 0);
    expect(v.keyspaces[1]!.shards[0]!.deniedTables).toEqual(
      controls.map((tc) => ({ tabletType: tc.tablet_type, cells: tc.cells, tables: [...tc.denied_tables].sort() })),
    );

    run(s, `${MT} SwitchTraffic --tablet-types rdonly,replica`);
    v = buildClusterView(c);
    expect(routeOf(v, 'customer')).toEqual({ PRIMARY: 'commerce', REPLICA: 'customer', RDONLY: 'customer' });
    expect(v.workflows[0]!.trafficState).toBe('All Reads Switched. Writes Not Switched');

    run(s, `${MT} SwitchTraffic`);
    v = buildClusterView(c);
    expect(routeOf(v, 'customer')).toEqual({ PRIMARY: 'customer', REPLICA: 'customer', RDONLY: 'customer' });
    expect(v.workflows.map((w) => [w.keyspace, w.name, w.frozen, w.trafficState])).toEqual([
      ['commerce', 'commerce2customer_reverse', false, 'All Reads Switched. Writes Switched'],
      ['customer', 'commerce2customer', true, 'All Reads Switched. Writes Switched'],
    ]);
    expect(v.workflows[1]!.streams[0]).toMatchObject({ state: 'Stopped', message: 'FROZEN' });
    expect(v.keyspaces[0]!.shards[0]!.deniedTables).toEqual([{ tabletType: 'PRIMARY', cells: [], tables: ['corder', 'customer'] }]);
    expect(v.keyspaces[1]!.shards[0]!.deniedTables).toEqual([]);

    run(s, `${MT} complete`);
    v = buildClusterView(c);
    expect(v.routes).toEqual([]);
    expect(v.routingRules).toEqual([]);
    expect(v.workflows).toEqual([]);
    expect(v.keyspaces.flatMap((k) => k.shards.flatMap((sh) => sh.deniedTables))).toEqual([]);
  });

  it('shows copy progress per table while the copy runs (settle off)', async () => {
    const s = await session();
    const c = s.cluster;
    const many = Array.from({ length: 1000 }, (_, i) => `('bulk${i}@domain.com')`).join(',');
    run(s, `mysql -e "insert into customer(email) values ${many}"`);
    run(s, 'vtsim settle off');
    run(s, CREATE);
    let v = buildClusterView(c);
    c.env.scheduler.waitFor(() => (v = buildClusterView(c)).workflows[0]?.streams[0]?.copyPhase === 'copying', 60_000);
    const st = v.workflows[0]!.streams[0]!;
    expect(st.state).toBe('Copying');
    expect(st.copy.map((t) => t.table)).toEqual(['corder', 'customer']);
    const customer = st.copy.find((t) => t.table === 'customer')!;
    expect(customer.total).toBe(1005);
    expect(customer.done).toBe(false);
    expect(customer.copied).toBeLessThan(1005);
    run(s, 'vtsim settle now');
    v = buildClusterView(c);
    expect(v.workflows[0]!.streams[0]).toMatchObject({ state: 'Running', copyPhase: 'done', copy: [] });
  });

  it('only reads: building a view moves no time, records no event, and is repeatable', async () => {
    const s = await session();
    run(s, CREATE);
    const c = s.cluster;
    const clock = c.env.clock.nowMs();
    const events = c.env.trace.count();
    const digest = c.env.trace.digest();
    const a = buildClusterView(c);
    const b = buildClusterView(c);
    expect(viewKey(a)).toBe(viewKey(b));
    expect(c.env.clock.nowMs()).toBe(clock);
    expect(c.env.trace.count()).toBe(events);
    expect(c.env.trace.digest()).toBe(digest);
    expect(Object.isFrozen(a.workflows[0]!.streams[0]!.logs)).toBe(true);
  });

  it('shortens positions and tells the displayed stream state the way vtctldclient does', () => {
    expect(shortPosition('MySQL56/5d8e0b24-6873-11ee-9359-49d03ab2cdee:1-51')).toBe('5d8e:1-51');
    expect(shortPosition('MySQL56/aaaa1111-0000-1000-8000-000000000000:1-3,bbbb2222-0000-1000-8000-000000000000:1-7:9')).toBe(
      'aaaa:1-3,bbbb:1-7:9',
    );
    expect(shortPosition('')).toBe('');
    expect(displayedStreamState('Running', '', true)).toBe('Copying');
    expect(displayedStreamState('Running', 'vttablet: Error picking tablet', false)).toBe('Error');
    expect(displayedStreamState('Stopped', 'FROZEN', false)).toBe('Stopped');
  });
});

// vtorc elects a primary only among the tablets whose records are in topo for that shard (as Vitess's vtorc
// reads tablets from topo), so vttablets left running after their records were deleted are never promoted,
// even when a new shard of the same name appears; and nothing thrown in a scheduled callback escapes the
// scheduler (the failed step is reported in the trace).
import { describe, expect, it } from 'vitest';
import { aliasString } from '../../src/common/tablet-alias.js';
import { promoteToPrimary } from '../../src/cluster/reparent.js';
import { newSession, runOk } from '../support/session.js';

const alias = (uid: number): { cell: string; uid: number } => ({ cell: 'zone1', uid });

describe('vtorc', () => {
  it('ignores running tablets whose records are gone when a shard of the same name comes back', async () => {
    const s = await newSession(3);
    runOk(s, './101_initial_cluster.sh', 'mysql < ../common/insert_commerce_data.sql');
    const { cluster } = s;
    const oldPrimary = cluster.topo.getShard('commerce', '0')!.primary_alias!;
    // The shard and its tablet records go away while the three vttablets keep running.
    cluster.topo.deleteShard('commerce', '0', true);
    expect(cluster.topo.getTabletsByShard('commerce', '0')).toEqual([]);
    expect(cluster.shardTablets('commerce', '0').map((p) => p.alias.uid)).toEqual([100, 101, 102]);
    const oldTypes = cluster.shardTablets('commerce', '0').map((p) => p.server!.type);

    // A new shard 0 with new tablets: vtorc must pick one of them, not the old replica with all the data.
    runOk(
      s,
      'CELL=zone1 TABLET_UID=110 ../common/scripts/mysqlctl-up.sh',
      'CELL=zone1 TABLET_UID=111 ../common/scripts/mysqlctl-up.sh',
      'CELL=zone1 KEYSPACE=commerce TABLET_UID=110 ../common/scripts/vttablet-up.sh',
      'CELL=zone1 KEYSPACE=commerce TABLET_UID=111 ../common/scripts/vttablet-up.sh',
      'wait_for_healthy_shard commerce 0 2',
    );
    const primary = cluster.topo.getShard('commerce', '0')!.primary_alias!;
    expect([110, 111]).toContain(primary.uid);
    expect(runOk(s, 'vtctldclient GetTablets --keyspace commerce').trim().split('\n').map((l) => l.split(' ')[0])).toEqual([
      'zone1-0000000110',
      'zone1-0000000111',
    ]);
    // The old vttablets were left alone: same types, not repointed at the new primary.
    expect([100, 101, 102].map((uid) => cluster.tablet(alias(uid))!.server!.type)).toEqual(oldTypes);
    for (const uid of [100, 101, 102].filter((u) => u !== oldPrimary.uid)) {
      expect(cluster.tablet(alias(uid))!.server!.replication.status().sourceName).toBe(aliasString(oldPrimary));
    }
    expect(cluster.env.scheduler.callbackFailures()).toEqual([]);
    expect(cluster.env.trace.recent().filter((e) => e.component === 'vtorc' && e.event === 'elect').map((e) => e.detail)).toContain(
      `commerce/0 ${aliasString(primary)}`,
    );
    // The shard works: a write through vtgate lands on the new primary and reaches its replica.
    runOk(s, 'vtctldclient ApplySchema --sql "create table t(id bigint, primary key(id))" commerce', 'mysql -e "insert into t(id) values (1)"');
    expect(runOk(s, 'mysql -e "use commerce@replica; select count(*) from t"')).toContain('|        1 |');
  });

  it('promoteToPrimary refuses a tablet without its record in the shard before changing anything', async () => {
    const s = await newSession(4);
    runOk(s, './101_initial_cluster.sh');
    const { cluster } = s;
    const before = JSON.stringify(cluster.topo.getShard('commerce', '0'));
    const replica = cluster.topo.getTabletsByShard('commerce', '0').find((t) => t.type === 'REPLICA')!.alias;
    cluster.topo.deleteTablet(replica);
    expect(() => promoteToPrimary(cluster, 'commerce', '0', replica)).toThrow(`node doesn't exist: tablets/${aliasString(replica)}/Tablet`);
    expect(JSON.stringify(cluster.topo.getShard('commerce', '0'))).toBe(before);
    expect(cluster.tablet(replica)!.server!.type).toBe('REPLICA');
  });

  it('a shard deleted between vtorc\'s decision and its recovery is left alone, without an error', async () => {
    const s = await newSession(5);
    runOk(
      s,
      'CELL=zone1 ../common/scripts/etcd-up.sh',
      '../common/scripts/vtctld-up.sh',
      'vtctldclient CreateKeyspace crm',
      'CELL=zone1 TABLET_UID=500 ../common/scripts/mysqlctl-up.sh',
      'CELL=zone1 TABLET_UID=501 ../common/scripts/mysqlctl-up.sh',
      '../common/scripts/vtorc-up.sh',
    );
    const { cluster } = s;
    s.settleEnabled = false;
    runOk(s, 'CELL=zone1 KEYSPACE=crm TABLET_UID=500 ../common/scripts/vttablet-up.sh');
    expect(cluster.vtorc.busy()).toBe(true);
    // Between vtorc's decision and its recovery, the shard disappears (its tablet record with it).
    cluster.topo.deleteShard('crm', '0', true);
    expect(() => cluster.env.scheduler.advance(5_000)).not.toThrow();
    expect(cluster.vtorc.busy()).toBe(false);
    expect(cluster.env.scheduler.callbackFailures()).toEqual([]);
    expect(cluster.topo.getShard('crm', '0')).toBeUndefined();
  });
});

// Reshard of a keyspace that has a reference table: Vitess puts an `exclude` rule for each reference
// table ahead of the stream's `/.*` key-range rule (resharder.go createStreams), and the streams must
// copy and replicate the sharded tables while leaving the reference table alone.
import { describe, expect, it } from 'vitest';
import { newSession } from '../support/session.js';
import { primaryQuery, runOk } from './support.js';

describe('Reshard with a reference table in the keyspace', () => {
  it('copies and replicates the sharded table; the reference table is excluded, not an error', async () => {
    const s = await newSession(3);
    runOk(
      s,
      'CELL=zone1 ../common/scripts/etcd-up.sh',
      '../common/scripts/vtctld-up.sh',
      'vtctldclient CreateKeyspace shop',
      'for i in 500 501; do CELL=zone1 TABLET_UID=$i ../common/scripts/mysqlctl-up.sh; SHARD=-80 CELL=zone1 KEYSPACE=shop TABLET_UID=$i ../common/scripts/vttablet-up.sh; done',
      'for i in 510 511; do CELL=zone1 TABLET_UID=$i ../common/scripts/mysqlctl-up.sh; SHARD=80- CELL=zone1 KEYSPACE=shop TABLET_UID=$i ../common/scripts/vttablet-up.sh; done',
      '../common/scripts/vtorc-up.sh',
      'wait_for_healthy_shard shop -80 2',
      'wait_for_healthy_shard shop 80- 2',
      `vtctldclient ApplySchema --sql "create table item(sku varchar(32) not null, name varchar(64), primary key(sku)); create table region(code char(2) not null, name varchar(32), primary key(code))" shop`,
      `vtctldclient ApplyVSchema --vschema '{"sharded": true, "vindexes": {"xxhash": {"type": "xxhash"}}, "tables": {"item": {"column_vindexes": [{"column": "sku", "name": "xxhash"}]}, "region": {"type": "reference"}}}' shop`,
      '../common/scripts/vtgate-up.sh',
      `mysql -e "insert into item(sku, name) values ${Array.from({ length: 24 }, (_, i) => `('S-${i}','item ${i}')`).join(', ')}"`,
      `mysql -e "use shop/-80; insert into region(code, name) values ('FR','France')"`,
      'for i in 520 521 530 531; do CELL=zone1 TABLET_UID=$i ../common/scripts/mysqlctl-up.sh; done',
      'for i in 520 521; do SHARD=-40 CELL=zone1 KEYSPACE=shop TABLET_UID=$i ../common/scripts/vttablet-up.sh; done',
      'for i in 530 531; do SHARD=40-80 CELL=zone1 KEYSPACE=shop TABLET_UID=$i ../common/scripts/vttablet-up.sh; done',
      'wait_for_healthy_shard shop -40 2',
      'wait_for_healthy_shard shop 40-80 2',
    );
    const before = primaryQuery(s, 'shop', 'select * from item order by sku', '-80');
    expect(before.length).toBeGreaterThan(1);

    const out = runOk(
      s,
      "vtctldclient Reshard --workflow split --target-keyspace shop create --source-shards '-80' --target-shards '-40,40-80'",
      'wait_for_workflow_running shop split',
    );
    expect(out).toContain('The split workflow in the shop keyspace is now running.');
    const show = JSON.parse(runOk(s, 'vtctldclient Workflow --keyspace shop show --workflow split')) as {
      workflows: Array<{ shard_streams: Record<string, { streams: Array<{ state: string; message: string; binlog_source: { filter: { rules: Array<{ match: string; filter: string }> } } }> }> }>;
    };
    for (const ss of Object.values(show.workflows[0]!.shard_streams)) {
      const st = ss.streams[0]!;
      expect(st.state).toBe('Running');
      expect(st.message).toBe('');
      expect(st.binlog_source.filter.rules[0]).toMatchObject({ match: 'region', filter: 'exclude' });
    }

    // The copy phase counted only the sharded table (Vitess: "Copy phase started for 1 table(s)").
    const logs = primaryQuery(s, 'shop', "select message from _vt.vreplication_log where type = 'Started Copy Phase'", '-40');
    expect(logs.map((r) => r.message)).toContain('Copy phase started for 1 table(s)');

    // The sharded table is split between the new shards; the reference table is not copied.
    const copied = [...primaryQuery(s, 'shop', 'select * from item order by sku', '-40'), ...primaryQuery(s, 'shop', 'select * from item order by sku', '40-80')];
    expect(copied.sort((a, b) => String(a.sku).localeCompare(String(b.sku)))).toEqual(before);
    expect(primaryQuery(s, 'shop', 'select * from region', '-40')).toEqual([]);

    // Replication keeps going: a write to the old shard reaches a new one, one to the reference table does not.
    runOk(
      s,
      `mysql -e "insert into item(sku, name) values ${Array.from({ length: 8 }, (_, i) => `('T-${i}','new ${i}')`).join(', ')}"`,
      `mysql -e "use shop/-80; insert into region(code, name) values ('JP','Japan')"`,
      'vtsim sleep 5s',
    );
    const onOld = primaryQuery(s, 'shop', 'select * from item order by sku', '-80');
    expect(onOld.length).toBeGreaterThan(before.length);
    const onNew = [...primaryQuery(s, 'shop', 'select * from item order by sku', '-40'), ...primaryQuery(s, 'shop', 'select * from item order by sku', '40-80')];
    expect(onNew.sort((a, b) => String(a.sku).localeCompare(String(b.sku)))).toEqual(onOld);
    expect(primaryQuery(s, 'shop', 'select * from region', '-40')).toEqual([]);
    expect(primaryQuery(s, 'shop', 'select * from region', '40-80')).toEqual([]);

    expect(runOk(s, 'vtctldclient VDiff --workflow split --target-keyspace shop create')).toMatch(/scheduled on target shards/);
    expect(runOk(s, 'vtctldclient VDiff --workflow split --target-keyspace shop show last')).toMatch(/HasMismatch: {2}false/);
  });
});

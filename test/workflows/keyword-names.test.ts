// MoveTables of tables (and a vindex column) whose names are keywords of Vitess's grammar: the stream
// filters read "select * from `order`" as Vitess prints them (sqlparser's formatID), the copy and the
// switch work, and names that are not keywords stay bare.
import { describe, expect, it } from 'vitest';
import type { CommandSession } from '../../src/commands/session.js';
import { formatIdentifier } from '../../src/common/sql-identifier.js';
import { newSession, runOk } from '../support/session.js';

const MT = 'vtctldclient MoveTables --target-keyspace orders_v2 --workflow move-orders';

async function cluster(targetShards: string[]): Promise<CommandSession> {
  const s = await newSession(3);
  const tablets = (ks: string, shard: string, uids: number[]): string[] =>
    uids.flatMap((uid) => [
      `CELL=zone1 TABLET_UID=${uid} ../common/scripts/mysqlctl-up.sh`,
      `SHARD=${shard} CELL=zone1 KEYSPACE=${ks} TABLET_UID=${uid} ../common/scripts/vttablet-up.sh`,
    ]);
  runOk(
    s,
    'CELL=zone1 ../common/scripts/etcd-up.sh',
    '../common/scripts/vtctld-up.sh',
    'vtctldclient CreateKeyspace ks_2024',
    ...tablets('ks_2024', '0', [100, 101]),
    '../common/scripts/vtorc-up.sh',
    'wait_for_healthy_shard ks_2024 0 2',
    'vtctldclient ApplySchema --sql "create table \\`order\\`(\\`key\\` bigint not null, status varchar(16), primary key(\\`key\\`)); create table invoice(id bigint not null, primary key(id))" ks_2024',
    `vtctldclient ApplyVSchema --vschema '{"tables": {"order": {}, "invoice": {}}}' ks_2024`,
    '../common/scripts/vtgate-up.sh',
    'mysql -e "insert into \\`order\\`(\\`key\\`, status) values (1, \'open\'), (2, \'paid\'), (3, \'open\'), (4, \'sent\'); insert into invoice(id) values (7)"',
    'vtctldclient CreateKeyspace orders_v2',
    ...targetShards.flatMap((shard, i) => tablets('orders_v2', shard, [200 + 100 * i, 201 + 100 * i])),
    ...targetShards.map((shard) => `wait_for_healthy_shard orders_v2 ${shard} 2`),
  );
  return s;
}

function filters(s: CommandSession, cmd: string): string[] {
  const wf = JSON.parse(runOk(s, cmd)) as { workflows: { shard_streams: Record<string, { streams: { binlog_source: { filter: { rules: { filter: string }[] } } }[] }> }[] };
  return Object.values(wf.workflows[0]!.shard_streams).flatMap((ss) => ss.streams.flatMap((st) => st.binlog_source.filter.rules.map((r) => r.filter)));
}

describe('MoveTables of tables named like keywords', () => {
  it('prints identifiers as Vitess does: keywords and odd names back-quoted, others bare', () => {
    expect(formatIdentifier('order')).toBe('`order`');
    expect(formatIdentifier('Status')).toBe('`Status`');
    expect(formatIdentifier('user')).toBe('`user`');
    expect(formatIdentifier('invoice')).toBe('invoice');
    expect(formatIdentifier('key_value')).toBe('key_value');
    expect(formatIdentifier('t2')).toBe('t2');
    expect(formatIdentifier('2t')).toBe('`2t`');
    expect(formatIdentifier('a-b')).toBe('`a-b`');
  });

  it('copies and switches `order` into an unsharded keyspace; the filters quote only the keyword', async () => {
    const s = await cluster(['0']);
    runOk(s, `${MT} create --source-keyspace ks_2024 --tables 'order,invoice'`);
    expect(filters(s, `${MT} show --include-logs=false`)).toEqual(['select * from `order`', 'select * from invoice']);
    expect(runOk(s, 'mysql -e "use orders_v2/0@replica; select count(*) from \\`order\\`"')).toContain('4');
    runOk(s, `${MT} SwitchTraffic`);
    runOk(s, 'mysql -e "insert into \\`order\\`(\\`key\\`, status) values (5, \'new\')"');
    expect(runOk(s, 'mysql -e "use ks_2024/0@replica; select status from \\`order\\` where \\`key\\` = 5"')).toContain('new');
    expect(filters(s, 'vtctldclient Workflow --keyspace ks_2024 show --workflow move-orders_reverse')).toEqual(['select * from `order`', 'select * from `invoice`']);
  });

  it('filters a sharded target on a keyword vindex column: in_keyrange(`key`, ...)', async () => {
    const s = await cluster(['-80', '80-']);
    runOk(s, `vtctldclient ApplyVSchema --vschema '{"sharded": true, "vindexes": {"hash": {"type": "hash"}}, "tables": {"order": {"column_vindexes": [{"column": "key", "name": "hash"}]}}}' orders_v2`);
    runOk(s, `${MT} create --source-keyspace ks_2024 --tables 'order'`);
    expect(filters(s, `${MT} show --include-logs=false`).sort()).toEqual([
      "select * from `order` where in_keyrange(`key`, 'orders_v2.hash', '-80')",
      "select * from `order` where in_keyrange(`key`, 'orders_v2.hash', '80-')",
    ]);
    const count = (shard: string): number => Number(/\d+/.exec(runOk(s, `mysql -e "use orders_v2/${shard}@replica; select count(*) from \\\`order\\\`"`))?.[0]);
    expect(count('-80') + count('80-')).toBe(4);
    expect(count('-80')).toBeGreaterThan(0);
    expect(count('80-')).toBeGreaterThan(0);
  });
});

// The numbered scripts of examples/local, as sequences of the commands the real scripts run
// (reference §1.2), so their output is what those commands print. Nothing here is specific to the
// tutorial beyond what the real scripts themselves name (commerce/customer, uids 100-102/200-202).

import type { CommandResult } from '../types.js';
import type { CommandSession } from '../session.js';
import { ScriptOutput } from './script.js';
import type { Script } from './script.js';

/** Runs command lines in order, stopping at the first failure (the scripts use `set -e` semantics). */
function steps(session: CommandSession, lines: string[], out = new ScriptOutput()): ScriptOutput {
  for (const line of lines) {
    if (out.exitCode !== 0) break;
    out.step(session.exec(line));
  }
  return out;
}

function tabletUp(keyspace: string, shard: string, uids: number[]): string[] {
  const lines: string[] = [];
  for (const uid of uids) lines.push(`CELL=zone1 TABLET_UID=${uid} ../common/scripts/mysqlctl-up.sh`);
  for (const uid of uids) {
    lines.push(`CELL=zone1 KEYSPACE=${keyspace} SHARD=${shard} TABLET_UID=${uid} ../common/scripts/vttablet-up.sh`);
  }
  return lines;
}

function script(name: string, usage: string, run: (s: CommandSession, env: Record<string, string>) => CommandResult): Script {
  return { name, usage, run: (s, _args, env) => run(s, env) };
}

export const localExampleScripts: Script[] = [
  script('101_initial_cluster.sh', './101_initial_cluster.sh', (s) => {
    const out = steps(s, ['CELL=zone1 ../common/scripts/etcd-up.sh', '../common/scripts/vtctld-up.sh']);
    if (out.exitCode !== 0) return out.result();
    const exists = s.exec('vtctldclient GetKeyspace commerce').exitCode === 0;
    steps(
      s,
      [
        exists
          ? 'vtctldclient SetKeyspaceDurabilityPolicy --durability-policy=semi_sync commerce'
          : 'vtctldclient CreateKeyspace --sidecar-db-name="_vt" --durability-policy=semi_sync commerce',
        ...tabletUp('commerce', '0', [100, 101, 102]),
        '../common/scripts/vtorc-up.sh',
        'wait_for_healthy_shard commerce 0',
        'vtctldclient ApplySchema --sql-file create_commerce_schema.sql commerce',
        'vtctldclient ApplyVSchema --vschema-file vschema_commerce_initial.json commerce',
        '../common/scripts/vtgate-up.sh',
      ],
      out,
    );
    return out.result();
  }),
  script('201_customer_tablets.sh', './201_customer_tablets.sh', (s) =>
    steps(s, [
      ...tabletUp('customer', '0', [200, 201, 202]),
      'vtctldclient --server localhost:15999 SetKeyspaceDurabilityPolicy --durability-policy=semi_sync customer',
      'wait_for_healthy_shard customer 0',
    ]).result(),
  ),
  script('202_move_tables.sh', './202_move_tables.sh', (s) =>
    steps(s, [
      `vtctldclient MoveTables --workflow commerce2customer --target-keyspace customer create --source-keyspace commerce --tables "customer,corder"`,
      'wait_for_workflow_running customer commerce2customer',
    ]).result(),
  ),
  script('203_switch_reads.sh', './203_switch_reads.sh', (s) =>
    steps(s, [
      'vtctldclient MoveTables --workflow commerce2customer --target-keyspace customer switchtraffic --tablet-types "rdonly,replica"',
    ]).result(),
  ),
  script('204_switch_writes.sh', './204_switch_writes.sh', (s) =>
    steps(s, ['vtctldclient MoveTables --workflow commerce2customer --target-keyspace customer switchtraffic --tablet-types primary']).result(),
  ),
  script('205_clean_commerce.sh', './205_clean_commerce.sh', (s) =>
    steps(s, ['vtctldclient MoveTables --workflow commerce2customer --target-keyspace customer complete']).result(),
  ),
  script('301_customer_sharded.sh', './301_customer_sharded.sh', (s) =>
    steps(s, [
      'vtctldclient ApplySchema --sql-file create_commerce_seq.sql commerce',
      'vtctldclient ApplyVSchema --vschema-file vschema_commerce_seq.json commerce',
      'vtctldclient ApplyVSchema --vschema-file vschema_customer_sharded.json customer',
      'vtctldclient ApplySchema --sql-file create_customer_sharded.sql customer',
    ]).result(),
  ),
  script('302_new_shards.sh', './302_new_shards.sh', (s) =>
    steps(s, [
      ...tabletUp('customer', '-80', [300, 301, 302]),
      ...tabletUp('customer', '80-', [400, 401, 402]),
      'wait_for_healthy_shard customer -80',
      'wait_for_healthy_shard customer 80-',
    ]).result(),
  ),
  script('303_reshard.sh', './303_reshard.sh', (s) =>
    steps(s, [
      `vtctldclient Reshard --workflow cust2cust --target-keyspace customer create --source-shards '0' --target-shards '-80,80-'`,
      'wait_for_workflow_running customer cust2cust',
    ]).result(),
  ),
  script('304_switch_reads.sh', './304_switch_reads.sh', (s) =>
    steps(s, ['vtctldclient Reshard --workflow cust2cust --target-keyspace customer switchtraffic --tablet-types "rdonly,replica"']).result(),
  ),
  script('305_switch_writes.sh', './305_switch_writes.sh', (s) =>
    steps(s, ['vtctldclient Reshard --workflow cust2cust --target-keyspace customer switchtraffic --tablet-types "primary"']).result(),
  ),
  script('306_down_shard_0.sh', './306_down_shard_0.sh', (s) => {
    const out = steps(s, ['vtctldclient Reshard --workflow cust2cust --target-keyspace customer complete']);
    for (const uid of [200, 201, 202]) {
      steps(s, [`CELL=zone1 TABLET_UID=${uid} ../common/scripts/vttablet-down.sh`, `CELL=zone1 TABLET_UID=${uid} ../common/scripts/mysqlctl-down.sh`], out);
    }
    return out.result();
  }),
  script('501_teardown.sh', './501_teardown.sh', teardown),
  script('401_teardown.sh', './401_teardown.sh', teardown),
];

function teardown(s: CommandSession): CommandResult {
  const out = steps(s, ['../common/scripts/vtadmin-down.sh', '../common/scripts/vtorc-down.sh', '../common/scripts/vtgate-down.sh']);
  for (const p of s.cluster.tabletProcesses()) {
    const a = p.alias;
    steps(s, [`CELL=${a.cell} TABLET_UID=${a.uid} ../common/scripts/vttablet-down.sh`, `CELL=${a.cell} TABLET_UID=${a.uid} ../common/scripts/mysqlctl-down.sh`], out);
  }
  steps(s, ['../common/scripts/vtctld-down.sh', '../common/scripts/etcd-down.sh'], out);
  // `rm -r $VTDATAROOT/*`: all data and topology are gone.
  s.cluster.reset();
  out.print('Removed the data directory ($VTDATAROOT): the cluster is gone.');
  return out.result();
}

import { it } from 'vitest';
import { exampleCluster, ok, vtctld, runOk } from './support.js';
it('copying', async () => {
  const s = await exampleCluster();
  const src = s.cluster.topo.getShard('commerce', '0')!.primary_alias!;
  const values = Array.from({ length: 3000 }, (_, i) => `('user${i}@x.com')`).join(',');
  s.cluster.tmc.executeFetchAsDba(src, `insert into customer (email) values ${values}`);
  runOk(s, 'vtsim settle');
  s.settleEnabled = false;
  console.log(JSON.stringify(vtctld(s, "MoveTables --target-keyspace customer --workflow w create --source-keyspace commerce --tables 'customer,corder'")));
  s.cluster.env.scheduler.advance(20);
  console.log(ok(s, 'MoveTables --target-keyspace customer --workflow w status --format json'));
  console.log(JSON.stringify(vtctld(s, 'MoveTables --target-keyspace customer --workflow w SwitchTraffic')));
  const show = JSON.parse(ok(s, 'MoveTables --target-keyspace customer --workflow w show'));
  console.log(show.workflows[0].max_v_replication_transaction_lag, JSON.stringify(Object.values(show.workflows[0].shard_streams)[0]));
  console.log(runOk(s, `mysql -e "insert into customer(email) values ('z@z')"`));
  console.log(runOk(s, `mysql -e "select count(*) from customer"`));
});

import { it } from 'vitest';
import { exampleCluster, ok } from './support.js';
it('page', async () => {
  const s = await exampleCluster();
  const MT = 'MoveTables --target-keyspace customer --workflow commerce2customer';
  for (const l of [`${MT} create --source-keyspace commerce --tables 'customer,corder'`, `${MT} status --format=json`, `${MT} show --include-logs=false`,
    'VDiff --target-keyspace customer --workflow commerce2customer create', 'VDiff --format=json --target-keyspace customer --workflow commerce2customer show last --verbose',
    'VDiff --target-keyspace customer --workflow commerce2customer show last',
    `${MT} SwitchTraffic`, 'Workflow --keyspace commerce show --workflow commerce2customer_reverse', `${MT} complete`, 'GetRoutingRules', 'Workflow --keyspace customer list']) {
    console.log('$ ' + l + '\n' + ok(s, l));
  }
});

import { Cluster } from '../src/cluster/cluster.js';
import { CommandSession } from '../src/commands/session.js';
const c = await Cluster.create();
const s = new CommandSession(c);
const lines = ['./101_initial_cluster.sh', 'mysql < ../common/insert_commerce_data.sql', './201_customer_tablets.sh',
 "vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer create --source-keyspace commerce --tables 'customer,corder'",
 'mysql -e "show keyspaces"', 'mysql -e "select * from customer"', 'mysql -e "use customer/0; select * from customer"', 'mysql -e "use customer/0@replica; select * from customer"',
 'vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer SwitchTraffic',
 'mysql -e "use commerce; select * from customer where customer_id = 2"', "mysql -e \"insert into customer(email) values ('zed@domain.com'); select last_insert_id()\"",
 'vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer complete',
 'mysql < ../common/select_commerce_data.sql', 'mysql -e "select * from customer"',
];
for (const line of lines) {
  const r = s.run(line);
  console.log('$ ' + line); console.log((r.stdout + r.stderr).slice(0, 1500), r.exitCode);
}

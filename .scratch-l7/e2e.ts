import { Cluster } from '../src/cluster/cluster.js';
import { CommandSession } from '../src/commands/session.js';
const c = await Cluster.create();
const s = new CommandSession(c);
for (const line of ['./101_initial_cluster.sh', 'mysql < ../common/insert_commerce_data.sql', 'mysql --table < ../common/select_commerce_data.sql', 'mysql -e "show vitess_tablets"', './201_customer_tablets.sh', 'mysql -e "show vitess_tablets"', 'mysql -e "show keyspaces"']) {
  const r = s.run(line);
  console.log('$ ' + line); console.log(r.stdout + r.stderr, r.exitCode);
}

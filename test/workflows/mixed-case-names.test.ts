// Tables created with upper-case letters keep their names, as MySQL on Linux keeps them: SHOW TABLES
// and GetSchema list `Customer`, and MoveTables --tables 'Customer' finds it (it used to be listed as
// `customer`, so the move was refused with "table(s) not found in source keyspace").
import { describe, expect, it } from 'vitest';
import { newSession, runOk } from '../support/session.js';

describe('mixed-case table names', () => {
  it('are listed as created and can be moved under that name', async () => {
    const s = await newSession(5);
    const tablets = (ks: string, uids: number[]): string[] =>
      uids.flatMap((uid) => [`CELL=zone1 TABLET_UID=${uid} ../common/scripts/mysqlctl-up.sh`, `CELL=zone1 KEYSPACE=${ks} TABLET_UID=${uid} ../common/scripts/vttablet-up.sh`]);
    runOk(
      s,
      'CELL=zone1 ../common/scripts/etcd-up.sh',
      '../common/scripts/vtctld-up.sh',
      'vtctldclient CreateKeyspace legacy',
      ...tablets('legacy', [100, 101]),
      '../common/scripts/vtorc-up.sh',
      'wait_for_healthy_shard legacy 0 2',
      'vtctldclient ApplySchema --sql "create table Customer(Customer_id bigint not null, primary key(Customer_id)); create table audit(id int not null, primary key(id))" legacy',
      `vtctldclient ApplyVSchema --vschema '{"tables": {"Customer": {}, "audit": {}}}' legacy`,
      '../common/scripts/vtgate-up.sh',
      'mysql -e "insert into Customer(Customer_id) values (1), (2)"',
      'vtctldclient CreateKeyspace modern',
      ...tablets('modern', [200, 201]),
      'wait_for_healthy_shard modern 0 2',
    );
    expect(runOk(s, 'mysql -e "use legacy/0; show tables"')).toMatch(/\| Customer +\|\n\| audit +\|/);
    expect(runOk(s, 'vtctldclient GetSchema --table-names-only zone1-100')).toContain('Customer');
    runOk(s, "vtctldclient MoveTables --target-keyspace modern --workflow legacy2modern create --source-keyspace legacy --tables 'Customer'");
    const rules = JSON.parse(runOk(s, 'vtctldclient GetRoutingRules')) as { rules: { from_table: string }[] };
    expect(rules.rules.map((r) => r.from_table)).toContain('modern.Customer@replica');
    expect(runOk(s, 'mysql -e "use modern/0@replica; show tables"')).toContain('Customer');
    expect(runOk(s, 'mysql -e "use modern/0@replica; select count(*) from Customer"')).toMatch(/\|\s+2 \|/);
  });
});

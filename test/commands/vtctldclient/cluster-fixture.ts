// A small cluster for the vtctldclient command tests, built with the example's generic scripts and
// names that are not the tutorial's: keyspace `crm`, shard 0, tablets 500 (primary after vtorc's
// election), 501 (replica) and 502 (rdonly), with one table and a few rows.
import type { CommandSession } from '../../../src/commands/session.js';
import { newSession, runOk } from '../../support/session.js';

export async function crmCluster(seed = 1): Promise<CommandSession> {
  const s = await newSession(seed);
  runOk(s, 'CELL=zone1 ../common/scripts/etcd-up.sh', '../common/scripts/vtctld-up.sh', '../common/scripts/vtorc-up.sh');
  for (const uid of [500, 501, 502]) runOk(s, `CELL=zone1 TABLET_UID=${uid} ../common/scripts/mysqlctl-up.sh`);
  for (const uid of [500, 501, 502]) runOk(s, `CELL=zone1 KEYSPACE=crm SHARD=0 TABLET_UID=${uid} ../common/scripts/vttablet-up.sh`);
  runOk(s, 'CELL=zone1 ../common/scripts/vtgate-up.sh');
  runOk(
    s,
    `vtctldclient ApplySchema --sql "create table contact(id bigint not null auto_increment, name varchar(64), primary key(id))" crm`,
    `mysql -e "insert into crm.contact(name) values ('ada'), ('grace'), ('linus')"`,
  );
  return s;
}

/** The alias of the shard's primary and of its replicas, as topo says. */
export function roles(s: CommandSession, keyspace = 'crm', shard = '0'): { primary: string; replica: string; rdonly: string } {
  const lines = runOk(s, `vtctldclient GetTablets --keyspace ${keyspace} --shard ${shard}`).trim().split('\n');
  const byType = (t: string): string => lines.find((l) => l.split(' ')[3] === t)?.split(' ')[0] ?? '';
  return { primary: byType('primary'), replica: byType('replica'), rdonly: byType('rdonly') };
}

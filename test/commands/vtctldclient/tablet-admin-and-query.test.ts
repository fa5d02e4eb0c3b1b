// vtctldclient ChangeTabletType, Start/StopReplication, SetWritable, RefreshState*, ExecuteFetchAs* and
// ReloadSchema* against a real simulated cluster: replication really stops and resumes, types really
// change in topo and on the tablet, SQL really runs on the tablet's own database.
import { describe, expect, it } from 'vitest';
import { runOk } from '../../support/session.js';
import { renderTableWriter } from '../../../src/commands/render/tablewriter.js';
import { crmCluster, roles } from './cluster-fixture.js';

const count = (s: Parameters<typeof runOk>[0], alias: string): string =>
  runOk(s, `vtctldclient ExecuteFetchAsDBA --json ${alias} "select count(*) as n from contact"`).match(/"rows": \[\s*\[\s*(\d+)/)?.[1] ?? '';

describe('replication control', () => {
  it('StopReplication really stops the replica until StartReplication, which catches it up', async () => {
    const s = await crmCluster();
    const { primary, replica } = roles(s);
    expect(count(s, replica)).toBe('3');
    expect(runOk(s, `vtctldclient StopReplication ${replica}`)).toBe('');
    runOk(s, `vtctldclient ExecuteFetchAsDBA ${primary} "insert into contact(name) values ('eve')"`, 'sleep 5');
    expect(count(s, primary)).toBe('4');
    expect(count(s, replica)).toBe('3');
    expect(runOk(s, `vtctldclient StartReplication ${replica}`)).toBe('');
    runOk(s, 'sleep 1');
    expect(count(s, replica)).toBe('4');
    expect(s.run(`vtctldclient StartReplication ${primary}`).stderr).toContain(
      'The server is not configured as replica; fix in config file or with CHANGE REPLICATION SOURCE TO (errno 1200) (sqlstate HY000) during query: START REPLICA',
    );
  });

  it('SetWritable toggles the read-only flag a direct write meets', async () => {
    const s = await crmCluster();
    const { replica } = roles(s);
    const write = `vtctldclient ExecuteFetchAsApp ${replica} "insert into contact(name) values ('x')"`;
    expect(s.run(write).stderr).toContain('--super-read-only option so it cannot execute this statement (errno 1290) (sqlstate HY000)');
    runOk(s, `vtctldclient SetWritable ${replica} true`);
    expect(s.run(write).exitCode).toBe(0);
    expect(s.run(`vtctldclient SetWritable ${replica} maybe`).stderr).toContain('strconv.ParseBool: parsing "maybe": invalid syntax');
  });
});

describe('ChangeTabletType', () => {
  it('moves a replica between replica/rdonly/spare/drained, refuses primary changes, and --dry-run changes nothing', async () => {
    const s = await crmCluster();
    const { primary, replica } = roles(s);
    const dry = runOk(s, `vtctldclient ChangeTabletType --dry-run ${replica} drained`);
    expect(dry.split('\n')[0]).toBe('--- DRY RUN ---');
    expect(dry).toMatch(/^\+ \S+ crm 0 drained /m);
    expect(roles(s).replica).toBe(replica);
    const out = runOk(s, `vtctldclient ChangeTabletType ${replica} rdonly`);
    expect(out).toMatch(new RegExp(`^- ${replica} crm 0 replica .*\\n\\+ ${replica} crm 0 rdonly `));
    expect(s.cluster.server({ cell: 'zone1', uid: Number(replica.split('-')[1]) })?.type).toBe('RDONLY');
    const uid = Number(primary.split('-')[1]);
    expect(s.run(`vtctldclient ChangeTabletType ${primary} replica`).stderr).toContain(
      `tablet cell:"zone1" uid:${uid} type change PRIMARY -> REPLICA is not an allowed transition for ChangeTabletType`,
    );
    expect(s.run(`vtctldclient ChangeTabletType ${replica} primary`).stderr).toContain('RDONLY -> PRIMARY is not an allowed transition');
    expect(s.run(`vtctldclient ChangeTabletType ${replica} leader`).stderr).toContain('unknown TabletType leader');
    // topodata.TabletType numbers, as GetTablets --format json prints them: SPARE is 4.
    runOk(s, `vtctldclient ChangeTabletType ${replica} spare`);
    const listed = JSON.parse(runOk(s, 'vtctldclient GetTablets --format json')) as Array<{ alias: { uid: number }; type: unknown }>;
    expect(listed.find((t) => `zone1-${String(t.alias.uid).padStart(10, '0')}` === replica)?.type).toBe(4);
    // A spare tablet runs no query service.
    expect(runOk(s, 'mysql -e "show vitess_tablets"')).toMatch(new RegExp(`\\| SPARE +\\| NOT_SERVING \\| ${replica} `));
    runOk(s, `vtctldclient ChangeTabletType ${replica} rdonly`);
    expect(runOk(s, `vtctldclient RefreshState ${replica}`)).toBe(`Refreshed state on ${replica}\n`);
    expect(runOk(s, 'vtctldclient RefreshStateByShard --cells zone1 crm/0')).toBe('Refreshed state on crm/0 in cells zone1\n');
  });
});

describe('ExecuteFetchAsDBA / ExecuteFetchAsApp', () => {
  it('prints the tablet result as a tablewriter table, or as sqltypes.Result JSON', async () => {
    const s = await crmCluster();
    const { primary } = roles(s);
    expect(runOk(s, `vtctldclient ExecuteFetchAsDBA ${primary} "select id, name from contact order by id"`)).toBe(
      ['+----+-------+', '| id | name  |', '+----+-------+', '|  1 | ada   |', '|  2 | grace |', '|  3 | linus |', '+----+-------+', ''].join('\n'),
    );
    expect(runOk(s, `vtctldclient ExecuteFetchAsDBA ${primary} "select id from contact where id > 99"`)).toBe('');
    const json = JSON.parse(runOk(s, `vtctldclient ExecuteFetchAsDBA --json ${primary} "select id, name from contact where id = 2"`));
    expect(json.rows).toEqual([[2, 'grace']]);
    expect(json.fields.map((f: { name: string; type: number }) => [f.name, f.type])).toEqual([['id', 265], ['name', 6165]]);
    expect(s.run(`vtctldclient ExecuteFetchAsDBA --max-rows 2 ${primary} "select * from contact"`).stderr).toContain(
      'rpc error: code = Aborted desc = Row count exceeded 2',
    );
    expect(s.run(`vtctldclient ExecuteFetchAsApp ${primary} "select * from nope"`).stderr).toContain(
      "Table 'vt_crm.nope' doesn't exist (errno 1146) (sqlstate 42S02) during query: select * from nope",
    );
  });

  it('wraps long cells as tablewriter does (30 columns, minimal raggedness)', () => {
    expect(renderTableWriter(['a'], [['the quick brown fox jumps over the lazy dog']])).toBe(
      ['+--------------------------------+', '|               a                |', '+--------------------------------+',
        '| the quick brown fox jumps over |', '| the lazy dog                   |', '+--------------------------------+', ''].join('\n'),
    );
  });
});

describe('ReloadSchema*', () => {
  it('succeed silently on known targets and fail on unknown ones', async () => {
    const s = await crmCluster();
    const { replica } = roles(s);
    expect(runOk(s, `vtctldclient ReloadSchema ${replica}`, 'vtctldclient ReloadSchemaShard crm/0', 'vtctldclient ReloadSchemaKeyspace --include-primary crm')).toBe('');
    expect(s.run('vtctldclient ReloadSchema zone1-999').stderr).toContain('GetTablet(cell:"zone1" uid:999) failed: node doesn\'t exist');
    expect(s.run('vtctldclient ReloadSchemaKeyspace nope').stderr).toContain('GetShardNames(nope) failed: node doesn\'t exist');
  });
});

describe('EmergencyReparentShard', () => {
  it('promotes the running replica when the primary is down, and refuses a candidate that is not valid', async () => {
    const s = await crmCluster();
    const { primary, replica, rdonly } = roles(s);
    runOk(s, '../common/scripts/vtorc-down.sh', `CELL=zone1 TABLET_UID=${Number(primary.split('-')[1])} ../common/scripts/vttablet-down.sh`);
    expect(s.run(`vtctldclient EmergencyReparentShard --new-primary ${rdonly} crm/0`).stderr).toContain(
      `requested candidate cell:"zone1" uid:${Number(rdonly.split('-')[1])} is not in valid candidates list`,
    );
    const shardPrimary = (): number => JSON.parse(runOk(s, 'vtctldclient GetShard crm/0')).shard.primary_alias.uid;
    expect(shardPrimary()).toBe(Number(primary.split('-')[1]));
    const out = runOk(s, 'vtctldclient EmergencyReparentShard crm/0');
    expect(out).toMatch(/^I\d{4} \d\d:\d\d:\d\d\.\d{6} emergency_reparenter\.go:150\] will initiate emergency reparent shard in keyspace - crm, shard - 0$/m);
    expect(out).toContain(`starting promotion for the new primary - ${replica}`);
    expect(shardPrimary()).toBe(Number(replica.split('-')[1]));
    runOk(s, `vtctldclient ExecuteFetchAsApp ${replica} "insert into contact(name) values ('new')"`, 'sleep 1');
    expect(count(s, rdonly)).toBe('4');
    // The old primary's record still says PRIMARY; GetTablets reports it as unknown (a stale primary).
    expect(runOk(s, 'vtctldclient GetTablets --keyspace crm')).toMatch(new RegExp(`^${primary} crm 0 unknown .* <null>$`, 'm'));
    expect(runOk(s, 'vtctldclient GetTablets --tablet-type primary').trim().split('\n')).toHaveLength(1);
  });
});

describe('PlannedReparentShard', () => {
  it('prints the reparenter events one per line, as logutil.EventString does, and moves the primary', async () => {
    const s = await crmCluster();
    const { primary, replica } = roles(s);
    const out = runOk(s, `vtctldclient PlannedReparentShard --new-primary ${replica} crm/0`);
    const lines = out.trimEnd().split('\n');
    for (const l of lines) expect(l).toMatch(/^I\d{4} \d\d:\d\d:\d\d\.\d{6} planned_reparenter\.go:\d+\] /);
    const messages = lines.map((l) => l.slice(l.indexOf('] ') + 2));
    expect(messages[0]).toMatch(/^Getting a new durability policy for /);
    expect(messages).toContain(`demoting current primary: ${primary}`);
    expect(messages).toContain(`setting new primary on replica ${primary}`);
    expect(messages[messages.length - 1]).toBe(`populating reparent journal on new primary ${replica}`);
    expect(roles(s).primary).toBe(replica);
  });

  it('leaves a replica stopped with StopReplication stopped; the old primary replicates from the new one', async () => {
    const s = await crmCluster();
    const { primary, replica, rdonly } = roles(s);
    runOk(s, `vtctldclient StopReplication ${rdonly}`, `vtctldclient PlannedReparentShard --new-primary ${replica} crm/0`);
    runOk(s, `vtctldclient ExecuteFetchAsApp ${replica} "insert into contact(name) values ('after')"`, 'sleep 5');
    expect(count(s, primary)).toBe('4');
    expect(count(s, rdonly)).toBe('3');
    runOk(s, `vtctldclient StartReplication ${rdonly}`, 'sleep 1');
    expect(count(s, rdonly)).toBe('4');
  });
});

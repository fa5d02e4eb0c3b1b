import { describe, expect, it } from 'vitest';
import { newSession, runOk } from '../support/session.js';

describe('the local example through the shell', () => {
  it('101 builds commerce: one primary, one replica, one rdonly, schema and vschema applied', async () => {
    const s = await newSession();
    runOk(s, './101_initial_cluster.sh');
    const tablets = runOk(s, 'vtctldclient GetTablets').trim().split('\n');
    expect(tablets).toHaveLength(3);
    const types = tablets.map((l) => l.split(' ')[3]).sort();
    expect(types).toEqual(['primary', 'rdonly', 'replica']);
    for (const l of tablets) expect(l).toMatch(/^zone1-00000001\d\d commerce 0 (primary|replica|rdonly) localhost:151\d\d localhost:171\d\d \[\] /);
    expect(tablets.find((l) => l.includes(' primary '))).toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(tablets.find((l) => l.includes(' replica '))).toMatch(/<null>$/);
    const vschema = JSON.parse(runOk(s, 'vtctldclient GetVSchema commerce')) as { tables: Record<string, unknown> };
    expect(Object.keys(vschema.tables)).toEqual(['corder', 'customer', 'product']);
    // The schema reached every tablet of the shard through replication.
    for (const p of s.cluster.tabletProcesses()) {
      expect(p.mysqld!.schema.tableNames()).toEqual(['corder', 'customer', 'product']);
    }
    // Replicas name their source by the primary's MySQL port.
    const status = runOk(s, 'mysql --table -e "show vitess_replication_status"').trim().split('\n').slice(3, -1);
    expect(status.map((l) => l.split('|')[6]?.trim())).toEqual(['localhost:17100', 'localhost:17100']);
  });

  it('201 adds customer tablets and vtorc elects a primary; generic scripts take any names', async () => {
    const s = await newSession(3);
    runOk(s, './101_initial_cluster.sh', './201_customer_tablets.sh');
    expect(runOk(s, 'vtctldclient GetTablets --keyspace customer').trim().split('\n')).toHaveLength(3);
    runOk(
      s,
      'CELL=zone1 TABLET_UID=500 ../common/scripts/mysqlctl-up.sh',
      'CELL=zone1 TABLET_UID=501 ../common/scripts/mysqlctl-up.sh',
      'CELL=zone1 KEYSPACE=crm SHARD=0 TABLET_UID=500 ../common/scripts/vttablet-up.sh',
      'CELL=zone1 KEYSPACE=crm SHARD=0 TABLET_UID=501 ../common/scripts/vttablet-up.sh',
      'wait_for_healthy_shard crm 0 2',
    );
    const shard = JSON.parse(runOk(s, 'vtctldclient GetShard crm/0')) as { shard: { primary_alias: { uid: number } | null } };
    expect([500, 501]).toContain(shard.shard.primary_alias?.uid);
  });

  it('is deterministic: the same seed and commands give byte-identical output and trace', async () => {
    const script = ['./101_initial_cluster.sh', 'mysql < ../common/insert_commerce_data.sql', 'vtctldclient GetTablets', 'vtctldclient GetShard commerce/0', './201_customer_tablets.sh', 'vtctldclient GetTablets --format json'];
    const outputs: string[] = [];
    const digests: string[] = [];
    for (let i = 0; i < 2; i++) {
      const s = await newSession(42);
      outputs.push(script.map((l) => JSON.stringify(s.run(l))).join('\n'));
      digests.push(s.cluster.env.trace.digest());
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(digests[1]).toBe(digests[0]);
  });

  it('bad input gets a clear error and changes nothing', async () => {
    const s = await newSession();
    runOk(s, './101_initial_cluster.sh');
    const before = runOk(s, 'vtctldclient GetVSchema commerce');
    const cases: Array<[string, RegExp]> = [
      ['frobnicate', /command not found/],
      ['vtctldclient GetTablets --bogus', /unknown flag: --bogus/],
      ["vtctldclient NoSuchCommand", /unknown command: NoSuchCommand/],
      ['vtctldclient ApplySchema --sql-file nope.sql commerce', /nope\.sql/],
      ['vtctldclient ApplySchema --sql "create tabel x (id int)" commerce', /syntax/],
      [`vtctldclient ApplyVSchema --vschema '{"tables": ' commerce`, /proto/],
      ['mysql < missing.sql', /No such file or directory/],
    ];
    for (const [line, err] of cases) {
      const r = s.run(line);
      expect(r.exitCode, line).not.toBe(0);
      expect(r.stdout + r.stderr, line).toMatch(err);
    }
    expect(runOk(s, 'vtctldclient GetVSchema commerce')).toBe(before);
    expect(s.cluster.tabletProcesses().every((p) => p.mysqld!.schema.tableNames().length === 3)).toBe(true);
  });
});

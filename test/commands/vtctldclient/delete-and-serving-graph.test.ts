// vtctldclient DeleteShards, DeleteTablets and the serving-graph / cell commands against a real
// simulated cluster: topo records really go, errors are Vitess's, and bad input changes nothing.
import { describe, expect, it } from 'vitest';
import { runOk } from '../../support/session.js';
import { crmCluster, roles } from './cluster-fixture.js';

describe('DeleteShards / DeleteTablets', () => {
  it('refuses a serving shard and a primary tablet, leaving topo as it was', async () => {
    const s = await crmCluster();
    const { primary } = roles(s);
    const shard = s.run('vtctldclient DeleteShards --recursive crm/0');
    expect(shard.exitCode).toBe(1);
    expect(shard.stderr).toContain(
      'rpc error: code = Unknown desc = shard crm/0 is still serving; cannot delete it; use EvenIfServing = true to delete anyway: while deleting 1 shards; please inspect the topo',
    );
    const tablet = s.run(`vtctldclient DeleteTablets ${primary}`);
    expect(tablet.exitCode).toBe(1);
    expect(tablet.stderr).toContain(`cannot delete tablet ${primary} as it is a primary, pass AllowPrimary = true: while deleting 1 tablets`);
    expect(runOk(s, 'vtctldclient GetTablets --keyspace crm').trim().split('\n')).toHaveLength(3);
    expect(s.run('vtctldclient DeleteTablets zone1-x').stderr).toContain(
      "invalid tablet alias: 'zone1-x', expecting format: '^(?P<cell>[-_.a-zA-Z0-9]+)-(?P<uid>[0-9]+)$'",
    );
  });

  it('deletes a replica record and stops its vttablet; deleting the primary leaves the shard to vtorc', async () => {
    const s = await crmCluster();
    const { primary, replica } = roles(s);
    expect(runOk(s, `vtctldclient DeleteTablets ${replica}`)).toBe('Successfully deleted 1 tablets\n');
    expect(s.run(`vtctldclient GetTablet ${replica}`).exitCode).toBe(1);
    expect(s.cluster.tablet({ cell: 'zone1', uid: Number(replica.split('-')[1]) })?.server).toBeUndefined();
    expect(runOk(s, `vtctldclient DeleteTablets --allow-primary ${primary}`)).toBe('Successfully deleted 1 tablets\n');
    // The only tablet left is the rdonly one, which vtorc may not promote: the shard has no primary.
    expect(JSON.parse(runOk(s, 'vtctldclient GetShard crm/0')).shard.primary_alias).toBeNull();
  });

  it('deletes a non-serving shard recursively, and a missing shard with --force (the local example 307)', async () => {
    const s = await crmCluster();
    runOk(s, 'CELL=zone1 TABLET_UID=510 ../common/scripts/mysqlctl-up.sh', 'CELL=zone1 KEYSPACE=crm SHARD=-80 TABLET_UID=510 ../common/scripts/vttablet-up.sh');
    const plain = s.run('vtctldclient DeleteShards crm/-80');
    expect(plain.stderr).toContain('Shard crm/-80 still hase 1 tablets in cell zone1; use Recursive = true or remove them manually');
    expect(runOk(s, 'vtctldclient DeleteShards --recursive crm/-80')).toBe('Successfully deleted 1 shards\n');
    expect(s.run('vtctldclient GetShard crm/-80').exitCode).toBe(1);
    expect(s.run('vtctldclient GetTablet zone1-510').exitCode).toBe(1);
    expect(runOk(s, 'vtctldclient DeleteShards --force --recursive crm/-80')).toBe('Successfully deleted 1 shards\n');
    expect(s.run('vtctldclient DeleteShards crm/-80').stderr).toContain('failed to lock crm/-80; if you really want to delete this shard, re-run with Force=true');
  });
});

describe('serving graph and cells', () => {
  it('prints SrvKeyspaces, SrvKeyspace names and CellInfo as vtctldclient marshals them', async () => {
    const s = await crmCluster();
    expect(JSON.parse(runOk(s, 'vtctldclient GetSrvKeyspaces crm'))).toEqual({
      zone1: {
        partitions: [1, 2, 3].map((t) => ({ served_type: t, shard_references: [{ name: '0' }] })),
      },
    });
    expect(runOk(s, 'vtctldclient GetSrvKeyspaces nope zone1')).toBe('{\n  "zone1": null\n}\n');
    expect(s.run('vtctldclient GetSrvKeyspaces crm zone9').stderr).toContain("node doesn't exist: /vitess/global/cells/zone9/CellInfo");
    expect(runOk(s, 'vtctldclient GetSrvKeyspaceNames')).toBe('{\n  "zone1": {\n    "names": [\n      "crm"\n    ]\n  }\n}\n');
    expect(runOk(s, 'vtctldclient GetCellInfoNames')).toBe('zone1\n');
    expect(runOk(s, 'vtctldclient GetCellInfo zone1')).toBe('{\n  "server_address": "localhost:2379",\n  "root": "/vitess/zone1"\n}\n');
    expect(runOk(s, 'vtctldclient GetCellsAliases')).toBe('{}\n');
  });

  it('shows a sharded keyspace key ranges in base64', async () => {
    const s = await crmCluster();
    runOk(s, 'CELL=zone1 TABLET_UID=610 ../common/scripts/mysqlctl-up.sh', 'CELL=zone1 KEYSPACE=sales SHARD=-80 TABLET_UID=610 ../common/scripts/vttablet-up.sh');
    runOk(s, 'CELL=zone1 TABLET_UID=620 ../common/scripts/mysqlctl-up.sh', 'CELL=zone1 KEYSPACE=sales SHARD=80- TABLET_UID=620 ../common/scripts/vttablet-up.sh');
    const srv = JSON.parse(runOk(s, 'vtctldclient GetSrvKeyspaces sales zone1'));
    expect(srv.zone1.partitions[0].shard_references).toEqual([
      { name: '-80', key_range: { end: 'gA==' } },
      { name: '80-', key_range: { start: 'gA==' } },
    ]);
  });
});

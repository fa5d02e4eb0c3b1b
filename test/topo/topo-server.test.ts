import { describe, expect, it } from 'vitest';
import { VtError } from '../../src/common/errors.js';
import { createSimEnv } from '../../src/engine/sim-env.js';
import { MemoryTopoConn } from '../../src/topo/conn.js';
import {
  hexToBase64,
  keyRangeToProtoJson,
  newTablet,
  newVSchemaKeyspace,
  normalizeVSchema,
  vtTimeFromMs,
  vtTimeToMs,
} from '../../src/topo/records.js';
import type { Tablet } from '../../src/topo/records.js';
import type { TabletType } from '../../src/common/tablet-alias.js';
import { TopoServer } from '../../src/topo/topo-server.js';

function setup(): { ts: TopoServer; env: ReturnType<typeof createSimEnv> } {
  const env = createSimEnv(7);
  return { ts: new TopoServer(new MemoryTopoConn(), env), env };
}

function errorOf(fn: () => unknown): VtError {
  try {
    fn();
  } catch (e) {
    if (e instanceof VtError) return e;
    throw e;
  }
  throw new Error('expected a VtError');
}

function tablet(cell: string, uid: number, keyspace: string, shard: string, type: TabletType = 'REPLICA'): Tablet {
  return newTablet({ alias: { cell, uid }, hostname: 'localhost', keyspace, shard, type });
}

describe('TopoServer keyspaces', () => {
  it('creates, reads, lists (sorted) and updates keyspaces', () => {
    const { ts } = setup();
    ts.createKeyspace('customer');
    const created = ts.createKeyspace('commerce', { durability_policy: 'semi_sync', sidecar_db_name: '_vt' });
    expect(created).toEqual({
      keyspace_type: 'NORMAL',
      base_keyspace: '',
      snapshot_time: null,
      durability_policy: 'semi_sync',
      throttler_config: null,
      sidecar_db_name: '_vt',
    });
    expect(ts.getKeyspace('commerce')).toEqual(created);
    expect(ts.getKeyspace('nope')).toBeUndefined();
    expect(ts.getKeyspaceNames()).toEqual(['commerce', 'customer']);
    const updated = ts.updateKeyspace('customer', (ks) => {
      ks.durability_policy = 'none';
    });
    expect(updated.durability_policy).toBe('none');
    expect(ts.getKeyspace('customer')?.durability_policy).toBe('none');
  });

  it('refuses duplicates and bad names with Vitess texts', () => {
    const { ts } = setup();
    ts.createKeyspace('commerce');
    expect(errorOf(() => ts.createKeyspace('commerce')).message).toBe(
      'node already exists: /vitess/global/keyspaces/commerce/Keyspace',
    );
    expect(errorOf(() => ts.createKeyspace('bad.name')).message).toBe(
      'CreateKeyspace: invalid character . in name bad.name: invalid character . in name bad.name',
    );
    expect(errorOf(() => ts.updateKeyspace('nope', () => {})).message).toBe(
      "node doesn't exist: /vitess/global/keyspaces/nope/Keyspace",
    );
  });

  it('deletes a keyspace only recursively while it has shards', () => {
    const { ts } = setup();
    ts.createKeyspace('customer');
    ts.createShard('customer', '-80');
    ts.createShard('customer', '80-');
    ts.createTablet(tablet('zone1', 300, 'customer', '-80'));
    ts.saveVSchema('customer', newVSchemaKeyspace({ sharded: true }));
    const e = errorOf(() => ts.deleteKeyspace('customer', false));
    expect(e.message).toBe('keyspace customer still has 2 shards; use Recursive=true or remove them manually');
    expect(e.code).toBe('FAILED_PRECONDITION');
    expect(ts.isKeyspaceLocked('customer')).toBe(false); // the lock was released
    ts.deleteKeyspace('customer', true);
    expect(ts.getKeyspaceNames()).toEqual([]);
    expect(ts.getVSchema('customer')).toBeUndefined();
    expect(ts.getTablets()).toEqual([]);
    expect(errorOf(() => ts.deleteKeyspace('customer', true)).message).toBe(
      "failed to lock customer; if you really want to delete this keyspace, re-run with Force=true: node doesn't exist: /vitess/global/keyspaces/customer/",
    );
  });
});

describe('TopoServer shards', () => {
  it('derives key ranges from names and marks overlapping shards not serving', () => {
    const { ts } = setup();
    ts.createKeyspace('customer');
    const s0 = ts.createShard('customer', '0');
    expect(s0).toEqual({
      primary_alias: null,
      primary_term_start_time: null,
      key_range: null,
      source_shards: [],
      tablet_controls: [],
      is_primary_serving: true,
    });
    // Both overlap "0" (which covers everything).
    expect(ts.createShard('customer', '-80')).toMatchObject({ key_range: { start: '', end: '80' }, is_primary_serving: false });
    expect(ts.createShard('customer', '80-')).toMatchObject({ key_range: { start: '80', end: '' }, is_primary_serving: false });
    ts.createKeyspace('other');
    expect(ts.createShard('other', '-40').is_primary_serving).toBe(true);
    expect(ts.createShard('other', '40-').is_primary_serving).toBe(true);
    expect(ts.createShard('other', '-').key_range).toEqual({ start: '', end: '' });
  });

  it('lists shards by key range start, then name', () => {
    const { ts } = setup();
    ts.createKeyspace('ks');
    for (const s of ['c0-', '80-c0', '0', '40-80', '-40']) ts.createShard('ks', s);
    expect(ts.getShardNames('ks')).toEqual(['-40', '0', '40-80', '80-c0', 'c0-']);
    ts.createKeyspace('empty');
    expect(ts.getShardNames('empty')).toEqual([]);
    expect(errorOf(() => ts.getShardNames('nope')).message).toBe(
      "node doesn't exist: /vitess/global/keyspaces/nope/shards/",
    );
  });

  it('refuses bad shard names and missing keyspaces with Vitess texts', () => {
    const { ts } = setup();
    ts.createKeyspace('ks');
    const cases: Array<[string, string]> = [
      ['8-', 'encoding/hex: odd length hex string'],
      ['-8g', "encoding/hex: invalid byte: U+0067 'g'"],
      ['80-40', 'out of order keys: 80 is not strictly smaller than 40'],
      ['-40-80', "invalid shardId, can only contain one '-': -40-80"],
      ['a/b', 'invalid character / in name a/b'],
    ];
    for (const [name, message] of cases) expect(errorOf(() => ts.createShard('ks', name)).message).toBe(message);
    expect(errorOf(() => ts.createShard('nope', '0')).message).toBe("node doesn't exist: /vitess/global/keyspaces/nope/");
    ts.createShard('ks', '0');
    expect(errorOf(() => ts.createShard('ks', '0')).message).toBe(
      'node already exists: /vitess/global/keyspaces/ks/shards/0/Shard',
    );
  });

  it('updates shard fields, leaving the record untouched when the update throws', () => {
    const { ts } = setup();
    ts.createKeyspace('commerce');
    ts.createShard('commerce', '0');
    const s = ts.updateShardFields('commerce', '0', (sh) => {
      sh.primary_alias = { cell: 'zone1', uid: 100 };
      sh.primary_term_start_time = vtTimeFromMs(1_700_000_000_123);
    });
    expect(s.primary_alias).toEqual({ cell: 'zone1', uid: 100 });
    expect(s.primary_term_start_time).toEqual({ seconds: '1700000000', nanoseconds: 123_000_000 });
    const before = ts.version();
    expect(() =>
      ts.updateShardFields('commerce', '0', (sh) => {
        sh.primary_alias = null;
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    expect(ts.version()).toBe(before);
    expect(ts.getShard('commerce', '0')?.primary_alias).toEqual({ cell: 'zone1', uid: 100 });
  });

  it('updates denied tables through the shard record', () => {
    const { ts } = setup();
    ts.createKeyspace('customer');
    ts.createShard('customer', '0');
    ts.updateDeniedTables('customer', '0', 'PRIMARY', [], false, ['corder', 'customer']);
    expect(ts.getShard('customer', '0')?.tablet_controls).toEqual([
      { tablet_type: 'PRIMARY', cells: [], denied_tables: ['corder', 'customer'], frozen: false },
    ]);
    expect(errorOf(() => ts.updateDeniedTables('customer', '0', 'PRIMARY', ['zone1'], false, ['x'])).message).toBe(
      "you cannot specify cells for a primary's tablet control",
    );
    ts.updateDeniedTables('customer', '0', 'PRIMARY', [], true, ['corder', 'customer']);
    expect(ts.getShard('customer', '0')?.tablet_controls).toEqual([]);
  });

  it('deletes a shard with tablets only recursively', () => {
    const { ts } = setup();
    ts.createKeyspace('customer');
    ts.createShard('customer', '0');
    ts.createTablet(tablet('zone1', 200, 'customer', '0', 'PRIMARY'));
    ts.createTablet(tablet('zone1', 201, 'customer', '0'));
    expect(errorOf(() => ts.deleteShard('customer', '0')).message).toBe(
      'Shard customer/0 still hase 2 tablets in cell zone1; use Recursive = true or remove them manually',
    );
    ts.deleteShard('customer', '0', true);
    expect(ts.getShard('customer', '0')).toBeUndefined();
    expect(ts.getTabletAliases()).toEqual([]);
    expect(errorOf(() => ts.deleteShard('customer', '0')).message).toBe(
      "node doesn't exist: /vitess/global/keyspaces/customer/shards/0/Shard",
    );
  });
});

describe('TopoServer tablets and cells', () => {
  it('stores tablets in their cell and lists them sorted by cell, then uid', () => {
    const { ts } = setup();
    ts.createTablet(tablet('zone2', 5, 'commerce', '0'));
    ts.createTablet(tablet('zone1', 1000, 'commerce', '0'));
    ts.createTablet(tablet('zone1', 100, 'commerce', '0', 'PRIMARY'));
    ts.createTablet(tablet('zone1', 200, 'customer', '0', 'RDONLY'));
    const aliases = (f?: Parameters<TopoServer['getTablets']>[0]) => ts.getTablets(f).map((t) => `${t.alias.cell}-${t.alias.uid}`);
    expect(ts.getTabletAliases()).toEqual([
      { cell: 'zone1', uid: 100 },
      { cell: 'zone1', uid: 200 },
      { cell: 'zone1', uid: 1000 },
      { cell: 'zone2', uid: 5 },
    ]);
    expect(ts.getTabletAliases('zone2')).toEqual([{ cell: 'zone2', uid: 5 }]);
    expect(ts.getTabletAliases('zone9')).toEqual([]);
    expect(aliases({ keyspace: 'commerce' })).toEqual(['zone1-100', 'zone1-1000', 'zone2-5']);
    expect(aliases({ keyspace: 'commerce', cell: 'zone1' })).toEqual(['zone1-100', 'zone1-1000']);
    expect(aliases({ tabletType: 'RDONLY' })).toEqual(['zone1-200']);
    expect(ts.getTabletsByShard('customer', '0').map((t) => t.alias.uid)).toEqual([200]);
    expect(errorOf(() => ts.createTablet(tablet('zone1', 100, 'x', '0'))).message).toBe(
      'node already exists: /vitess/zone1/tablets/zone1-0000000100/Tablet',
    );
  });

  it('updates and deletes tablets', () => {
    const { ts } = setup();
    ts.createTablet(tablet('zone1', 101, 'commerce', '0'));
    const t = ts.updateTablet({ cell: 'zone1', uid: 101 }, (tb) => {
      tb.type = 'PRIMARY';
    });
    expect(t.type).toBe('PRIMARY');
    expect(ts.getTablet({ cell: 'zone1', uid: 101 })?.type).toBe('PRIMARY');
    ts.deleteTablet({ cell: 'zone1', uid: 101 });
    expect(ts.getTablet({ cell: 'zone1', uid: 101 })).toBeUndefined();
    expect(errorOf(() => ts.deleteTablet({ cell: 'zone1', uid: 101 })).message).toBe(
      "node doesn't exist: /vitess/zone1/tablets/zone1-0000000101/Tablet",
    );
  });

  it('knows the default cell, added cells and cells holding tablets', () => {
    const { ts } = setup();
    expect(ts.getCellNames()).toEqual(['zone1']);
    ts.addCell('zone3');
    ts.addCell('zone3'); // idempotent
    expect(ts.getCellNames()).toEqual(['zone3']);
    ts.createTablet(tablet('zone2', 1, 'ks', '0'));
    expect(ts.getCellNames()).toEqual(['zone2', 'zone3']);
    expect(errorOf(() => ts.addCell('global')).message).toBe('cell name global is reserved');
  });
});

describe('TopoServer vschema, routing rules and SrvVSchema', () => {
  it('saves, reads and deletes a vschema', () => {
    const { ts } = setup();
    ts.createKeyspace('commerce');
    expect(ts.getVSchema('commerce')).toBeUndefined();
    ts.ensureVSchema('commerce');
    expect(ts.getVSchema('commerce')).toEqual(newVSchemaKeyspace());
    const vs = normalizeVSchema('{"tables": {"product": {}}}');
    ts.saveVSchema('commerce', vs);
    ts.ensureVSchema('commerce'); // keeps what is there
    expect(ts.getVSchema('commerce')).toEqual(vs);
    ts.deleteVSchema('commerce');
    expect(ts.getVSchema('commerce')).toBeUndefined();
    expect(errorOf(() => ts.deleteVSchema('commerce')).message).toBe(
      "node doesn't exist: /vitess/global/keyspaces/commerce/VSchema",
    );
  });

  it('stores routing rules; saving none deletes the record', () => {
    const { ts } = setup();
    expect(ts.getRoutingRules()).toEqual({ rules: [] });
    const rr = { rules: [{ from_table: 'customer', to_tables: ['commerce.customer'] }] };
    ts.saveRoutingRules(rr);
    expect(ts.getRoutingRules()).toEqual(rr);
    ts.saveRoutingRules({ rules: [] });
    expect(ts.getRoutingRules()).toEqual({ rules: [] });
    expect(ts.conn.get(ts.paths.routingRules)).toBeUndefined();
  });

  it('rebuilds every cell SrvVSchema from all keyspaces and the routing rules', () => {
    const { ts } = setup();
    ts.createKeyspace('customer');
    ts.createKeyspace('commerce');
    const commerce = normalizeVSchema('{"tables": {"customer": {}, "corder": {}}}');
    ts.saveVSchema('commerce', commerce);
    const rr = { rules: [{ from_table: 'customer', to_tables: ['commerce.customer'] }] };
    ts.saveRoutingRules(rr);
    expect(ts.getSrvVSchema('zone1')).toBeUndefined();
    ts.rebuildSrvVSchema();
    const srv = ts.getSrvVSchema('zone1');
    expect(srv).toEqual({
      keyspaces: { commerce, customer: newVSchemaKeyspace() },
      routing_rules: rr,
      shard_routing_rules: { rules: [] },
      keyspace_routing_rules: null,
      mirror_rules: { rules: [] },
    });
    expect(Object.keys(srv!.keyspaces)).toEqual(['commerce', 'customer']);

    // A rebuild limited to some cells leaves the others stale, as in Vitess.
    ts.addCell('zone2');
    ts.saveRoutingRules({ rules: [] });
    ts.rebuildSrvVSchema(['zone2']);
    expect(ts.getSrvVSchema('zone2')?.routing_rules).toEqual({ rules: [] });
    expect(ts.getSrvVSchema('zone1')?.routing_rules).toEqual(rr);
  });
});

describe('TopoServer locks', () => {
  it('locks a keyspace once, with Vitess texts for misuse', () => {
    const { ts, env } = setup();
    ts.createKeyspace('commerce');
    ts.createShard('commerce', '0');
    const unlock = ts.lockKeyspace('commerce', 'SwitchTraffic');
    expect(ts.isKeyspaceLocked('commerce')).toBe(true);
    expect(() => ts.checkKeyspaceLocked('commerce')).not.toThrow();
    const e = errorOf(() => ts.lockKeyspace('commerce', 'other'));
    expect(e.message).toBe('lock for keyspace commerce is already held');
    expect(e.code).toBe('INTERNAL');
    // A shard lock is a different resource.
    const unlockShard = ts.lockShard('commerce', '0', 'PlannedReparentShard');
    expect(errorOf(() => ts.lockShard('commerce', '0', 'x')).message).toBe('lock for shard commerce/0 is already held');
    unlockShard();
    unlock();
    expect(errorOf(() => unlock()).message).toBe('trying to unlock keyspace commerce multiple times');
    expect(errorOf(() => ts.checkKeyspaceLocked('commerce')).message).toBe(
      'keyspace commerce is not locked (no lockInfo in map)',
    );
    ts.lockKeyspace('commerce', 'again')();
    expect(errorOf(() => ts.lockKeyspace('nope', 'x')).message).toBe(
      "node doesn't exist: /vitess/global/keyspaces/nope/",
    );
    expect(env.trace.recent().filter((t) => t.event === 'lock').map((t) => t.detail)).toEqual([
      'keyspace commerce (SwitchTraffic)',
      'shard commerce/0 (PlannedReparentShard)',
      'keyspace commerce (again)',
    ]);
  });
});

describe('TopoServer change notification and isolation', () => {
  it('bumps version(), traces and notifies on every write, and only on writes', () => {
    const { ts, env } = setup();
    const seen: string[] = [];
    const off = ts.onChange((p) => seen.push(p));
    expect(ts.version()).toBe(0);
    ts.createKeyspace('commerce');
    ts.createShard('commerce', '0');
    ts.getKeyspace('commerce');
    ts.getShardNames('commerce');
    expect(ts.version()).toBe(2);
    ts.rebuildSrvVSchema();
    expect(ts.version()).toBe(3);
    expect(seen).toEqual([
      '/vitess/global/keyspaces/commerce/Keyspace',
      '/vitess/global/keyspaces/commerce/shards/0/Shard',
      '/vitess/zone1/SrvVSchema',
    ]);
    off();
    ts.deleteShard('commerce', '0');
    expect(seen).toHaveLength(3);
    expect(ts.version()).toBe(4);
    const writes = env.trace.recent().filter((t) => t.component === 'topo' && t.event !== 'lock' && t.event !== 'unlock');
    expect(writes.map((t) => `${t.event} ${t.detail}`)).toEqual([
      'create /vitess/global/keyspaces/commerce/Keyspace',
      'create /vitess/global/keyspaces/commerce/shards/0/Shard',
      'update /vitess/zone1/SrvVSchema',
      'delete /vitess/global/keyspaces/commerce/shards/0/Shard',
    ]);
  });

  it('never lets a caller alias stored state', () => {
    const { ts } = setup();
    const ks = ts.createKeyspace('commerce');
    ks.durability_policy = 'mutated';
    expect(ts.getKeyspace('commerce')?.durability_policy).toBe('');
    ts.createShard('commerce', '0');
    ts.getShard('commerce', '0')!.tablet_controls.push({ tablet_type: 'PRIMARY', cells: [], denied_tables: ['x'], frozen: false });
    expect(ts.getShard('commerce', '0')?.tablet_controls).toEqual([]);
    const updated = ts.updateShardFields('commerce', '0', (s) => {
      s.is_primary_serving = false;
    });
    updated.is_primary_serving = true;
    expect(ts.getShard('commerce', '0')?.is_primary_serving).toBe(false);
    const vs = newVSchemaKeyspace();
    ts.saveVSchema('commerce', vs);
    vs.sharded = true;
    expect(ts.getVSchema('commerce')?.sharded).toBe(false);
    ts.rebuildSrvVSchema();
    ts.getSrvVSchema('zone1')!.keyspaces['commerce']!.sharded = true;
    expect(ts.getSrvVSchema('zone1')?.keyspaces['commerce']?.sharded).toBe(false);
    const rr = { rules: [{ from_table: 'a', to_tables: ['b.a'] }] };
    ts.saveRoutingRules(rr);
    rr.rules[0]!.to_tables.push('c.a');
    expect(ts.getRoutingRules().rules[0]?.to_tables).toEqual(['b.a']);
  });

  it('gives identical traces for identical runs', () => {
    const run = (): string => {
      const { ts, env } = setup();
      ts.createKeyspace('commerce');
      ts.createShard('commerce', '0');
      ts.createTablet(tablet('zone1', 100, 'commerce', '0', 'PRIMARY'));
      ts.lockKeyspace('commerce', 'x')();
      ts.rebuildSrvVSchema();
      return env.trace.digest();
    };
    expect(run()).toBe(run());
  });
});

describe('record helpers', () => {
  it('converts times and key ranges to their protojson forms', () => {
    expect(vtTimeToMs(vtTimeFromMs(1_705_309_200_456))).toBe(1_705_309_200_456);
    expect(hexToBase64('80')).toBe('gA==');
    expect(hexToBase64('')).toBe('');
    expect(hexToBase64('c000')).toBe('wAA=');
    expect(hexToBase64('010203')).toBe('AQID');
    expect(keyRangeToProtoJson({ start: '', end: '80' })).toEqual({ start: '', end: 'gA==' });
    expect(keyRangeToProtoJson(null)).toBeNull();
  });
});

// MoveTables into a keyspace with two shards (-80, 80-), built the way a docs page builds it: an
// unsharded source with data, then the generic scripts for a 2-shard target and a vschema with hash and
// xxhash primary vindexes. Each target shard must hold exactly the rows of its key range, through the
// copy, the switches both ways (the reverse workflow has one stream per target shard), Complete and Cancel.
import { describe, expect, it } from 'vitest';
import type { CommandSession } from '../../src/commands/session.js';
import { keyRangeContains, parseShardName } from '../../src/common/key-range.js';
import { createVindex } from '../../src/router/vindexes/vindex.js';
import { denied, fails, ok, primaryQuery, rules, runOk } from './support.js';
import { newSession } from '../support/session.js';

const SHARDS = ['-80', '80-'];
const MT = 'MoveTables --target-keyspace warehouse --workflow stockmove';
const CREATE = `${MT} create --source-keyspace inventory --tables 'item,stock'`;
const VSCHEMA = JSON.stringify({
  sharded: true,
  vindexes: { hash: { type: 'hash' }, sku_xx: { type: 'xxhash' } },
  tables: {
    item: { column_vindexes: [{ column: 'item_id', name: 'hash' }] },
    stock: { column_vindexes: [{ column: 'sku', name: 'sku_xx' }] },
  },
});
const SCHEMA =
  'create table item(item_id bigint not null auto_increment, name varchar(64), primary key(item_id)); ' +
  'create table stock(sku varchar(32) not null, item_id bigint, qty int, primary key(sku))';

/** inventory (100 primary, 101 replica) with 20 items and 12 stock rows; warehouse -80 (200, 201) and 80- (300, 301). */
async function cluster(options: { targetSchema?: boolean } = {}): Promise<CommandSession> {
  const s = await newSession(7);
  const items = Array.from({ length: 20 }, (_, i) => `('item-${i + 1}')`).join(', ');
  const stock = Array.from({ length: 12 }, (_, i) => `('SKU-${100 + i}', ${i + 1}, ${i * 3})`).join(', ');
  runOk(
    s,
    'CELL=zone1 ../common/scripts/etcd-up.sh',
    '../common/scripts/vtctld-up.sh',
    'vtctldclient CreateKeyspace inventory',
    ...[100, 101].flatMap((uid) => [
      `CELL=zone1 TABLET_UID=${uid} ../common/scripts/mysqlctl-up.sh`,
      `CELL=zone1 KEYSPACE=inventory TABLET_UID=${uid} ../common/scripts/vttablet-up.sh`,
    ]),
    '../common/scripts/vtorc-up.sh',
    'wait_for_healthy_shard inventory 0 2',
    `vtctldclient ApplySchema --sql "${SCHEMA}" inventory`,
    `vtctldclient ApplyVSchema --vschema '{"tables": {"item": {}, "stock": {}}}' inventory`,
    '../common/scripts/vtgate-up.sh',
    `mysql -e "insert into item(name) values ${items}; insert into stock(sku, item_id, qty) values ${stock}"`,
    'vtctldclient CreateKeyspace warehouse',
  );
  for (const [shard, base] of [['-80', 200], ['80-', 300]] as const) {
    for (const uid of [base, base + 1]) {
      runOk(s, `CELL=zone1 TABLET_UID=${uid} ../common/scripts/mysqlctl-up.sh`, `CELL=zone1 KEYSPACE=warehouse SHARD=${shard} TABLET_UID=${uid} ../common/scripts/vttablet-up.sh`);
    }
    runOk(s, `wait_for_healthy_shard warehouse ${shard} 2`);
  }
  runOk(s, `vtctldclient ApplyVSchema --vschema '${VSCHEMA}' warehouse`);
  if (options.targetSchema) runOk(s, `vtctldclient ApplySchema --sql "${SCHEMA}" warehouse`);
  return s;
}

const hash = createVindex('hash', 'hash', {})!;
const xxhash = createVindex('sku_xx', 'xxhash', {})!;

/** Rows of a table on one shard's primary, sorted by primary key. */
function rowsOn(s: CommandSession, keyspace: string, shard: string, table: 'item' | 'stock'): Array<Record<string, unknown>> {
  const pk = table === 'item' ? 'item_id' : 'sku';
  return primaryQuery(s, keyspace, `select * from ${table} order by ${pk}`, shard);
}

/** Checks every target shard holds exactly the source rows of its key range, and each gets some. */
function expectPlacedByKeyRange(s: CommandSession, expected: Record<'item' | 'stock', Array<Record<string, unknown>>>): void {
  for (const table of ['item', 'stock'] as const) {
    const [vindex, col] = table === 'item' ? [hash, 'item_id'] : [xxhash, 'sku'];
    const seen: Array<Record<string, unknown>> = [];
    for (const shard of SHARDS) {
      const range = parseShardName(shard)!;
      const want = expected[table].filter((r) => keyRangeContains(range, vindex.map(r[col] as number | string)!));
      const got = rowsOn(s, 'warehouse', shard, table);
      expect(got, `${table} on warehouse/${shard}`).toEqual(want);
      expect(got.length, `warehouse/${shard} gets some ${table} rows`).toBeGreaterThan(0);
      seen.push(...got);
    }
    expect(seen).toHaveLength(expected[table].length);
  }
}

function sourceRows(s: CommandSession, keyspace = 'inventory'): Record<'item' | 'stock', Array<Record<string, unknown>>> {
  return { item: rowsOn(s, keyspace, '0', 'item'), stock: rowsOn(s, keyspace, '0', 'stock') };
}

interface StatusJson {
  shard_streams: Record<string, { streams: Array<{ id: number; tablet: { uid: number }; source_shard: string; status: string }> }>;
  traffic_state: string;
}

describe('MoveTables into a sharded keyspace', () => {
  it('copies the schema and each row to the shard its vindex picks; status, show and VDiff span both shards', async () => {
    const s = await cluster();
    const created = ok(s, CREATE);
    expect(created).toMatch(/^id=1 on warehouse\/zone1-200: Status: Running\. /m);
    expect(created).toMatch(/^id=1 on warehouse\/zone1-300: Status: Running\. /m);
    const src = sourceRows(s);
    expect(src.item).toHaveLength(20);
    expectPlacedByKeyRange(s, src);

    // MoveTables created the tables, without auto_increment on a sharded target.
    for (const shard of SHARDS) {
      const ddl = String(primaryQuery(s, 'warehouse', 'show create table item', shard)[0]!['Create Table']);
      expect(ddl).toContain('`item_id` bigint NOT NULL,');
      expect(ddl).not.toMatch(/AUTO_INCREMENT/i);
    }

    const status = JSON.parse(ok(s, `${MT} status --format json`)) as StatusJson;
    expect(Object.keys(status.shard_streams).sort()).toEqual(['warehouse/-80', 'warehouse/80-']);
    expect(status.shard_streams['warehouse/-80']!.streams).toMatchObject([{ id: 1, tablet: { uid: 200 }, source_shard: 'inventory/0', status: 'Running' }]);
    expect(status.shard_streams['warehouse/80-']!.streams).toMatchObject([{ id: 1, tablet: { uid: 300 }, source_shard: 'inventory/0', status: 'Running' }]);

    const show = JSON.parse(ok(s, `${MT} show`)) as {
      workflows: Array<{ target: { shards: string[] }; shard_streams: Record<string, { streams: Array<{ shard: string; binlog_source: { filter: { rules: Array<{ filter: string }> } } }> }> }>;
    };
    const wf = show.workflows[0]!;
    expect(wf.target.shards).toEqual(SHARDS);
    expect(Object.keys(wf.shard_streams).sort()).toEqual(['-80/zone1-0000000200', '80-/zone1-0000000300']);
    const s80 = wf.shard_streams['80-/zone1-0000000300']!.streams[0]!;
    expect(s80.shard).toBe('80-');
    expect(s80.binlog_source.filter.rules.map((r) => r.filter)).toEqual([
      "select * from item where in_keyrange(item_id, 'warehouse.hash', '80-')",
      "select * from stock where in_keyrange(sku, 'warehouse.sku_xx', '80-')",
    ]);

    const { UUID } = JSON.parse(ok(s, 'VDiff --target-keyspace warehouse --workflow stockmove --format json create')) as { UUID: string };
    const diff = JSON.parse(ok(s, `VDiff --target-keyspace warehouse --workflow stockmove --format json show ${UUID}`)) as Record<string, unknown>;
    expect(diff).toMatchObject({ State: 'completed', HasMismatch: false, RowsCompared: 32 });
    expect(diff.Shards).toBe('-80,80-');

    // The tablets list names the shards as they are.
    const tablets = runOk(s, 'vtctldclient GetTablets --keyspace warehouse').trim().split('\n');
    expect(tablets.map((l) => l.split(' ').slice(0, 4).join(' '))).toEqual([
      'zone1-0000000200 warehouse -80 primary',
      'zone1-0000000201 warehouse -80 replica',
      'zone1-0000000300 warehouse 80- primary',
      'zone1-0000000301 warehouse 80- replica',
    ]);
    const vt = runOk(s, 'mysql -e "show vitess_tablets"');
    expect(vt).toMatch(/\| zone1 \| warehouse \| -80 +\| PRIMARY +\| SERVING \| zone1-0000000200 \|/);
    expect(vt).toMatch(/\| zone1 \| warehouse \| 80- +\| REPLICA +\| SERVING \| zone1-0000000301 \|/);
  });

  it('switches, reverses and completes: writes land on the right shard and flow back through one reverse stream per shard', async () => {
    const s = await cluster();
    ok(s, CREATE);
    ok(s, `${MT} SwitchTraffic`);
    expect(denied(s, 'inventory')).toEqual(['item', 'stock']);
    for (const shard of SHARDS) expect(denied(s, 'warehouse', shard)).toEqual([]);

    // Writes through vtgate now go to warehouse, each to its shard; the reverse streams carry them back.
    runOk(
      s,
      `mysql -e "insert into item(item_id, name) values (21, 'new-21'), (22, 'new-22'), (23, 'new-23'), (24, 'new-24')"`,
      `mysql -e "insert into stock(sku, item_id, qty) values ('SKU-900', 21, 1), ('SKU-901', 22, 2), ('SKU-902', 23, 3)"`,
      `mysql -e "update item set name = 'renamed' where item_id in (1, 4); delete from stock where sku = 'SKU-100'"`,
    );
    const afterSwitch = sourceRows(s);
    expect(afterSwitch.item).toHaveLength(24);
    expect(afterSwitch.item.filter((r) => r.name === 'renamed').map((r) => r.item_id)).toEqual([1, 4]);
    expect(afterSwitch.stock).toHaveLength(14);
    expectPlacedByKeyRange(s, afterSwitch);

    const reverse = JSON.parse(ok(s, 'Workflow --keyspace inventory show --workflow stockmove_reverse')) as {
      workflows: Array<{ source: { shards: string[] }; shard_streams: Record<string, { streams: Array<{ binlog_source: { shard: string; filter: { rules: Array<{ filter: string }> } } }> }> }>;
    };
    const rwf = reverse.workflows[0]!;
    expect(rwf.source.shards).toEqual(SHARDS);
    expect(Object.keys(rwf.shard_streams)).toHaveLength(1);
    const rstreams = Object.values(rwf.shard_streams)[0]!.streams;
    expect(rstreams.map((st) => st.binlog_source.shard)).toEqual(SHARDS);
    // The reverse target (inventory) is unsharded: no key-range filter.
    for (const st of rstreams) expect(st.binlog_source.filter.rules.map((r) => r.filter)).toEqual(['select * from `item`', 'select * from `stock`']);

    // A write straight to the old source is refused while the source is denied.
    expect(s.run(`mysql -e "use inventory/0; insert into item(item_id, name) values (99, 'x')"`).stderr).toContain('enforce denied tables');

    ok(s, `${MT} ReverseTraffic`);
    for (const shard of SHARDS) expect(denied(s, 'warehouse', shard)).toEqual(['item', 'stock']);
    expect(denied(s, 'inventory')).toEqual([]);
    // Writes go to inventory again and the recreated forward streams split them by key range.
    runOk(s, `mysql -e "insert into item(item_id, name) values (25, 'back-25'), (26, 'back-26'), (27, 'back-27')"`);
    const afterReverse = sourceRows(s);
    expect(afterReverse.item).toHaveLength(27);
    expectPlacedByKeyRange(s, afterReverse);
    const status = JSON.parse(ok(s, `${MT} status --format json`)) as StatusJson;
    expect(Object.keys(status.shard_streams).sort()).toEqual(['warehouse/-80', 'warehouse/80-']);

    ok(s, `${MT} SwitchTraffic`);
    runOk(s, `mysql -e "insert into item(item_id, name) values (28, 'last-28'), (29, 'last-29')"`);
    const final = sourceRows(s);
    expect(final.item).toHaveLength(29);
    expectPlacedByKeyRange(s, final);

    expect(ok(s, `${MT} Complete`)).toBe('Successfully completed the stockmove workflow in the warehouse keyspace\n\n');
    expect(rules(s)).toEqual({});
    expect(JSON.parse(runOk(s, 'vtctldclient Workflow --keyspace inventory list'))).toEqual([]);
    expect(JSON.parse(runOk(s, 'vtctldclient Workflow --keyspace warehouse list'))).toEqual([]);
    for (const shard of SHARDS) expect(denied(s, 'warehouse', shard)).toEqual([]);
    expect(s.run('mysql -e "use inventory/0; select * from item"').stderr).toContain("Table 'vt_inventory.item' doesn't exist");
    // vtgate routes by the vindex: a point query reaches the one shard holding the row.
    expect(runOk(s, 'mysql -e "select name from item where item_id = 29"')).toContain('last-29');
    const items = [...rowsOn(s, 'warehouse', '-80', 'item'), ...rowsOn(s, 'warehouse', '80-', 'item')];
    expect(items.map((r) => r.item_id).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
  });

  it('uses a target schema created beforehand, and Cancel drops the copies on every shard but keeps the sharded vschema', async () => {
    const s = await cluster({ targetSchema: true });
    const before = runOk(s, 'vtctldclient GetVSchema warehouse');
    ok(s, CREATE);
    expectPlacedByKeyRange(s, sourceRows(s));
    // The pre-created tables keep their own definition (auto_increment included).
    expect(String(primaryQuery(s, 'warehouse', 'show create table item', '-80')[0]!['Create Table'])).toMatch(/AUTO_INCREMENT/);

    ok(s, `${MT} SwitchTraffic --tablet-types rdonly,replica`);
    expect(ok(s, `${MT} Cancel`)).toBe('Successfully cancelled the stockmove workflow in the warehouse keyspace\n\n');
    expect(rules(s)).toEqual({});
    for (const shard of SHARDS) {
      expect(s.run(`mysql -e "use warehouse/${shard}; select * from item"`).stderr).toContain("Table 'vt_warehouse.item' doesn't exist");
    }
    expect(runOk(s, 'vtctldclient GetVSchema warehouse')).toBe(before);
    expect(sourceRows(s).item).toHaveLength(20);
  });

  it('resolves the vindex when a stream starts: a vindex removed after create stops the copy with its error', async () => {
    const s = await cluster();
    ok(s, `${CREATE} --auto-start=false`);
    const renamed = JSON.stringify({ ...JSON.parse(VSCHEMA), vindexes: { hash2: { type: 'hash' }, sku_xx: { type: 'xxhash' } }, tables: {} });
    runOk(s, `vtctldclient ApplyVSchema --vschema '${renamed}' warehouse`);
    ok(s, `${MT} start`);
    for (const shard of SHARDS) {
      const [row] = primaryQuery(s, 'warehouse', "select message from _vt.vreplication where workflow = 'stockmove'", shard);
      expect(String(row!.message)).toContain('vindex warehouse.hash not found');
      expect(primaryQuery(s, 'warehouse', 'select count(*) as n from item', shard)).toEqual([{ n: 0 }]);
    }
    // Putting the vindex back lets the retried streams copy.
    runOk(s, `vtctldclient ApplyVSchema --vschema '${VSCHEMA}' warehouse`, 'vtsim sleep 10s');
    expectPlacedByKeyRange(s, sourceRows(s));
  });

  it('refuses a sharded target whose vschema lacks a table, and changes nothing', async () => {
    const s = await cluster();
    runOk(s, `vtctldclient ApplyVSchema --vschema '${JSON.stringify({ ...JSON.parse(VSCHEMA), tables: { item: { column_vindexes: [{ column: 'item_id', name: 'hash' }] } } })}' warehouse`);
    expect(fails(s, CREATE)).toBe('table stock not found in vschema for keyspace warehouse');
    expect(rules(s)).toEqual({});
    for (const shard of SHARDS) expect(primaryQuery(s, 'warehouse', 'select count(*) as n from _vt.vreplication', shard)).toEqual([{ n: 0 }]);
  });
});

describe('MoveTables out of a sharded keyspace', () => {
  it('has one stream per source shard; the reverse streams filter by each shard key range', async () => {
    const s = await cluster({ targetSchema: true });
    // warehouse serves item and stock itself; rows placed by its vindexes.
    const items = Array.from({ length: 16 }, (_, i) => `(${i + 1}, 'w-${i + 1}')`).join(', ');
    runOk(
      s,
      `mysql -e "insert into warehouse.item(item_id, name) values ${items}"`,
      `mysql -e "insert into warehouse.stock(sku, item_id, qty) values ('A-1', 1, 1), ('B-2', 2, 2), ('C-3', 3, 3), ('D-4', 4, 4), ('E-5', 5, 5)"`,
      'vtctldclient CreateKeyspace archive',
      'CELL=zone1 TABLET_UID=400 ../common/scripts/mysqlctl-up.sh',
      'CELL=zone1 KEYSPACE=archive TABLET_UID=400 ../common/scripts/vttablet-up.sh',
      'wait_for_healthy_shard archive 0 1',
    );
    const mt = 'MoveTables --target-keyspace archive --workflow wh2arch';
    ok(s, `${mt} create --source-keyspace warehouse --tables 'item,stock'`);
    const status = JSON.parse(ok(s, `${mt} status --format json`)) as StatusJson;
    expect(Object.keys(status.shard_streams)).toEqual(['archive/0']);
    expect(status.shard_streams['archive/0']!.streams.map((st) => st.source_shard)).toEqual(['warehouse/-80', 'warehouse/80-']);
    const copied = sourceRows(s, 'archive');
    expect(copied.item).toHaveLength(16);
    expect(copied.stock).toHaveLength(5);
    expectPlacedByKeyRange(s, copied);
    const { UUID } = JSON.parse(ok(s, 'VDiff --target-keyspace archive --workflow wh2arch --format json create')) as { UUID: string };
    expect(JSON.parse(ok(s, `VDiff --target-keyspace archive --workflow wh2arch --format json show ${UUID}`))).toMatchObject({ HasMismatch: false, RowsCompared: 21 });

    ok(s, `${mt} SwitchTraffic`);
    for (const shard of SHARDS) expect(denied(s, 'warehouse', shard)).toEqual(['item', 'stock']);
    const reverse = JSON.parse(ok(s, 'Workflow --keyspace warehouse show --workflow wh2arch_reverse')) as {
      workflows: Array<{ shard_streams: Record<string, { streams: Array<{ shard: string; binlog_source: { shard: string; filter: { rules: Array<{ filter: string }> } } }> }> }>;
    };
    const streams = Object.values(reverse.workflows[0]!.shard_streams).flatMap((x) => x.streams);
    expect(streams.map((st) => [st.shard, st.binlog_source.shard])).toEqual([
      ['-80', '0'],
      ['80-', '0'],
    ]);
    expect(streams[1]!.binlog_source.filter.rules.map((r) => r.filter)).toEqual([
      "select * from `item` where in_keyrange(item_id, 'warehouse.hash', '80-')",
      "select * from `stock` where in_keyrange(sku, 'warehouse.sku_xx', '80-')",
    ]);
    // Writes now land in archive; the reverse streams split them between the warehouse shards.
    runOk(s, `mysql -e "insert into item(item_id, name) values (17, 'a-17'), (18, 'a-18'), (19, 'a-19'), (20, 'a-20'); delete from stock where sku = 'C-3'"`);
    expectPlacedByKeyRange(s, sourceRows(s, 'archive'));

    ok(s, `${mt} ReverseTraffic`);
    runOk(s, `mysql -e "insert into item(item_id, name) values (21, 'w-21'), (22, 'w-22')"`);
    const back = sourceRows(s, 'archive');
    expect(back.item).toHaveLength(22);
    expectPlacedByKeyRange(s, back);

    ok(s, `${mt} SwitchTraffic`);
    ok(s, `${mt} Complete`);
    expect(rules(s)).toEqual({});
    for (const shard of SHARDS) {
      expect(s.run(`mysql -e "use warehouse/${shard}; select * from item"`).stderr).toContain("Table 'vt_warehouse.item' doesn't exist");
    }
    expect(Object.keys((JSON.parse(runOk(s, 'vtctldclient GetVSchema warehouse')) as { tables: object }).tables)).toEqual([]);
    expect(runOk(s, 'mysql -e "select count(*) from archive.item"')).toContain('22');
  });
});

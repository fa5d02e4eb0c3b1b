// Reshard end to end with real tablets: the local example's 101 → 306 with writes between the steps, and a
// docs-style page's names (an unsharded `accounts` keyspace split into -80/80-, then -80 split again).
// At each stage every shard must hold exactly the rows of its key range, and vtgate must send reads and
// writes to the shards serving that tablet type.
import { describe, expect, it } from 'vitest';
import type { CommandSession } from '../../src/commands/session.js';
import { keyRangeContains, parseShardName } from '../../src/common/key-range.js';
import { createVindex } from '../../src/router/vindexes/vindex.js';
import { accountsCluster, addShard, fails, localExampleThrough, ok, primaryQuery, runOk } from './support.js';

const xxhash = createVindex('xxhash', 'xxhash', {})!;

/** The shard@type pairs vtgate sent a statement to. */
function routedTo(s: CommandSession, sql: string, target = ''): string[] {
  const seen = new Set<string>();
  const off = s.cluster.vtgate!.onQuery((e) => {
    for (const q of e.shardQueries) seen.add(`${q.target.shard}@${q.target.tabletType}`);
  });
  try {
    runOk(s, `mysql -e "${target === '' ? '' : `use ${target}; `}${sql}"`);
  } finally {
    off();
  }
  return [...seen].sort();
}

/** Checks each shard's primary holds exactly the rows of `all` in its key range (by xxhash of `col`). */
function expectByKeyRange(s: CommandSession, keyspace: string, shards: string[], table: string, col: string, all: Array<Record<string, unknown>>): void {
  let total = 0;
  for (const shard of shards) {
    const range = parseShardName(shard)!;
    const want = all.filter((r) => keyRangeContains(range, xxhash.map(Number(r[col]))!));
    const got = primaryQuery(s, keyspace, `select * from ${table} order by ${col}`, shard);
    expect(got, `${table} on ${keyspace}/${shard}`).toEqual(want);
    expect(got.length, `${keyspace}/${shard} holds some ${table} rows`).toBeGreaterThan(0);
    total += got.length;
  }
  expect(total).toBe(all.length);
}

function tabletStates(s: CommandSession, keyspace: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of runOk(s, 'mysql -e "show vitess_tablets"').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells[2] === keyspace) out[`${cells[3]}/${cells[4]}`] = cells[5]!;
  }
  return out;
}

const RS = 'Reshard --workflow cust2cust --target-keyspace customer';

describe('Reshard: the local example 101 → 306', () => {
  it('splits customer/0 into -80 and 80-, moving reads, then writes, back and forth, then completes', async () => {
    const s = await localExampleThrough('302', 5);
    const emails = (from: number, n: number): string => Array.from({ length: n }, (_, i) => `('c${from + i}@x')`).join(', ');
    runOk(s, `mysql -e "insert into customer(email) values ${emails(0, 8)}"`);
    const all = (): Array<Record<string, unknown>> => primaryQuery(s, 'customer', 'select * from customer order by customer_id', '0');

    const created = runOk(s, './303_reshard.sh');
    expect(created).toContain('The following vreplication streams exist for workflow customer.cust2cust:\n\n');
    expect(created).toMatch(/^id=1 on customer\/zone1-30\d: Status: Running\. /m);
    expect(created).toMatch(/^id=1 on customer\/zone1-40\d: Status: Running\. /m);
    expect(created).toContain('Traffic State: Reads Not Switched. Writes Not Switched');
    expect(created).toContain('The cust2cust workflow in the customer keyspace is now running. Copy phase completed at gtid ');
    // The schema was copied first; the streams copy each row to the shard of its key range.
    for (const shard of ['-80', '80-']) {
      expect(primaryQuery(s, 'customer', 'show tables', shard).map((r) => Object.values(r)[0])).toEqual(['corder', 'customer']);
    }
    expectByKeyRange(s, 'customer', ['-80', '80-'], 'customer', 'customer_id', all());
    const show = JSON.parse(ok(s, `${RS} show`)) as { workflows: Array<{ workflow_type: string; shard_streams: Record<string, { streams: Array<{ binlog_source: { shard: string; filter: { rules: Array<{ match: string; filter: string }> } } }> }> }> };
    expect(show.workflows[0]!.workflow_type).toBe('Reshard');
    expect(Object.entries(show.workflows[0]!.shard_streams).find(([k]) => k.startsWith('-80/'))![1].streams[0]!.binlog_source).toMatchObject({
      shard: '0',
      filter: { rules: [{ match: '/.*', filter: '-80' }] },
    });
    expect(routedTo(s, 'select * from customer', 'customer@replica')).toEqual(['0@REPLICA']);

    runOk(s, `mysql -e "insert into customer(email) values ${emails(100, 4)}"`);
    const reads = runOk(s, './304_switch_reads.sh');
    expect(reads).toBe(
      'SwitchTraffic was successful for workflow customer.cust2cust\n\nStart State: Reads Not Switched. Writes Not Switched\n' +
        'Current State: All Reads Switched. Writes Not Switched\n\n',
    );
    expect(routedTo(s, 'select * from customer', 'customer@replica')).toEqual(['-80@REPLICA', '80-@REPLICA']);
    expect(routedTo(s, 'select * from customer', 'customer@rdonly')).toEqual(['-80@RDONLY', '80-@RDONLY']);
    expect(routedTo(s, 'select * from customer')).toEqual(['0@PRIMARY']);
    expect(routedTo(s, "insert into customer(email) values ('w1@x')")).toEqual(['0@PRIMARY']);
    expect(tabletStates(s, 'customer')).toMatchObject({ '0/REPLICA': 'NOT_SERVING', '0/RDONLY': 'NOT_SERVING', '0/PRIMARY': 'SERVING', '-80/REPLICA': 'SERVING' });
    expectByKeyRange(s, 'customer', ['-80', '80-'], 'customer', 'customer_id', all());

    const dry = ok(s, `${RS} switchtraffic --tablet-types primary --dry-run`);
    expect(dry).toContain('IsPrimaryServing will be set to false for: [shard:0;tablet:');
    expect(dry).toContain('Stop writes on keyspace customer for tables [/.*]: [keyspace:customer;shard:0;position:MySQL56/');
    expect(s.cluster.topo.getShard('customer', '0')!.is_primary_serving).toBe(true);

    const writes = runOk(s, './305_switch_writes.sh');
    expect(writes).toContain('Current State: All Reads Switched. Writes Switched');
    expect(s.cluster.topo.getShard('customer', '0')!.is_primary_serving).toBe(false);
    expect(s.cluster.topo.getShard('customer', '-80')!.is_primary_serving).toBe(true);
    const routed = routedTo(s, `insert into customer(email) values ${emails(200, 6)}`);
    expect(routed.every((t) => t === '-80@PRIMARY' || t === '80-@PRIMARY')).toBe(true);
    expect(routedTo(s, 'select * from customer')).toEqual(['-80@PRIMARY', '80-@PRIMARY']);
    // The reverse workflow (one stream per source shard, from each new shard) keeps shard 0 complete.
    const reverse = ok(s, 'Reshard --workflow cust2cust_reverse --target-keyspace customer status');
    expect(reverse.match(/^id=\d+ on customer\/zone1-20\d: Status: Running\./gm)).toHaveLength(2);
    const newShardRows = (): Array<Record<string, unknown>> =>
      ['-80', '80-'].flatMap((sh) => primaryQuery(s, 'customer', 'select * from customer', sh)).sort((a, b) => Number(a.customer_id) - Number(b.customer_id));
    expect(all()).toEqual(newShardRows());

    const back = ok(s, `${RS} reversetraffic`);
    expect(back).toContain('ReverseTraffic was successful for workflow customer.cust2cust');
    expect(back).toContain('Current State: Reads Not Switched. Writes Not Switched');
    expect(routedTo(s, "insert into customer(email) values ('w2@x')")).toEqual(['0@PRIMARY']);
    expect(routedTo(s, 'select * from customer', 'customer@replica')).toEqual(['0@REPLICA']);
    expectByKeyRange(s, 'customer', ['-80', '80-'], 'customer', 'customer_id', all());

    ok(s, `${RS} SwitchTraffic`);
    expect(ok(s, `${RS} status`)).toContain('Traffic State: All Reads Switched. Writes Switched');
    runOk(s, `mysql -e "insert into customer(email) values ${emails(300, 3)}"`);
    expectByKeyRange(s, 'customer', ['-80', '80-'], 'customer', 'customer_id', all());
    const final = all();

    const down = runOk(s, './306_down_shard_0.sh');
    expect(down).toContain('Successfully completed the cust2cust workflow in the customer keyspace');
    expect(down).toContain('Stopping vttablet for zone1-0000000202...');
    expect(s.cluster.topo.getShardNames('customer')).toEqual(['-80', '80-']);
    expect(runOk(s, 'vtctldclient GetTablets --keyspace customer').trim().split('\n')).toHaveLength(6);
    expect(tabletStates(s, 'customer')['0/PRIMARY']).toBeUndefined();
    expect(runOk(s, 'vtctldclient Workflow --keyspace customer list')).toBe('[]\n');
    expectByKeyRange(s, 'customer', ['-80', '80-'], 'customer', 'customer_id', final);
    expect(runOk(s, 'mysql -e "select count(*) from customer"')).toContain(`| ${String(final.length).padStart(8)} |`);
  });
});

describe('Reshard with other names', () => {
  it('splits accounts/0 into -80,80-, then -80 into -40,40-80 (after a cancelled first try)', async () => {
    const s = await accountsCluster({ rows: 30 });
    addShard(s, '-80', 600);
    addShard(s, '80-', 700);
    const ledger = (shard: string): Array<Record<string, unknown>> => primaryQuery(s, 'accounts', 'select * from ledger order by entry_id', shard);
    const all = ledger('0');
    const R1 = 'Reshard --workflow split1 --target-keyspace accounts';
    expect(ok(s, `${R1} create --source-shards 0 --target-shards '-80,80-' --tablet-types primary`)).toMatch(/^id=1 on accounts\/zone1-60\d: /m);
    expectByKeyRange(s, 'accounts', ['-80', '80-'], 'ledger', 'entry_id', all);
    expect(ok(s, `${R1} Progress`)).toContain('Traffic State: Reads Not Switched. Writes Not Switched');
    // Tablet 502 is an rdonly: switching replica reads leaves rdonly reads on shard 0.
    expect(ok(s, `${R1} SwitchTraffic --tablet-types replica`)).toContain(
      'Current State: Reads partially switched. All Replica Reads Switched. Rdonly not switched. Writes Not Switched',
    );
    expect(routedTo(s, 'select * from ledger', 'accounts@rdonly')).toEqual(['0@RDONLY']);
    expect(ok(s, `${R1} switchtraffic`)).toContain('Current State: All Reads Switched. Writes Switched');
    runOk(s, 'mysql -e "insert into ledger(entry_id, amount) values (31, 1), (32, 2), (33, 3), (34, 4)"');
    expect(ok(s, `${R1} Complete`)).toBe('Successfully completed the split1 workflow in the accounts keyspace\n\n');
    expect(s.cluster.topo.getShardNames('accounts')).toEqual(['-80', '80-']);
    const afterSplit = [...ledger('-80'), ...ledger('80-')].sort((a, b) => Number(a.entry_id) - Number(b.entry_id));
    expect(afterSplit).toHaveLength(34);

    addShard(s, '-40', 800);
    addShard(s, '40-80', 900);
    const R2 = 'Reshard --workflow split2 --target-keyspace accounts';
    const lowHalf = ledger('-80');
    ok(s, `${R2} create --source-shards '-80' --target-shards '-40,40-80'`);
    expectByKeyRange(s, 'accounts', ['-40', '40-80'], 'ledger', 'entry_id', lowHalf);
    // Cancel drops what it copied to the new shards and leaves the source serving; a new try starts clean.
    expect(ok(s, `${R2} cancel`)).toBe('Successfully cancelled the split2 workflow in the accounts keyspace\n\n');
    expect(primaryQuery(s, 'accounts', 'show tables', '-40')).toEqual([]);
    expect(routedTo(s, 'select * from ledger')).toEqual(['-80@PRIMARY', '80-@PRIMARY']);
    expect(runOk(s, 'vtctldclient Workflow --keyspace accounts list')).toBe('[]\n');
    ok(s, `${R2} create --source-shards '-80' --target-shards '-40,40-80'`);
    ok(s, `${R2} switchtraffic --tablet-types rdonly,replica`);
    expect(routedTo(s, 'select * from ledger', 'accounts@replica')).toEqual(['-40@REPLICA', '40-80@REPLICA', '80-@REPLICA']);
    ok(s, `${R2} switchtraffic --tablet-types primary`);
    expect(routedTo(s, 'select * from ledger')).toEqual(['-40@PRIMARY', '40-80@PRIMARY', '80-@PRIMARY']);
    runOk(s, 'mysql -e "insert into ledger(entry_id, amount) values (35, 5), (36, 6), (37, 7), (38, 8), (39, 9), (40, 10)"');
    const low = ledger('-80');
    expectByKeyRange(s, 'accounts', ['-40', '40-80'], 'ledger', 'entry_id', low);
    ok(s, `${R2} complete`);
    expect(s.cluster.topo.getShardNames('accounts')).toEqual(['-40', '40-80', '80-']);
    expect(routedTo(s, 'select * from ledger', 'accounts@replica')).toEqual(['-40@REPLICA', '40-80@REPLICA', '80-@REPLICA']);
    const total = ['-40', '40-80', '80-'].reduce((n, sh) => n + ledger(sh).length, 0);
    expect(total).toBe(40);
  });

  it('refuses bad input in Vitess words and changes nothing', async () => {
    const s = await accountsCluster({ rows: 30 });
    addShard(s, '-80', 600);
    addShard(s, '80-', 700);
    const R = 'Reshard --workflow split1 --target-keyspace accounts';
    const before = JSON.stringify([s.cluster.topo.getShard('accounts', '-80'), s.cluster.topo.getShard('accounts', '0')]);
    expect(fails(s, `${R} create --source-shards 0 --target-shards '-80,c0-'`)).toBe(
      "buildResharder: GetShard(c0-) failed: node doesn't exist: /vitess/global/keyspaces/accounts/shards/c0-/Shard",
    );
    expect(fails(s, `${R} create --source-shards 0 --target-shards '-80'`)).toBe(
      "buildResharder: ValidateForReshard: source and target keyranges don't match: - vs -80",
    );
    expect(fails(s, `${R} create --source-shards '-80' --target-shards '80-'`)).toBe('buildResharder: source shard -80 is not in serving state');
    expect(fails(s, `${R} create --source-shards 0 --target-shards 0`)).toBe('buildResharder: target shard 0 is in serving state');
    expect(fails(s, `${R} create --source-shards 0 --target-shards '-80,80-' --on-ddl bogus`)).toContain('invalid on-ddl value: bogus');
    expect(fails(s, `${R} status`)).toBe('no streams found in keyspace accounts for split1');
    expect(fails(s, `${R} switchtraffic`)).toBe('no streams found in keyspace accounts for split1');
    expect(JSON.stringify([s.cluster.topo.getShard('accounts', '-80'), s.cluster.topo.getShard('accounts', '0')])).toBe(before);

    ok(s, `${R} create --source-shards 0 --target-shards '-80,80-' --auto-start=false`);
    expect(ok(s, `${R} status`)).toMatch(/^id=1 on accounts\/zone1-60\d: Status: Stopped\. VStream has not started\.$/m);
    expect(fails(s, 'Reshard --workflow again --target-keyspace accounts create --source-shards 0 --target-shards -80,80-')).toBe(
      'buildResharder: validateTargets: some streams already exist in the target shards, please clean them up and retry the command',
    );
    expect(fails(s, `${R} complete`)).toBe('cannot complete workflow because you have not yet switched all read and write traffic');
    ok(s, `${R} start`);
    expect(ok(s, `${R} show`)).toContain('"workflow_type": "Reshard"');
    expect(fails(s, `${R} reversetraffic --tablet-types replica`)).toContain(
      'requesting reversal of read traffic for REPLICAs but REPLICA reads have not been switched',
    );
    expect(routedTo(s, 'select * from ledger', 'accounts@replica')).toEqual(['0@REPLICA']);
  });
});

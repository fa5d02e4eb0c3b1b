// VDiff on Reshard workflows: each target shard compares its rows with the source shards' rows of its key
// range (by each table's primary vindex), and `show` adds the shards up. Clean diffs count every row once;
// a mismatch or an extra row made behind the workflow's back on one target shard (straight into that
// tablet's mysqld) shows on that shard only. The local example's names, then others (accounts/ledger),
// including a target shard fed by two source shards.
import { describe, expect, it } from 'vitest';
import type { CommandSession } from '../../src/commands/session.js';
import { keyRangeContains, parseShardName } from '../../src/common/key-range.js';
import { createVindex } from '../../src/router/vindexes/vindex.js';
import { accountsCluster, addShard, localExampleThrough, ok, primaryQuery, runOk } from './support.js';

const xxhash = createVindex('xxhash', 'xxhash', {})!;

function inShard(shard: string, id: number): boolean {
  return keyRangeContains(parseShardName(shard)!, xxhash.map(id)!);
}

/** The first id from `from` on whose keyspace id falls in `shard`. */
function idIn(shard: string, from: number): number {
  let id = from;
  while (!inShard(shard, id)) id++;
  return id;
}

interface Report {
  TableName: string;
  ProcessedRows: number;
  MatchingRows: number;
  MismatchedRows: number;
  ExtraRowsSource: number;
  ExtraRowsTarget: number;
  ExtraRowsSourceSample?: Array<{ Row: Record<string, string> }>;
  ExtraRowsTargetSample?: Array<{ Row: Record<string, string> }>;
  MismatchedRowsSample?: Array<{ Source: { Row: Record<string, string> }; Target: { Row: Record<string, string> } }>;
}

interface Summary {
  Workflow: string;
  Keyspace: string;
  State: string;
  UUID: string;
  RowsCompared: number;
  HasMismatch: boolean;
  Shards: string;
  TableSummary?: Record<string, Omit<Report, 'ProcessedRows'> & { State: string; RowsCompared: number }>;
  Reports?: Record<string, Record<string, Report>>;
}

function clean(table: string, rows: number): Report {
  return { TableName: table, ProcessedRows: rows, MatchingRows: rows, MismatchedRows: 0, ExtraRowsSource: 0, ExtraRowsTarget: 0 };
}

/** Writes straight into a tablet's MySQL, behind vtgate and the workflow (a drifted copy). */
function onTablet(s: CommandSession, keyspace: string, shard: string, sql: string): void {
  const alias = s.cluster.topo.getShard(keyspace, shard)!.primary_alias!;
  s.cluster.tablet(alias)!.mysqld!.execute(sql);
}

function createAndShow(s: CommandSession, vd: string): Summary {
  const m = /^VDiff ([0-9a-f-]{36}) scheduled on target shards/.exec(ok(s, `${vd} create`));
  expect(m).not.toBeNull();
  const summary = JSON.parse(ok(s, `${vd} show last --verbose --format json`)) as Summary;
  expect(summary.UUID).toBe(m![1]);
  return summary;
}

describe('VDiff on a Reshard: the local example 101 → 303', () => {
  it('compares each new shard with its key range of customer/0, then finds drift made on one shard', async () => {
    const s = await localExampleThrough('302', 5);
    // The example's five customers all hash into 80-; add some for -80.
    runOk(s, `mysql -e "insert into customer(email) values ${Array.from({ length: 12 }, (_, i) => `('c${i}@x')`).join(', ')}"`);
    runOk(s, `mysql -e "insert into corder(customer_id, sku, price) values (6, 'SKU-1003', 7), (9, 'SKU-1003', 8), (14, 'SKU-1004', 9)"`);
    const customers = primaryQuery(s, 'customer', 'select customer_id from customer', '0').map((r) => Number(r.customer_id));
    const orders = primaryQuery(s, 'customer', 'select customer_id from corder', '0').map((r) => Number(r.customer_id));
    const count = (ids: number[], shard: string): number => ids.filter((id) => inShard(shard, id)).length;
    for (const shard of ['-80', '80-']) expect(count(customers, shard), `customers in ${shard}`).toBeGreaterThan(0);
    runOk(s, './303_reshard.sh');

    const VD = 'VDiff --workflow cust2cust --target-keyspace customer';
    const first = createAndShow(s, VD);
    expect(first).toMatchObject({
      Workflow: 'cust2cust',
      Keyspace: 'customer',
      State: 'completed',
      RowsCompared: customers.length + orders.length,
      HasMismatch: false,
      Shards: '-80,80-',
    });
    expect(first.Reports).toEqual({
      corder: { '-80': clean('corder', count(orders, '-80')), '80-': clean('corder', count(orders, '80-')) },
      customer: { '-80': clean('customer', count(customers, '-80')), '80-': clean('customer', count(customers, '80-')) },
    });
    expect(first.TableSummary?.customer).toMatchObject({ State: 'completed', RowsCompared: customers.length, MatchingRows: customers.length });
    const text = ok(s, `${VD} show last`);
    expect(text).toContain(`State:        completed\nRowsCompared: ${customers.length + orders.length}\nHasMismatch:  false\n`);
    expect(text).not.toContain('Table customer:');

    // The workflow's streams run again after the diff.
    const status = JSON.parse(ok(s, 'Reshard --workflow cust2cust --target-keyspace customer status --format json')) as {
      shard_streams: Record<string, { streams: Array<{ status: string }> }>;
    };
    expect(Object.values(status.shard_streams).flatMap((ss) => ss.streams.map((st) => st.status))).toEqual(['Running', 'Running']);

    // Drift on 80- only: one customer changed, one customer that exists only there (its id hashes into
    // 80-), and one order of 80- lost.
    const changed = customers.find((id) => inShard('80-', id))!;
    const extra = idIn('80-', 100000);
    const lostOrder = primaryQuery(s, 'customer', 'select order_id, customer_id from corder order by order_id', '80-')[0]!;
    onTablet(s, 'customer', '80-', `update customer set email = 'drift@x' where customer_id = ${changed}`);
    onTablet(s, 'customer', '80-', `insert into customer(customer_id, email) values (${extra}, 'extra@x')`);
    onTablet(s, 'customer', '80-', `delete from corder where order_id = ${String(lostOrder.order_id)}`);

    const second = createAndShow(s, VD);
    expect(second).toMatchObject({ State: 'completed', HasMismatch: true, Shards: '-80,80-' });
    // Every source row and the extra target row are compared once.
    expect(second.RowsCompared).toBe(customers.length + orders.length + 1);
    expect(second.Reports!.customer!['-80']).toEqual(clean('customer', count(customers, '-80')));
    expect(second.Reports!.corder!['-80']).toEqual(clean('corder', count(orders, '-80')));
    const c80 = second.Reports!.customer!['80-']!;
    expect(c80).toMatchObject({
      ProcessedRows: count(customers, '80-') + 1,
      MatchingRows: count(customers, '80-') - 1,
      MismatchedRows: 1,
      ExtraRowsSource: 0,
      ExtraRowsTarget: 1,
    });
    expect(c80.MismatchedRowsSample).toHaveLength(1);
    expect(c80.MismatchedRowsSample![0]!.Source.Row.customer_id).toBe(String(changed));
    expect(c80.MismatchedRowsSample![0]!.Target.Row).toEqual({ customer_id: String(changed), email: 'drift@x' });
    expect(c80.ExtraRowsTargetSample).toEqual([{ Row: { customer_id: String(extra), email: 'extra@x' } }]);
    const o80 = second.Reports!.corder!['80-']!;
    expect(o80).toMatchObject({ ProcessedRows: count(orders, '80-'), MatchingRows: count(orders, '80-') - 1, ExtraRowsSource: 1, ExtraRowsTarget: 0 });
    expect(o80.ExtraRowsSourceSample![0]!.Row.order_id).toBe(String(lostOrder.order_id));
    // The table summaries add both shards up.
    expect(second.TableSummary).toEqual({
      corder: {
        TableName: 'corder',
        State: 'completed',
        RowsCompared: orders.length,
        MatchingRows: orders.length - 1,
        MismatchedRows: 0,
        ExtraRowsSource: 1,
        ExtraRowsTarget: 0,
      },
      customer: {
        TableName: 'customer',
        State: 'completed',
        RowsCompared: customers.length + 1,
        MatchingRows: customers.length - 1,
        MismatchedRows: 1,
        ExtraRowsSource: 0,
        ExtraRowsTarget: 1,
      },
    });
    const mismatchText = ok(s, `${VD} show last`);
    expect(mismatchText).toContain('HasMismatch:  true\n');
    expect(mismatchText).toContain(
      `Table customer:\n\tState:            completed\n\tProcessedRows:    ${customers.length + 1}\n\tMatchingRows:     ${customers.length - 1}\n` +
        '\tMismatchedRows:   1\n\tExtraRowsTarget:  1\n',
    );

    // show all: both vdiffs on both target shards, newest first per shard.
    const all = JSON.parse(ok(s, `${VD} show all --format json`)) as Array<{ UUID: string; Shard: string; State: string; Keyspace: string; Workflow: string }>;
    expect(all.map((l) => [l.UUID, l.Shard, l.State])).toEqual([
      [second.UUID, '-80', 'completed'],
      [first.UUID, '-80', 'completed'],
      [second.UUID, '80-', 'completed'],
      [first.UUID, '80-', 'completed'],
    ]);
    expect(ok(s, `${VD} show all`)).toMatch(new RegExp(`\\| +${second.UUID} \\| +cust2cust \\| +customer \\| +80- \\| +completed \\|`));
  });
});

describe('VDiff on a Reshard with other names', () => {
  it('diffs accounts 0 → -80,80- per shard and table, then -80,80- → -40,40- where 40- reads both old shards', async () => {
    const s = await accountsCluster({ rows: 40, withNote: true });
    addShard(s, '-80', 600, 3);
    addShard(s, '80-', 700, 3);
    const ids = Array.from({ length: 40 }, (_, i) => i + 1);
    const notes = Array.from({ length: 9 }, (_, i) => i + 1);
    const count = (list: number[], shard: string): number => list.filter((id) => inShard(shard, id)).length;

    const R1 = 'Reshard --workflow split1 --target-keyspace accounts';
    const V1 = 'VDiff --workflow split1 --target-keyspace accounts';
    ok(s, `${R1} create --source-shards 0 --target-shards '-80,80-'`);
    const first = createAndShow(s, V1);
    expect(first).toMatchObject({ State: 'completed', RowsCompared: 49, HasMismatch: false, Shards: '-80,80-' });
    expect(first.Reports).toEqual({
      ledger: { '-80': clean('ledger', count(ids, '-80')), '80-': clean('ledger', count(ids, '80-')) },
      note: { '-80': clean('note', count(notes, '-80')), '80-': clean('note', count(notes, '80-')) },
    });
    // --tables limits the diff.
    const only = JSON.parse(ok(s, `${V1} create --tables note --format json`)) as { UUID: string };
    const onlyNotes = JSON.parse(ok(s, `${V1} show ${only.UUID} --verbose --format json`)) as Summary;
    expect(Object.keys(onlyNotes.TableSummary ?? {})).toEqual(['note']);
    expect(onlyNotes.RowsCompared).toBe(9);

    // An amount changed on -80, an entry on -80 whose keyspace id belongs to 80-: the copy of -80 drifted.
    const low = ids.find((id) => inShard('-80', id))!;
    const stray = idIn('80-', 100000);
    onTablet(s, 'accounts', '-80', `update ledger set amount = -1 where entry_id = ${low}`);
    onTablet(s, 'accounts', '-80', `insert into ledger(entry_id, amount) values (${stray}, 7)`);
    const drift = createAndShow(s, V1);
    expect(drift.HasMismatch).toBe(true);
    expect(drift.RowsCompared).toBe(50);
    expect(drift.Reports!.ledger!['-80']).toMatchObject({
      ProcessedRows: count(ids, '-80') + 1,
      MatchingRows: count(ids, '-80') - 1,
      MismatchedRows: 1,
      ExtraRowsTarget: 1,
      ExtraRowsSource: 0,
    });
    expect(drift.Reports!.ledger!['-80']!.ExtraRowsTargetSample).toEqual([{ Row: { amount: '7', entry_id: String(stray) } }]);
    expect(drift.Reports!.ledger!['80-']).toEqual(clean('ledger', count(ids, '80-')));
    expect(drift.Reports!.note).toEqual(first.Reports!.note);
    // Repair the drift and finish the split.
    onTablet(s, 'accounts', '-80', `update ledger set amount = ${(low - 1) * 10} where entry_id = ${low}`);
    onTablet(s, 'accounts', '-80', `delete from ledger where entry_id = ${stray}`);
    expect(createAndShow(s, V1)).toMatchObject({ State: 'completed', RowsCompared: 49, HasMismatch: false });
    ok(s, `${R1} switchtraffic`);
    ok(s, `${R1} complete`);

    // -80,80- → -40,40-: 40- is fed by both -80 (its 40-80 part) and 80-.
    addShard(s, '-40', 800, 3);
    addShard(s, '40-', 900, 3);
    const R2 = 'Reshard --workflow split2 --target-keyspace accounts';
    const V2 = 'VDiff --workflow split2 --target-keyspace accounts';
    ok(s, `${R2} create --source-shards '-80,80-' --target-shards '-40,40-'`);
    const show = JSON.parse(ok(s, `${R2} show`)) as { workflows: Array<{ shard_streams: Record<string, { streams: unknown[] }> }> };
    expect(show.workflows[0]!.shard_streams['40-/zone1-0000000900']!.streams).toHaveLength(2);
    const both = createAndShow(s, V2);
    expect(both).toMatchObject({ State: 'completed', RowsCompared: 49, HasMismatch: false, Shards: '-40,40-' });
    expect(both.Reports!.ledger).toEqual({ '-40': clean('ledger', count(ids, '-40')), '40-': clean('ledger', count(ids, '40-')) });
    // Lose one row of 40- that came from -80 and one that came from 80-.
    const fromLow = ids.find((id) => inShard('40-', id) && inShard('-80', id))!;
    const fromHigh = ids.find((id) => inShard('80-', id))!;
    onTablet(s, 'accounts', '40-', `delete from ledger where entry_id in (${fromLow}, ${fromHigh})`);
    const lost = createAndShow(s, V2);
    expect(lost.Reports!.ledger!['40-']).toMatchObject({
      ProcessedRows: count(ids, '40-'),
      MatchingRows: count(ids, '40-') - 2,
      ExtraRowsSource: 2,
      ExtraRowsTarget: 0,
    });
    expect(lost.Reports!.ledger!['40-']!.ExtraRowsSourceSample!.map((r) => Number(r.Row.entry_id)).sort((a, b) => a - b)).toEqual(
      [fromLow, fromHigh].sort((a, b) => a - b),
    );
    expect(lost.Reports!.ledger!['-40']).toEqual(clean('ledger', count(ids, '-40')));
    expect(lost.TableSummary!.ledger).toMatchObject({ RowsCompared: 40, MatchingRows: 38, ExtraRowsSource: 2 });
    expect(lost.RowsCompared).toBe(49);
  });
});

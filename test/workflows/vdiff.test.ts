// VDiff through the workflow server and the tablets' VDiff engines: create, show (last / all / uuid, text
// and JSON), stop / resume / delete, and mismatches injected on either side.
import { describe, expect, it } from 'vitest';
import { exampleCluster, fails, ok } from './support.js';

const MT = 'MoveTables --target-keyspace customer --workflow commerce2customer';
const VD = 'VDiff --target-keyspace customer --workflow commerce2customer';

async function movedCluster() {
  const s = await exampleCluster();
  ok(s, `${MT} create --source-keyspace commerce --tables 'customer,corder'`);
  return s;
}

describe('VDiff', () => {
  it('creates, and shows a clean diff as on the acceptance page', async () => {
    const s = await movedCluster();
    const created = ok(s, `${VD} create`);
    const m = /^VDiff ([0-9a-f-]{36}) scheduled on target shards, use show to view progress\n$/.exec(created);
    expect(m).not.toBeNull();
    const uuid = m![1]!;
    const json = JSON.parse(ok(s, `VDiff --format=json --target-keyspace customer --workflow commerce2customer show last --verbose`)) as Record<string, unknown>;
    expect(json).toMatchObject({
      Workflow: 'commerce2customer',
      Keyspace: 'customer',
      State: 'completed',
      UUID: uuid,
      RowsCompared: 10,
      HasMismatch: false,
      Shards: '0',
    });
    expect(json.StartedAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(json.TableSummary).toEqual({
      corder: { TableName: 'corder', State: 'completed', RowsCompared: 5, MatchingRows: 5, MismatchedRows: 0, ExtraRowsSource: 0, ExtraRowsTarget: 0 },
      customer: { TableName: 'customer', State: 'completed', RowsCompared: 5, MatchingRows: 5, MismatchedRows: 0, ExtraRowsSource: 0, ExtraRowsTarget: 0 },
    });
    expect(Object.keys((json.Reports as Record<string, unknown>).corder as object)).toEqual(['0']);
    const text = ok(s, `${VD} show ${uuid}`);
    expect(text).toMatch(
      new RegExp(
        `^\\nVDiff Summary for customer\\.commerce2customer \\(${uuid}\\)\\nState:        completed\\nRowsCompared: 10\\nHasMismatch:  false\\n` +
          'StartedAt:    [\\d: -]+\\nCompletedAt:  [\\d: -]+\\n \\nUse "--format=json" for more detailed output\\.\\n\\n$',
      ),
    );
    const all = ok(s, `${VD} show all`);
    expect(all).toMatch(new RegExp(`\\| +${uuid} \\| +commerce2customer \\| +customer \\| +0 \\| +completed \\|`));
    expect(all.split('\n')[1]).toMatch(/\| +UUID \| +Workflow \| +Keyspace \| +Shard \| +State \|/);
    expect(JSON.parse(ok(s, `${VD} --format json show all`))).toEqual([
      { UUID: uuid, Workflow: 'commerce2customer', Keyspace: 'customer', Shard: '0', State: 'completed' },
    ]);
    expect(ok(s, `${VD} stop ${uuid}`)).toBe('VDiff stop completed\n');
    expect(ok(s, `${VD} resume ${uuid}`)).toBe('VDiff resume scheduled\n');
    expect(ok(s, `${VD} --format json delete all`)).toBe('{\n  "Action": "delete",\n  "Status": "completed"\n}\n');
    expect(ok(s, `${VD} show last`)).toBe('No previous vdiff found for customer.commerce2customer\n');
    expect(ok(s, `${VD} --format json show last`)).toBe('{}\n');
    expect(ok(s, `${VD} show all`)).toBe('No vdiffs found for customer.commerce2customer\n');
    expect(fails(s, `${VD} show foo`)).toContain("invalid argument provided (foo), valid arguments are 'all', 'last', or a valid UUID");
    expect(fails(s, `${VD} stop 1234`)).toContain('invalid UUID provided: invalid UUID length: 4');
  });

  it('reports mismatched rows and extra rows on either side', async () => {
    const s = await movedCluster();
    const target = s.cluster.topo.getShard('customer', '0')!.primary_alias!;
    const source = s.cluster.topo.getShard('commerce', '0')!.primary_alias!;
    // Change the target copy behind the workflow's back, and add rows only one side has.
    s.cluster.tmc.executeFetchAsDba(target, "update customer set email = 'mallory@domain.com' where customer_id = 2");
    s.cluster.tmc.executeFetchAsDba(target, "insert into customer (customer_id, email) values (100, 'extra@target')");
    s.cluster.tmc.executeFetchAsDba(target, 'delete from corder where order_id = 5');
    void source;
    ok(s, `${VD} create`);
    const json = JSON.parse(ok(s, `${VD} --format json show last`)) as {
      HasMismatch: boolean;
      TableSummary: Record<string, Record<string, number>>;
      Reports: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(json.HasMismatch).toBe(true);
    expect(json.TableSummary.customer).toMatchObject({ MismatchedRows: 1, ExtraRowsTarget: 1, ExtraRowsSource: 0 });
    expect(json.TableSummary.corder).toMatchObject({ ExtraRowsSource: 1, MismatchedRows: 0 });
    const report = json.Reports.customer!['0']!;
    expect(report.MismatchedRowsSample).toEqual([
      { Source: { Row: { customer_id: '2', email: 'bob@domain.com' } }, Target: { Row: { customer_id: '2', email: 'mallory@domain.com' } } },
    ]);
    expect(report.ExtraRowsTargetSample).toEqual([{ Row: { customer_id: '100', email: 'extra@target' } }]);
    const text = ok(s, `${VD} show last`);
    expect(text).toContain('HasMismatch:  true\n');
    expect(text).toContain(' \nTable corder:\n\tState:            completed\n\tProcessedRows:    5\n\tMatchingRows:     4\n\tExtraRowsSource:  1\n');
    expect(text).toContain('\tMismatchedRows:   1\n\tExtraRowsTarget:  1\n');
  });
});

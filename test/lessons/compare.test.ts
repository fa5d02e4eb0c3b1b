import { describe, expect, it } from 'vitest';
import { ACCEPTANCE_PAGE, HAS_ACCEPTANCE } from '../support/acceptance-page.js';
import { compareOutput, showsError } from '../../src/lessons/compare.js';
import { parseLesson } from '../../src/lessons/parse-lesson.js';
import { unifiedDiff } from '../../src/lessons/text-diff.js';
import type { CommandResult } from '../../src/commands/types.js';

const page = parseLesson(ACCEPTANCE_PAGE, 'move-tables.md');
const commands = page.steps.flatMap((s) => s.commands);

/** The expected lines the page shows for the n-th command whose line contains `needle`. */
function expectedOf(needle: string, nth = 0): string[] {
  const found = commands.filter((c) => c.line.includes(needle))[nth];
  if (!found?.expected) throw new Error(`no expected output for ${needle}`);
  return found.expected;
}

const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stdout: string, stderr: string): CommandResult => ({ stdout, stderr, exitCode: 1 });

/** Renders a mysql-style box with `pad` extra spaces in every cell. */
function box(header: string[], rows: string[][], pad = 0): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)) + pad);
  const border = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const line = (cells: string[]): string => `|${cells.map((c, i) => ` ${c.padEnd(widths[i] ?? 0)} `).join('|')}|`;
  return [border, line(header), border, ...rows.map(line), border];
}

describe.skipIf(!HAS_ACCEPTANCE)('compareOutput: JSON', () => {
  const rules = expectedOf('GetRoutingRules', 0);
  const parsed = JSON.parse(rules.join('\n')) as { rules: Array<{ fromTable: string; toTables: string[] }> };

  it('passes the page\'s routing rules reordered, in snake_case, indented differently', () => {
    const variant = {
      rules: [...parsed.rules].reverse().map((r) => ({ to_tables: r.toTables, from_table: r.fromTable })),
    };
    expect(compareOutput(rules, ok(JSON.stringify(variant, null, 4)))).toEqual({ ok: true });
    expect(compareOutput(rules, ok(`${JSON.stringify(variant)}\n`))).toEqual({ ok: true });
  });

  it('fails on a changed rule, with a diff showing the difference', () => {
    const variant = { rules: parsed.rules.map((r, i) => (i === 3 ? { ...r, toTables: ['customer.customer'] } : r)) };
    const result = compareOutput(rules, ok(JSON.stringify(variant, null, 2)));
    expect(result.ok).toBe(false);
    expect(result.reason).toBe('JSON output differs');
    expect(result.diff).toMatch(/^--- expected\n\+\+\+ actual\n@@ /);
    // Routing rules are a multiset: the diff names whole rules, one a line.
    const changed = parsed.rules[3]?.fromTable ?? '';
    expect(result.diff).toContain(`-    {"from_table":"${changed}","to_tables":["commerce.customer"]}`);
    expect(result.diff).toContain(`+    {"from_table":"${changed}","to_tables":["customer.customer"]}`);
  });

  it('fails when a rule is missing or duplicated (multiset, not set)', () => {
    const missing = { rules: parsed.rules.slice(1) };
    expect(compareOutput(rules, ok(JSON.stringify(missing))).ok).toBe(false);
    const duplicated = { rules: [...parsed.rules.slice(1), parsed.rules[2]] };
    expect(compareOutput(rules, ok(JSON.stringify(duplicated))).ok).toBe(false);
  });

  it('keeps the order of other arrays (VReplication filter rules are ordered)', () => {
    const show = expectedOf('show --include-logs=false');
    const doc = JSON.parse(show.join('\n')) as {
      workflows: Array<{ shard_streams: Record<string, { streams: Array<{ binlog_source: { filter: { rules: unknown[] } } }> }> }>;
    };
    const stream = Object.values(doc.workflows[0]?.shard_streams ?? {})[0]?.streams[0];
    stream?.binlog_source.filter.rules.reverse();
    expect(compareOutput(show, ok(JSON.stringify(doc))).ok).toBe(false);
  });

  it('masks what the cluster\'s history decides in MoveTables status, and nothing else', () => {
    const status = expectedOf('status --format=json');
    const actual = {
      table_copy_state: {},
      shard_streams: {
        'customer/0': {
          streams: [
            {
              id: 1,
              tablet: { cell: 'zone1', uid: 201 },
              source_shard: 'commerce/0',
              position: '3e11fa47-71ca-11e1-9e33-c80aa9429562:1-12',
              status: 'Running',
              info: 'VStream Lag: 3s',
            },
          ],
        },
      },
      traffic_state: 'Reads Not Switched. Writes Not Switched',
    };
    expect(compareOutput(status, ok(JSON.stringify(actual, null, 2)))).toEqual({ ok: true });

    const wrongSource = structuredClone(actual);
    wrongSource.shard_streams['customer/0'].streams[0]!.source_shard = 'commerce/-80';
    expect(compareOutput(status, ok(JSON.stringify(wrongSource))).ok).toBe(false);
    const wrongCell = structuredClone(actual);
    wrongCell.shard_streams['customer/0'].streams[0]!.tablet.cell = 'zone2';
    expect(compareOutput(status, ok(JSON.stringify(wrongCell))).ok).toBe(false);
    const wrongStatus = structuredClone(actual);
    wrongStatus.shard_streams['customer/0'].streams[0]!.status = 'Copying';
    expect(compareOutput(status, ok(JSON.stringify(wrongStatus))).ok).toBe(false);
  });

  it('masks times, positions, ids, log details and the hosting tablet in Workflow show', () => {
    const show = expectedOf('commerce2customer_reverse');
    type Log = { id: string; type: string; message: string; created_at: { seconds: string }; count: string };
    type Stream = { id: string; tablet: { uid: number }; position: string; time_updated: { seconds: string }; logs: Log[]; state: string };
    type Doc = { workflows: Array<{ shard_streams: Record<string, { streams: Stream[] }>; max_v_replication_lag: string }> };
    const doc = JSON.parse(show.join('\n')) as Doc;
    const wf = doc.workflows[0]!;
    const [key, streams] = Object.entries(wf.shard_streams)[0]!;
    const stream = streams.streams[0]!;
    stream.id = '7';
    stream.tablet.uid = 100;
    stream.position = 'MySQL56/3e11fa47-71ca-11e1-9e33-c80aa9429562:1-9';
    stream.time_updated.seconds = '1705309200';
    for (const log of stream.logs) {
      log.id = '12';
      log.created_at.seconds = '1705309200';
      log.count = '3';
    }
    stream.logs[0]!.message = '{"pos":"something else entirely"}';
    wf.max_v_replication_lag = '0';
    delete wf.shard_streams[key];
    wf.shard_streams['0/zone1-0000000100'] = streams;
    expect(compareOutput(show, ok(JSON.stringify(doc, null, 2)))).toEqual({ ok: true });

    // The message of other logs, the log type, the stream state and the shard in the key still count.
    const changedMessage = structuredClone(doc);
    Object.values(changedMessage.workflows[0]!.shard_streams)[0]!.streams[0]!.logs[1]!.message = 'x';
    expect(compareOutput(show, ok(JSON.stringify(changedMessage))).ok).toBe(false);
    const changedType = structuredClone(doc);
    Object.values(changedType.workflows[0]!.shard_streams)[0]!.streams[0]!.logs[1]!.type = 'Error';
    expect(compareOutput(show, ok(JSON.stringify(changedType))).ok).toBe(false);
    const changedShard = structuredClone(doc);
    const s = changedShard.workflows[0]!.shard_streams;
    s['-80/zone1-0000000100'] = s['0/zone1-0000000100']!;
    delete s['0/zone1-0000000100'];
    expect(compareOutput(show, ok(JSON.stringify(changedShard))).ok).toBe(false);
    const missingField = structuredClone(doc) as unknown as { workflows: Array<Record<string, unknown>> };
    delete missingField.workflows[0]!['max_v_replication_lag'];
    expect(compareOutput(show, ok(JSON.stringify(missingField))).ok).toBe(false);
  });

  it('masks the VDiff UUID and times but compares the counts', () => {
    const vdiff = expectedOf('show last --verbose');
    const doc = JSON.parse(vdiff.join('\n')) as Record<string, unknown>;
    doc['UUID'] = 'a1b2c3d4-0000-4000-8000-000000000001';
    doc['StartedAt'] = '2024-01-15 09:00:05';
    doc['CompletedAt'] = '2024-01-15 09:00:06';
    expect(compareOutput(vdiff, ok(JSON.stringify(doc, null, 2)))).toEqual({ ok: true });
    doc['RowsCompared'] = 9;
    expect(compareOutput(vdiff, ok(JSON.stringify(doc, null, 2))).ok).toBe(false);
  });

  it('fails when JSON was expected and something else came out', () => {
    const result = compareOutput(['[]'], ok('No workflows found\n'));
    expect(result.ok).toBe(false);
    expect(result.reason).toBe('expected JSON output, but the command printed something else');
    expect(compareOutput(['[]'], ok('[]\n')).ok).toBe(true);
  });
});

describe.skipIf(!HAS_ACCEPTANCE)('compareOutput: boxed tables', () => {
  const select = expectedOf('--table < ../common/select_commerce_data.sql');

  it('passes boxes with other column widths, keeping the plain lines between them', () => {
    const actual = [
      'Using commerce',
      'Customer',
      ...box(['customer_id', 'email'], [['1', 'alice@domain.com'], ['2', 'bob@domain.com'], ['3', 'charlie@domain.com'], ['4', 'dan@domain.com'], ['5', 'eve@domain.com']], 3),
      'Product',
      ...box(['sku', 'description', 'price'], [['SKU-1001', 'Monitor', '100'], ['SKU-1002', 'Keyboard', '30']], 1),
      'COrder',
      ...box(
        ['order_id', 'customer_id', 'sku', 'price'],
        [['1', '1', 'SKU-1001', '100'], ['2', '2', 'SKU-1002', '30'], ['3', '3', 'SKU-1002', '30'], ['4', '4', 'SKU-1002', '30'], ['5', '5', 'SKU-1002', '30']],
      ),
    ];
    expect(compareOutput(select, ok(`${actual.join('\n')}\n`))).toEqual({ ok: true });

    const wrongCell = actual.map((l) => l.replace('bob@domain.com', 'bob@example.com'));
    const result = compareOutput(select, ok(wrongCell.join('\n')));
    expect(result.ok).toBe(false);
    expect(result.diff).toContain('-| 2 | bob@domain.com |');
    expect(result.diff).toContain('+| 2 | bob@example.com |');

    const wrongLabel = actual.map((l) => (l === 'Product' ? 'Products' : l));
    expect(compareOutput(select, ok(wrongLabel.join('\n'))).ok).toBe(false);
    const missingRow = actual.filter((l) => !l.includes('eve@domain.com'));
    expect(compareOutput(select, ok(missingRow.join('\n'))).ok).toBe(false);
  });

  const tablets = expectedOf('show vitess_tablets', 1);
  const header = ['Cell', 'Keyspace', 'Shard', 'TabletType', 'State', 'Alias', 'Hostname', 'PrimaryTermStartTime'];
  const row = (ks: string, type: string, uid: number, time = '', state = 'SERVING'): string[] => [
    'zone1',
    ks,
    '0',
    type,
    state,
    `zone1-${String(uid).padStart(10, '0')}`,
    'localhost',
    time,
  ];

  it('accepts whichever tablet of a shard the election made PRIMARY', () => {
    const actual = box(header, [
      row('commerce', 'PRIMARY', 100, '2024-01-15T09:00:01Z'),
      row('commerce', 'REPLICA', 101),
      row('commerce', 'RDONLY', 102),
      row('customer', 'PRIMARY', 200, '2024-01-15T09:00:09Z'),
      row('customer', 'REPLICA', 201),
      row('customer', 'RDONLY', 202),
    ]);
    expect(compareOutput(tablets, ok(actual.join('\n')))).toEqual({ ok: true });
  });

  it('still fails on a wrong row, a wrong tablet set or a missing primary time', () => {
    const rows = (overrides: Partial<Record<number, string[]>>): string => {
      const base = [
        row('commerce', 'PRIMARY', 100, '2024-01-15T09:00:01Z'),
        row('commerce', 'REPLICA', 101),
        row('commerce', 'RDONLY', 102),
        row('customer', 'PRIMARY', 200, '2024-01-15T09:00:09Z'),
        row('customer', 'REPLICA', 201),
        row('customer', 'RDONLY', 202),
      ].map((r, i) => overrides[i] ?? r);
      return box(header, base).join('\n');
    };
    expect(compareOutput(tablets, ok(rows({ 4: row('customer', 'REPLICA', 201, '', 'NOT_SERVING') }))).ok).toBe(false);
    // An rdonly tablet cannot be elected: 202 as primary and 201 as rdonly is a different cluster.
    expect(
      compareOutput(tablets, ok(rows({ 3: row('customer', 'PRIMARY', 202, '2024-01-15T09:00:09Z'), 5: row('customer', 'RDONLY', 201) }))).ok,
    ).toBe(false);
    expect(compareOutput(tablets, ok(rows({ 4: row('customer', 'REPLICA', 203) }))).ok).toBe(false);
    expect(compareOutput(tablets, ok(rows({ 3: row('customer', 'PRIMARY', 200, '') }))).ok).toBe(false);
  });
});

describe.skipIf(!HAS_ACCEPTANCE)('compareOutput: errors', () => {
  const failing = expectedOf('mysql < ../common/select_commerce_data.sql');
  const errorLine = failing[2] ?? '';

  it('recognises the error lines of mysql, vtctldclient (glog) and cobra', () => {
    expect(showsError(failing)).toBe(true);
    expect(showsError(['E1008 18:52:57.525791   19246 main.go:56] rpc error: code = Unknown desc = x'])).toBe(true);
    expect(showsError(['Error: unknown flag: --frob'])).toBe(true);
    expect(showsError(['Using commerce', '| ERROR 1 (x) |'])).toBe(false);
  });

  it('passes the 1146 block against a failing run with the same output on stdout and stderr', () => {
    const result = fail('Using commerce\nCustomer\n', `${errorLine}\n`);
    expect(compareOutput(failing, result)).toEqual({ ok: true });
  });

  it('fails when the command succeeds or fails differently', () => {
    const succeeded = compareOutput(failing, ok('Using commerce\nCustomer\n'));
    expect(succeeded.ok).toBe(false);
    expect(succeeded.reason).toBe('expected the command to fail, but it succeeded (exit code 0)');
    expect(succeeded.diff).toContain(`-${errorLine}`);
    const other = compareOutput(failing, fail('Using commerce\nCustomer\n', errorLine.replace('1146', '1105')));
    expect(other.ok).toBe(false);
    expect(other.reason).toBe('the command failed as expected, but with different output');
  });

  it('compares vtctldclient errors without their glog prefix', () => {
    const expected = ['E1008 18:52:57.525791   19246 main.go:56] rpc error: code = Unknown desc = no streams found in keyspace commerce for commerce2customer_reverse'];
    const actual = fail('', 'E0115 09:00:03.000000       1 main.go:60] rpc error: code = Unknown desc = no streams found in keyspace commerce for commerce2customer_reverse\n');
    expect(compareOutput(expected, actual)).toEqual({ ok: true });
    const wrong = fail('', 'E0115 09:00:03.000000       1 main.go:60] rpc error: code = Unknown desc = no streams found in keyspace customer for commerce2customer\n');
    expect(compareOutput(expected, wrong).ok).toBe(false);
  });

  it('compares event lines (no thread id) without their prefix', () => {
    const expected = ['I1123 10:01:02.123456 planned_reparenter.go:221] demoting current primary: zone1-0000000100'];
    expect(compareOutput(expected, ok('I0115 09:00:02.005000 planned_reparenter.go:250] demoting current primary: zone1-0000000100\n'))).toEqual({ ok: true });
    expect(compareOutput(expected, ok('I0115 09:00:02.005000 planned_reparenter.go:250] demoting current primary: zone1-0000000101\n')).ok).toBe(false);
  });

  it('checks expect-error directives: failure, and the substring when given', () => {
    const r = fail('', 'ERROR 1105 (HY000): table not found\n');
    expect(compareOutput([], r, { expectError: {} })).toEqual({ ok: true });
    expect(compareOutput([], r, { expectError: { substring: 'table not found' } })).toEqual({ ok: true });
    expect(compareOutput([], r, { expectError: { substring: 'keyspace not found' } }).ok).toBe(false);
    expect(compareOutput([], ok(''), { expectError: {} }).ok).toBe(false);
  });

  it('expect-success makes error-looking output an ordinary expected output', () => {
    expect(compareOutput(['Error: none'], ok('Error: none\n'), { expectSuccess: true })).toEqual({ ok: true });
    expect(compareOutput(['Error: none'], ok('Error: none\n')).ok).toBe(false);
  });

  it('reports an unexpected failure with the first line of stderr', () => {
    const result = compareOutput([], fail('', 'E0115 09:00:00.000000 1 main.go:60] rpc error: boom\nmore\n'));
    expect(result.ok).toBe(false);
    expect(result.reason).toBe('the command failed (exit code 1): E0115 09:00:00.000000 1 main.go:60] rpc error: boom');
    expect(compareOutput([], ok('anything\n'))).toEqual({ ok: true });
  });
});

describe.skipIf(!HAS_ACCEPTANCE)('compareOutput: plain text and masks', () => {
  it('compares text exactly, ignoring trailing whitespace and blank lines at the ends', () => {
    const switched = expectedOf('SwitchTraffic');
    const actual =
      'SwitchTraffic was successful for workflow customer.commerce2customer   \n\nStart State: Reads Not Switched. Writes Not Switched\nCurrent State: All Reads Switched. Writes Switched\n\n';
    expect(compareOutput(switched, ok(actual))).toEqual({ ok: true });
    expect(compareOutput(switched, ok(actual.replace('All Reads', 'Some Reads'))).ok).toBe(false);
    expect(compareOutput(switched, ok(actual.replace('\n\nStart', '\nStart'))).ok).toBe(false);
    expect(compareOutput(switched, ok(`  ${actual}`)).ok).toBe(false);
  });

  it('masks UUIDs, GTID sets and timestamps inside lines, not the words around them', () => {
    const vdiff = expectedOf('VDiff --target-keyspace customer --workflow commerce2customer create');
    expect(compareOutput(vdiff, ok('VDiff 0f3c6a7e-1b2c-4d5e-8f90-a1b2c3d4e5f6 scheduled on target shards, use show to view progress\n'))).toEqual({
      ok: true,
    });
    expect(compareOutput(vdiff, ok('VDiff 0f3c6a7e-1b2c-4d5e-8f90-a1b2c3d4e5f6 scheduled on source shards, use show to view progress\n')).ok).toBe(
      false,
    );

    const running = [
      'Waiting for the commerce2customer workflow in the customer keyspace to finish the copy phase...',
      'The commerce2customer workflow in the customer keyspace is now running. Copy phase completed at gtid 5d8e0b24-6873-11ee-9359-49d03ab2cdee:1-51.',
    ];
    const actualRunning = `${running[0]}\n${running[1]?.replace('5d8e0b24-6873-11ee-9359-49d03ab2cdee:1-51', 'MySQL56/3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7-9,0c2e63c2-0000-11ee-8000-000000000001:1-3')}\n`;
    expect(compareOutput(running, ok(actualRunning))).toEqual({ ok: true });

    const times = ['started 2023-01-04T17:59:37Z, done 2023-01-04 18:44:26, pos MySQL56/5d8e0b24-6873-11ee-9359-49d03ab2cdee:1-51'];
    expect(compareOutput(times, ok('started 2024-01-15T09:00:00Z, done 2024-01-15 09:00:07, pos MySQL56/aaaaaaaa-6873-11ee-9359-49d03ab2cdee:1-3\n'))).toEqual({
      ok: true,
    });
    expect(compareOutput(times, ok('begun 2024-01-15T09:00:00Z, done 2024-01-15 09:00:07, pos MySQL56/aaaaaaaa-6873-11ee-9359-49d03ab2cdee:1-3\n')).ok).toBe(false);
  });

  it('adds the masks of directives: a field (JSON and box column) or a pattern', () => {
    expect(compareOutput(['{"traffic_state": "a", "x": 1}'], ok('{"traffic_state": "b", "x": 1}')).ok).toBe(false);
    expect(compareOutput(['{"traffic_state": "a", "x": 1}'], ok('{"traffic_state": "b", "x": 1}'), { masks: [{ kind: 'field', field: 'traffic_state' }] })).toEqual({ ok: true });
    expect(compareOutput(['{"traffic_state": "a", "x": 1}'], ok('{"traffic_state": "b", "x": 2}'), { masks: [{ kind: 'field', field: 'traffic_state' }] }).ok).toBe(false);
    const pattern = { kind: 'pattern' as const, pattern: /took \d+ms/, source: '/took \\d+ms/' };
    expect(compareOutput(['done, took 5ms'], ok('done, took 17ms'), { masks: [pattern] })).toEqual({ ok: true });
    expect(compareOutput(['done, took 5ms'], ok('done, took 17ms')).ok).toBe(false);
    const table = box(['name', 'n'], [['a', '1']]);
    expect(compareOutput(table, ok(box(['name', 'n'], [['a', '2']]).join('\n')), { masks: [{ kind: 'field', field: 'n' }] })).toEqual({ ok: true });
  });

  it('caps the diff', () => {
    const expected = Array.from({ length: 300 }, (_, i) => `line ${i}`);
    const actual = expected.map((l) => `${l}!`);
    const result = compareOutput(expected, ok(actual.join('\n')));
    const lines = result.diff?.split('\n') ?? [];
    expect(lines.length).toBe(63);
    expect(lines[62]).toBe('... 541 more diff lines');
  });
});

describe.skipIf(!HAS_ACCEPTANCE)('unifiedDiff', () => {
  it('shows context around changes and numbers the hunks', () => {
    const a = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    const b = ['a', 'b', 'c', 'd', 'E', 'f', 'g', 'h', 'i', 'j', 'k'];
    expect(unifiedDiff(a, b, { context: 1 })).toBe(['--- expected', '+++ actual', '@@ -4,3 +4,3 @@', ' d', '-e', '+E', ' f', '@@ -10,1 +10,2 @@', ' j', '+k'].join('\n'));
    expect(unifiedDiff(a, a)).toBe('');
  });
});

describe('compareOutput: the tablet an election picked, in text outputs', () => {
  it('accepts any primary in MoveTables status text, dry runs and workflow errors', () => {
    const status = ['The following vreplication streams exist for workflow inventory.mv_stock:', '', 'id=1 on inventory/zone1-400: Status: Running. VStream Lag: 0s.'];
    const actual = 'The following vreplication streams exist for workflow inventory.mv_stock:\n\nid=1 on inventory/zone1-401: Status: Running. VStream Lag: 0s.\n';
    expect(compareOutput(status, ok(actual))).toEqual({ ok: true });
    // Only the tablet: the stream id, keyspace and cell still count.
    expect(compareOutput(status, ok(actual.replace('id=1', 'id=2'))).ok).toBe(false);
    expect(compareOutput(status, ok(actual.replace('inventory/zone1', 'commerce/zone1'))).ok).toBe(false);
    expect(compareOutput(status, ok(actual.replace('on inventory/zone1-401', 'on inventory/zone2-401'))).ok).toBe(false);

    const dry = ['Delete vreplication streams on targets: [keyspace:inventory;shard:0;workflow:mv_stock;dbname:vt_inventory;tablet:400]'];
    expect(compareOutput(dry, ok(`${dry[0]?.replace('tablet:400', 'tablet:401')}\n`))).toEqual({ ok: true });
    expect(compareOutput(dry, ok(`${dry[0]?.replace('shard:0', 'shard:-80')}\n`)).ok).toBe(false);

    const exists = ['E0115 09:00:00.000000   12345 main.go:60] rpc error: code = Unknown desc = workflow mv_stock already exists in keyspace inventory on tablet zone1-0000000400'];
    const got = 'E0115 09:00:04.245000   19246 main.go:60] rpc error: code = Unknown desc = workflow mv_stock already exists in keyspace inventory on tablet zone1-0000000401\n';
    expect(compareOutput(exists, fail('', got))).toEqual({ ok: true });
    expect(compareOutput(exists, fail('', got.replace('keyspace inventory', 'keyspace billing'))).ok).toBe(false);
  });

  it('accepts any primary and election time in GetShard, but not another shard', () => {
    const shard = (uid: number, seconds: string, name = '0'): string =>
      JSON.stringify({ keyspace: 'sales', name, shard: { primary_alias: { cell: 'zone1', uid }, primary_term_start_time: { seconds, nanoseconds: 0 }, is_primary_serving: true } });
    expect(compareOutput([shard(300, '1672855177')], ok(shard(301, '1705309204')))).toEqual({ ok: true });
    expect(compareOutput([shard(300, '1672855177')], ok(shard(301, '1705309204', '-80'))).ok).toBe(false);
  });

  it('accepts any primary in the details of start, stop and cancel', () => {
    const expected = ['{"summary": "Successfully updated the w workflow on (1) target primary tablets in the ks keyspace", "details": [{"tablet": {"cell": "zone1", "uid": 300}, "changed": true}]}'];
    const actual = expected[0]?.replace('300', '301') ?? '';
    expect(compareOutput(expected, ok(actual))).toEqual({ ok: true });
    expect(compareOutput(expected, ok(actual.replace('"changed": true', '"changed": false'))).ok).toBe(false);
  });
});

describe('compareOutput: GetTablets lines', () => {
  const page = [
    'zone1-0000000300 sales 0 primary localhost:15300 localhost:17300 [] 2023-01-04T17:59:37Z',
    'zone1-0000000301 sales 0 replica localhost:15301 localhost:17301 [] <null>',
    'zone1-0000000302 sales 0 rdonly localhost:15302 localhost:17302 [] <null>',
  ];
  const line = (uid: number, type: string, time = '<null>'): string => `zone1-0000000${uid} sales 0 ${type} localhost:15${uid} localhost:17${uid} [] ${time}`;

  it('accepts whichever electable tablet became primary', () => {
    const actual = [line(300, 'replica'), line(301, 'primary', '2024-01-15T09:00:04Z'), line(302, 'rdonly')].join('\n');
    expect(compareOutput(page, ok(actual))).toEqual({ ok: true });
  });

  it('still fails on a wrong type, keyspace, tablet set or rdonly alias', () => {
    expect(compareOutput(page, ok([line(300, 'replica'), line(301, 'replica'), line(302, 'rdonly')].join('\n'))).ok).toBe(false);
    expect(compareOutput(page, ok([line(300, 'primary', '2024-01-15T09:00:04Z'), line(303, 'replica'), line(302, 'rdonly')].join('\n'))).ok).toBe(false);
    expect(compareOutput(page, ok([line(300, 'primary', '2024-01-15T09:00:04Z'), line(301, 'replica'), line(301, 'rdonly')].join('\n'))).ok).toBe(false);
    expect(compareOutput(page, ok([line(300, 'primary', '2024-01-15T09:00:04Z'), line(301, 'replica'), line(302, 'rdonly')].join('\n').replace(/ sales /g, ' crm '))).ok).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { VDiffEngine } from '../../../src/tablets/vdiff/engine.js';
import type { VDiffRequest } from '../../../src/tablets/tm-client.js';
import { CORDER_DDL, CUSTOMER_DDL, rig, state, until } from '../vreplication/support.js';
import type { Rig } from '../vreplication/support.js';

const UUID = 'd050262e-8c5f-11ed-ac72-920702940ee0';

interface VRig extends Rig {
  vdiff: VDiffEngine;
  request(action: VDiffRequest['action'], arg?: string, options?: Record<string, unknown>): ReturnType<VDiffEngine['handle']>;
  vdiffRow(): Record<string, unknown>;
  tables(): Array<Record<string, unknown>>;
  report(table: string): Record<string, unknown>;
}

/** The example's two tables moved and running, plus a VDiff engine on the target primary. */
async function setup(): Promise<VRig> {
  const r = await rig();
  for (const m of [r.source.mysqld, r.target.mysqld]) {
    m.execute(CUSTOMER_DDL);
    m.execute(CORDER_DDL);
  }
  r.source.mysqld.execute(
    "insert into customer(customer_id, email) values (1, 'alice@domain.com'), (2, 'bob@domain.com'), (3, 'charlie@domain.com'), (4, 'dan@domain.com'), (5, 'eve@domain.com')",
  );
  r.source.mysqld.execute(
    "insert into corder(order_id, customer_id, sku, price) values (1, 1, 'SKU-1001', 100), (2, 2, 'SKU-1002', 30), (3, 3, 'SKU-1002', 30), (4, 4, 'SKU-1002', 30), (5, 5, 'SKU-1002', 30)",
  );
  const id = r.createStream({ tables: ['customer', 'corder'] });
  until(r, () => state(r, id) === 'Running' && r.logs(id).some((l) => l.type === 'Ended Copy Phase') && !r.engine.isBusy(), 'running');
  const vdiff = new VDiffEngine({ env: r.env, mysqld: r.target.mysqld, alias: r.target.alias, keyspace: 'customer', shard: '0', picker: r.picker, vre: r.engine });
  r.target.server.addPrimaryEngine(vdiff);
  const v = r as VRig;
  v.vdiff = vdiff;
  v.request = (action, arg = UUID, options = {}) =>
    vdiff.handle({
      keyspace: 'customer',
      workflow: 'commerce2customer',
      action,
      actionArg: action === 'show' || action === 'delete' ? arg : '',
      vdiffUuid: action === 'show' || action === 'delete' ? '' : arg,
      options,
    });
  v.vdiffRow = () => r.target.mysqld.query('SELECT * FROM _vt.vdiff')[0] ?? {};
  v.tables = () => r.target.mysqld.query('SELECT * FROM _vt.vdiff_table ORDER BY table_name');
  v.report = (table) => JSON.parse(String(v.tables().find((t) => t.table_name === table)?.report)) as Record<string, unknown>;
  return v;
}

function runVDiff(v: VRig, options: Record<string, unknown> = {}): void {
  v.request('create', UUID, options);
  until(v, () => ['completed', 'error'].includes(String(v.vdiffRow().state)), 'vdiff');
}

describe('VDiff', () => {
  it('finds no difference on a consistent workflow, and restarts the streams', async () => {
    const v = await setup();
    let sawForVdiff = false;
    v.request('create', UUID, {});
    expect(v.vdiffRow()).toMatchObject({ state: 'pending', vdiff_uuid: UUID, workflow: 'commerce2customer', keyspace: 'customer', shard: '0' });
    until(
      v,
      () => {
        if (v.engine.streams()[0]?.message === 'for vdiff') sawForVdiff = true;
        return v.vdiffRow().state === 'completed';
      },
      'vdiff',
    );
    expect(sawForVdiff).toBe(true);
    expect(v.tables().map((t) => [t.table_name, t.state, t.rows_compared, t.mismatch, t.table_rows])).toEqual([
      ['corder', 'completed', 5, 0, 5],
      ['customer', 'completed', 5, 0, 5],
    ]);
    expect(v.tables()[1]?.report).toBe(
      '{"TableName":"customer","ProcessedRows":5,"MatchingRows":5,"MismatchedRows":0,"ExtraRowsSource":0,"ExtraRowsTarget":0}',
    );
    expect(Number(v.vdiffRow().started_at)).toBeGreaterThan(0);
    expect(Number(v.vdiffRow().completed_at)).toBeGreaterThanOrEqual(Number(v.vdiffRow().started_at));
    // The streams run again, with their stop position cleared.
    until(v, () => v.engine.streams()[0]?.state === 'Running', 'streams restarted');
    expect(v.engine.streams()[0]).toMatchObject({ state: 'Running', stopPos: '' });
    v.source.mysqld.execute("insert into customer(customer_id, email) values (6, 'frank@domain.com')");
    until(v, () => v.rows(v.target, 'customer').length === 6, 'replication after vdiff');
    const logs = v.target.mysqld.query('SELECT message FROM _vt.vdiff_log ORDER BY id').map((l) => l.message);
    expect(logs).toEqual([
      'State changed to: started',
      "started: table 'corder'",
      "completed: table 'corder'",
      "completed: table 'corder'",
      "started: table 'customer'",
      "completed: table 'customer'",
      "completed: table 'customer'",
      'State changed to: completed',
    ]);
    // show: the summary rows of sqlVDiffSummary.
    const shown = v.request('show', 'last');
    expect(shown.vdiffUuid).toBe(UUID);
    expect(shown.output?.fields.map((f) => f.name)).toEqual([
      'vdiff_state',
      'last_error',
      'table_name',
      'uuid',
      'table_state',
      'table_rows',
      'started_at',
      'rows_compared',
      'completed_at',
      'has_mismatch',
      'report',
    ]);
    expect(shown.output?.rows.map((row) => [row[0], row[2], row[4], row[7], row[9]])).toEqual([
      ['completed', 'corder', 'completed', 5, 0],
      ['completed', 'customer', 'completed', 5, 0],
    ]);
    expect(String(shown.output?.rows[0]?.[6])).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it('compares both sides at the same logical position while writes keep arriving', async () => {
    const v = await setup();
    let n = 100;
    let stop = false;
    const tick = (): void => {
      if (stop) return;
      v.source.mysqld.execute(`insert into customer(customer_id, email) values (${n}, 'w${n}')`);
      v.source.mysqld.execute(`update customer set email = 'u${n}' where customer_id = ${1 + (n % 5)}`);
      n++;
      v.env.scheduler.after(3, 'writes', tick);
    };
    tick();
    runVDiff(v);
    stop = true;
    expect(v.vdiffRow().state).toBe('completed');
    expect(v.tables().map((t) => t.mismatch)).toEqual([0, 0]);
    expect(Number(v.tables()[1]?.rows_compared)).toBeGreaterThan(5);
  });

  it('reports mismatched rows and extra rows on either side, with samples', async () => {
    const v = await setup();
    // Break the target behind the stream's back: one changed row, one missing row, one extra row.
    const t = v.target.mysqld;
    t.execute("update customer set email = 'mallory@domain.com' where customer_id = 2");
    t.execute('delete from customer where customer_id = 4');
    t.execute("insert into customer(customer_id, email) values (9, 'ghost@domain.com')");
    runVDiff(v);
    expect(v.vdiffRow().state).toBe('completed');
    const customer = v.tables().find((x) => x.table_name === 'customer');
    expect(customer).toMatchObject({ state: 'completed', mismatch: 1, rows_compared: 6 });
    expect(v.tables().find((x) => x.table_name === 'corder')).toMatchObject({ mismatch: 0 });
    expect(v.report('customer')).toEqual({
      TableName: 'customer',
      ProcessedRows: 6,
      MatchingRows: 3,
      MismatchedRows: 1,
      ExtraRowsSource: 1,
      ExtraRowsTarget: 1,
      ExtraRowsSourceSample: [{ Row: { customer_id: '4', email: 'dan@domain.com' } }],
      ExtraRowsTargetSample: [{ Row: { customer_id: '9', email: 'ghost@domain.com' } }],
      MismatchedRowsSample: [
        { Source: { Row: { customer_id: '2', email: 'bob@domain.com' } }, Target: { Row: { customer_id: '2', email: 'mallory@domain.com' } } },
      ],
    });
    const summary = v.request('show', UUID).output;
    expect(summary?.rows.find((row) => row[2] === 'customer')?.[9]).toBe(1);
  });

  it('counts extra rows at the end of either side and keeps max-report-sample-rows mismatches', async () => {
    const v = await setup();
    const t = v.target.mysqld;
    for (let i = 1; i <= 5; i++) t.execute(`update corder set sku = 'BAD-${i}' where order_id = ${i}`);
    t.execute("insert into customer(customer_id, email) values (10, 'x'), (11, 'y'), (12, 'z')");
    runVDiff(v, { report_options: { max_sample_rows: 2, debug_query: true } });
    expect(v.report('corder')).toMatchObject({ ProcessedRows: 5, MatchingRows: 0, MismatchedRows: 5 });
    const samples = v.report('corder').MismatchedRowsSample as Array<{ Source: { Query: string } }>;
    expect(samples).toHaveLength(2);
    expect(samples[0]?.Source.Query).toBe('select order_id, customer_id, sku, price from corder where order_id=1;');
    expect(v.report('customer')).toMatchObject({ ProcessedRows: 8, MatchingRows: 5, ExtraRowsTarget: 3 });
    expect(v.report('customer').ExtraRowsTargetSample).toEqual([
      { Row: { customer_id: '10', email: 'x' }, Query: 'select customer_id, email from customer where customer_id=10;' },
    ]);
  });

  it('diffs only the tables asked for, and stops, resumes and deletes on request', async () => {
    const v = await setup();
    v.request('create', UUID, { core_options: { tables: 'customer', auto_start: false } });
    expect(v.vdiffRow().state).toBe('stopped');
    v.env.scheduler.advance(1_000);
    expect(v.tables()).toEqual([]);
    v.request('resume');
    until(v, () => v.vdiffRow().state === 'completed', 'resumed vdiff');
    expect(v.tables().map((t) => t.table_name)).toEqual(['customer']);
    // Resuming a completed vdiff only looks at rows after its last PK.
    v.source.mysqld.execute("insert into customer(customer_id, email) values (7, 'new@x')");
    until(v, () => v.rows(v.target, 'customer').length === 6, 'replicated');
    v.request('resume');
    expect(v.vdiffRow().state).toBe('pending');
    until(v, () => v.vdiffRow().state === 'completed', 'vdiff again');
    expect(v.report('customer')).toMatchObject({ ProcessedRows: 6, MatchingRows: 6 });
    expect(() => v.request('create')).toThrow(`vdiff with UUID ${UUID} already exists on tablet zone1-0000000200`);
    const all = v.request('show', 'all').output;
    expect(all?.rows).toHaveLength(1);
    v.request('delete', UUID);
    expect(v.target.mysqld.query('SELECT * FROM _vt.vdiff')).toEqual([]);
    expect(v.tables()).toEqual([]);
    expect(() => v.request('delete', UUID)).toThrow(`no vdiff found for UUID ${UUID} on tablet zone1-0000000200`);
    expect(() => v.request('show', 'bogus')).toThrow('action argument bogus not supported');
  });

  it('errors when --tables names no table of the workflow, in Vitess words', async () => {
    const v = await setup();
    runVDiff(v, { core_options: { tables: 'nosuch' } });
    expect(v.vdiffRow()).toMatchObject({ state: 'error', last_error: 'no tables found to diff, nosuch:[nosuch], on tablet zone1-0000000200' });
  });

  it('records an error when the source cannot be reached, and restarts the streams', async () => {
    const v = await setup();
    v.picker.available = false;
    runVDiff(v, { core_options: { timeout_seconds: 5 } });
    expect(v.vdiffRow()).toMatchObject({ state: 'error', last_error: 'context has expired' });
    expect(v.tables().find((t) => t.table_name === 'corder')?.state).toBe('error');
    const logs = v.target.mysqld.query('SELECT message FROM _vt.vdiff_log ORDER BY id').map((l) => l.message);
    expect(logs.slice(-4)).toEqual([
      "error: table 'corder'",
      'Table corder Error: context has expired',
      'State changed to: error',
      'Error: context has expired',
    ]);
    expect(v.engine.streams()[0]).toMatchObject({ state: 'Running', stopPos: '' });
  });

  it('stops a running vdiff on request and restarts the streams it stopped', async () => {
    const v = await setup();
    v.picker.available = false;
    v.request('create', UUID, {});
    until(v, () => v.engine.streams()[0]?.message === 'for vdiff', 'streams stopped for vdiff');
    v.request('stop');
    expect(v.vdiffRow()).toMatchObject({ state: 'stopped', last_error: '' });
    expect(v.tables().map((t) => t.state)).toEqual(['stopped', 'stopped']);
    const logs = v.target.mysqld.query('SELECT message FROM _vt.vdiff_log ORDER BY id').map((l) => l.message);
    expect(logs[logs.length - 1]).toBe('State changed to: stopped (by user request)');
    expect(v.engine.streams()[0]).toMatchObject({ state: 'Running', stopPos: '' });
    v.env.scheduler.advance(60_000);
    expect(v.vdiffRow().state).toBe('stopped');
  });
});

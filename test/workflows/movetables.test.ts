// MoveTables end to end against a real simulated cluster: create, status/show, the traffic switches,
// ReverseTraffic, Complete, Cancel, and the outputs the acceptance page shows.
import { describe, expect, it } from 'vitest';
import { hashStreams } from '../../src/workflows/utils.js';
import { WorkflowServer } from '../../src/workflows/server.js';
import { denied, exampleCluster, fails, ok, primaryQuery, rules, runOk, vtctld } from './support.js';

const MT = 'MoveTables --target-keyspace customer --workflow commerce2customer';
const CREATE = `${MT} create --source-keyspace commerce --tables 'customer,corder'`;

/** The 16 rules of the acceptance page after create: 8 per table, none for `commerce.<t>`. */
function createRules(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of ['customer', 'corder']) {
    for (const key of [t, `customer.${t}`]) for (const sfx of ['', '@replica', '@rdonly']) out[key + sfx] = `commerce.${t}`;
    for (const sfx of ['@replica', '@rdonly']) out[`commerce.${t}${sfx}`] = `commerce.${t}`;
  }
  return out;
}

describe('MoveTables create', () => {
  it('creates the streams, the routing rules of the page and the target denied tables, then copies', async () => {
    const s = await exampleCluster();
    const out = ok(s, CREATE);
    expect(out).toMatch(
      /^The following vreplication streams exist for workflow customer\.commerce2customer:\n\nid=1 on customer\/zone1-20\d: Status: (Running|Copying)\. .*\.\n\nTraffic State: Reads Not Switched\. Writes Not Switched\n$/,
    );
    expect(rules(s)).toEqual(createRules());
    expect(Object.keys(rules(s))).toHaveLength(16);
    // As on the acceptance page, no denied tables on the target after create (see initialTargetDeniedTables).
    expect(denied(s, 'customer')).toEqual([]);
    expect(denied(s, 'commerce')).toEqual([]);
    const rows = primaryQuery(s, 'customer', 'select workflow, source, state, db_name, tablet_types, workflow_type, cell from _vt.vreplication');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ workflow: 'commerce2customer', db_name: 'vt_customer', tablet_types: 'in_order:REPLICA,PRIMARY', workflow_type: 1 });
    expect(String(rows[0]!.source)).toBe(
      'keyspace:"commerce" shard:"0" filter:{rules:{match:"customer" filter:"select * from customer"} rules:{match:"corder" filter:"select * from corder"}}',
    );
    // The target vschema got the tables; the copy ran (the shell settles between commands).
    expect(Object.keys(s.cluster.topo.getVSchema('customer')!.tables).sort()).toEqual(['corder', 'customer']);
    expect(primaryQuery(s, 'customer', 'select count(*) as n from customer')[0]!.n).toBe(5);
    expect(primaryQuery(s, 'customer', 'select count(*) as n from corder')[0]!.n).toBe(5);
  });

  it('denies the tables on the target primaries when asked to, as Vitess v21+ does', async () => {
    const s = await exampleCluster();
    const ws = new WorkflowServer(s.cluster.topo, s.cluster.tmc, s.cluster.env, { initialTargetDeniedTables: true });
    ws.moveTablesCreate({ workflow: 'commerce2customer', targetKeyspace: 'customer', sourceKeyspace: 'commerce', includeTables: ['customer', 'corder'] });
    expect(denied(s, 'customer')).toEqual(['corder', 'customer']);
    const show = ws.getWorkflows({ keyspace: 'customer', workflow: 'commerce2customer' });
    expect(Object.values(show.workflows[0]!.shard_streams)[0]!.tablet_controls).toEqual([
      { tablet_type: 'PRIMARY', cells: [], denied_tables: ['corder', 'customer'], frozen: false },
    ]);
    // Writes to the target copy are refused until the switch lifts the denial.
    const r = s.run(`mysql -e "use customer/0; insert into customer(email) values ('early@x')"`);
    expect(r.stderr).toContain('disallowed due to rule: enforce denied tables');
    runOk(s, 'vtsim settle');
    ws.workflowSwitchTraffic({ keyspace: 'customer', workflow: 'commerce2customer' });
    expect(denied(s, 'customer')).toEqual([]);
    expect(denied(s, 'commerce')).toEqual(['corder', 'customer']);
    ws.workflowSwitchTraffic({ keyspace: 'customer', workflow: 'commerce2customer', direction: 'backward' });
    expect(denied(s, 'customer')).toEqual(['corder', 'customer']);
    ws.workflowDelete({ keyspace: 'customer', workflow: 'commerce2customer' });
    expect(denied(s, 'customer')).toEqual([]);
  });

  it('refuses bad requests with Vitess texts and changes nothing', async () => {
    const s = await exampleCluster();
    expect(fails(s, `${MT} create --source-keyspace commerce`)).toBe('tables or all-tables are required to specify which tables to move');
    expect(fails(s, `${MT} create --source-keyspace commerce --tables foo,bar`)).toBe('table(s) not found in source keyspace commerce: foo,bar');
    expect(fails(s, `${MT} create --source-keyspace commerce --tables customer --exclude-tables customer`)).toBe('no tables to move');
    expect(fails(s, `${MT} --format yaml create --source-keyspace commerce --tables customer`)).toBe('invalid output format, got yaml');
    expect(rules(s)).toEqual({});
    expect(primaryQuery(s, 'customer', 'select id from _vt.vreplication')).toHaveLength(0);
    // A non-empty target table.
    const target = s.cluster.topo.getShard('customer', '0')!.primary_alias!;
    s.cluster.tmc.applySchema(target, 'create table customer(customer_id bigint not null, email varchar(128), primary key(customer_id))');
    s.cluster.tmc.executeFetchAsDba(target, "insert into customer values (99, 'x')");
    expect(fails(s, CREATE)).toBe(
      'failed to validate that all target tables are empty: non-empty tables found in target keyspace(customer): customer',
    );
    expect(rules(s)).toEqual({});
  });

  it('refuses a workflow name already in use', async () => {
    const s = await exampleCluster();
    ok(s, CREATE);
    expect(fails(s, `${MT} create --source-keyspace commerce --tables product`)).toMatch(
      /^workflow commerce2customer already exists in keyspace customer on tablet zone1-00000002\d\d$/,
    );
  });
});

describe('status and show', () => {
  it('prints the page shapes', async () => {
    const s = await exampleCluster();
    ok(s, CREATE);
    const status = JSON.parse(ok(s, `${MT} status --format=json`)) as Record<string, unknown>;
    expect(Object.keys(status)).toEqual(['table_copy_state', 'shard_streams', 'traffic_state']);
    expect(status.table_copy_state).toEqual({});
    expect(status.traffic_state).toBe('Reads Not Switched. Writes Not Switched');
    const ss = (status.shard_streams as Record<string, { streams: Array<Record<string, unknown>> }>)['customer/0']!;
    expect(ss.streams).toHaveLength(1);
    expect(Object.keys(ss.streams[0]!)).toEqual(['id', 'tablet', 'source_shard', 'position', 'status', 'info']);
    expect(ss.streams[0]).toMatchObject({ id: 1, source_shard: 'commerce/0', status: 'Running', info: 'VStream Lag: 0s' });
    expect(ss.streams[0]!.position).toMatch(/^[0-9a-f-]{36}:1-\d+$/);

    const show = JSON.parse(ok(s, `${MT} show --include-logs=false`)) as { workflows: Array<Record<string, unknown>> };
    const wf = show.workflows[0]!;
    expect(Object.keys(wf)).toEqual([
      'name', 'source', 'target', 'max_v_replication_lag', 'shard_streams', 'workflow_type', 'workflow_sub_type',
      'max_v_replication_transaction_lag', 'defer_secondary_keys',
    ]);
    expect(wf).toMatchObject({
      name: 'commerce2customer',
      source: { keyspace: 'commerce', shards: ['0'] },
      target: { keyspace: 'customer', shards: ['0'] },
      workflow_type: 'MoveTables',
      workflow_sub_type: 'None',
      defer_secondary_keys: false,
    });
    const key = Object.keys(wf.shard_streams as object)[0]!;
    expect(key).toMatch(/^0\/zone1-00000002\d\d$/);
    const shardStream = (wf.shard_streams as Record<string, { streams: Array<Record<string, unknown>>; tablet_controls: unknown[]; is_primary_serving: boolean }>)[key]!;
    const st = shardStream.streams[0]!;
    expect(Object.keys(st)).toEqual([
      'id', 'shard', 'tablet', 'binlog_source', 'position', 'stop_position', 'state', 'db_name', 'transaction_timestamp',
      'time_updated', 'message', 'copy_states', 'logs', 'log_fetch_error', 'tags', 'rows_copied', 'throttler_status',
    ]);
    expect(st).toMatchObject({ id: '1', shard: '0', state: 'Running', db_name: 'vt_customer', logs: [], tags: [], copy_states: [] });
    const rulesJson = (st.binlog_source as { filter: { rules: unknown[] } }).filter.rules;
    expect(rulesJson[0]).toEqual({
      match: 'customer',
      filter: 'select * from customer',
      convert_enum_to_text: {},
      convert_charset: {},
      source_unique_key_columns: '',
      target_unique_key_columns: '',
      source_unique_key_target_columns: '',
      convert_int_to_enum: {},
    });
    expect(shardStream.tablet_controls).toEqual([]);
    expect(shardStream.is_primary_serving).toBe(true);

    // Logs are included by default; an unknown workflow gives an empty list.
    const withLogs = JSON.parse(ok(s, `${MT} show`)) as { workflows: Array<{ shard_streams: Record<string, { streams: Array<{ logs: unknown[] }> }> }> };
    expect(Object.values(withLogs.workflows[0]!.shard_streams)[0]!.streams[0]!.logs.length).toBeGreaterThan(0);
    expect(ok(s, 'MoveTables --target-keyspace customer --workflow nope show')).toBe('{\n  "workflows": []\n}\n');
    expect(ok(s, 'Workflow --keyspace customer list')).toBe('[\n  "commerce2customer"\n]\n');
    expect(ok(s, 'Workflow --keyspace commerce list')).toBe('[]\n');
    expect(fails(s, 'MoveTables --target-keyspace customer --workflow nope status')).toBe('no streams found in keyspace customer for nope');
  });
});

describe('traffic switching', () => {
  it('switches reads by type, then writes, with the page outputs', async () => {
    const s = await exampleCluster();
    ok(s, CREATE);
    const rdonly = ok(s, `${MT} switchtraffic --tablet-types rdonly`);
    expect(rdonly).toBe(
      'SwitchTraffic was successful for workflow customer.commerce2customer\n\n' +
        'Start State: Reads Not Switched. Writes Not Switched\n' +
        'Current State: Reads partially switched. Replica not switched. All Rdonly Reads Switched. Writes Not Switched\n\n',
    );
    expect(rules(s)['customer@rdonly']).toBe('customer.customer');
    expect(rules(s)['customer@replica']).toBe('commerce.customer');
    const replica = ok(s, `${MT} SwitchTraffic --tablet-types replica`);
    expect(replica).toContain('Current State: All Reads Switched. Writes Not Switched\n');
    const all = ok(s, `${MT} SwitchTraffic`);
    expect(all).toBe(
      'SwitchTraffic was successful for workflow customer.commerce2customer\n\n' +
        'Start State: All Reads Switched. Writes Not Switched\n' +
        'Current State: All Reads Switched. Writes Switched\n\n',
    );
    // The page's 16 rules after the switch: everything to customer, no `customer.<t>` key.
    const after = rules(s);
    expect(Object.keys(after)).toHaveLength(16);
    for (const [from, to] of Object.entries(after)) expect(to).toBe(`customer.${from.replace(/^(customer|commerce)\./, '').replace(/@.*/, '')}`);
    expect(after['customer.customer']).toBeUndefined();
    expect(after['commerce.customer']).toBe('customer.customer');
    // Denied tables moved to the source; the forward streams are frozen; the reverse one runs.
    expect(denied(s, 'commerce')).toEqual(['corder', 'customer']);
    expect(denied(s, 'customer')).toEqual([]);
    const fwd = primaryQuery(s, 'customer', "select state, message from _vt.vreplication where workflow = 'commerce2customer'");
    expect(fwd).toEqual([{ state: 'Stopped', message: 'FROZEN' }]);
    const rev = primaryQuery(s, 'commerce', "select state, pos, source from _vt.vreplication where workflow = 'commerce2customer_reverse'");
    expect(rev).toHaveLength(1);
    expect(rev[0]!.state).toBe('Running');
    expect(String(rev[0]!.source)).toContain('filter:"select * from `customer`"');
    // The reverse stream's creation log dumps its row; MaxInt64 limits keep every digit.
    const created = primaryQuery(s, 'commerce', "select message from _vt.vreplication_log where type = 'Stream Created'");
    expect(String(created[0]?.message)).toContain('"max_replication_lag":"9223372036854775807"');
    const journal = primaryQuery(s, 'commerce', 'select id, db_name, val from _vt.resharding_journal');
    expect(journal).toHaveLength(1);
    // (Read back as a JS number: the tablet returns 64-bit integers as doubles.)
    expect(Number(journal[0]!.id)).toBe(Number(hashStreams('customer', [{ shard: '0', id: 1 }])));
    expect(String(journal[0]!.val)).toMatch(
      /^id:\d+ tables:"corder" tables:"customer" local_position:"MySQL56\/[^"]+" shard_gtids:\{keyspace:"customer" shard:"0" gtid:"MySQL56\/[^"]+"\} participants:\{keyspace:"commerce" shard:"0"\}$/,
    );
    // The reverse workflow as `Workflow show` prints it.
    const show = JSON.parse(ok(s, 'Workflow --keyspace commerce show --workflow commerce2customer_reverse')) as {
      workflows: Array<{ name: string; source: { keyspace: string }; target: { keyspace: string }; shard_streams: Record<string, { tablet_controls: unknown[] }> }>;
    };
    expect(show.workflows[0]).toMatchObject({ name: 'commerce2customer_reverse', source: { keyspace: 'customer' }, target: { keyspace: 'commerce' } });
    expect(Object.values(show.workflows[0]!.shard_streams)[0]!.tablet_controls).toEqual([
      { tablet_type: 'PRIMARY', cells: [], denied_tables: ['corder', 'customer'], frozen: false },
    ]);
    // Switching again is a no-op for writes.
    expect(ok(s, `${MT} SwitchTraffic`)).toContain('Start State: All Reads Switched. Writes Switched\nCurrent State: All Reads Switched. Writes Switched\n');
  });

  it('lists the dry-run steps without changing anything', async () => {
    const s = await exampleCluster();
    ok(s, CREATE);
    const before = rules(s);
    const out = ok(s, `${MT} switchtraffic --dry-run`);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^SwitchTraffic dry run results for workflow customer\.commerce2customer at \d\d \w{3} \d\d \d\d:\d\d UTC$/);
    expect(lines.slice(2, -2).map((l) => l.replace(/position:MySQL56\/[^\]]+/, 'position:POS').replace(/tablet:\d+/g, 'tablet:N'))).toEqual([
      'Lock keyspace commerce',
      'Mirroring 0.00 percent of traffic from keyspace commerce to keyspace customer for tablet types [REPLICA,RDONLY]',
      'Switch reads for tables [corder,customer] to keyspace customer for tablet types [REPLICA,RDONLY]',
      'Routing rules for tables [corder,customer] will be updated',
      'Unlock keyspace commerce',
      'Lock keyspace commerce',
      'Lock keyspace customer',
      'Mirroring 0.00 percent of traffic from keyspace commerce to keyspace customer for tablet types [PRIMARY]',
      'Stop writes on keyspace commerce for tables [corder,customer]: [keyspace:commerce;shard:0;position:POS]',
      'Wait for vreplication on stopped streams to catchup for up to 30s',
      'Create reverse vreplication workflow commerce2customer_reverse',
      'Create journal entries on source databases',
      'Enable writes on keyspace customer for tables [corder,customer]',
      'Switch routing from keyspace commerce to keyspace customer',
      'Routing rules for tables [corder,customer] will be updated',
      'Switch writes completed, freeze and delete vreplication streams on: [tablet:N]',
      'Start reverse vreplication streams on: [tablet:N]',
      'Mark vreplication streams frozen on: [keyspace:customer;shard:0;tablet:N;workflow:commerce2customer;dbname:vt_customer]',
      'Unlock keyspace customer',
      'Unlock keyspace commerce',
    ]);
    expect(rules(s)).toEqual(before);
    expect(denied(s, 'commerce')).toEqual([]);
    const reads = ok(s, `${MT} switchtraffic --dry-run --tablet-types replica,rdonly`).split('\n').slice(2, -2);
    expect(reads).toEqual([
      'Lock keyspace commerce',
      'Mirroring 0.00 percent of traffic from keyspace commerce to keyspace customer for tablet types [REPLICA,RDONLY]',
      'Switch reads for tables [corder,customer] to keyspace customer for tablet types [REPLICA,RDONLY]',
      'Routing rules for tables [corder,customer] will be updated',
      'Serving VSchema will be rebuilt for the customer keyspace',
      'Unlock keyspace commerce',
    ]);
    const json = JSON.parse(ok(s, `${MT} --format json switchtraffic --dry-run --tablet-types replica`)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['summary', 'start_state', 'current_state', 'dry_run_results']);
  });

  it('reverses reads and writes, recreating the forward streams', async () => {
    const s = await exampleCluster();
    ok(s, CREATE);
    ok(s, `${MT} SwitchTraffic`);
    const reads = ok(s, `${MT} ReverseTraffic --tablet-types replica,rdonly`);
    expect(reads).toBe(
      'ReverseTraffic was successful for workflow customer.commerce2customer\n\n' +
        'Start State: All Reads Switched. Writes Switched\n' +
        'Current State: Reads Not Switched. Writes Switched\n\n',
    );
    const writes = ok(s, `${MT} reversetraffic`);
    expect(writes).toContain('Start State: Reads Not Switched. Writes Switched\nCurrent State: Reads Not Switched. Writes Not Switched\n');
    expect(denied(s, 'commerce')).toEqual([]);
    expect(denied(s, 'customer')).toEqual(['corder', 'customer']);
    expect(rules(s)['commerce.customer']).toBeUndefined();
    expect(rules(s)['customer.customer']).toBe('commerce.customer');
    expect(rules(s)['customer']).toBe('commerce.customer');
    const fwd = primaryQuery(s, 'customer', "select state, message from _vt.vreplication where workflow = 'commerce2customer'");
    expect(fwd).toEqual([{ state: 'Running', message: '' }]);
    const rev = primaryQuery(s, 'commerce', "select message from _vt.vreplication where workflow = 'commerce2customer_reverse'");
    expect(rev).toEqual([{ message: 'FROZEN' }]);
    expect(ok(s, `${MT} status`)).toContain('Traffic State: Reads Not Switched. Writes Not Switched');
    // And forward again.
    expect(ok(s, `${MT} SwitchTraffic`)).toContain('Current State: All Reads Switched. Writes Switched\n');
  });
});

describe('Complete and Cancel', () => {
  it('completes: drops the source tables, cleans vschema, rules and both workflows', async () => {
    const s = await exampleCluster();
    ok(s, CREATE);
    ok(s, `${MT} SwitchTraffic`);
    const dry = ok(s, `${MT} complete --dry-run`).split('\n');
    expect(dry[0]).toMatch(/^Complete dry run results for workflow customer\.commerce2customer at /);
    expect(dry.slice(2, -2).map((l) => l.replace(/tablet:\d+/g, 'tablet:N'))).toEqual([
      'Lock keyspace commerce',
      'Lock keyspace customer',
      'Dropping these tables from the database and removing them from the vschema for keyspace commerce: [keyspace:commerce;shard:0;dbname:vt_commerce;tablet:N;table:corder,keyspace:commerce;shard:0;dbname:vt_commerce;tablet:N;table:customer]',
      'Denied tables records on [corder,customer] will be removed from: [keyspace:commerce;shard:0;tablet:N]',
      'Denied tables records on [corder,customer] will be removed from: [keyspace:customer;shard:0;tablet:N]',
      'Delete reverse vreplication streams on sources: [keyspace:commerce;shard:0;workflow:commerce2customer_reverse;dbname:vt_commerce;tablet:N]',
      'Delete vreplication streams on targets: [keyspace:customer;shard:0;workflow:commerce2customer;dbname:vt_customer;tablet:N]',
      'Routing rules for participating tables will be deleted',
      'Unlock keyspace customer',
      'Unlock keyspace commerce',
    ]);
    expect(ok(s, `${MT} complete`)).toBe('Successfully completed the commerce2customer workflow in the customer keyspace\n\n');
    expect(ok(s, 'GetRoutingRules')).toBe('{\n  "rules": []\n}\n');
    expect(ok(s, 'Workflow --keyspace customer list')).toBe('[]\n');
    expect(ok(s, 'Workflow --keyspace commerce list')).toBe('[]\n');
    expect(Object.keys(s.cluster.topo.getVSchema('commerce')!.tables)).toEqual(['product']);
    expect(denied(s, 'commerce')).toEqual([]);
    expect(denied(s, 'customer')).toEqual([]);
    const tables = primaryQuery(s, 'commerce', 'show tables').map((r) => Object.values(r)[0]);
    expect(tables).toEqual(['product']);
  });

  it('--keep-data, --rename-tables and --keep-routing-rules', async () => {
    const s = await exampleCluster();
    ok(s, CREATE);
    ok(s, `${MT} SwitchTraffic`);
    ok(s, `${MT} complete --rename-tables --keep-routing-rules`);
    const tables = primaryQuery(s, 'commerce', 'show tables').map((r) => Object.values(r)[0]);
    expect(tables.sort()).toEqual(['_corder_old', '_customer_old', 'product']);
    expect(Object.keys(rules(s))).toHaveLength(16);

    const k = await exampleCluster();
    ok(k, CREATE);
    ok(k, `${MT} SwitchTraffic`);
    const dry = ok(k, `${MT} complete --keep-data --dry-run`);
    expect(dry).not.toContain('Dropping');
    expect(dry).not.toContain('Denied tables');
    ok(k, `${MT} complete --keep-data`);
    expect(primaryQuery(k, 'commerce', 'show tables').length).toBe(3);
    // With --keep-data no denied-table entry is removed (the troubleshooting guide's leftover).
    expect(denied(k, 'commerce')).toEqual(['corder', 'customer']);
  });

  it('cancels: drops the target tables and everything the workflow made', async () => {
    const s = await exampleCluster();
    ok(s, CREATE);
    ok(s, `${MT} switchtraffic --tablet-types replica,rdonly`);
    const out = JSON.parse(ok(s, `${MT} --format json cancel`)) as { summary: string; details: Array<{ tablet: unknown; deleted: boolean }> };
    expect(out.summary).toBe('Successfully cancelled the commerce2customer workflow in the customer keyspace');
    expect(out.details).toHaveLength(1);
    expect(out.details[0]!.deleted).toBe(true);
    expect(rules(s)).toEqual({});
    expect(denied(s, 'customer')).toEqual([]);
    expect(primaryQuery(s, 'customer', 'show tables')).toHaveLength(0);
    expect(Object.keys(s.cluster.topo.getVSchema('customer')!.tables)).toEqual([]);
    expect(ok(s, 'Workflow --keyspace customer list')).toBe('[]\n');
  });

  it('start and stop', async () => {
    const s = await exampleCluster();
    ok(s, CREATE);
    const stop = JSON.parse(ok(s, `${MT} stop`)) as { summary: string; details: Array<{ changed: boolean }> };
    expect(stop.summary).toBe('Successfully updated the commerce2customer workflow on (1) target primary tablets in the customer keyspace');
    expect(stop.details[0]!.changed).toBe(true);
    expect(primaryQuery(s, 'customer', 'select state from _vt.vreplication')).toEqual([{ state: 'Stopped' }]);
    ok(s, 'Workflow --keyspace customer start --workflow commerce2customer');
    expect(primaryQuery(s, 'customer', 'select state from _vt.vreplication')).toEqual([{ state: 'Running' }]);
    expect(fails(s, 'Workflow --keyspace customer stop --workflow nope')).toBe('the nope workflow does not exist in the customer keyspace');
  });
});

describe('refusals (reference §3.13)', () => {
  it('refuses what the transition table forbids, with Vitess texts', async () => {
    const s = await exampleCluster();
    expect(fails(s, `${MT} SwitchTraffic`)).toBe('no streams found in keyspace customer for commerce2customer');
    expect(fails(s, `${MT} complete`)).toBe('no streams found in keyspace customer for commerce2customer');
    expect(fails(s, `${MT} cancel`)).toBe('no streams found in keyspace customer for commerce2customer');
    ok(s, CREATE);
    expect(fails(s, `${MT} ReverseTraffic --tablet-types replica`)).toBe(
      'invalid request: requesting reversal of read traffic for REPLICAs but REPLICA reads have not been switched',
    );
    expect(fails(s, `${MT} ReverseTraffic --tablet-types rdonly`)).toBe(
      'invalid request: requesting reversal of SwitchReads for RDONLYs but RDONLY reads have not been switched',
    );
    expect(fails(s, `${MT} ReverseTraffic`)).toBe('no streams found in keyspace commerce for commerce2customer_reverse');
    expect(fails(s, `${MT} complete`)).toBe('cannot complete workflow because you have not yet switched all read and write traffic');
    ok(s, `${MT} SwitchTraffic --tablet-types replica,rdonly`);
    expect(fails(s, `${MT} complete`)).toBe('cannot complete workflow because you have not yet switched all read and write traffic');
    expect(fails(s, `${MT} ReverseTraffic`)).toBe('no streams found in keyspace commerce for commerce2customer_reverse');
    ok(s, `${MT} SwitchTraffic --tablet-types primary`);
    expect(fails(s, `${MT} cancel`)).toBe('cannot delete workflow because you have already switched write traffic');
    expect(fails(s, 'VDiff --target-keyspace customer --workflow commerce2customer create')).toBe(
      'invalid VDiff run: writes have been already been switched for workflow customer.commerce2customer',
    );
    expect(fails(s, `${MT} switchtraffic --timeout 500ms`)).toContain('timeout value must be at least 1 second');
    expect(fails(s, `${MT} switchtraffic --tablet-types foo`)).toContain('unknown TabletType foo');
  });

  it('refuses a switch while copying, a stopped stream for VDiff, and high lag', async () => {
    const s = await exampleCluster();
    s.settleEnabled = false;
    // Create without settling: the copy has not finished yet.
    const r = vtctld(s, CREATE);
    expect(r.code).toBe(0);
    const status = ok(s, `${MT} status`);
    if (status.includes('Copying')) {
      expect(fails(s, `${MT} SwitchTraffic`)).toBe(
        'cannot switch traffic for workflow commerce2customer at this time: copy is still in progress',
      );
    }
    s.settleEnabled = true;
    ok(s, `${MT} stop`);
    expect(fails(s, 'VDiff --target-keyspace customer --workflow commerce2customer create')).toBe(
      'not all streams are running in workflow customer.commerce2customer',
    );
    ok(s, `${MT} start`);
    // A stream idle for a long time with no heartbeats would show lag; a tiny allowance refuses it.
    s.cluster.tmc.vreplicationExec(
      s.cluster.topo.getShard('customer', '0')!.primary_alias!,
      'update _vt.vreplication set transaction_timestamp = 1, time_updated = 1',
    );
    expect(fails(s, `${MT} SwitchTraffic --max-replication-lag-allowed 1s`)).toMatch(
      /^cannot switch traffic for workflow commerce2customer at this time: replication lag \d+s is higher than allowed lag 1s$/,
    );
  });
});

describe('a stream that has not started', () => {
  it('cannot be switched: with no transaction or heartbeat time its lag counts from the epoch', async () => {
    const s = await exampleCluster();
    const wf = 'MoveTables --target-keyspace customer --workflow notyet';
    ok(s, `${wf} create --source-keyspace commerce --tables customer --auto-start=false`);
    expect(fails(s, `${wf} SwitchTraffic`)).toMatch(
      /^cannot switch traffic for workflow notyet at this time: replication lag \d{10}s is higher than allowed lag 30s$/,
    );
    // Nothing was switched.
    expect(ok(s, `${wf} status`)).toContain('Traffic State: Reads Not Switched. Writes Not Switched');
    // Once started and caught up it can.
    ok(s, `${wf} start`);
    expect(ok(s, `${wf} SwitchTraffic`)).toContain('Current State: All Reads Switched. Writes Switched');
  });
});

describe('other names', () => {
  it('moves any table between any keyspaces under any workflow name', async () => {
    const s = await exampleCluster();
    runOk(
      s,
      'CELL=zone1 TABLET_UID=500 ../common/scripts/mysqlctl-up.sh',
      'CELL=zone1 TABLET_UID=501 ../common/scripts/mysqlctl-up.sh',
      'CELL=zone1 KEYSPACE=inventory SHARD=0 TABLET_UID=500 ../common/scripts/vttablet-up.sh',
      'CELL=zone1 KEYSPACE=inventory SHARD=0 TABLET_UID=501 ../common/scripts/vttablet-up.sh',
      'wait_for_healthy_shard inventory 0 2',
    );
    const mt = 'MoveTables --target-keyspace inventory --workflow stock_move';
    ok(s, `${mt} create --source-keyspace commerce --tables product`);
    expect(rules(s)).toEqual({
      product: 'commerce.product',
      'product@replica': 'commerce.product',
      'product@rdonly': 'commerce.product',
      'inventory.product': 'commerce.product',
      'inventory.product@replica': 'commerce.product',
      'inventory.product@rdonly': 'commerce.product',
      'commerce.product@replica': 'commerce.product',
      'commerce.product@rdonly': 'commerce.product',
    });
    expect(primaryQuery(s, 'inventory', 'select count(*) as n from product')[0]!.n).toBe(2);
    expect(ok(s, `${mt} switchtraffic`)).toContain('Current State: All Reads Switched. Writes Switched');
    expect(ok(s, 'Workflow --keyspace commerce list')).toBe('[\n  "stock_move_reverse"\n]\n');
    expect(ok(s, `${mt} complete`)).toBe('Successfully completed the stock_move workflow in the inventory keyspace\n\n');
    expect(Object.keys(s.cluster.topo.getVSchema('commerce')!.tables).sort()).toEqual(['corder', 'customer']);
  });
});

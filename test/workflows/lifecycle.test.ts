// The whole lifecycle with writes through vtgate at every stage, the copy phase, failures that must roll
// back (catch-up timeout, tablets that cannot refresh, a leftover journal), and the routing-rule commands.
import { describe, expect, it } from 'vitest';
import type { CommandSession } from '../../src/commands/session.js';
import { hashStreams } from '../../src/workflows/utils.js';
import { denied, exampleCluster, fails, ok, primaryQuery, rules, runOk, vtctld } from './support.js';

const MT = 'MoveTables --target-keyspace customer --workflow commerce2customer';
const CREATE = `${MT} create --source-keyspace commerce --tables 'customer,corder'`;

function insertCustomer(s: CommandSession, email: string): void {
  runOk(s, `mysql -e "insert into customer(email) values ('${email}')"`);
}

function emails(s: CommandSession, keyspace: string): string[] {
  return primaryQuery(s, keyspace, 'select email from customer order by customer_id').map((r) => String(r.email));
}

describe('lifecycle with writes at every stage', () => {
  it('loses and duplicates nothing through create, switches, reverse and complete', async () => {
    const s = await exampleCluster();
    ok(s, CREATE);
    insertCustomer(s, 'after-create@x');
    expect(emails(s, 'customer')).toEqual(emails(s, 'commerce'));
    ok(s, `${MT} SwitchTraffic --tablet-types rdonly,replica`);
    insertCustomer(s, 'after-reads@x');
    expect(emails(s, 'customer')).toEqual(emails(s, 'commerce'));
    const clean = JSON.parse(ok(s, 'VDiff --target-keyspace customer --workflow commerce2customer --format json create')) as { UUID: string };
    const diff = JSON.parse(ok(s, `VDiff --target-keyspace customer --workflow commerce2customer --format json show ${clean.UUID}`)) as Record<string, unknown>;
    expect(diff).toMatchObject({ State: 'completed', HasMismatch: false, RowsCompared: 12 });

    ok(s, `${MT} SwitchTraffic`);
    // Now writes land in customer and the reverse stream carries them back to commerce.
    insertCustomer(s, 'after-writes@x');
    expect(emails(s, 'customer')).toContain('after-writes@x');
    expect(emails(s, 'commerce')).toEqual(emails(s, 'customer'));
    // Writes to the source tables through shard targeting are refused by the denied tables.
    const r = s.run(`mysql -e "use commerce/0; insert into customer(email) values ('sneaky@x')"`);
    expect(r.stderr).toContain('enforce denied tables');

    ok(s, `${MT} ReverseTraffic`);
    insertCustomer(s, 'after-reverse@x');
    expect(emails(s, 'commerce')).toContain('after-reverse@x');
    expect(emails(s, 'customer')).toEqual(emails(s, 'commerce'));
    const again = JSON.parse(ok(s, 'VDiff --target-keyspace customer --workflow commerce2customer --format json create')) as { UUID: string };
    expect(JSON.parse(ok(s, `VDiff --target-keyspace customer --workflow commerce2customer --format json show ${again.UUID}`))).toMatchObject({
      State: 'completed',
      HasMismatch: false,
    });

    ok(s, `${MT} SwitchTraffic`);
    insertCustomer(s, 'final@x');
    expect(emails(s, 'commerce')).toEqual(emails(s, 'customer'));
    const all = emails(s, 'customer');
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(10);
    expect(ok(s, `${MT} complete`)).toBe('Successfully completed the commerce2customer workflow in the customer keyspace\n\n');
    const after = s.run('mysql < ../common/select_commerce_data.sql');
    expect(after.stderr).toContain("ERROR 1146 (42S02) at line 4: target: commerce.0.primary: vttablet: rpc error: code = NotFound desc = Table 'vt_commerce.customer' doesn't exist");
    expect(emails(s, 'customer')).toEqual(all);
  });
});

describe('the copy phase', () => {
  it('shows Copying with its table progress and refuses switches and VDiff meanwhile', async () => {
    const s = await exampleCluster();
    const src = s.cluster.topo.getShard('commerce', '0')!.primary_alias!;
    const values = Array.from({ length: 3000 }, (_, i) => `('user${i}@x.com')`).join(',');
    s.cluster.tmc.executeFetchAsDba(src, `insert into customer (email) values ${values}`);
    runOk(s, 'vtsim settle');
    s.settleEnabled = false;
    expect(vtctld(s, CREATE).code).toBe(0);
    let copying = false;
    for (let i = 0; i < 200 && !copying; i++) {
      s.cluster.env.scheduler.step();
      copying = ok(s, `${MT} status`).includes('Status: Copying.');
    }
    expect(copying).toBe(true);
    const status = JSON.parse(ok(s, `${MT} status --format json`)) as { table_copy_state: Record<string, Record<string, unknown>> };
    const tables = Object.keys(status.table_copy_state);
    expect(tables.length).toBeGreaterThan(0);
    const first = status.table_copy_state[tables[0]!]!;
    expect(Object.keys(first)).toEqual(['rows_copied', 'rows_total', 'rows_percentage', 'bytes_copied', 'bytes_total', 'bytes_percentage']);
    expect(fails(s, `${MT} SwitchTraffic`)).toBe('cannot switch traffic for workflow commerce2customer at this time: copy is still in progress');
    expect(fails(s, 'VDiff --target-keyspace customer --workflow commerce2customer create')).toBe(
      'not all streams are running in workflow customer.commerce2customer',
    );
    s.settleEnabled = true;
    runOk(s, 'vtsim settle');
    expect(ok(s, `${MT} status`)).toContain('Status: Running.');
    expect(primaryQuery(s, 'customer', 'select count(*) as n from customer')[0]!.n).toBe(3005);
  });
});

describe('failures roll back', () => {
  it('cancels the write switch when the target cannot catch up in time', async () => {
    const s = await exampleCluster();
    ok(s, CREATE);
    ok(s, `${MT} stop`);
    insertCustomer(s, 'while-stopped@x');
    const before = rules(s);
    const msg = fails(s, `${MT} SwitchTraffic --tablet-types primary --timeout 2s`);
    expect(msg).toMatch(/^failed to sync up replication between the source and target: /);
    // Everything is back as it was before the switch: rules, denied tables, the streams running again.
    expect(rules(s)).toEqual(before);
    expect(denied(s, 'commerce')).toEqual([]);
    expect(denied(s, 'customer')).toEqual(['corder', 'customer']);
    expect(primaryQuery(s, 'customer', "select state, message from _vt.vreplication where workflow = 'commerce2customer'")).toEqual([
      { state: 'Running', message: '' },
    ]);
    expect(primaryQuery(s, 'commerce', 'select id from _vt.vreplication')).toHaveLength(0);
    expect(primaryQuery(s, 'commerce', 'select id from _vt.resharding_journal')).toHaveLength(0);
    expect(emails(s, 'customer')).toContain('while-stopped@x');
    expect(ok(s, `${MT} SwitchTraffic`)).toContain('Current State: All Reads Switched. Writes Switched');
  });

  it('refuses to switch when a tablet of the workflow cannot be refreshed', async () => {
    const s = await exampleCluster();
    ok(s, CREATE);
    runOk(s, 'CELL=zone1 TABLET_UID=102 ../common/scripts/vttablet-down.sh');
    const msg = fails(s, `${MT} SwitchTraffic`);
    expect(msg).toMatch(
      /^cannot switch traffic for workflow commerce2customer at this time: could not refresh all of the tablets involved in the operation:\nfailed to successfully refresh all tablets in the commerce\/0 source shard \(<nil>\):\n {2}failed to refresh tablet zone1-0000000102: /,
    );
    expect(rules(s)['customer@rdonly']).toBe('commerce.customer');
    // --force goes ahead anyway.
    expect(ok(s, `${MT} SwitchTraffic --force`)).toContain('Current State: All Reads Switched. Writes Switched');
  });

  it('refuses a create when a journal of the same migration is left over', async () => {
    const s = await exampleCluster();
    const id = hashStreams('customer', [{ shard: '0', id: 1 }]);
    const src = s.cluster.topo.getShard('commerce', '0')!.primary_alias!;
    s.cluster.tmc.vreplicationExec(src, `insert into _vt.resharding_journal (id, db_name, val) values ('${id}', 'vt_commerce', 'id:${id}')`);
    const msg = fails(s, CREATE);
    expect(msg).toBe(
      `found an entry from a previous run for migration id ${id} in _vt.resharding_journal on tablets zone1-0000000100, ` +
        'please review and delete it before proceeding and then start the workflow using: MoveTables --workflow commerce2customer --target-keyspace customer start',
    );
    // The half-made workflow is gone again.
    expect(rules(s)).toEqual({});
    expect(denied(s, 'customer')).toEqual([]);
    expect(primaryQuery(s, 'customer', 'select id from _vt.vreplication')).toHaveLength(0);
  });
});

describe('routing rules and workflow listing commands', () => {
  it('GetRoutingRules, ApplyRoutingRules, GetWorkflows', async () => {
    const s = await exampleCluster();
    expect(ok(s, 'GetRoutingRules')).toBe('{\n  "rules": []\n}\n');
    const applied = ok(s, `ApplyRoutingRules --rules '{"rules": [{"fromTable": "t", "toTables": ["commerce.t"]}]}'`);
    expect(applied).toBe(
      'New RoutingRules object:\n{\n  "rules": [\n    {\n      "from_table": "t",\n      "to_tables": [\n        "commerce.t"\n      ]\n    }\n  ]\n}\n' +
        'If this is not what you expected, check the input data (as JSON parsing will skip unexpected fields).\n',
    );
    expect(s.cluster.topo.getSrvVSchema('zone1')!.routing_rules.rules).toEqual([{ from_table: 't', to_tables: ['commerce.t'] }]);
    expect(ok(s, `ApplyRoutingRules --rules '{"rules": []}' --dry-run`)).toContain('[DRY RUN] Would have rebuilt the VSchema graph in all cells\n');
    expect(rules(s)).toEqual({ t: 'commerce.t' });
    expect(fails(s, 'ApplyRoutingRules')).toContain('must pass exactly one of --rules or --rules-file');
    ok(s, `ApplyRoutingRules --rules '{"rules": []}'`);

    ok(s, CREATE);
    const json = JSON.parse(ok(s, 'GetRoutingRules')) as { rules: Array<{ from_table: string; to_tables: string[] }> };
    expect(json.rules).toHaveLength(16);
    expect(Object.keys(json.rules[0]!)).toEqual(['from_table', 'to_tables']);
    const wf = JSON.parse(ok(s, 'GetWorkflows customer')) as { workflows: Array<{ name: string }> };
    expect(wf.workflows.map((w) => w.name)).toEqual(['commerce2customer']);
    ok(s, `${MT} stop`);
    expect(ok(s, 'GetWorkflows customer')).toBe('{\n  "workflows": []\n}\n');
    expect((JSON.parse(ok(s, 'GetWorkflows customer --show-all')) as { workflows: unknown[] }).workflows).toHaveLength(1);
    expect(ok(s, 'MoveTables --help')).toContain('switchtraffic');
  });
});

describe('determinism and table selection', () => {
  it('gives byte-identical outputs for the same seed', async () => {
    const script = [
      CREATE,
      `${MT} status`,
      'VDiff --target-keyspace customer --workflow commerce2customer create',
      `${MT} switchtraffic --dry-run`,
      `${MT} SwitchTraffic`,
      'Workflow --keyspace commerce show --workflow commerce2customer_reverse',
      `${MT} complete`,
    ];
    const runs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const s = await exampleCluster(7);
      runs.push(script.map((l) => JSON.stringify(vtctld(s, l))).join('\n') + s.cluster.env.trace.digest());
    }
    expect(runs[1]).toBe(runs[0]);
  });

  it('moves all tables but the excluded ones', async () => {
    const s = await exampleCluster();
    ok(s, `${MT} create --source-keyspace commerce --all-tables --exclude-tables product`);
    const show = JSON.parse(ok(s, `${MT} show`)) as { workflows: Array<{ shard_streams: Record<string, { streams: Array<{ binlog_source: { filter: { rules: Array<{ match: string }> } } }> }> }> };
    const matches = Object.values(show.workflows[0]!.shard_streams)[0]!.streams[0]!.binlog_source.filter.rules.map((r) => r.match);
    expect(matches.sort()).toEqual(['corder', 'customer']);
    expect(Object.keys(rules(s))).toHaveLength(16);
  });
});

import { describe, it, expect } from 'vitest';
import type { ClusterView, RouteTarget, StreamView, TableRouteView } from '../../src/cluster/cluster-view.js';
import { diffViews, routeSummary, streamKey } from '../../src/tui/view-diff.js';

const to = (keyspace: string): RouteTarget => ({ keyspace, via: 'rule' });
const route = (table: string, primary: string, replica: string, rdonly: string): TableRouteView => ({
  table,
  routes: { PRIMARY: to(primary), REPLICA: to(replica), RDONLY: to(rdonly) },
});
const rules9 = (table: string, target: string) =>
  ['', '@replica', '@rdonly'].flatMap((s) => [table, `customer.${table}`, `commerce.${table}`].map((f) => ({ from: `${f}${s}`, to: [target] })));

function view(patch: Partial<ClusterView>): ClusterView {
  return {
    nowMs: 0,
    seed: 1,
    processes: { etcd: true, vtctld: true, vtgate: true, vtorc: true },
    keyspaces: [],
    routingRules: [],
    routes: [],
    workflows: [],
    ...patch,
  };
}

function stream(patch: Partial<StreamView>): StreamView {
  return {
    id: 1,
    workflow: 'commerce2customer',
    keyspace: 'customer',
    shard: '0',
    tablet: 'zone1-0000000200',
    sourceKeyspace: 'commerce',
    sourceShard: '0',
    tables: ['corder', 'customer'],
    state: 'Running',
    rawState: 'Running',
    message: '',
    position: '9e27:1-15',
    stopPosition: '',
    rowsCopied: 10,
    workflowType: 'MoveTables',
    lagSeconds: 0,
    copyPhase: 'done',
    copy: [],
    logs: [],
    ...patch,
  };
}

describe('view diff', () => {
  it('summarises routing rules by destination instead of listing JSON', () => {
    const before = view({});
    const after = view({ routingRules: [...rules9('customer', 'commerce.customer'), ...rules9('corder', 'commerce.corder')] });
    const { changes } = diffViews(before, after);
    expect(changes.map((c) => `${c.kind} ${c.text}`)).toEqual([
      '+ 9 rules → commerce.customer: customer, customer.customer, commerce.customer, customer@replica, … (+5)',
      '+ 9 rules → commerce.corder: corder, customer.corder, commerce.corder, corder@replica, … (+5)',
    ]);
  });

  it('tells where moved tables’ traffic went, grouping tables and tablet types that moved alike', () => {
    const before = view({ routes: [route('corder', 'commerce', 'commerce', 'commerce'), route('customer', 'commerce', 'commerce', 'commerce')] });
    const reads = view({ routes: [route('corder', 'commerce', 'customer', 'customer'), route('customer', 'commerce', 'customer', 'customer')] });
    const all = view({ routes: [route('corder', 'customer', 'customer', 'customer'), route('customer', 'customer', 'customer', 'customer')] });
    expect(diffViews(before, reads).changes.map((c) => c.text)).toEqual(['corder, customer replica & rdonly reads: commerce → customer']);
    expect(diffViews(reads, all).changes.map((c) => c.text)).toEqual(['corder, customer writes & primary reads: commerce → customer']);
    expect(diffViews(before, all).changes.map((c) => c.text)).toEqual(['corder, customer reads & writes: commerce → customer']);
    expect(diffViews(before, all).highlight.routes).toEqual(['corder', 'customer']);
    expect(diffViews(all, view({})).changes.map((c) => `${c.kind} ${c.text}`)).toEqual(['- corder, customer: no longer routed by rules']);
  });

  it('describes a split route in one phrase', () => {
    expect(routeSummary(route('t', 'commerce', 'customer', 'customer').routes)).toBe(
      'writes & primary reads → commerce; replica & rdonly reads → customer',
    );
    expect(routeSummary(route('t', 'customer', 'customer', 'customer').routes)).toBe('reads & writes → customer');
  });

  it('reports denied tables added and lifted per shard and type', () => {
    const shard = (keyspace: string, tables: string[]) => ({
      name: keyspace,
      sharded: false,
      shards: [
        {
          keyspace,
          name: '0',
          primaryAlias: null,
          isPrimaryServing: true,
          deniedTables: tables.length > 0 ? [{ tabletType: 'PRIMARY' as const, cells: [], tables }] : [],
          tablets: [],
        },
      ],
    });
    const before = view({ keyspaces: [shard('commerce', []), shard('customer', ['corder', 'customer'])] });
    const after = view({ keyspaces: [shard('commerce', ['corder', 'customer']), shard('customer', [])] });
    const { changes, highlight } = diffViews(before, after);
    expect(changes.map((c) => `${c.kind} ${c.text}`)).toEqual([
      '+ commerce/0 PRIMARY denies corder, customer',
      '- customer/0 PRIMARY no longer denies corder, customer',
    ]);
    expect(highlight.denied).toEqual(['commerce/0 PRIMARY', 'customer/0 PRIMARY']);
  });

  it('reports streams created, changing state and deleted', () => {
    const wf = (streams: StreamView[]) =>
      streams.map((s) => ({
        name: s.workflow,
        keyspace: s.keyspace,
        sourceKeyspace: s.sourceKeyspace,
        isReverse: false,
        workflowType: 'MoveTables',
        trafficState: null,
        frozen: false,
        streams: [s],
      }));
    const fwd = stream({});
    const frozen = stream({ state: 'Stopped', rawState: 'Stopped', message: 'FROZEN' });
    const rev = stream({ workflow: 'commerce2customer_reverse', keyspace: 'commerce', sourceKeyspace: 'customer' });
    const { changes, highlight } = diffViews(view({ workflows: wf([fwd]) }), view({ workflows: wf([frozen, rev]) }));
    expect(changes.map((c) => `${c.kind} ${c.text}`)).toEqual([
      '~ stream commerce2customer customer/0 #1: Running → Stopped, message "FROZEN"',
      '+ stream commerce2customer_reverse commerce/0 #1 from customer/0: Running',
    ]);
    expect(highlight.streams).toEqual([streamKey(frozen), streamKey(rev)]);
    expect(diffViews(view({ workflows: wf([rev]) }), view({})).changes.map((c) => c.text)).toEqual([
      'stream commerce2customer_reverse commerce/0 #1 deleted',
    ]);
  });

  it('finds nothing between equal views', () => {
    const v = view({ routes: [route('customer', 'commerce', 'commerce', 'commerce')], routingRules: rules9('customer', 'commerce.customer') });
    expect(diffViews(v, v).changes).toEqual([]);
  });
});

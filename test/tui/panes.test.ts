import { describe, it, expect } from 'vitest';
import type { ClusterView, StreamView } from '../../src/cluster/cluster-view.js';
import { clusterPaneLines, durationText } from '../../src/tui/cluster-pane.js';
import { progressBar, workflowPaneLines } from '../../src/tui/workflow-pane.js';
import { NO_HIGHLIGHT, streamKey } from '../../src/tui/view-diff.js';
import { topBorder } from '../../src/tui/pane.js';
import { outputPaneLines } from '../../src/tui/output-pane.js';
import { line } from '../../src/tui/text-layout.js';

const copying: StreamView = {
  id: 1,
  workflow: 'commerce2customer',
  keyspace: 'customer',
  shard: '0',
  tablet: 'zone1-0000000200',
  sourceKeyspace: 'commerce',
  sourceShard: '0',
  tables: ['customer', 'corder'],
  state: 'Copying',
  rawState: 'Running',
  message: '',
  position: '',
  stopPosition: '',
  rowsCopied: 250,
  workflowType: 'MoveTables',
  lagSeconds: 1,
  copyPhase: 'copying',
  copy: [
    { table: 'corder', copied: 5, total: 5, done: true },
    { table: 'customer', copied: 250, total: 1000, done: false },
  ],
  logs: [{ id: 3, type: 'Started Copy Phase', state: 'Copying', message: 'Copy phase started for 2 table(s)', count: 1 }],
};

const view: ClusterView = {
  nowMs: 0,
  seed: 1,
  processes: { etcd: true, vtctld: true, vtgate: true, vtorc: true },
  keyspaces: [
    {
      name: 'commerce',
      sharded: false,
      shards: [
        {
          keyspace: 'commerce',
          name: '0',
          primaryAlias: 'zone1-0000000100',
          isPrimaryServing: true,
          deniedTables: [],
          tablets: [
            { alias: 'zone1-0000000100', cell: 'zone1', uid: 100, type: 'PRIMARY', state: 'SERVING', mysqlUp: true, position: '9e27:1-15', gtidExecuted: '', replication: undefined },
            {
              alias: 'zone1-0000000101',
              cell: 'zone1',
              uid: 101,
              type: 'REPLICA',
              state: 'SERVING',
              mysqlUp: true,
              position: '9e27:1-12',
              gtidExecuted: '',
              replication: { running: true, lagMs: 2400, pending: 3, error: '' },
            },
            { alias: 'zone1-0000000102', cell: 'zone1', uid: 102, type: 'RDONLY', state: 'STOPPED', mysqlUp: false, position: '9e27:1-15', gtidExecuted: '', replication: undefined },
          ],
        },
      ],
    },
  ],
  routingRules: [],
  routes: ['corder', 'customer'].map((table) => ({
    table,
    routes: {
      PRIMARY: { keyspace: 'commerce', via: table },
      REPLICA: { keyspace: 'customer', via: `${table}@replica` },
      RDONLY: { keyspace: 'customer', via: `${table}@rdonly` },
    },
  })),
  workflows: [
    {
      name: 'commerce2customer',
      keyspace: 'customer',
      sourceKeyspace: 'commerce',
      isReverse: false,
      workflowType: 'MoveTables',
      trafficState: 'All Reads Switched. Writes Not Switched',
      frozen: false,
      streams: [copying],
    },
  ],
};

describe('pane contents', () => {
  it('lists tablets with replica lag and shows split routes per tablet type', () => {
    const text = clusterPaneLines(view, { ...NO_HIGHLIGHT, routes: ['customer'] }, 36).map((l) => l.text);
    for (const t of text) expect(t.length).toBeLessThanOrEqual(36);
    expect(text).toEqual([
      'commerce/0',
      '  100 PRIMARY SERVING 9e27:1-15',
      '  101 REPLICA SERVING …1-12 lag 2.4s',
      '  102 RDONLY  MYSQL DOWN 9e27:1-15',
      '* Traffic for corder, customer:',
      '   writes & primary reads → commerce',
      '   replica & rdonly reads → customer',
      'vtctld up · vtgate up · vtorc up',
    ]);
  });

  it('draws copy progress per table and marks changed streams', () => {
    const lines = workflowPaneLines(view, { ...NO_HIGHLIGHT, streams: [streamKey(copying)] }, 50);
    expect(lines.map((l) => l.text)).toEqual([
      'customer.commerce2customer',
      '  All Reads Switched. Writes Not Switched',
      '* customer/0 #1 Copying ← commerce/0',
      '    corder   ████████████████████ 5/5 done',
      '    customer █████░░░░░░░░░░░░░░░ 250/1000',
      '    pos - · lag 1s · 250 rows copied',
      '    · Started Copy Phase: Copy phase started for …',
      'Denied tables: none',
    ]);
    expect(lines[2]!.tone).toBe('changed');
  });

  it('formats bars, durations, borders and the output window', () => {
    expect(progressBar(1, 4, 8)).toBe('██░░░░░░');
    expect(progressBar(null, 4, 3)).toBe('░░░');
    expect(durationText(850)).toBe('850ms');
    expect(durationText(190_000)).toBe('3m10s');
    expect(topBorder('Output', '1-9/40 ↑↓', 30)).toBe('┌─ Output ─────── 1-9/40 ↑↓ ─┐');
    expect(topBorder('A very long title that cannot fit', '', 20)).toBe('┌─ A very long t… ─┐');
    expect(topBorder('x', '', 20)).toHaveLength(20);
    const out = outputPaneLines([line('one'), { text: 'a long error message that wraps', tone: 'error', wrap: true }, line('three')], 12, 3, 1);
    expect(out.lines.map((l) => l.text)).toEqual(['a long', '  error', '  message']);
    expect(out.info).toBe('2-4/6 ↑↓');
  });
});

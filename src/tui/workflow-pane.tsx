// The workflow pane: every VReplication workflow (forward and `_reverse`) with its traffic state, and
// each stream's state, copy progress per table (a bar with rows copied / total), position, lag and
// latest vreplication_log lines; then the denied tables of every shard (`deny customer/0: t1,t2`: the
// PRIMARY tablet of customer/0 refuses queries on t1 and t2). When room is short, log lines
// go first, then positions. No Vitess counterpart (`Workflow show` prints this as JSON).

import React from 'react';
import type { ClusterView, StreamView, TableCopyView } from '../cluster/cluster-view.js';
import type { Highlight } from './view-diff.js';
import { streamKey } from './view-diff.js';
import type { Line, Tone } from './text-layout.js';
import { fitLines, line, truncate, wrap } from './text-layout.js';
import { Pane, PANE_CHROME } from './pane.js';

/** `██████░░░░` for done/total. */
export function progressBar(done: number | null, total: number | null, width: number): string {
  if (width <= 0) return '';
  if (done === null || total === null || total <= 0) return '░'.repeat(width);
  const filled = Math.max(0, Math.min(width, Math.round((done / total) * width)));
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

function stateTone(state: string): Tone {
  if (state === 'Error') return 'error';
  if (state === 'Running') return 'ok';
  if (state === 'Copying') return 'changed';
  return 'dim';
}

function copyLines(copy: readonly TableCopyView[], width: number): Line[] {
  const nameW = Math.min(14, Math.max(...copy.map((c) => c.table.length)));
  const countsOf = (c: TableCopyView): string => `${c.copied ?? '?'}/${c.total ?? '?'}${c.done ? ' done' : ''}`;
  // One bar width for every table, so the bars line up.
  const barW = Math.max(4, Math.min(20, width - 4 - nameW - 1 - Math.max(...copy.map((c) => countsOf(c).length)) - 1));
  return copy.map((c) => {
    const counts = countsOf(c);
    return line(truncate(`    ${truncate(c.table, nameW).padEnd(nameW)} ${progressBar(c.copied, c.total, barW)} ${counts}`, width), c.done ? 'ok' : 'plain');
  });
}

function streamLines(s: StreamView, width: number, changed: boolean): Line[] {
  const out: Line[] = [];
  const head = `${changed ? '*' : ' '} ${s.keyspace}/${s.shard} #${s.id} ${s.state} ← ${s.sourceKeyspace}/${s.sourceShard}`;
  out.push(line(truncate(head, width), changed ? 'changed' : stateTone(s.state)));
  if (s.message !== '' && s.message !== 'FROZEN') {
    out.push(...wrap(s.message, width - 4).map((t) => line(`    ${t}`, s.state === 'Error' ? 'error' : 'dim', 1)));
  }
  if (s.copyPhase === 'copying') out.push(...copyLines(s.copy, width));
  else if (s.copyPhase === 'pending') out.push(line('    copy not started', 'dim'));
  const lag = s.lagSeconds === null ? '' : ` · lag ${s.lagSeconds}s`;
  out.push(line(truncate(`    pos ${s.position || '-'}${lag}${s.rowsCopied > 0 ? ` · ${s.rowsCopied} rows copied` : ''}`, width), 'dim', 1));
  for (const l of s.logs.slice(-3)) {
    const count = l.count > 1 ? ` (×${l.count})` : '';
    out.push(line(truncate(`    · ${l.type}: ${l.message}${count}`, width), 'dim', 2));
  }
  return out;
}

export function workflowPaneLines(view: ClusterView, highlight: Highlight, width: number): Line[] {
  const out: Line[] = [];
  const changedStreams = new Set(highlight.streams);
  if (view.workflows.length === 0) out.push(line('No workflows.', 'dim'));
  // A forward workflow and its `_reverse` share a key: the forward workflow's target and name.
  const pairKey = (w: ClusterView['workflows'][number]): string =>
    w.isReverse ? `${w.sourceKeyspace}.${w.name.replace(/_reverse$/, '')}` : `${w.keyspace}.${w.name}`;
  const pairCount = new Map<string, number>();
  for (const w of view.workflows) pairCount.set(pairKey(w), (pairCount.get(pairKey(w)) ?? 0) + 1);
  for (const w of view.workflows) {
    const tags = [...(w.workflowType !== 'MoveTables' ? [w.workflowType] : []), ...(w.frozen ? ['FROZEN'] : [])];
    out.push(line(truncate(`${w.keyspace}.${w.name}${tags.length > 0 ? ` (${tags.join(', ')})` : ''}`, width), 'heading'));
    // Forward and reverse tell the same traffic state; the frozen one of a pair leaves it to the other.
    const pair = (pairCount.get(pairKey(w)) ?? 0) > 1;
    if (w.trafficState && !(w.frozen && pair)) out.push(...wrap(w.trafficState, width - 2).map((t) => line(`  ${t}`, 'accent')));
    for (const s of w.streams) out.push(...streamLines(s, width, changedStreams.has(streamKey(s))));
  }
  const denied = view.keyspaces.flatMap((k) => k.shards.flatMap((s) => s.deniedTables.map((d) => ({ where: `${k.name}/${s.name}`, d }))));
  const changedDenied = new Set(highlight.denied);
  // One line per shard and tablet type (PRIMARY, the type MoveTables uses, goes unsaid).
  if (denied.length === 0) out.push(line('Denied tables: none', 'dim', 1));
  for (const { where, d } of denied) {
    const changed = changedDenied.has(`${where} ${d.tabletType}`);
    const type = d.tabletType === 'PRIMARY' ? '' : ` ${d.tabletType}`;
    const cells = d.cells.length > 0 ? ` (cells ${d.cells.join(',')})` : '';
    out.push(
      ...wrap(`deny ${where}${type}${cells}: ${d.tables.join(',')}`, width - 2).map((t, i) =>
        line(`${i === 0 ? (changed ? '* ' : '  ') : '    '}${t}`, changed ? 'changed' : 'plain'),
      ),
    );
  }
  return out;
}

export interface WorkflowPaneProps {
  view: ClusterView;
  highlight: Highlight;
  width: number;
  height: number;
  color: boolean;
}

export function WorkflowPane({ view, highlight, width, height, color }: WorkflowPaneProps): React.JSX.Element {
  const lines = fitLines(workflowPaneLines(view, highlight, width - PANE_CHROME.columns), height - PANE_CHROME.rows);
  const streams = view.workflows.reduce((n, w) => n + w.streams.length, 0);
  return (
    <Pane
      title="Workflows"
      info={streams > 0 ? `${streams} stream${streams === 1 ? '' : 's'}` : ''}
      width={width}
      height={height}
      lines={lines}
      color={color}
    />
  );
}

// The cluster pane: keyspaces → shards → tablets (type, serving state, GTID position, replica lag), and
// for each moved table where its traffic goes right now, resolved as vtgate resolves a table name with
// no keyspace (routing rules, then the vschema). Rows the last step changed carry a `*`.
// No Vitess counterpart (VTAdmin shows tablets; nothing shows routing this way).

import React from 'react';
import type { ClusterView, TableRouteView, TabletView } from '../cluster/cluster-view.js';
import type { Highlight } from './view-diff.js';
import { routeSummary } from './view-diff.js';
import type { Line } from './text-layout.js';
import { fitLines, line, truncate, wrap } from './text-layout.js';
import { Pane, PANE_CHROME } from './pane.js';

/** `850ms`, `2.4s`, `3m10s`. */
export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${s % 60}s`;
}

function tabletLine(t: TabletView, width: number, changed: boolean): Line {
  const wide = width >= 60;
  const id = wide ? t.alias : String(t.uid);
  const state = !t.mysqlUp ? 'MYSQL DOWN' : t.state;
  let extra = '';
  const r = t.replication;
  if (r) {
    if (r.error !== '') extra = ` repl error`;
    else if (!r.running) extra = ' repl stopped';
    else if (r.pending > 0 || wide) extra = ` lag ${durationText(r.lagMs)}${r.pending > 0 ? ` (${r.pending} tx)` : ''}`;
  }
  const head = `${changed ? '*' : ' '}${id.padStart(wide ? 0 : 4)} ${t.type.padEnd(7)} ${state.padEnd(wide ? 11 : 8)}`;
  const pos = t.position === '' ? '-' : t.position;
  const room = width - head.length - 1 - extra.length;
  const text = `${head} ${truncate(pos, Math.max(4, room))}${extra}`;
  const tone = r && (r.error !== '' || !r.running) ? 'error' : t.state !== 'SERVING' || !t.mysqlUp ? 'dim' : changed ? 'changed' : 'plain';
  return line(truncate(text, width), tone);
}

function routeLines(routes: readonly TableRouteView[], width: number, changed: ReadonlySet<string>): Line[] {
  // Tables whose traffic goes to the same places share a line.
  const groups = new Map<string, string[]>();
  for (const r of routes) {
    const summary = routeSummary(r.routes);
    groups.set(summary, [...(groups.get(summary) ?? []), r.table]);
  }
  const out: Line[] = [];
  for (const [summary, tables] of groups) {
    const isChanged = tables.some((t) => changed.has(t));
    const text = `${tables.join(', ')}: ${summary}`;
    wrap(text, width - 3).forEach((w, i) => {
      out.push(line(`${i === 0 ? (isChanged ? '* ' : '  ') : '    '}${w}`, isChanged ? 'changed' : 'accent'));
    });
  }
  return out;
}

export function clusterPaneLines(view: ClusterView, highlight: Highlight, width: number): Line[] {
  const out: Line[] = [];
  if (view.keyspaces.length === 0) {
    out.push(...wrap('No cluster yet: the lesson starts one.', width).map((t) => line(t, 'dim')));
  }
  const changedTablets = new Set(highlight.tablets);
  for (const ks of view.keyspaces) {
    for (const sh of ks.shards) {
      out.push(line(truncate(`${ks.name}/${sh.name}${ks.sharded ? ' (sharded)' : ''}`, width), 'heading'));
      if (sh.tablets.length === 0) out.push(line('  no tablets', 'dim'));
      for (const t of sh.tablets) out.push(tabletLine(t, width, changedTablets.has(t.alias)));
    }
  }
  if (view.routes.length > 0) {
    out.push(line(truncate('Routes (table name without keyspace):', width), 'heading'));
    out.push(...routeLines(view.routes, width, new Set(highlight.routes)));
  }
  const p = view.processes;
  const procs = (['vtctld', 'vtgate', 'vtorc'] as const).map((n) => `${n} ${p[n] ? 'up' : 'down'}`).join(' · ');
  if (view.keyspaces.length > 0) out.push(line(truncate(procs, width), 'dim', 2));
  return out;
}

export interface ClusterPaneProps {
  view: ClusterView;
  highlight: Highlight;
  width: number;
  height: number;
  color: boolean;
}

export function ClusterPane({ view, highlight, width, height, color }: ClusterPaneProps): React.JSX.Element {
  const lines = fitLines(clusterPaneLines(view, highlight, width - PANE_CHROME.columns), height - PANE_CHROME.rows);
  return <Pane title="Cluster" width={width} height={height} lines={lines} color={color} />;
}

// The cluster pane: keyspaces → shards → tablets (type, serving state, GTID position, replica lag), and
// for each moved table where its traffic goes right now, resolved as vtgate resolves a table name with
// no keyspace and no `use` (routing rules for the tablet type, then the vschema); PRIMARY carries the
// writes and primary reads. Rows the last step changed carry a `*`.
// No Vitess counterpart (VTAdmin shows tablets; nothing shows routing this way).

import React from 'react';
import type { ClusterView, RouteTabletType, TableRouteView, TabletView } from '../cluster/cluster-view.js';
import { ROUTE_TABLET_TYPES } from '../cluster/cluster-view.js';
import type { Highlight } from './view-diff.js';
import { targetText, typesPhrase } from './view-diff.js';
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

/** A position cut from the left: the transaction numbers at its end are what tell tablets apart. */
function tailTruncate(s: string, width: number): string {
  if (s.length <= width) return s;
  if (width <= 1) return '…';
  return `…${s.slice(s.length - width + 1)}`;
}

function tabletLine(t: TabletView, width: number, changed: boolean): Line {
  const wide = width >= 60;
  const state = !t.mysqlUp ? 'MYSQL DOWN' : t.state;
  let extra = '';
  const r = t.replication;
  if (r) {
    if (r.error !== '') extra = ' repl error';
    else if (!r.running) extra = ' repl stopped';
    else if (wide) extra = ` lag ${durationText(r.lagMs)}${r.pending > 0 ? ` (${r.pending} tx behind)` : ''}`;
    else if (r.pending > 0) extra = ` lag ${durationText(r.lagMs)}`;
  }
  const head = wide
    ? `${changed ? '*' : ' '} ${t.alias} ${t.type.padEnd(7)} ${state.padEnd(11)}`
    : `${changed ? '*' : ' '}${String(t.uid).padStart(4)} ${t.type.padEnd(7)} ${state.padEnd(7)}`;
  const pos = t.position === '' ? '-' : t.position;
  const text = `${head} ${tailTruncate(pos, Math.max(4, width - head.length - 1 - extra.length))}${extra}`;
  const tone = r && (r.error !== '' || !r.running) ? 'error' : t.state !== 'SERVING' || !t.mysqlUp ? 'dim' : changed ? 'changed' : 'plain';
  return line(truncate(text, width), tone);
}

/** `reads & writes → commerce`, or one line per destination when the tablet types are split. */
export function routeTargets(r: TableRouteView): string[] {
  const byTarget = new Map<string, RouteTabletType[]>();
  for (const t of ROUTE_TABLET_TYPES) {
    const target = targetText(r.routes[t]);
    byTarget.set(target, [...(byTarget.get(target) ?? []), t]);
  }
  if (byTarget.size === 1) return [`reads & writes → ${[...byTarget.keys()][0]}`];
  return [...byTarget].map(([target, types]) => `${typesPhrase(types)} → ${target}`);
}

function routeLines(routes: readonly TableRouteView[], width: number, changed: ReadonlySet<string>): Line[] {
  // Tables whose traffic goes to the same places share a block.
  const groups = new Map<string, { tables: string[]; targets: string[] }>();
  for (const r of routes) {
    const targets = routeTargets(r);
    const key = targets.join('\n');
    const g = groups.get(key) ?? { tables: [], targets };
    g.tables.push(r.table);
    groups.set(key, g);
  }
  const out: Line[] = [];
  for (const { tables, targets } of groups.values()) {
    const isChanged = tables.some((t) => changed.has(t));
    const tone = isChanged ? 'changed' : 'plain';
    wrap(`Traffic for ${tables.join(', ')}:`, width - 2).forEach((w, i) => {
      out.push(line(`${i === 0 ? (isChanged ? '* ' : '  ') : '    '}${w}`, tone));
    });
    for (const t of targets) {
      wrap(t, width - 3).forEach((w, i) => out.push(line(`${i === 0 ? '   ' : '     '}${w}`, isChanged ? 'changed' : 'accent')));
    }
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
  out.push(...routeLines(view.routes, width, new Set(highlight.routes)));
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

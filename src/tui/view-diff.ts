// What a step changed in the cluster, told as a short diff of two ClusterView snapshots: routing rules
// grouped by where they point (never a wall of JSON), where moved tables' traffic goes, denied tables,
// streams and tablets. The panes also use the result to mark the rows that changed.
// No Vitess counterpart (vtctldclient prints whole records; this is for watching them change).

import type { ClusterView, RouteTabletType, RouteTarget, StreamView, TabletView } from '../cluster/cluster-view.js';
import { ROUTE_TABLET_TYPES } from '../cluster/cluster-view.js';

export type ChangeKind = '+' | '-' | '~';

export interface ViewChange {
  readonly kind: ChangeKind;
  readonly area: 'rules' | 'routes' | 'denied' | 'streams' | 'tablets' | 'keyspaces';
  readonly text: string;
}

/** Keys of the rows the panes mark as changed. */
export interface Highlight {
  readonly routes: readonly string[];
  /** `keyspace/shard TYPE`. */
  readonly denied: readonly string[];
  /** streamKey(s). */
  readonly streams: readonly string[];
  readonly tablets: readonly string[];
}

export const NO_HIGHLIGHT: Highlight = { routes: [], denied: [], streams: [], tablets: [] };

export function streamKey(s: Pick<StreamView, 'keyspace' | 'shard' | 'workflow' | 'id'>): string {
  return `${s.keyspace}/${s.shard}/${s.workflow}/${s.id}`;
}

/** The words for what a PRIMARY route carries. */
const PRIMARY_LABEL = 'writes & primary reads';

export function targetText(t: RouteTarget): string {
  return t.keyspace ?? `error (${t.error ?? 'unroutable'})`;
}

function listText(names: readonly string[], max = 4): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')}, … (+${names.length - max})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Groups items by a key, keeping first-seen order of the groups. */
function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    m.set(k, [...(m.get(k) ?? []), it]);
  }
  return m;
}

function diffRules(before: ClusterView, after: ClusterView): ViewChange[] {
  const b = new Map(before.routingRules.map((r) => [r.from, r.to.join(',')]));
  const a = new Map(after.routingRules.map((r) => [r.from, r.to.join(',')]));
  const added: Array<[string, string]> = [];
  const removed: Array<[string, string]> = [];
  const changed: Array<[string, string, string]> = [];
  for (const [from, to] of a) {
    const old = b.get(from);
    if (old === undefined) added.push([from, to]);
    else if (old !== to) changed.push([from, old, to]);
  }
  for (const [from, to] of b) if (!a.has(from)) removed.push([from, to]);
  const out: ViewChange[] = [];
  for (const [to, rs] of groupBy(added, (r) => r[1])) {
    out.push({ kind: '+', area: 'rules', text: `${plural(rs.length, 'rule')} → ${to || '(none)'}: ${listText(rs.map((r) => r[0]))}` });
  }
  for (const [key, rs] of groupBy(changed, (r) => `${r[1]}\u0000${r[2]}`)) {
    const [from, to] = key.split('\u0000') as [string, string];
    out.push({ kind: '~', area: 'rules', text: `${plural(rs.length, 'rule')} ${from} ⇒ ${to}: ${listText(rs.map((r) => r[0]))}` });
  }
  for (const [to, rs] of groupBy(removed, (r) => r[1])) {
    out.push({ kind: '-', area: 'rules', text: `${plural(rs.length, 'rule')} → ${to || '(none)'} removed: ${listText(rs.map((r) => r[0]))}` });
  }
  return out;
}

function diffRoutes(before: ClusterView, after: ClusterView): { changes: ViewChange[]; tables: string[] } {
  const b = new Map(before.routes.map((r) => [r.table, r]));
  const a = new Map(after.routes.map((r) => [r.table, r]));
  const moves: Array<{ table: string; type: RouteTabletType; from: string; to: string }> = [];
  const appeared: Array<{ table: string; summary: string }> = [];
  const gone: string[] = [];
  const tables = new Set<string>();
  for (const [table, r] of a) {
    const old = b.get(table);
    if (!old) {
      appeared.push({ table, summary: routeSummary(r.routes) });
      tables.add(table);
      continue;
    }
    for (const type of ROUTE_TABLET_TYPES) {
      const from = targetText(old.routes[type]);
      const to = targetText(r.routes[type]);
      if (from !== to) {
        moves.push({ table, type, from, to });
        tables.add(table);
      }
    }
  }
  for (const table of b.keys()) if (!a.has(table)) gone.push(table);
  const changes: ViewChange[] = [];
  for (const [summary, xs] of groupBy(appeared, (x) => x.summary)) {
    changes.push({ kind: '+', area: 'routes', text: `${xs.map((x) => x.table).join(', ')}: ${summary}` });
  }
  // Per table, the types whose destination moved the same way; then tables that moved alike.
  const perTable: Array<{ table: string; types: RouteTabletType[]; from: string; to: string }> = [];
  for (const [key, ms] of groupBy(moves, (m) => `${m.table}\u0000${m.from}\u0000${m.to}`)) {
    const [table, from, to] = key.split('\u0000') as [string, string, string];
    perTable.push({ table, types: ms.map((m) => m.type), from, to });
  }
  for (const [, xs] of groupBy(perTable, (x) => `${x.types.join(',')}\u0000${x.from}\u0000${x.to}`)) {
    const x = xs[0] as (typeof perTable)[number];
    const what = x.types.length === ROUTE_TABLET_TYPES.length ? 'reads & writes' : typesPhrase(x.types);
    changes.push({ kind: '~', area: 'routes', text: `${xs.map((y) => y.table).join(', ')} ${what}: ${x.from} → ${x.to}` });
  }
  if (gone.length > 0) changes.push({ kind: '-', area: 'routes', text: `${gone.join(', ')}: no longer routed by rules` });
  return { changes, tables: [...tables] };
}

/** One phrase for a table's routes: `all traffic → commerce`, or the types grouped by destination. */
export function routeSummary(routes: Readonly<Record<RouteTabletType, RouteTarget>>): string {
  const byTarget = groupBy(ROUTE_TABLET_TYPES, (t) => targetText(routes[t]));
  if (byTarget.size === 1) return `reads & writes → ${[...byTarget.keys()][0]}`;
  return [...byTarget].map(([target, types]) => `${typesPhrase(types)} → ${target}`).join('; ');
}

/** `writes & primary reads`, `replica & rdonly reads` ... for a group of tablet types. */
export function typesPhrase(types: readonly RouteTabletType[]): string {
  const parts: string[] = [];
  if (types.includes('PRIMARY')) parts.push(PRIMARY_LABEL);
  const readOnly = types.filter((t) => t !== 'PRIMARY').map((t) => t.toLowerCase());
  if (readOnly.length > 0) parts.push(`${readOnly.join(' & ')} reads`);
  return parts.join(', ');
}

function deniedMap(v: ClusterView): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const ks of v.keyspaces) {
    for (const sh of ks.shards) {
      for (const d of sh.deniedTables) m.set(`${ks.name}/${sh.name} ${d.tabletType}`, [...d.tables]);
    }
  }
  return m;
}

function diffDenied(before: ClusterView, after: ClusterView): { changes: ViewChange[]; keys: string[] } {
  const b = deniedMap(before);
  const a = deniedMap(after);
  const changes: ViewChange[] = [];
  const keys: string[] = [];
  for (const key of [...new Set([...b.keys(), ...a.keys()])].sort()) {
    const old = new Set(b.get(key) ?? []);
    const now = new Set(a.get(key) ?? []);
    const added = [...now].filter((t) => !old.has(t));
    const removed = [...old].filter((t) => !now.has(t));
    if (added.length > 0) changes.push({ kind: '+', area: 'denied', text: `${key} denies ${added.join(', ')}` });
    if (removed.length > 0) changes.push({ kind: '-', area: 'denied', text: `${key} no longer denies ${removed.join(', ')}` });
    if (added.length > 0 || removed.length > 0) keys.push(key);
  }
  return { changes, keys };
}

function streamLabel(s: StreamView): string {
  return `${s.workflow} ${s.keyspace}/${s.shard} #${s.id}`;
}

function diffStreams(before: ClusterView, after: ClusterView): { changes: ViewChange[]; keys: string[] } {
  const all = (v: ClusterView): Map<string, StreamView> => new Map(v.workflows.flatMap((w) => w.streams).map((s) => [streamKey(s), s]));
  const b = all(before);
  const a = all(after);
  const changes: ViewChange[] = [];
  const keys: string[] = [];
  for (const [key, s] of a) {
    const old = b.get(key);
    if (!old) {
      changes.push({ kind: '+', area: 'streams', text: `stream ${streamLabel(s)} from ${s.sourceKeyspace}/${s.sourceShard}: ${s.state}` });
      keys.push(key);
      continue;
    }
    const parts: string[] = [];
    if (old.state !== s.state) parts.push(`${old.state} → ${s.state}`);
    if (old.message !== s.message) parts.push(s.message === '' ? 'message cleared' : `message "${s.message}"`);
    if (parts.length > 0) {
      changes.push({ kind: '~', area: 'streams', text: `stream ${streamLabel(s)}: ${parts.join(', ')}` });
      keys.push(key);
    }
  }
  for (const [key, s] of b) {
    if (!a.has(key)) changes.push({ kind: '-', area: 'streams', text: `stream ${streamLabel(s)} deleted` });
  }
  return { changes, keys };
}

function diffTablets(before: ClusterView, after: ClusterView): { changes: ViewChange[]; aliases: string[] } {
  const all = (v: ClusterView): Map<string, TabletView & { where: string }> =>
    new Map(v.keyspaces.flatMap((k) => k.shards.flatMap((s) => s.tablets.map((t) => [t.alias, { ...t, where: `${k.name}/${s.name}` }] as const))));
  const b = all(before);
  const a = all(after);
  const changes: ViewChange[] = [];
  const aliases: string[] = [];
  const added = [...a.values()].filter((t) => !b.has(t.alias));
  for (const [where, ts] of groupBy(added, (t) => t.where)) {
    changes.push({ kind: '+', area: 'tablets', text: `${plural(ts.length, 'tablet')} in ${where}: ${ts.map((t) => `${t.uid} ${t.type}`).join(', ')}` });
    aliases.push(...ts.map((t) => t.alias));
  }
  for (const [alias, t] of a) {
    const old = b.get(alias);
    if (!old) continue;
    const parts: string[] = [];
    if (old.type !== t.type) parts.push(`${old.type} → ${t.type}`);
    if (old.state !== t.state) parts.push(`${old.state} → ${t.state}`);
    if (parts.length > 0) {
      changes.push({ kind: '~', area: 'tablets', text: `tablet ${t.uid} (${t.where}): ${parts.join(', ')}` });
      aliases.push(alias);
    }
  }
  const removed = [...b.values()].filter((t) => !a.has(t.alias));
  for (const [where, ts] of groupBy(removed, (t) => t.where)) {
    changes.push({ kind: '-', area: 'tablets', text: `${plural(ts.length, 'tablet')} gone from ${where}: ${ts.map((t) => t.uid).join(', ')}` });
  }
  return { changes, aliases };
}

function diffKeyspaces(before: ClusterView, after: ClusterView): ViewChange[] {
  const b = new Set(before.keyspaces.map((k) => k.name));
  const a = new Set(after.keyspaces.map((k) => k.name));
  return [
    ...[...a].filter((k) => !b.has(k)).map((k): ViewChange => ({ kind: '+', area: 'keyspaces', text: `keyspace ${k}` })),
    ...[...b].filter((k) => !a.has(k)).map((k): ViewChange => ({ kind: '-', area: 'keyspaces', text: `keyspace ${k}` })),
  ];
}

/** The changes from `before` to `after`, most telling first, and the rows to mark. */
export function diffViews(before: ClusterView, after: ClusterView): { changes: ViewChange[]; highlight: Highlight } {
  const routes = diffRoutes(before, after);
  const denied = diffDenied(before, after);
  const streams = diffStreams(before, after);
  const tablets = diffTablets(before, after);
  return {
    changes: [
      ...routes.changes,
      ...diffRules(before, after),
      ...denied.changes,
      ...streams.changes,
      ...diffKeyspaces(before, after),
      ...tablets.changes,
    ],
    highlight: { routes: routes.tables, denied: denied.keys, streams: streams.keys, tablets: tablets.aliases },
  };
}

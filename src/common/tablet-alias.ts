// Tablet identity, types and targets.
// Mirrors go/vt/topo/topoproto/tablet.go (alias formatting, tablet type names) and
// proto/query.proto Target (keyspace, shard, tablet type).

/** The tablet types MoveTables and the local example use. */
export type TabletType = 'PRIMARY' | 'REPLICA' | 'RDONLY' | 'SPARE' | 'BACKUP' | 'DRAINED' | 'UNKNOWN';

export const SERVING_TABLET_TYPES: readonly TabletType[] = ['PRIMARY', 'REPLICA', 'RDONLY'];

/** Enum order used by Vitess when sorting tablets (topodata.TabletType numbers). */
const tabletTypeNumber: Record<TabletType, number> = {
  UNKNOWN: 0,
  PRIMARY: 1,
  REPLICA: 2,
  RDONLY: 3,
  SPARE: 4,
  BACKUP: 6,
  DRAINED: 8,
};

export function tabletTypeOrder(t: TabletType): number {
  return tabletTypeNumber[t];
}

/** Parses "primary", "REPLICA", "master" (the old name) ... into a TabletType, or undefined. */
export function parseTabletType(s: string): TabletType | undefined {
  const u = s.trim().toUpperCase();
  if (u === 'MASTER') return 'PRIMARY';
  return (Object.keys(tabletTypeNumber) as TabletType[]).find((t) => t === u);
}

export interface TabletAlias {
  cell: string;
  uid: number;
}

/** "zone1-0000000100": the cell and the uid padded to 10 digits. */
export function aliasString(a: TabletAlias): string {
  return `${a.cell}-${String(a.uid).padStart(10, '0')}`;
}

/** "zone1-100": the unpadded form used by MoveTables' text output. */
export function aliasShort(a: TabletAlias): string {
  return `${a.cell}-${a.uid}`;
}

/** Parses "zone1-0000000100" or "zone1-100". */
export function parseAlias(s: string): TabletAlias | undefined {
  const m = /^(.+)-(\d+)$/.exec(s.trim());
  if (!m || m[1] === undefined || m[2] === undefined) return undefined;
  return { cell: m[1], uid: Number(m[2]) };
}

export function aliasEquals(a: TabletAlias, b: TabletAlias): boolean {
  return a.cell === b.cell && a.uid === b.uid;
}

/** What a query is aimed at: a keyspace, a shard of it and a tablet type (query.Target). */
export interface Target {
  keyspace: string;
  shard: string;
  tabletType: TabletType;
}

/** "commerce.0.primary", the prefix vtgate puts on tablet errors. */
export function targetString(t: Target): string {
  return `${t.keyspace}.${t.shard}.${t.tabletType.toLowerCase()}`;
}

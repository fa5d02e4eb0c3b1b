// Denied tables: editing a shard's TabletControls.
// Mirrors go/vt/topo/shard.go (ShardInfo.UpdateDeniedTables, updatePrimaryTabletControl,
// removeCellsFromTabletControl, addCells, InCellList), quirks included: adding tables to a PRIMARY control
// appends them as given, and only sorts and de-duplicates when some were already denied; removing with an
// empty table list clears the whole PRIMARY list; a control whose list or cells become empty is dropped.
// MoveTables uses it for the PRIMARY list only (reads are steered by routing rules).

import { vtError } from '../common/errors.js';
import type { TabletType } from '../common/tablet-alias.js';
import { newTabletControl } from './records.js';
import type { Shard, TabletControl } from './records.js';

/** shard.go dlNoCellsForPrimary. */
export const DENIED_TABLES_NO_CELLS_FOR_PRIMARY = "you cannot specify cells for a primary's tablet control";

/** Go's %v of a []string: "[a b]". */
function goList(xs: readonly string[]): string {
  return `[${xs.join(' ')}]`;
}

/** Mirrors topo.InCellList: an empty list means every cell. */
export function inCellList(cell: string, cells: readonly string[]): boolean {
  return cells.length === 0 || cells.includes(cell);
}

/** The shard's control for a tablet type, if any (ShardInfo.GetTabletControl). */
export function getTabletControl(shard: Shard, tabletType: TabletType): TabletControl | undefined {
  return shard.tablet_controls.find((tc) => tc.tablet_type === tabletType);
}

/**
 * Adds (`remove` false) or removes the `tables` of the shard's TabletControl for `tabletType`, in place.
 * `keyspace` and `shardName` only name the shard in errors.
 */
export function updateDeniedTables(
  shard: Shard,
  keyspace: string,
  shardName: string,
  tabletType: TabletType,
  cells: readonly string[],
  remove: boolean,
  tables: readonly string[],
): void {
  if (tabletType === 'PRIMARY' && cells.length > 0) throw vtError('UNKNOWN', DENIED_TABLES_NO_CELLS_FOR_PRIMARY);
  const tc = getTabletControl(shard, tabletType);
  if (tc === undefined) {
    // Removing from a control that does not exist: nothing to do (Vitess logs a warning).
    if (remove) return;
    shard.tablet_controls.push(newTabletControl({ tablet_type: tabletType, cells: [...cells], denied_tables: [...tables] }));
    return;
  }
  if (tabletType === 'PRIMARY') {
    updatePrimaryTabletControl(shard, tc, remove, tables);
    return;
  }
  if (remove) {
    const left = tc.cells.filter((c) => !inCellList(c, cells));
    if (left.length === 0) removeTabletControl(shard, tabletType);
    else tc.cells = left;
    return;
  }
  if (tc.denied_tables.length !== tables.length || tc.denied_tables.some((t, i) => t !== tables[i])) {
    throw vtError(
      'INVALID_ARGUMENT',
      `trying to use two different sets of denied tables for shard ${keyspace}/${shardName}: ${goList(tc.denied_tables)} and ${goList(tables)}`,
    );
  }
  tc.cells = addCells(tc.cells, cells);
}

function updatePrimaryTabletControl(shard: Shard, tc: TabletControl, remove: boolean, tables: readonly string[]): void {
  const newTables = tables.filter((t) => !tc.denied_tables.includes(t));
  if (remove) {
    // With no tables named, everything goes ("legacy uses" in shard.go).
    tc.denied_tables = tables.length === 0 ? [] : tc.denied_tables.filter((t) => !tables.includes(t));
    if (tc.denied_tables.length === 0) removeTabletControl(shard, 'PRIMARY');
    return;
  }
  if (newTables.length !== tables.length) {
    // Some were denied already: merge, then sort and drop duplicates.
    const merged = [...tc.denied_tables, ...tables, ...newTables].sort();
    tc.denied_tables = merged.filter((t, i) => i === 0 || t !== merged[i - 1]);
    return;
  }
  tc.denied_tables = [...tc.denied_tables, ...tables];
}

function removeTabletControl(shard: Shard, tabletType: TabletType): void {
  shard.tablet_controls = shard.tablet_controls.filter((tc) => tc.tablet_type !== tabletType);
}

/** Mirrors shard.go addCells: the union, except that an empty list (all cells) absorbs the other. */
function addCells(left: readonly string[], right: readonly string[]): string[] {
  if (left.length === 0 || right.length === 0) return [];
  const out = [...left];
  for (const c of right) if (!inCellList(c, out)) out.push(c);
  return out;
}

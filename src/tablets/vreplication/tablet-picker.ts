// How a stream (or a VDiff) finds a tablet to read from: the cluster implements the picker from topo
// and its running tablets; the engines only say which keyspace/shard, tablet types and cells.
// Mirrors go/vt/discovery/tablet_picker.go (PickForStreaming with `in_order:` type preference) and
// the tablet_types/cell columns of `_vt.vreplication`.

import type { TabletAlias, TabletType } from '../../common/tablet-alias.js';
import { parseTabletType } from '../../common/tablet-alias.js';
import type { Mysqld } from '../mysqld/mysqld.js';

/** A tablet chosen to stream from, with its MySQL (its binlog and tables). */
export interface PickedTablet {
  alias: TabletAlias;
  mysqld: Mysqld;
  /** False once the tablet stops serving (the stream then errors and picks again). */
  isServing?: () => boolean;
}

export interface SourceTabletPicker {
  /**
   * A healthy serving tablet of keyspace/shard whose type is one of `tabletTypes` (in that order of
   * preference when `inOrder`), in one of `cells` (any cell when empty), or undefined if none.
   */
  pick(keyspace: string, shard: string, tabletTypes: TabletType[], cells: string[], inOrder?: boolean, options?: PickerOptions): PickedTablet | undefined;
}

/** discovery.TabletPickerOptions (the part vtsim needs). */
export interface PickerOptions {
  /** Healthy tablets that do not serve qualify too (VDiff's target of a Reshard). */
  includeNonServing?: boolean;
}

/** The default of vttablet's --vreplication-tablet-type. */
export const DEFAULT_STREAM_TABLET_TYPES = 'in_order:REPLICA,PRIMARY';

/** Parses `in_order:REPLICA,PRIMARY` / `replica,primary` (discovery.ParseTabletTypesAndOrder). */
export function parseTabletTypesAndOrder(text: string): { types: TabletType[]; inOrder: boolean } {
  let s = text.trim();
  let inOrder = false;
  if (s.toLowerCase().startsWith('in_order:')) {
    inOrder = true;
    s = s.slice('in_order:'.length);
  }
  const types: TabletType[] = [];
  for (const part of s.split(',')) {
    const t = parseTabletType(part);
    if (t && !types.includes(t)) types.push(t);
  }
  return { types, inOrder };
}

/** The cells of a `cell` column (comma separated; empty means any cell). */
export function parseCells(text: string): string[] {
  return text
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

/** Go's topodata TabletAlias.String(): the prototext `cell:"zone1" uid:100`. */
export function aliasProtoString(a: TabletAlias): string {
  return `cell:"${a.cell}" uid:${a.uid}`;
}

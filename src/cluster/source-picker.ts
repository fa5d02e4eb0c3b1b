// How a VReplication stream finds a tablet to stream from: a serving tablet of the source shard whose
// type is among the stream's tablet types (in preference order when asked), in the given cells.
// Mirrors go/vt/discovery/tablet_picker.go, with a deterministic choice among equals (lowest alias)
// where Vitess picks randomly.

import type { TabletType } from '../common/tablet-alias.js';
import type { PickedTablet, PickerOptions, SourceTabletPicker } from '../tablets/vreplication/tablet-picker.js';
import type { Cluster } from './cluster.js';

export class ClusterSourcePicker implements SourceTabletPicker {
  constructor(private readonly cluster: Cluster) {}

  pick(keyspace: string, shard: string, tabletTypes: TabletType[], cells: string[], inOrder = false, options: PickerOptions = {}): PickedTablet | undefined {
    const candidates = this.cluster
      .shardTablets(keyspace, shard)
      .filter((p) => (options.includeNonServing || p.server?.servingState() === 'SERVING') && p.mysqld?.running)
      .filter((p) => cells.length === 0 || cells.includes(p.alias.cell))
      .filter((p) => tabletTypes.includes(p.server?.type as TabletType));
    const ordered = inOrder
      ? [...candidates].sort((a, b) => tabletTypes.indexOf(a.server!.type) - tabletTypes.indexOf(b.server!.type))
      : candidates;
    const p = ordered[0];
    if (!p?.mysqld || !p.server) return undefined;
    const server = p.server;
    // A tablet whose query service a Reshard switch disabled keeps streaming (Vitess's vstreamer stays
    // open in NOT_SERVING); only new picks require a serving tablet.
    const streamable = (): boolean => server.servingState() === 'SERVING' || server.queryServiceDisabled;
    return { alias: p.alias, mysqld: p.mysqld, isServing: () => streamable() && p.server === server };
  }
}

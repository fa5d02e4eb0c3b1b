// Installs the engines that run inside each tablet (VReplication, VDiff) and wires what they need
// from the rest of the cluster (how to pick and reach a source tablet).

import type { Cluster, TabletProcess } from './cluster.js';

export function installTabletEngines(_cluster: Cluster, _p: TabletProcess): void {
  // VReplication and VDiff engines are registered here once they exist (issue 4).
}

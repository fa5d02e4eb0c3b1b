// Installs the engines that run inside each tablet (VReplication, VDiff) and wires what they need
// from the rest of the cluster: how to pick and reach a source tablet, and how to compute keyspace ids
// for the in_keyrange filters of sharded sources and targets. They run only while the tablet is a
// serving primary (TabletServer opens and closes them).

import type { Cluster, TabletProcess } from './cluster.js';
import { VReplicationEngine } from '../tablets/vreplication/engine.js';
import { VDiffEngine } from '../tablets/vdiff/engine.js';
import { ClusterSourcePicker } from './source-picker.js';
import { topoVindexResolver } from './vindex-resolver.js';

export function installTabletEngines(cluster: Cluster, p: TabletProcess): void {
  const server = p.server;
  const manager = p.manager;
  if (!server || !manager || !p.mysqld) return;
  const resolveVindex = topoVindexResolver(cluster.topo);
  const engine = new VReplicationEngine({
    env: cluster.env,
    mysqld: p.mysqld,
    alias: p.alias,
    picker: new ClusterSourcePicker(cluster),
    resolveVindex,
  });
  server.addPrimaryEngine(engine);
  manager.vreplication = engine;

  const vdiff = new VDiffEngine({
    env: cluster.env,
    mysqld: p.mysqld,
    alias: p.alias,
    keyspace: p.keyspace,
    shard: p.shard,
    picker: new ClusterSourcePicker(cluster),
    vre: engine,
    resolveVindex,
    cells: () => cluster.topo.getCellNames(),
  });
  server.addPrimaryEngine(vdiff);
  manager.vdiffEngine = vdiff;
}

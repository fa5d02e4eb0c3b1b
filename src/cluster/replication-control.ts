// Starting and stopping a tablet's MySQL replication, and its read-only flag, as the tablet manager's
// StartReplication / StopReplication / SetReadWrite / SetReadOnly RPCs do.
// Mirrors go/vt/vttablet/tabletmanager/rpc_replication.go (StartReplication, StopReplication) and
// rpc_actions.go (SetReadOnly); the checks before them are vtctld's (grpcvtctldserver StartReplication).
// A stopped replica stays stopped until StartReplication: vtsim's vtorc does not repair replication
// (docs/FIDELITY.md), and vttablet's replication manager leaves a replica that was stopped on purpose alone.

import type { TabletAlias } from '../common/tablet-alias.js';
import { aliasString } from '../common/tablet-alias.js';
import { VtError, vtError } from '../common/errors.js';
import type { Cluster, TabletProcess } from './cluster.js';
import type { TabletServer } from '../tablets/tablet-server.js';
import type { Mysqld } from '../tablets/mysqld/mysqld.js';

export interface RunningTablet {
  process: TabletProcess;
  server: TabletServer;
  mysqld: Mysqld;
}

/** The running vttablet of an alias, or the error a failed tablet-manager RPC gives. */
export function runningTablet(cluster: Cluster, alias: TabletAlias): RunningTablet {
  const p = cluster.tablet(alias);
  if (!p?.server || !p.mysqld) throw vtError('UNAVAILABLE', `tablet ${aliasString(alias)} is not running`);
  return { process: p, server: p.server, mysqld: p.mysqld };
}

/** STOP REPLICA on the tablet's mysqld; a no-op on a server that does not replicate, as in MySQL. */
export function stopReplication(cluster: Cluster, alias: TabletAlias): void {
  const p = runningTablet(cluster, alias);
  p.server.replication.stop();
  cluster.env.trace.record('replication', 'stop', aliasString(alias));
}

/**
 * START REPLICA: resumes from the shard's primary where the replica left off. A server that was never
 * pointed at a source (the primary itself) fails as MySQL does.
 */
export function startReplication(cluster: Cluster, alias: TabletAlias): void {
  const p = runningTablet(cluster, alias);
  if (p.server.type === 'PRIMARY') {
    throw new VtError(
      'UNKNOWN',
      'The server is not configured as replica; fix in config file or with CHANGE REPLICATION SOURCE TO (errno 1200) (sqlstate HY000) during query: START REPLICA',
      { errno: 1200, sqlState: 'HY000' },
    );
  }
  if (!p.server.replication.running()) cluster.startReplicationFor(p.process);
  cluster.env.trace.record('replication', 'start', aliasString(alias));
}

/** SET GLOBAL read_only (and super_read_only) on the tablet's mysqld. */
export function setWritable(cluster: Cluster, alias: TabletAlias, writable: boolean): void {
  const p = runningTablet(cluster, alias);
  p.mysqld.readOnly = !writable;
  cluster.env.trace.record('mysqld', writable ? 'read-write' : 'read-only', aliasString(alias));
}

// The generic scripts of examples/common/scripts: each starts or stops one kind of process. The
// numbered scripts (101, 201, ...) are built from these, exactly as in the Vitess repository, so any
// keyspace, shard and tablet uid works: `CELL=zone1 KEYSPACE=crm SHARD=0 TABLET_UID=500 vttablet-up.sh`.

import type { CommandResult } from '../types.js';
import type { CommandSession } from '../session.js';
import { aliasString } from '../../common/tablet-alias.js';
import type { TabletAlias, TabletType } from '../../common/tablet-alias.js';
import { errorMessage } from '../../common/errors.js';
import { ScriptOutput } from './script.js';
import type { Script } from './script.js';
import { tabletMysqlPort, VTGATE_WEB_PORT } from '../../cluster/ports.js';

function tabletAliasFromEnv(env: Record<string, string>): TabletAlias | string {
  const uidText = env.TABLET_UID;
  if (uidText === undefined || !/^\d+$/.test(uidText)) return 'TABLET_UID must be set to a number';
  return { cell: env.CELL || 'zone1', uid: Number(uidText) };
}

function simple(name: string, usage: string, fn: (s: CommandSession, env: Record<string, string>, out: ScriptOutput) => void): Script {
  return {
    name,
    usage,
    run(session, _args, env): CommandResult {
      const out = new ScriptOutput();
      try {
        fn(session, env, out);
      } catch (e) {
        return out.fail(errorMessage(e));
      }
      return out.result();
    },
  };
}

export const processScripts: Script[] = [
  simple('etcd-up.sh', 'CELL=zone1 etcd-up.sh', (s, env, out) => {
    const cell = env.CELL || 'zone1';
    s.cluster.processes.etcd = true;
    // The example registers the cell with its etcd's address (etcd-up.sh: AddCellInfo --server-address).
    s.cluster.topo.addCell(cell, 'localhost:2379');
    out.print(`add ${cell} CellInfo`);
    out.print('etcd start done...');
  }),
  simple('etcd-down.sh', 'etcd-down.sh', (s, _env, out) => {
    s.cluster.processes.etcd = false;
    out.print('Stopping etcd...');
  }),
  simple('vtctld-up.sh', 'vtctld-up.sh', (s, _env, out) => {
    if (!s.cluster.processes.etcd) throw new Error('the topology server (etcd) is not running: run etcd-up.sh first');
    out.print('Starting vtctld...');
    s.cluster.processes.vtctld = true;
  }),
  simple('vtctld-down.sh', 'vtctld-down.sh', (s, _env, out) => {
    out.print('Stopping vtctld...');
    s.cluster.processes.vtctld = false;
  }),
  simple('vtorc-up.sh', 'vtorc-up.sh', (s, _env, out) => {
    out.print('Starting vtorc...');
    s.cluster.processes.vtorc = true;
    s.cluster.vtorc.check();
  }),
  simple('vtorc-down.sh', 'vtorc-down.sh', (s, _env, out) => {
    out.print('Stopping vtorc...');
    s.cluster.processes.vtorc = false;
  }),
  simple('vtgate-up.sh', 'CELL=zone1 vtgate-up.sh', (s, _env, out) => {
    if (!s.cluster.processes.etcd) throw new Error('the topology server (etcd) is not running: run etcd-up.sh first');
    out.print('Starting vtgate...');
    out.print('Waiting for vtgate to be up...');
    s.cluster.startVtgate();
    out.print('vtgate is up!');
    out.print(`Access vtgate at http://localhost:${VTGATE_WEB_PORT}/debug/status`);
  }),
  simple('vtgate-down.sh', 'vtgate-down.sh', (s, _env, out) => {
    out.print('Stopping vtgate...');
    s.cluster.stopVtgate();
  }),
  simple('vtadmin-up.sh', 'vtadmin-up.sh', (s, _env, out) => {
    // VTAdmin (a web UI) is not simulated; the TUI plays its part.
    s.cluster.processes.vtadmin = true;
    out.print('vtadmin is not simulated by vtsim; use `vtsim tutorial` for a live view of the cluster.');
  }),
  simple('vtadmin-down.sh', 'vtadmin-down.sh', (s, _env, _out) => {
    s.cluster.processes.vtadmin = false;
  }),
  simple('mysqlctl-up.sh', 'CELL=zone1 TABLET_UID=100 mysqlctl-up.sh', (s, env, out) => {
    const alias = tabletAliasFromEnv(env);
    if (typeof alias === 'string') throw new Error(alias);
    out.print(`Starting MySQL for tablet ${aliasString(alias)}...`);
    s.cluster.startMysqld(alias);
  }),
  simple('mysqlctl-down.sh', 'CELL=zone1 TABLET_UID=100 mysqlctl-down.sh', (s, env, out) => {
    const alias = tabletAliasFromEnv(env);
    if (typeof alias === 'string') throw new Error(alias);
    out.print(`Stopping MySQL for tablet ${aliasString(alias)}...`);
    s.cluster.stopMysqld(alias);
  }),
  simple('vttablet-up.sh', 'CELL=zone1 KEYSPACE=commerce SHARD=0 TABLET_UID=100 vttablet-up.sh', (s, env, out) => {
    const alias = tabletAliasFromEnv(env);
    if (typeof alias === 'string') throw new Error(alias);
    const keyspace = env.KEYSPACE;
    if (!keyspace) throw new Error('KEYSPACE must be set');
    const shard = env.SHARD || '0';
    // The example makes tablets whose uid ends in 2..9 rdonly, the rest replicas.
    const type: TabletType = Number(String(alias.uid).slice(-1)) > 1 ? 'RDONLY' : 'REPLICA';
    out.print(`Starting vttablet for ${aliasString(alias)}...`);
    if (!s.cluster.processes.etcd) throw new Error('the topology server (etcd) is not running: run etcd-up.sh first');
    s.cluster.startVttablet(alias, keyspace, shard, type);
    out.print(`${aliasString(alias)} is up: vttablet on port ${15000 + alias.uid}, MySQL on port ${tabletMysqlPort(alias.uid)}`);
  }),
  simple('vttablet-down.sh', 'CELL=zone1 TABLET_UID=100 vttablet-down.sh', (s, env, out) => {
    const alias = tabletAliasFromEnv(env);
    if (typeof alias === 'string') throw new Error(alias);
    out.print(`Stopping vttablet for ${aliasString(alias)}...`);
    s.cluster.stopVttablet(alias);
  }),
];

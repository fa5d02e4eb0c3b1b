// Cluster: the composition root. It builds the topology server, the tablets (a Mysqld under a
// TabletServer + TabletManager each), vtorc and vtgate, wires the simulated network between them,
// and offers the operations the local example's scripts perform (start mysqld, start vttablet, ...).
// Nothing below src/cluster knows how the parts are wired; tablets reach each other only through the
// dialers and clients built here. (TigerBeetle's testing/cluster.zig plays the same role.)

import type { TabletAlias, TabletType } from '../common/tablet-alias.js';
import { aliasString } from '../common/tablet-alias.js';
import { vtError } from '../common/errors.js';
import type { SimEnv } from '../engine/sim-env.js';
import { createSimEnv, DEFAULT_SEED } from '../engine/sim-env.js';
import { MemoryTopoConn } from '../topo/memory-topo.js';
import { TopoServer } from '../topo/topo-server.js';
import { newKeyspace, newTablet } from '../topo/records.js';
import type { SqlJsStatic } from '../tablets/sqlite/sqljs.js';
import { loadSqlJs } from '../tablets/sqlite/sqljs.js';
import { Mysqld } from '../tablets/mysqld/mysqld.js';
import { TabletServer } from '../tablets/tablet-server.js';
import { TabletManager } from '../tablets/tablet-manager.js';
import type { TabletManagerClient } from '../tablets/tm-client.js';
import { InProcessTmClient } from './tm-client.js';
import { Vtorc } from './vtorc.js';
import { tabletGrpcPort, tabletMysqlPort, tabletWebPort } from './ports.js';
import { installTabletEngines } from './tablet-engines.js';
import { VTGate } from '../router/vtgate.js';
import { ClusterTabletGateway } from './tablet-gateway.js';

/** One tablet slot of the local example: a mysqld process and a vttablet process, either may be down. */
export interface TabletProcess {
  alias: TabletAlias;
  mysqlctlUp: boolean;
  /** Created when the first vttablet starts on this slot (it names the database `vt_<keyspace>`). */
  mysqld: Mysqld | undefined;
  server: TabletServer | undefined;
  manager: TabletManager | undefined;
  keyspace: string;
  shard: string;
}

export interface ClusterOptions {
  seed?: number;
  /** Simulated replica apply delay in ms. */
  replicationDelayMs?: number;
}

/** The local example's long-running processes other than tablets. */
export interface ProcessState {
  etcd: boolean;
  vtctld: boolean;
  vtgate: boolean;
  vtorc: boolean;
  vtadmin: boolean;
}

export class Cluster {
  readonly env: SimEnv;
  /** Replaced on teardown (`rm -r $VTDATAROOT/*` wipes the topology too). */
  topo: TopoServer;
  /** The query router, while vtgate runs. */
  vtgate: VTGate | undefined;
  readonly tmc: TabletManagerClient;
  readonly vtorc: Vtorc;
  readonly processes: ProcessState = { etcd: false, vtctld: false, vtgate: false, vtorc: false, vtadmin: false };
  private readonly tablets = new Map<string, TabletProcess>();
  private readonly sql: SqlJsStatic;
  replicationDelayMs: number;

  private constructor(sql: SqlJsStatic, options: ClusterOptions) {
    this.sql = sql;
    this.env = createSimEnv(options.seed ?? DEFAULT_SEED);
    this.topo = new TopoServer(new MemoryTopoConn(), this.env);
    this.tmc = new InProcessTmClient(
      (alias) => this.managerFor(alias),
      (alias) => {
        const p = this.tablet(alias);
        return p?.manager !== undefined && p.server !== undefined;
      },
    );
    this.vtorc = new Vtorc(this);
    this.replicationDelayMs = options.replicationDelayMs ?? 5;
  }

  static async create(options: ClusterOptions = {}): Promise<Cluster> {
    return new Cluster(await loadSqlJs(), options);
  }

  /** Builds a cluster with an already-loaded sql.js (synchronous; used by the lesson runner). */
  static createSync(sql: SqlJsStatic, options: ClusterOptions = {}): Cluster {
    return new Cluster(sql, options);
  }

  // ---- vtgate ----

  startVtgate(cell = 'zone1'): VTGate {
    this.processes.vtgate = true;
    this.vtgate = new VTGate(this.topo, new ClusterTabletGateway(this), this.env, { cell });
    this.env.trace.record('vtgate', 'start', cell);
    return this.vtgate;
  }

  stopVtgate(): void {
    this.processes.vtgate = false;
    this.vtgate = undefined;
  }

  /** Teardown: every process stopped and all data and topology removed. */
  reset(): void {
    for (const p of this.tabletProcesses()) this.removeTablet(p.alias);
    this.stopVtgate();
    for (const k of Object.keys(this.processes) as Array<keyof ProcessState>) this.processes[k] = false;
    this.topo = new TopoServer(new MemoryTopoConn(), this.env);
    this.env.trace.record('cluster', 'reset', '');
  }

  // ---- tablets ----

  tabletProcesses(): TabletProcess[] {
    return [...this.tablets.values()].sort((a, b) => aliasString(a.alias).localeCompare(aliasString(b.alias)));
  }

  tablet(alias: TabletAlias): TabletProcess | undefined {
    return this.tablets.get(aliasString(alias));
  }

  /** The running vttablet of an alias, if any. */
  server(alias: TabletAlias): TabletServer | undefined {
    return this.tablet(alias)?.server;
  }

  managerFor(alias: TabletAlias): TabletManager {
    const p = this.tablet(alias);
    if (!p?.manager || !p.server) {
      throw vtError('UNAVAILABLE', `tablet ${aliasString(alias)} is not running`);
    }
    return p.manager;
  }

  /** mysqlctl init/start: the MySQL process of a tablet slot comes up. */
  startMysqld(alias: TabletAlias): void {
    const key = aliasString(alias);
    const p = this.tablets.get(key) ?? {
      alias,
      mysqlctlUp: false,
      mysqld: undefined,
      server: undefined,
      manager: undefined,
      keyspace: '',
      shard: '',
    };
    this.tablets.set(key, p);
    p.mysqlctlUp = true;
    if (p.mysqld) p.mysqld.running = true;
    this.env.trace.record('mysqlctl', 'start', key);
  }

  stopMysqld(alias: TabletAlias): void {
    const p = this.tablet(alias);
    if (!p) return;
    p.mysqlctlUp = false;
    if (p.mysqld) p.mysqld.running = false;
    if (p.server) p.manager?.refreshState();
    this.env.trace.record('mysqlctl', 'stop', aliasString(alias));
  }

  /**
   * vttablet starts: registers the tablet in topo (creating its keyspace and shard records when they
   * do not exist, as vttablet's --init_keyspace/--init_shard do), opens its engines, and starts
   * replicating from the shard's primary if there is one.
   */
  startVttablet(alias: TabletAlias, keyspace: string, shard: string, initType: TabletType): TabletProcess {
    const key = aliasString(alias);
    const p = this.tablets.get(key);
    if (!p?.mysqlctlUp) {
      throw vtError('UNAVAILABLE', `mysqld for tablet ${key} is not running: run mysqlctl-up.sh first`);
    }
    if (p.server) throw vtError('ALREADY_EXISTS', `vttablet for ${key} is already running`);
    if (p.mysqld && p.keyspace !== keyspace) {
      throw vtError('FAILED_PRECONDITION', `tablet ${key} already belongs to ${p.keyspace}/${p.shard}`);
    }
    if (!this.topo.getKeyspace(keyspace)) {
      this.topo.createKeyspace(keyspace, newKeyspace({ sidecar_db_name: '_vt' }));
      // vttablet's init rebuilds the serving vschema when its keyspace is new (tm_init.go), so vtgate
      // learns about the keyspace.
      this.topo.ensureVSchema(keyspace);
      this.topo.rebuildSrvVSchema();
    }
    if (!this.topo.getShard(keyspace, shard)) this.topo.createShard(keyspace, shard);
    p.keyspace = keyspace;
    p.shard = shard;
    p.mysqld ??= new Mysqld(this.sql, {
      dbName: `vt_${keyspace}`,
      serverUuid: this.env.rng.serverUuid(),
      clock: this.env.clock,
    });
    p.mysqld.running = true;
    const existing = this.topo.getTablet(alias);
    const type = existing?.type === 'PRIMARY' ? 'PRIMARY' : initType;
    if (existing) {
      this.topo.updateTablet(alias, (t) => {
        t.type = type;
      });
    } else {
      this.topo.createTablet(
        newTablet({
          alias,
          hostname: 'localhost',
          keyspace,
          shard,
          type,
          port_map: { grpc: tabletGrpcPort(alias.uid), vt: tabletWebPort(alias.uid) },
          mysql_hostname: 'localhost',
          mysql_port: tabletMysqlPort(alias.uid),
        }),
      );
    }
    p.server = new TabletServer({ alias, keyspace, shard, type, mysqld: p.mysqld, env: this.env });
    p.manager = new TabletManager(p.server, this.topo, this.env);
    installTabletEngines(this, p);
    p.manager.refreshState();
    this.startReplicationFor(p);
    this.env.trace.record('vttablet', 'start', `${key} ${keyspace}/${shard} ${type}`);
    this.vtorc.check();
    return p;
  }

  stopVttablet(alias: TabletAlias): void {
    const p = this.tablet(alias);
    if (!p?.server) return;
    p.server.shutdown();
    p.server = undefined;
    p.manager = undefined;
    this.env.trace.record('vttablet', 'stop', aliasString(alias));
  }

  /** Points a non-primary tablet's replication at its shard's primary (SetReplicationSource). */
  startReplicationFor(p: TabletProcess): void {
    if (!p.server || !p.mysqld) return;
    if (p.server.type === 'PRIMARY') {
      p.server.replication.stop();
      return;
    }
    const shard = this.topo.getShard(p.keyspace, p.shard);
    const primaryAlias = shard?.primary_alias;
    if (!primaryAlias) return;
    const primary = this.tablet(primaryAlias);
    if (!primary?.mysqld || primary === p) return;
    p.server.replication.delayMs = this.replicationDelayMs;
    p.server.replication.start(primary.mysqld, aliasString(primaryAlias));
  }

  /** Every tablet process of a shard that has a running vttablet. */
  shardTablets(keyspace: string, shard: string): TabletProcess[] {
    return this.tabletProcesses().filter((p) => p.keyspace === keyspace && p.shard === shard && p.server);
  }

  /** Forgets a tablet slot entirely (teardown). */
  removeTablet(alias: TabletAlias): void {
    this.stopVttablet(alias);
    const p = this.tablet(alias);
    p?.mysqld?.close();
    this.tablets.delete(aliasString(alias));
  }
}

// A small cluster for router tests: real topo, real tablets (Mysqld + TabletServer over sql.js), and an
// in-memory TabletGateway that hands vtgate the serving tablet of a target. Replication is not wired:
// tests load each tablet directly, which makes the tablet that answered a query visible.

import type { TabletAlias, TabletType, Target } from '../../../src/common/tablet-alias.js';
import { aliasString, tabletTypeOrder } from '../../../src/common/tablet-alias.js';
import type { QueryResult } from '../../../src/common/sql-types.js';
import type { SimEnv } from '../../../src/engine/sim-env.js';
import { createSimEnv } from '../../../src/engine/sim-env.js';
import { MemoryTopoConn } from '../../../src/topo/memory-topo.js';
import { TopoServer } from '../../../src/topo/topo-server.js';
import { normalizeRoutingRules, normalizeVSchema } from '../../../src/topo/records.js';
import type { SqlJsStatic } from '../../../src/tablets/sqlite/sqljs.js';
import { loadSqlJs } from '../../../src/tablets/sqlite/sqljs.js';
import { Mysqld } from '../../../src/tablets/mysqld/mysqld.js';
import { TabletServer } from '../../../src/tablets/tablet-server.js';
import type { TabletConnection, TabletGateway, TabletHealth } from '../../../src/router/tablet-gateway.js';
import { VTGate } from '../../../src/router/vtgate.js';
import type { VTGateOptions } from '../../../src/router/vtgate.js';
import type { Session } from '../../../src/router/session.js';

export interface TestTablet {
  alias: TabletAlias;
  keyspace: string;
  shard: string;
  type: TabletType;
  mysqld: Mysqld;
  server: TabletServer;
  primaryTermStartMs: number | null;
}

/** Hands out the lowest-alias serving tablet of a target, like the cluster's gateway. */
export class MemoryGateway implements TabletGateway {
  readonly tablets: TestTablet[] = [];

  dial(target: Target): TabletConnection | undefined {
    const t = this.tablets.find(
      (x) =>
        x.keyspace === target.keyspace &&
        x.shard === target.shard &&
        x.server.type === target.tabletType &&
        x.server.servingState() === 'SERVING',
    );
    return t ? { alias: t.alias, service: t.server } : undefined;
  }

  tabletHealth(): TabletHealth[] {
    return this.tablets.map((t) => ({
      cell: t.alias.cell,
      keyspace: t.keyspace,
      shard: t.shard,
      tabletType: t.server.type,
      state: t.server.servingState(),
      alias: t.alias,
      hostname: 'localhost',
      primaryTermStartTimeMs: t.server.type === 'PRIMARY' ? t.primaryTermStartMs : null,
      mysqlPort: 17000 + t.alias.uid,
    }));
  }
}

let sqlJs: SqlJsStatic | undefined;

export class TestCluster {
  readonly env: SimEnv;
  readonly topo: TopoServer;
  readonly gateway = new MemoryGateway();
  readonly vtgate: VTGate;

  private constructor(
    private readonly sql: SqlJsStatic,
    options: VTGateOptions,
  ) {
    this.env = createSimEnv(7);
    this.topo = new TopoServer(new MemoryTopoConn(), this.env);
    this.vtgate = new VTGate(this.topo, this.gateway, this.env, options);
  }

  static async create(options: VTGateOptions = {}): Promise<TestCluster> {
    sqlJs ??= await loadSqlJs();
    return new TestCluster(sqlJs, options);
  }

  /**
   * Creates a keyspace with its shards, one PRIMARY, REPLICA and RDONLY tablet per shard (uids
   * base, base+1, base+2, then +10 per shard), the vschema, and rebuilds the SrvVSchema.
   */
  addKeyspace(name: string, options: { shards?: string[]; vschema?: unknown; baseUid: number; types?: TabletType[] }): void {
    const shards = options.shards ?? ['0'];
    this.topo.createKeyspace(name);
    if (options.vschema !== undefined) this.topo.saveVSchema(name, normalizeVSchema(options.vschema));
    else this.topo.ensureVSchema(name);
    shards.forEach((shard, si) => {
      this.topo.createShard(name, shard);
      (options.types ?? ['PRIMARY', 'REPLICA', 'RDONLY']).forEach((type, ti) => {
        const alias = { cell: 'zone1', uid: options.baseUid + si * 10 + ti };
        const mysqld = new Mysqld(this.sql, { dbName: `vt_${name}`, serverUuid: `uuid-${alias.uid}`, clock: this.env.clock });
        const server = new TabletServer({ alias, keyspace: name, shard, type, mysqld, env: this.env });
        server.setState(type, true, []);
        this.gateway.tablets.push({ alias, keyspace: name, shard, type, mysqld, server, primaryTermStartMs: this.env.clock.nowMs() });
      });
    });
    this.gateway.tablets.sort((a, b) => aliasString(a.alias).localeCompare(aliasString(b.alias)));
    this.topo.rebuildSrvVSchema(['zone1']);
  }

  /** Runs MySQL statements on every tablet of a shard (or only those of one type). */
  load(keyspace: string, shard: string, sql: string, type?: TabletType): void {
    for (const t of this.tablets(keyspace, shard)) {
      if (type !== undefined && t.type !== type) continue;
      for (const stmt of sql.split(';').map((s) => s.trim()).filter((s) => s !== '')) {
        t.mysqld.execute(stmt, {}, { bypassReadOnly: true });
      }
    }
  }

  tablets(keyspace: string, shard: string): TestTablet[] {
    return this.gateway.tablets
      .filter((t) => t.keyspace === keyspace && t.shard === shard)
      .sort((a, b) => tabletTypeOrder(a.type) - tabletTypeOrder(b.type));
  }

  tablet(keyspace: string, shard: string, type: TabletType): TestTablet {
    const t = this.tablets(keyspace, shard).find((x) => x.type === type);
    if (!t) throw new Error(`no ${type} tablet in ${keyspace}/${shard}`);
    return t;
  }

  /** Saves routing rules (`{ "from": ["to"] }`) and rebuilds the SrvVSchema, as ApplyRoutingRules does. */
  setRoutingRules(rules: Record<string, string[]>): void {
    this.topo.saveRoutingRules(normalizeRoutingRules({ rules: Object.entries(rules).map(([f, t]) => ({ from_table: f, to_tables: t })) }));
    this.topo.rebuildSrvVSchema(['zone1']);
  }

  setVSchema(keyspace: string, vschema: unknown): void {
    this.topo.saveVSchema(keyspace, normalizeVSchema(vschema));
    this.topo.rebuildSrvVSchema(['zone1']);
  }

  /** Adds denied tables to a shard's PRIMARY tablet control and applies them to its primary. */
  denyTables(keyspace: string, shard: string, tables: string[]): void {
    this.topo.updateDeniedTables(keyspace, shard, 'PRIMARY', [], false, tables);
    const p = this.tablet(keyspace, shard, 'PRIMARY');
    p.server.setState('PRIMARY', true, [...p.server.deniedTables(), ...tables]);
  }

  session(target = ''): Session {
    return this.vtgate.newSession(target);
  }

  exec(session: Session, sql: string): QueryResult {
    return this.vtgate.execute(session, sql);
  }

  /** Rows of a query as plain arrays (for compact expectations). */
  rows(session: Session, sql: string): unknown[][] {
    return this.exec(session, sql).rows;
  }
}

/** The local example's commerce schema (create_commerce_schema.sql). */
export const COMMERCE_SCHEMA = `
create table if not exists product(sku varchar(128), description varchar(128), price bigint, primary key(sku)) ENGINE=InnoDB;
create table if not exists customer(customer_id bigint not null auto_increment, email varchar(128), primary key(customer_id)) ENGINE=InnoDB;
create table if not exists corder(order_id bigint not null auto_increment, customer_id bigint, sku varchar(128), price bigint, primary key(order_id)) ENGINE=InnoDB`;

/** vschema_commerce_initial.json */
export const COMMERCE_VSCHEMA = { tables: { product: {}, customer: {}, corder: {} } };

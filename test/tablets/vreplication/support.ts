// Test support for the tablet-side VReplication tests: a source and a target tablet (real sql.js
// Mysqlds under TabletServers), a picker that hands the source to streams, and helpers to create
// stream rows the way the workflow server does (VReplicationExec inserts).
import { loadSqlJs } from '../../../src/tablets/sqlite/sqljs.js';
import type { SqlJsStatic } from '../../../src/tablets/sqlite/sqljs.js';
import { Mysqld } from '../../../src/tablets/mysqld/mysqld.js';
import { TabletServer } from '../../../src/tablets/tablet-server.js';
import { createSimEnv } from '../../../src/engine/sim-env.js';
import type { SimEnv } from '../../../src/engine/sim-env.js';
import type { SqlValue } from '../../../src/common/sql-types.js';
import type { TabletAlias } from '../../../src/common/tablet-alias.js';
import { VReplicationEngine } from '../../../src/tablets/vreplication/engine.js';
import type { VReplicationConfig } from '../../../src/tablets/vreplication/config.js';
import type { PickedTablet, SourceTabletPicker } from '../../../src/tablets/vreplication/tablet-picker.js';
import type { BinlogSource } from '../../../src/tablets/vreplication/binlog-source.js';
import { formatBinlogSource } from '../../../src/tablets/vreplication/binlog-source.js';
import type { VindexResolver } from '../../../src/tablets/vstreamer/planbuilder.js';

let sqlJs: SqlJsStatic | undefined;

export async function sql(): Promise<SqlJsStatic> {
  sqlJs ??= await loadSqlJs();
  return sqlJs;
}

export const CUSTOMER_DDL = `create table customer(
  customer_id bigint not null auto_increment,
  email varchar(128),
  primary key(customer_id)
) ENGINE=InnoDB`;

export const CORDER_DDL = `create table corder(
  order_id bigint not null auto_increment,
  customer_id bigint,
  sku varchar(128),
  price bigint,
  primary key(order_id)
) ENGINE=InnoDB`;

export interface Tablet {
  alias: TabletAlias;
  mysqld: Mysqld;
  server: TabletServer;
}

export interface Rig {
  env: SimEnv;
  source: Tablet;
  target: Tablet;
  engine: VReplicationEngine;
  picker: SourceTabletPicker & { available: boolean };
  /** Restarts the target's vttablet: a new TabletServer and engine over the same MySQL. */
  restartTarget(): void;
  /** Inserts a stream row as the workflow server does and tells the engine. Returns its id. */
  createStream(o: StreamOptions): number;
  /** Runs a statement as VReplicationExec does (statement, then engine.exec). */
  vrExec(sqlText: string): void;
  stream(id: number): Record<string, SqlValue>;
  logs(id: number): Array<Record<string, SqlValue>>;
  rows(t: Tablet, table: string): SqlValue[][];
}

export interface StreamOptions {
  workflow?: string;
  source?: Partial<BinlogSource>;
  tables?: string[];
  pos?: string;
  stopPos?: string;
  state?: string;
  tabletTypes?: string;
}

function tablet(sqlStatic: SqlJsStatic, env: SimEnv, keyspace: string, uid: number): Tablet {
  const alias = { cell: 'zone1', uid };
  const mysqld = new Mysqld(sqlStatic, { dbName: `vt_${keyspace}`, serverUuid: env.rng.serverUuid(), clock: env.clock });
  const server = new TabletServer({ alias, keyspace, shard: '0', type: 'PRIMARY', mysqld, env });
  return { alias, mysqld, server };
}

export async function rig(options: { config?: Partial<VReplicationConfig>; seed?: number; resolveVindex?: VindexResolver } = {}): Promise<Rig> {
  const s = await sql();
  const env = createSimEnv(options.seed ?? 1);
  const source = tablet(s, env, 'commerce', 100);
  const target = tablet(s, env, 'customer', 200);
  const picker = {
    available: true,
    pick(keyspace: string): PickedTablet | undefined {
      if (keyspace === 'customer') return { alias: r.target.alias, mysqld: r.target.mysqld };
      if (!picker.available || keyspace !== 'commerce' || !source.mysqld.running) return undefined;
      return { alias: source.alias, mysqld: source.mysqld };
    },
  };
  const makeEngine = (): VReplicationEngine =>
    new VReplicationEngine({ env, mysqld: target.mysqld, alias: target.alias, picker, config: options.config, resolveVindex: options.resolveVindex });
  const r: Rig = {
    env,
    source,
    target,
    engine: makeEngine(),
    picker,
    restartTarget() {
      r.target.server.shutdown();
      r.target = { ...r.target, server: new TabletServer({ alias: target.alias, keyspace: 'customer', shard: '0', type: 'PRIMARY', mysqld: target.mysqld, env }) };
      r.engine = makeEngine();
      r.target.server.addPrimaryEngine(r.engine);
      r.target.server.setState('PRIMARY', true, []);
    },
    createStream(o) {
      const tables = o.tables ?? ['customer'];
      const bls: BinlogSource = {
        keyspace: 'commerce',
        shard: '0',
        filter: { rules: tables.map((t) => ({ match: t, filter: `select * from ${t}` })) },
        ...o.source,
      };
      const sqlText =
        'insert into _vt.vreplication (workflow, source, pos, stop_pos, max_tps, max_replication_lag, cell, tablet_types, time_updated, ' +
        'transaction_timestamp, state, db_name, workflow_type, workflow_sub_type, defer_secondary_keys, options) values (' +
        `'${o.workflow ?? 'commerce2customer'}', '${formatBinlogSource(bls).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}', '${o.pos ?? ''}', ` +
        `${o.stopPos ? `'${o.stopPos}'` : 'NULL'}, 0, 0, '', '${o.tabletTypes ?? 'in_order:REPLICA,PRIMARY'}', ${env.clock.nowSeconds()}, 0, ` +
        `'${o.state ?? 'Running'}', 'vt_customer', 1, 0, 0, '{}')`;
      r.vrExec(sqlText);
      return Number(target.mysqld.query('SELECT max(id) AS id FROM _vt.vreplication')[0]?.id);
    },
    vrExec(sqlText) {
      r.target.mysqld.execute(sqlText, {}, { bypassReadOnly: true });
      r.engine.exec(sqlText);
    },
    stream(id) {
      return target.mysqld.query('SELECT * FROM _vt.vreplication WHERE id = ?', [id])[0] ?? {};
    },
    logs(id) {
      return target.mysqld.query('SELECT * FROM _vt.vreplication_log WHERE vrepl_id = ? ORDER BY id', [id]);
    },
    rows(t, table) {
      return t.mysqld.selectRows(`SELECT * FROM "${table}" ORDER BY 1`).rows;
    },
  };
  source.server.setState('PRIMARY', true, []);
  target.server.addPrimaryEngine(r.engine);
  target.server.setState('PRIMARY', true, []);
  return r;
}

/** Runs the simulation until `cond` holds (fails loudly after maxMs of virtual time). */
export function until(r: Rig, cond: () => boolean, what: string, maxMs = 10 * 60_000): void {
  r.env.scheduler.runUntil(cond, { maxMs, what });
}

export function state(r: Rig, id: number): string {
  return String(r.stream(id).state);
}

/**
 * Inserts rows with SQLite statements inside one MySQL transaction (captured into the binlog like any
 * write): much faster than MySQL-dialect statements for seeding thousands of rows.
 */
export function seed(m: Mysqld, table: string, rows: SqlValue[][]): void {
  if (rows.length === 0) return;
  const marks = (rows[0] as SqlValue[]).map(() => '?').join(', ');
  m.transaction(() => {
    for (const row of rows) m.run(`INSERT INTO "${table}" VALUES (${marks})`, row);
  });
}

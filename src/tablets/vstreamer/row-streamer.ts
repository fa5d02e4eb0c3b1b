// RowStreamer: the copy phase's read side. It reads the next rows of a source table after the last
// copied primary key, in primary-key order, from a consistent snapshot, and reports the GTID position
// the snapshot was taken at, so the target can fast-forward to exactly that point before inserting.
// Mirrors go/vt/vttablet/tabletserver/vstreamer/rowstreamer.go (buildSelect: `select ... where pk >
// lastpk order by pk`, packets of vstream_packet_size bytes, lastpk per packet) and
// snapshot_conn.go (lock tables, read the position, start a consistent snapshot). The simulator is
// single-threaded: reading the rows and the source's executed GTID set in the same step IS a
// consistent snapshot (the caller makes sure no client transaction is open on the source).

import type { SqlValue } from '../../common/sql-types.js';
import { vtError } from '../../common/errors.js';
import type { GtidSet } from '../binlog/gtid.js';
import type { Mysqld } from '../mysqld/mysqld.js';
import type { BinlogRule } from '../vreplication/binlog-source.js';
import type { PkField } from '../vreplication/lastpk.js';
import { pkFieldsOf } from '../vreplication/lastpk.js';
import type { TableStreamPlan, VindexResolver } from './planbuilder.js';
import { buildTablePlan, project } from './planbuilder.js';

export interface RowStreamOptions {
  /** Stop a packet once this many bytes of row data are in it (vstream_packet_size). */
  packetBytes: number;
  /** Upper bound on rows read per packet (bounds one step's work). */
  maxRows: number;
  resolveVindex?: VindexResolver;
}

export interface RowStreamPacket {
  plan: TableStreamPlan;
  /** Source primary-key columns and their fields (what copy_state.lastpk records). */
  pkColumns: string[];
  pkFields: PkField[];
  /** Rows that pass the filter, projected onto plan.columns, in PK order. */
  rows: SqlValue[][];
  /** Primary key of the last row scanned (filtered out or not); null when nothing was left. */
  lastpk: SqlValue[] | null;
  /** The snapshot's position: the source's executed GTID set when the rows were read. */
  gtid: GtidSet;
  /** True when the table has no rows after lastpk beyond this packet. */
  done: boolean;
}

function quoteId(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function rowBytes(row: readonly SqlValue[]): number {
  let n = 0;
  for (const v of row) {
    if (v === null) n += 1;
    else if (typeof v === 'string') n += v.length;
    else if (v instanceof Uint8Array) n += v.length;
    else n += 8;
  }
  return n;
}

/** The primary key of a table as the streamers use it: its PK columns, or every column without one. */
export function streamPkColumns(source: Mysqld, table: string): { columns: readonly string[]; pk: readonly string[] } {
  const layout = source.schema.layout(table);
  if (!layout) {
    throw vtError('NOT_FOUND', `unknown table ${table} in schema`, { errno: 1146, sqlState: '42S02' });
  }
  return { columns: layout.columns, pk: layout.primaryKey.length > 0 ? layout.primaryKey : layout.columns };
}

/** Reads the next packet of a table after `lastpk` (null: from the start). */
export function streamRows(
  source: Mysqld,
  rule: BinlogRule,
  table: string,
  lastpk: readonly SqlValue[] | null,
  options: RowStreamOptions,
): RowStreamPacket {
  const { columns, pk } = streamPkColumns(source, table);
  const plan = buildTablePlan(rule, table, columns, options.resolveVindex, source.dbName);
  const pkIdx = pk.map((c) => columns.indexOf(c));
  const cols = columns.map(quoteId).join(', ');
  const order = pk.map(quoteId).join(', ');
  let where = '';
  if (lastpk && lastpk.length === pk.length) {
    where = pk.length === 1 ? ` WHERE ${quoteId(pk[0] as string)} > ?` : ` WHERE (${order}) > (${pk.map(() => '?').join(', ')})`;
  }
  const sql = `SELECT ${cols} FROM ${quoteId(table)}${where} ORDER BY ${order} LIMIT ?`;
  const params: SqlValue[] = where === '' ? [] : [...(lastpk as SqlValue[])];
  params.push(options.maxRows + 1);
  const res = source.selectRows(sql, params);
  const gtid = source.gtidExecuted.clone();
  const rows: SqlValue[][] = [];
  let bytes = 0;
  let scanned = 0;
  let last: SqlValue[] | null = null;
  for (const r of res.rows) {
    if (scanned >= options.maxRows || bytes >= options.packetBytes) break;
    scanned++;
    last = r;
    if (!plan.keep(r)) continue;
    rows.push(project(plan, r));
    bytes += rowBytes(r);
  }
  const done = scanned >= res.rows.length;
  return {
    plan,
    pkColumns: [...pk],
    pkFields: pkFieldsOf(source.schema.tableDef(table), pk),
    rows,
    lastpk: last ? pkIdx.map((i) => last[i] ?? null) : null,
    gtid,
    done,
  };
}

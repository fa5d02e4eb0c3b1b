// The statements VDiff uses on `_vt.vdiff`, `_vt.vdiff_table` and `_vt.vdiff_log`.
// Mirrors go/vt/vttablet/tabletmanager/vdiff/schema.go (sqlNewVDiff, sqlUpdateVDiffState,
// sqlUpdateTableState, sqlUpdateTableProgress, sqlUpdateTableStateAndReport, sqlUpdateTableMismatch,
// sqlVDiffSummary) and utils.go insertVDiffLog, written as SQLite statements (times in unix seconds;
// the workflow server formats them).

import type { QueryResult, SqlValue } from '../../common/sql-types.js';
import { formatSqlDateTime } from '../../engine/clock.js';
import type { Mysqld } from '../mysqld/mysqld.js';
import type { DiffReport } from './report.js';
import { reportJson } from './report.js';

export type VDiffState = 'pending' | 'started' | 'stopped' | 'completed' | 'error';

export function insertVDiffLog(mysqld: Mysqld, vdiffId: number, message: string, nowSeconds: number): void {
  mysqld.run('INSERT INTO _vt.vdiff_log (vdiff_id, created_at, message) VALUES (?, ?, ?)', [vdiffId, nowSeconds, message]);
}

/** updateState: the vdiff's state and last_error (cut to 1024), started_at/completed_at as they begin/end. */
export function updateVDiffState(mysqld: Mysqld, vdiffId: number, state: VDiffState, error: string, nowSeconds: number): void {
  const extra = state === 'started' ? ', started_at = ?' : state === 'completed' ? ', completed_at = ?' : '';
  const params: SqlValue[] = [state, error.slice(0, 1024)];
  if (extra !== '') params.push(nowSeconds);
  params.push(vdiffId);
  mysqld.run(`UPDATE _vt.vdiff SET state = ?, last_error = ?${extra} WHERE id = ?`, params);
  insertVDiffLog(mysqld, vdiffId, `State changed to: ${state}`, nowSeconds);
}

/** `'name'` as Vitess's encodeString prints a table name in the log. */
function quoted(name: string): string {
  return `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function updateTableState(mysqld: Mysqld, vdiffId: number, table: string, state: VDiffState, nowSeconds: number): void {
  mysqld.run('UPDATE _vt.vdiff_table SET state = ?, updated_at = ? WHERE vdiff_id = ? AND table_name = ?', [state, nowSeconds, vdiffId, table]);
  insertVDiffLog(mysqld, vdiffId, `${state}: table ${quoted(table)}`, nowSeconds);
}

export function updateTableProgress(mysqld: Mysqld, vdiffId: number, table: string, dr: DiffReport, lastpk: string | undefined, nowSeconds: number): void {
  if (lastpk === undefined) {
    mysqld.run('UPDATE _vt.vdiff_table SET rows_compared = ?, report = ?, updated_at = ? WHERE vdiff_id = ? AND table_name = ?', [
      dr.ProcessedRows,
      reportJson(dr),
      nowSeconds,
      vdiffId,
      table,
    ]);
    return;
  }
  mysqld.run('UPDATE _vt.vdiff_table SET rows_compared = ?, lastpk = ?, report = ?, updated_at = ? WHERE vdiff_id = ? AND table_name = ?', [
    dr.ProcessedRows,
    lastpk,
    reportJson(dr),
    nowSeconds,
    vdiffId,
    table,
  ]);
}

export function updateTableStateAndReport(mysqld: Mysqld, vdiffId: number, table: string, state: VDiffState, dr: DiffReport, nowSeconds: number): void {
  mysqld.run('UPDATE _vt.vdiff_table SET state = ?, rows_compared = ?, report = ?, updated_at = ? WHERE vdiff_id = ? AND table_name = ?', [
    state,
    dr.ProcessedRows,
    reportJson(dr),
    nowSeconds,
    vdiffId,
    table,
  ]);
  insertVDiffLog(mysqld, vdiffId, `${state}: table ${quoted(table)}`, nowSeconds);
}

export function updateTableMismatch(mysqld: Mysqld, vdiffId: number, table: string): void {
  mysqld.run('UPDATE _vt.vdiff_table SET mismatch = 1 WHERE vdiff_id = ? AND table_name = ?', [vdiffId, table]);
}

function timestamp(v: SqlValue | undefined): SqlValue {
  if (v === null || v === undefined || v === '' || v === 0) return null;
  const n = Number(v);
  return Number.isFinite(n) ? formatSqlDateTime(n * 1000) : String(v);
}

/** sqlVDiffSummary: one row per table (or one row of NULL table columns), started/completed as DATETIME text. */
export function vdiffSummary(mysqld: Mysqld, vdiffId: number): QueryResult {
  const vd = mysqld.query('SELECT * FROM _vt.vdiff WHERE id = ?', [vdiffId])[0];
  const names = ['vdiff_state', 'last_error', 'table_name', 'uuid', 'table_state', 'table_rows', 'started_at', 'rows_compared', 'completed_at', 'has_mismatch', 'report'];
  const fields = names.map((name) => ({
    name,
    type: ['table_rows', 'rows_compared', 'has_mismatch'].includes(name) ? ('INT64' as const) : ('VARCHAR' as const),
  }));
  if (!vd) return { fields, rows: [], rowsAffected: 0, insertId: 0 };
  const tables = mysqld.query('SELECT * FROM _vt.vdiff_table WHERE vdiff_id = ? ORDER BY table_name', [vdiffId]);
  const base = (t: Record<string, SqlValue> | undefined): SqlValue[] => [
    vd.state ?? null,
    vd.last_error ?? null,
    t?.table_name ?? null,
    vd.vdiff_uuid ?? null,
    t?.state ?? null,
    t?.table_rows ?? null,
    timestamp(vd.started_at),
    t?.rows_compared ?? null,
    timestamp(vd.completed_at),
    Number(t?.mismatch ?? 0) === 1 ? 1 : 0,
    t?.report ?? null,
  ];
  const rows = tables.length === 0 ? [base(undefined)] : tables.map((t) => base(t));
  return { fields, rows, rowsAffected: 0, insertId: 0 };
}

/** A SELECT's rows as a QueryResult (for `show all`). */
export function asQueryResult(rows: Array<Record<string, SqlValue>>, columns: string[]): QueryResult {
  return {
    fields: columns.map((name) => ({ name, type: 'VARCHAR' as const })),
    rows: rows.map((r) => columns.map((c) => r[c] ?? null)),
    rowsAffected: 0,
    insertId: 0,
  };
}

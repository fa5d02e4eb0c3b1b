// The per-table result of a VDiff: counts and sample rows, stored as JSON in `_vt.vdiff_table.report`
// and read back by the workflow server's `VDiff show`.
// Mirrors go/vt/vttablet/tabletmanager/vdiff/report.go (DiffReport, RowDiff, genRowDiff: PK columns
// first and never truncated, other values cut at row_diff_column_truncate_at with "...[TRUNCATED]")
// and workflow_differ.go doReconcileExtraRows (identical extra source/target samples are matched up,
// samples trimmed to max_sample_rows).

import type { SqlValue } from '../../common/sql-types.js';
import { sqlLiteral } from '../vreplication/apply-change.js';

export interface RowDiff {
  Row?: Record<string, string>;
  Query?: string;
}

export interface DiffMismatch {
  Source?: RowDiff;
  Target?: RowDiff;
}

/** DiffReport with Go's JSON field names and order. */
export interface DiffReport {
  TableName: string;
  ProcessedRows: number;
  MatchingRows: number;
  MismatchedRows: number;
  ExtraRowsSource: number;
  ExtraRowsTarget: number;
  ExtraRowsSourceSample?: RowDiff[];
  ExtraRowsTargetSample?: RowDiff[];
  MismatchedRowsSample?: DiffMismatch[];
}

const TRUNCATED = '...[TRUNCATED]';

export function newReport(table: string): DiffReport {
  return { TableName: table, ProcessedRows: 0, MatchingRows: 0, MismatchedRows: 0, ExtraRowsSource: 0, ExtraRowsTarget: 0 };
}

/** Parses a stored report ({} or invalid JSON gives an empty one). */
export function parseReport(text: string | null | undefined, table: string): DiffReport {
  const r = newReport(table);
  if (!text) return r;
  try {
    const o = JSON.parse(text) as Partial<DiffReport>;
    r.ProcessedRows = o.ProcessedRows ?? 0;
    r.MatchingRows = o.MatchingRows ?? 0;
    r.MismatchedRows = o.MismatchedRows ?? 0;
    r.ExtraRowsSource = o.ExtraRowsSource ?? 0;
    r.ExtraRowsTarget = o.ExtraRowsTarget ?? 0;
    if (o.ExtraRowsSourceSample) r.ExtraRowsSourceSample = o.ExtraRowsSourceSample;
    if (o.ExtraRowsTargetSample) r.ExtraRowsTargetSample = o.ExtraRowsTargetSample;
    if (o.MismatchedRowsSample) r.MismatchedRowsSample = o.MismatchedRowsSample;
  } catch {
    // An unreadable report starts over, as json.Valid() failing does in Vitess.
  }
  return r;
}

function sortedRow(row: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(row).sort().map((k) => [k, row[k] as string]));
}

/** json.Marshal of a report: struct fields in order, omitempty samples, map keys sorted. */
export function reportJson(r: DiffReport): string {
  const o: Record<string, unknown> = {
    TableName: r.TableName,
    ProcessedRows: r.ProcessedRows,
    MatchingRows: r.MatchingRows,
    MismatchedRows: r.MismatchedRows,
    ExtraRowsSource: r.ExtraRowsSource,
    ExtraRowsTarget: r.ExtraRowsTarget,
  };
  const diff = (d: RowDiff): RowDiff => {
    const out: RowDiff = {};
    if (d.Row && Object.keys(d.Row).length > 0) out.Row = sortedRow(d.Row);
    if (d.Query) out.Query = d.Query;
    return out;
  };
  if (r.ExtraRowsSourceSample && r.ExtraRowsSourceSample.length > 0) o.ExtraRowsSourceSample = r.ExtraRowsSourceSample.map(diff);
  if (r.ExtraRowsTargetSample && r.ExtraRowsTargetSample.length > 0) o.ExtraRowsTargetSample = r.ExtraRowsTargetSample.map(diff);
  if (r.MismatchedRowsSample && r.MismatchedRowsSample.length > 0) {
    o.MismatchedRowsSample = r.MismatchedRowsSample.map((m) => {
      const out: DiffMismatch = {};
      if (m.Source) out.Source = diff(m.Source);
      if (m.Target) out.Target = diff(m.Target);
      return out;
    });
  }
  return JSON.stringify(o).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** Value.ToString(): NULL is empty, bytes as text. */
export function valueString(v: SqlValue): string {
  if (v === null) return '';
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return String(v);
}

export interface RowDiffOptions {
  onlyPks: boolean;
  debugQuery: boolean;
  truncateAt: number;
}

/** genRowDiff: a sample row keyed by column, PK columns untruncated. */
export function genRowDiff(
  table: string,
  columns: readonly string[],
  pkIndexes: readonly number[],
  row: readonly SqlValue[],
  opts: RowDiffOptions,
): RowDiff {
  const rd: RowDiff = { Row: {} };
  const out = rd.Row as Record<string, string>;
  const add = (i: number, truncateAt: number): void => {
    const s = valueString(row[i] ?? null);
    const len = new TextEncoder().encode(s).length;
    out[columns[i] as string] = truncateAt > 0 && len >= truncateAt + TRUNCATED.length + 20 ? s.slice(0, truncateAt) + TRUNCATED : s;
  };
  for (const i of pkIndexes) add(i, 0);
  if (opts.debugQuery) rd.Query = debugQuery(table, columns, pkIndexes, row, opts.onlyPks);
  if (opts.onlyPks) return rd;
  columns.forEach((_, i) => {
    if (!pkIndexes.includes(i)) add(i, opts.truncateAt);
  });
  return rd;
}

function debugQuery(table: string, columns: readonly string[], pkIndexes: readonly number[], row: readonly SqlValue[], onlyPks: boolean): string {
  const cols = onlyPks ? pkIndexes.map((i) => columns[i]).join(', ') : columns.join(', ');
  const where = pkIndexes.map((i) => `${columns[i] as string}=${sqlLiteral(row[i] ?? null)}`).join(' AND ');
  return `select ${cols} from ${table} where ${where};`;
}

function sameDiff(a: RowDiff | undefined, b: RowDiff | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * doReconcileExtraRows: extra rows found on both sides with identical values (an ordering artifact)
 * are counted as matching; then the samples are trimmed to max_sample_rows.
 */
export function reconcileExtraRows(dr: DiffReport, maxExtraRowsToCompare: number, maxReportSampleRows: number): void {
  if (dr.ExtraRowsSource === 0 || dr.ExtraRowsTarget === 0) return;
  const src = dr.ExtraRowsSourceSample ?? [];
  const tgt = dr.ExtraRowsTargetSample ?? [];
  const matchedSrc = new Array<boolean>(src.length).fill(false);
  const matchedTgt = new Array<boolean>(tgt.length).fill(false);
  let matched = 0;
  const maxRows = Math.min(dr.ExtraRowsSource, maxExtraRowsToCompare, src.length);
  for (let i = 0; i < maxRows; i++) {
    for (let j = 0; j < tgt.length; j++) {
      if (matchedTgt[j]) continue;
      if (sameDiff(src[i], tgt[j])) {
        matchedSrc[i] = true;
        matchedTgt[j] = true;
        matched++;
        break;
      }
    }
  }
  if (matched > 0) {
    dr.ExtraRowsSourceSample = src.filter((_, i) => !matchedSrc[i]).slice(0, Math.max(maxRows, 0));
    dr.ExtraRowsTargetSample = tgt.filter((_, i) => !matchedTgt[i]).slice(0, Math.max(maxRows, 0));
    dr.ExtraRowsSource = dr.ExtraRowsSourceSample.length;
    dr.ExtraRowsTarget = dr.ExtraRowsTargetSample.length;
    dr.MatchingRows += matched;
    dr.MismatchedRows -= matched;
    dr.ProcessedRows += matched;
  }
  if (maxReportSampleRows > 0) {
    if ((dr.ExtraRowsSourceSample?.length ?? 0) > maxReportSampleRows) {
      dr.ExtraRowsSourceSample = dr.ExtraRowsSourceSample?.slice(0, maxReportSampleRows - 1);
    }
    if ((dr.ExtraRowsTargetSample?.length ?? 0) > maxReportSampleRows) {
      dr.ExtraRowsTargetSample = dr.ExtraRowsTargetSample?.slice(0, maxReportSampleRows - 1);
    }
  }
}

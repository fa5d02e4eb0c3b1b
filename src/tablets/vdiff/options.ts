// The options of a VDiff as the create request carries them and `_vt.vdiff.options` stores them (the
// JSON of tabletmanagerdata.VDiffOptions: picker_options, core_options, report_options), with the
// defaults vtctldclient sends.
// Mirrors proto/tabletmanagerdata.proto VDiffOptions/VDiffPickerOptions/VDiffCoreOptions/
// VDiffReportOptions and go/cmd/vtctldclient/command/vreplication/vdiff/vdiff.go (flag defaults).

export interface VDiffOptions {
  picker: { tabletTypes: string; sourceCell: string; targetCell: string };
  core: {
    tables: string[];
    autoRetry: boolean;
    /** --limit; Infinity when unlimited (MaxInt64). */
    maxRows: number;
    timeoutSeconds: number;
    maxExtraRowsToCompare: number;
    updateTableStats: boolean;
    maxDiffSeconds: number;
    autoStart: boolean;
  };
  report: { onlyPks: boolean; debugQuery: boolean; maxSampleRows: number; rowDiffColumnTruncateAt: number };
}

type Json = Record<string, unknown>;

function obj(v: unknown): Json {
  return v !== null && typeof v === 'object' ? (v as Json) : {};
}

function text(v: unknown, d: string): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : d;
}

function int(v: unknown, d: number): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) {
    const n = Number(v);
    return n >= 2 ** 53 ? Infinity : n;
  }
  return d;
}

function bool(v: unknown, d: boolean): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return d;
}

/** Reads request/stored options, filling Vitess's defaults. */
export function parseVDiffOptions(raw: unknown): VDiffOptions {
  const o = obj(raw);
  const p = obj(o.picker_options);
  const c = obj(o.core_options);
  const r = obj(o.report_options);
  const tables = text(c.tables, '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  return {
    picker: {
      tabletTypes: text(p.tablet_types, 'in_order:RDONLY,REPLICA,PRIMARY'),
      sourceCell: text(p.source_cell, ''),
      targetCell: text(p.target_cell, ''),
    },
    core: {
      tables,
      autoRetry: bool(c.auto_retry, true),
      maxRows: int(c.max_rows, Infinity),
      timeoutSeconds: int(c.timeout_seconds, 30) || 30,
      maxExtraRowsToCompare: int(c.max_extra_rows_to_compare, 1000),
      updateTableStats: bool(c.update_table_stats, false),
      maxDiffSeconds: int(c.max_diff_seconds, 0),
      autoStart: bool(c.auto_start, true),
    },
    report: {
      onlyPks: bool(r.only_pks, false),
      debugQuery: bool(r.debug_query, false),
      maxSampleRows: int(r.max_sample_rows, 10),
      rowDiffColumnTruncateAt: int(r.row_diff_column_truncate_at, 128),
    },
  };
}

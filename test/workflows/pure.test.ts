// The workflow server's pure pieces: traffic state strings, migration ids, names, durations, prototext,
// the VDiff summary and its text rendering.
import { describe, expect, it } from 'vitest';
import { newWorkflowState, stateString } from '../../src/workflows/state.js';
import { hashStreams, renamedTableName, reverseWorkflowName } from '../../src/workflows/utils.js';
import { durationString as goDurationString } from '../../src/common/go-duration.js';
import { formatJournal, journalSourceWorkflows } from '../../src/workflows/journal.js';
import { formatBinlogSource, parseBinlogSource } from '../../src/workflows/binlog-source.js';
import { encodeString, escapeId } from '../../src/workflows/sql-escape.js';
import { float32 } from '../../src/workflows/server.js';
import { stripAutoIncrement } from '../../src/workflows/materializer.js';
import type { VDiffShowResponse } from '../../src/workflows/vdiff.js';
import { buildProgressReport, buildSummary } from '../../src/workflows/vdiff.js';
import { renderSummaryText } from '../../src/commands/vtctldclient/vdiff.js';
import { goJson } from '../../src/commands/render/json.js';

function state(over: Partial<ReturnType<typeof newWorkflowState>>): string {
  return stateString({ ...newWorkflowState('wf', 'src', 'dst'), ...over });
}

describe('traffic state strings (state.go State.String)', () => {
  it('prints the canonical values', () => {
    expect(state({ replicaCellsNotSwitched: ['zone1'], rdonlyCellsNotSwitched: ['zone1'] })).toBe(
      'Reads Not Switched. Writes Not Switched',
    );
    expect(state({ replicaCellsSwitched: ['zone1'], rdonlyCellsSwitched: ['zone1'] })).toBe('All Reads Switched. Writes Not Switched');
    expect(state({ replicaCellsNotSwitched: ['zone1'], rdonlyCellsNotSwitched: ['zone1'], writesSwitched: true })).toBe(
      'Reads Not Switched. Writes Switched',
    );
    expect(state({ replicaCellsSwitched: ['zone1'], rdonlyCellsSwitched: ['zone1'], writesSwitched: true })).toBe(
      'All Reads Switched. Writes Switched',
    );
  });

  it('prints partial switches per type and per cell', () => {
    expect(state({ replicaCellsSwitched: ['zone1'], rdonlyCellsNotSwitched: ['zone1'] })).toBe(
      'Reads partially switched. All Replica Reads Switched. Rdonly not switched. Writes Not Switched',
    );
    expect(state({ replicaCellsNotSwitched: ['zone1'], rdonlyCellsSwitched: ['zone1'] })).toBe(
      'Reads partially switched. Replica not switched. All Rdonly Reads Switched. Writes Not Switched',
    );
    expect(
      state({
        replicaCellsSwitched: ['zone1'],
        replicaCellsNotSwitched: ['zone2'],
        rdonlyCellsSwitched: ['zone1', 'zone2'],
        writesSwitched: true,
      }),
    ).toBe('Reads partially switched. Replica switched in cells: zone1. All Rdonly Reads Switched. Writes Switched');
  });

  it('prints the shard-by-shard forms', () => {
    expect(state({ isPartialMigration: true })).toBe('Reads Not Switched. Writes Not Switched');
    expect(state({ isPartialMigration: true, shardsAlreadySwitched: ['-80'], shardsNotYetSwitched: ['80-'] })).toBe(
      'Reads partially switched, for shards: -80. Writes partially switched, for shards: -80',
    );
    expect(state({ isPartialMigration: true, shardsAlreadySwitched: ['-80', '80-'] })).toBe('All Reads Switched. All Writes Switched');
  });
});

describe('names and ids', () => {
  it('computes the migration id as Vitess does (wrangler traffic_switcher_test: 7672494164556733923)', () => {
    const id = hashStreams('ks2', [
      { shard: '80-', id: 2 },
      { shard: '-80', id: 1 },
      { shard: '80-', id: 1 },
      { shard: '-80', id: 2 },
    ]);
    expect(id).toBe(7672494164556733923n);
  });

  it('names reverse workflows and renamed tables', () => {
    expect(reverseWorkflowName('commerce2customer')).toBe('commerce2customer_reverse');
    expect(reverseWorkflowName('commerce2customer_reverse')).toBe('commerce2customer');
    expect(renamedTableName('customer')).toBe('_customer_old');
    expect(renamedTableName('x'.repeat(70))).toBe(`_${'x'.repeat(59)}_old`);
  });

  it('formats Go durations', () => {
    expect(goDurationString(30_000)).toBe('30s');
    expect(goDurationString(60_000)).toBe('1m0s');
    expect(goDurationString(90_500)).toBe('1m30.5s');
    expect(goDurationString(3_600_000)).toBe('1h0m0s');
    expect(goDurationString(500)).toBe('500ms');
    expect(goDurationString(0)).toBe('0s');
  });

  it('escapes SQL literals and identifiers as Vitess does', () => {
    expect(encodeString(`it's a "x"\\n`)).toBe(`'it\\'s a \\"x\\"\\\\n'`);
    expect(escapeId('a`b')).toBe('`a``b`');
  });

  it('prints float32 percentages with the shortest 32-bit digits', () => {
    expect(float32((100 * 1) / 3)).toBe(33.333332);
    expect(float32(50)).toBe(50);
  });

  it('strips auto_increment for sharded targets', () => {
    const ddl = 'CREATE TABLE `customer` (\n  `customer_id` bigint NOT NULL AUTO_INCREMENT,\n  PRIMARY KEY (`customer_id`)\n) ENGINE=InnoDB AUTO_INCREMENT=6 DEFAULT CHARSET=utf8mb4';
    expect(stripAutoIncrement(ddl)).toBe(
      'CREATE TABLE `customer` (\n  `customer_id` bigint NOT NULL,\n  PRIMARY KEY (`customer_id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4',
    );
  });
});

describe('prototext', () => {
  it('round-trips a BinlogSource as Vitess stores it', () => {
    const text = 'keyspace:"commerce" shard:"0" filter:{rules:{match:"customer" filter:"select * from customer"} rules:{match:"corder" filter:"select * from corder"}}';
    const b = parseBinlogSource(text);
    expect(b).toEqual({
      keyspace: 'commerce',
      shard: '0',
      filter: {
        rules: [
          { match: 'customer', filter: 'select * from customer' },
          { match: 'corder', filter: 'select * from corder' },
        ],
      },
    });
    expect(formatBinlogSource(b)).toBe(text);
    const withOptions = { ...b, on_ddl: 'EXEC' as const, stop_after_copy: true };
    expect(formatBinlogSource(withOptions)).toBe(`${text} on_ddl:EXEC stop_after_copy:true`);
    expect(parseBinlogSource(formatBinlogSource(withOptions))).toEqual(withOptions);
  });

  it('prints a journal and reads its source workflows back', () => {
    const j = formatJournal({
      id: 123n,
      migrationType: 'TABLES',
      tables: ['corder', 'customer'],
      localPosition: 'MySQL56/u:1-5',
      shardGtids: [{ keyspace: 'customer', shard: '0', gtid: 'MySQL56/v:1-3' }],
      participants: [{ keyspace: 'commerce', shard: '0' }],
      sourceWorkflows: ['wf2'],
    });
    expect(j).toBe(
      'id:123 tables:"corder" tables:"customer" local_position:"MySQL56/u:1-5" shard_gtids:{keyspace:"customer" shard:"0" gtid:"MySQL56/v:1-3"} participants:{keyspace:"commerce" shard:"0"} source_workflows:"wf2"',
    );
    expect(journalSourceWorkflows(j)).toEqual(['wf2']);
  });
});

function tableRow(table: string, state: string, processed: number, extra: Record<string, unknown> = {}): Record<string, string | number | null> {
  const report = { TableName: table, ProcessedRows: processed, MatchingRows: processed, MismatchedRows: 0, ExtraRowsSource: 0, ExtraRowsTarget: 0, ...extra };
  const mismatch = (report.MismatchedRows as number) + (report.ExtraRowsSource as number) + (report.ExtraRowsTarget as number) > 0;
  return {
    vdiff_state: 'completed',
    last_error: '',
    uuid: 'd050262e-8c5f-11ed-ac72-920702940ee0',
    started_at: '2023-01-04 18:44:26',
    completed_at: '2023-01-04 18:44:26',
    table_name: table,
    table_state: state,
    table_rows: processed,
    rows_compared: processed,
    has_mismatch: mismatch ? 1 : 0,
    report: JSON.stringify(report),
  };
}

describe('VDiff summaries (vdiff.go BuildSummary and the text template)', () => {
  const clean: VDiffShowResponse = {
    tabletResponses: {
      '0': { vdiffUuid: 'd050262e-8c5f-11ed-ac72-920702940ee0', rows: [tableRow('corder', 'completed', 5), tableRow('customer', 'completed', 5)] },
    },
  };

  it('builds the acceptance page JSON for a clean verbose show', () => {
    const s = buildSummary('customer', 'commerce2customer', 'd050262e-8c5f-11ed-ac72-920702940ee0', clean, true, 0);
    expect(JSON.parse(goJson(s))).toEqual({
      Workflow: 'commerce2customer',
      Keyspace: 'customer',
      State: 'completed',
      UUID: 'd050262e-8c5f-11ed-ac72-920702940ee0',
      RowsCompared: 10,
      HasMismatch: false,
      Shards: '0',
      StartedAt: '2023-01-04 18:44:26',
      CompletedAt: '2023-01-04 18:44:26',
      TableSummary: {
        corder: { TableName: 'corder', State: 'completed', RowsCompared: 5, MatchingRows: 5, MismatchedRows: 0, ExtraRowsSource: 0, ExtraRowsTarget: 0 },
        customer: { TableName: 'customer', State: 'completed', RowsCompared: 5, MatchingRows: 5, MismatchedRows: 0, ExtraRowsSource: 0, ExtraRowsTarget: 0 },
      },
      Reports: {
        corder: { '0': { TableName: 'corder', ProcessedRows: 5, MatchingRows: 5, MismatchedRows: 0, ExtraRowsSource: 0, ExtraRowsTarget: 0 } },
        customer: { '0': { TableName: 'customer', ProcessedRows: 5, MatchingRows: 5, MismatchedRows: 0, ExtraRowsSource: 0, ExtraRowsTarget: 0 } },
      },
    });
    // Key order is Go's struct order.
    expect(Object.keys(s)).toEqual([
      'Workflow', 'Keyspace', 'State', 'UUID', 'RowsCompared', 'HasMismatch', 'Shards', 'StartedAt', 'CompletedAt', 'TableSummary', 'Reports',
    ]);
  });

  it('leaves out the tables without a mismatch or --verbose, and renders the text form', () => {
    const s = buildSummary('customer', 'commerce2customer', 'd050262e-8c5f-11ed-ac72-920702940ee0', clean, false, 0);
    expect(s.TableSummary).toBeUndefined();
    expect(renderSummaryText(s)).toBe(
      '\nVDiff Summary for customer.commerce2customer (d050262e-8c5f-11ed-ac72-920702940ee0)\n' +
        'State:        completed\nRowsCompared: 10\nHasMismatch:  false\nStartedAt:    2023-01-04 18:44:26\n' +
        'CompletedAt:  2023-01-04 18:44:26\n \nUse "--format=json" for more detailed output.\n\n',
    );
  });

  it('reports mismatches with per-table lines and samples', () => {
    const sample = { MismatchedRowsSample: [{ Source: { Row: { name: 'a', id: '1' } }, Target: { Row: { name: 'b', id: '1' } } }] };
    const resp: VDiffShowResponse = {
      tabletResponses: {
        '0': {
          vdiffUuid: 'u',
          rows: [tableRow('corder', 'completed', 5, { MatchingRows: 4, MismatchedRows: 1, ...sample }), tableRow('customer', 'completed', 6, { MatchingRows: 5, ExtraRowsTarget: 1 })],
        },
      },
    };
    const s = buildSummary('customer', 'wf', 'u', resp, false, 0);
    expect(s.HasMismatch).toBe(true);
    expect(s.Reports?.corder?.['0']?.MismatchedRowsSample).toEqual([{ Source: { Row: { id: '1', name: 'a' } }, Target: { Row: { id: '1', name: 'b' } } }]);
    expect(Object.keys(s.Reports!.corder!['0']!.MismatchedRowsSample![0]!.Source!.Row!)).toEqual(['id', 'name']);
    expect(renderSummaryText(s)).toBe(
      '\nVDiff Summary for customer.wf (u)\nState:        completed\nRowsCompared: 11\nHasMismatch:  true\nStartedAt:    2023-01-04 18:44:26\n' +
        'CompletedAt:  2023-01-04 18:44:26\n \nTable corder:\n\tState:            completed\n\tProcessedRows:    5\n\tMatchingRows:     4\n' +
        '\tMismatchedRows:   1\n \nTable customer:\n\tState:            completed\n\tProcessedRows:    6\n\tMatchingRows:     5\n' +
        '\tExtraRowsTarget:  1\n \nUse "--format=json" for more detailed output.\n\n',
    );
  });

  it('shows progress while started, errors, and no CompletedAt until completed', () => {
    const row = { ...tableRow('corder', 'started', 50), vdiff_state: 'started', completed_at: null, table_rows: 200, last_error: 'boom: <x>' };
    const resp: VDiffShowResponse = { tabletResponses: { '0': { vdiffUuid: 'u', rows: [row] } } };
    const now = Date.UTC(2023, 0, 4, 18, 45, 16);
    const s = buildSummary('ks', 'wf', 'u', resp, false, now);
    // A shard's last_error is reported, but the state comes from the states alone.
    expect(s.State).toBe('started');
    expect(s.Errors).toEqual({ '0': 'boom: <x>' });
    const started = buildSummary('ks', 'wf', 'u', { tabletResponses: { '0': { vdiffUuid: 'u', rows: [{ ...row, last_error: '' }] } } }, false, now);
    expect(started.State).toBe('started');
    expect(started.CompletedAt).toBeUndefined();
    expect(started.Progress).toEqual({ Percentage: 25, ETA: '2023-01-04 18:47:46' });
    expect(renderSummaryText(s)).toContain('State:        started\n              Error: (shard 0) boom: &lt;x&gt;\nRowsCompared: 50\n');
    expect(renderSummaryText(started)).toContain('StartedAt:    2023-01-04 18:44:26\nProgress:     25.00%, ETA: 2023-01-04 18:47:46\n \n');
  });

  it('computes the progress report as BuildProgressReport does', () => {
    expect(buildProgressReport(0, 0, '2023-01-04 18:44:26', 0)).toEqual({ Percentage: 0 });
    expect(buildProgressReport(1000, 1000, '2023-01-04 18:44:26', Date.UTC(2023, 0, 4, 18, 44, 36)).Percentage).toBe(100);
  });

  it('is stopped on any stopped shard and pending before any table ran', () => {
    const stopped = buildSummary('ks', 'wf', 'u', { tabletResponses: { '0': { vdiffUuid: 'u', rows: [{ ...tableRow('t', 'stopped', 1), vdiff_state: 'stopped' }] } } }, false, 0);
    expect(stopped.State).toBe('stopped');
    const none = buildSummary('ks', 'wf', 'u', { tabletResponses: { '0': { vdiffUuid: 'u', rows: [{ vdiff_state: 'pending', table_name: null, started_at: null, completed_at: null }] } } }, false, 0);
    // No table rows yet: every (zero) table completed but the shard is not, so Vitess reports "started".
    expect(none.State).toBe('started');
  });
});

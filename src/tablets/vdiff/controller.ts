// One running vdiff on this target tablet: reads the workflow's streams (its source shards), diffs
// the tables on the scheduler, and records the outcome (completed, or error with the cause).
// Mirrors go/vt/vttablet/tabletmanager/vdiff/controller.go (run, start, updateState, saveErrorState,
// markStoppedByRequest).

import type { SqlValue } from '../../common/sql-types.js';
import { errorMessage, vtError } from '../../common/errors.js';
import type { EventId } from '../../engine/scheduler.js';
import { parseBinlogSource } from '../vreplication/binlog-source.js';
import type { VDiffOptions } from './options.js';
import { insertVDiffLog, updateTableState, updateVDiffState } from './schema.js';
import type { MigrationSource, VDiffHost } from './table-differ.js';
import { WorkflowDiffer } from './workflow-differ.js';

export class VDiffController {
  readonly id: number;
  readonly uuid: string;
  readonly workflow: string;
  readonly keyspace: string;
  private scheduled: EventId | undefined;
  private stopped = false;
  private running = false;
  private wd: WorkflowDiffer | undefined;

  constructor(
    private readonly host: VDiffHost,
    row: Record<string, SqlValue>,
    private readonly options: VDiffOptions,
  ) {
    this.id = Number(row.id);
    this.uuid = String(row.vdiff_uuid ?? '');
    this.workflow = String(row.workflow ?? '');
    this.keyspace = String(row.keyspace ?? '');
  }

  /** True while the vdiff is being worked on. */
  isRunning(): boolean {
    return this.running;
  }

  private nowSeconds(): number {
    return Math.floor(this.host.env.clock.nowMs() / 1000);
  }

  private schedule(delayMs: number, fn: () => void): void {
    this.scheduled = this.host.env.scheduler.after(delayMs, `vdiff ${this.uuid}`, () => {
      this.scheduled = undefined;
      if (!this.stopped) fn();
    });
  }

  /** Starts the vdiff if its row is pending or started (a restart resumes it). */
  start(): void {
    this.running = true;
    this.schedule(0, () => this.run());
  }

  stop(): void {
    this.stopped = true;
    this.running = false;
    if (this.scheduled !== undefined) this.host.env.scheduler.cancel(this.scheduled);
    this.scheduled = undefined;
    try {
      this.wd?.cleanup();
    } catch {
      // The tablet is going away; the streams are restarted by whoever opens it next.
    }
  }

  private run(): void {
    const mysqld = this.host.mysqld;
    if (mysqld.inTransaction()) {
      this.schedule(10, () => this.run());
      return;
    }
    try {
      const row = mysqld.query('SELECT state FROM _vt.vdiff WHERE id = ?', [this.id])[0];
      const state = String(row?.state ?? '').toLowerCase();
      if (state !== 'pending' && state !== 'started') {
        this.running = false;
        return;
      }
      const streams = mysqld.query('SELECT id, source, workflow_type FROM _vt.vreplication WHERE workflow = ? AND db_name = ? ORDER BY id', [
        this.workflow,
        mysqld.dbName,
      ]);
      if (streams.length === 0) throw vtError('UNKNOWN', `no vreplication streams found for workflow ${this.keyspace}.${this.workflow}`);
      const sources: MigrationSource[] = [];
      let sourceKeyspace = '';
      for (const s of streams) {
        const bls = parseBinlogSource(String(s.source ?? ''));
        if (sourceKeyspace === '') sourceKeyspace = bls.keyspace;
        sources.push({ shard: bls.shard, vrId: Number(s.id), rules: bls.filter.rules });
      }
      const workflowType = Number(streams[0]?.workflow_type ?? 0);
      this.wd = new WorkflowDiffer({ host: this.host, id: this.id, workflow: this.workflow, workflowType, sourceKeyspace, sources, options: this.options });
      this.wd.init();
      mysqld.transaction(() => updateVDiffState(mysqld, this.id, 'started', '', this.nowSeconds()));
      this.schedule(0, () => this.stepDiff());
    } catch (e) {
      this.saveErrorState(e);
    }
  }

  private stepDiff(): void {
    const wd = this.wd;
    if (!wd) return;
    if (this.host.mysqld.inTransaction()) {
      this.schedule(10, () => this.stepDiff());
      return;
    }
    try {
      const r = wd.step();
      if (r === 'done') {
        this.running = false;
        return;
      }
      this.schedule(r, () => this.stepDiff());
    } catch (e) {
      this.saveErrorState(e);
    }
  }

  /** The table (if any) and then the vdiff go to the error state, with log entries. */
  private saveErrorState(e: unknown): void {
    const mysqld = this.host.mysqld;
    const message = errorMessage(e);
    const now = this.nowSeconds();
    this.running = false;
    try {
      this.wd?.cleanup();
    } catch {
      // Restarting the streams failed too; the error below is the one to report.
    }
    try {
      mysqld.transaction(() => {
        const td = this.wd?.current();
        if (td) {
          updateTableState(mysqld, this.id, td.table, 'error', now);
          insertVDiffLog(mysqld, this.id, `Table ${td.table} Error: ${message}`, now);
        }
        updateVDiffState(mysqld, this.id, 'error', message, now);
        insertVDiffLog(mysqld, this.id, `Error: ${message}`, now);
      });
    } catch {
      // The database is not available: the error state is lost, as a failed save is in Vitess.
    }
    this.host.env.trace.record('vdiff', 'error', `${this.uuid}: ${message}`);
  }

  /** markStoppedByRequest: vdiff and tables stopped unless already completed. */
  markStoppedByRequest(): void {
    const mysqld = this.host.mysqld;
    mysqld.transaction(() => {
      const vd = mysqld.query('SELECT state FROM _vt.vdiff WHERE id = ?', [this.id])[0];
      const tables = mysqld.query('SELECT 1 AS x FROM _vt.vdiff_table WHERE vdiff_id = ?', [this.id]).length;
      // A multi-table UPDATE in MySQL: nothing changes when the vdiff has no table rows yet.
      if (!vd || vd.state === 'completed' || tables === 0) return;
      mysqld.run("UPDATE _vt.vdiff SET state = 'stopped', last_error = '' WHERE id = ?", [this.id]);
      mysqld.run("UPDATE _vt.vdiff_table SET state = 'stopped' WHERE vdiff_id = ?", [this.id]);
      insertVDiffLog(mysqld, this.id, 'State changed to: stopped (by user request)', this.nowSeconds());
    });
  }
}

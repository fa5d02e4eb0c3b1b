// VDiffEngine: the VDiff service of a target primary. The workflow server sends it create / show /
// stop / resume / delete requests (tabletmanager VDiff RPC); it records each vdiff in `_vt.vdiff`,
// `_vt.vdiff_table` and `_vt.vdiff_log`, and runs the diffs asynchronously on the scheduler. Opening
// the engine (the tablet becomes primary) resumes the vdiffs that were pending or started.
// Mirrors go/vt/vttablet/tabletmanager/vdiff/engine.go (Open, Close, addController) and action.go
// (PerformVDiffAction and its handlers, with their error texts).

import type { QueryResult, SqlValue } from '../../common/sql-types.js';
import { aliasString } from '../../common/tablet-alias.js';
import { VtError, vtError } from '../../common/errors.js';
import type { PrimaryEngine } from '../tablet-server.js';
import type { VDiffRequest, VDiffResponse } from '../tm-client.js';
import { VDiffController } from './controller.js';
import { parseVDiffOptions } from './options.js';
import { asQueryResult, vdiffSummary } from './schema.js';
import type { VDiffHost } from './table-differ.js';

export type { VDiffHost } from './table-differ.js';

/** How many vdiffs `show all` lists (maxVDiffsToReport). */
const MAX_VDIFFS_TO_REPORT = 100;

const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** uuid.Parse + String(): the canonical lower-case form, or undefined. */
function parseUuid(s: string): string | undefined {
  const t = s.trim().replace(/^urn:uuid:/i, '').replace(/^\{(.*)\}$/, '$1');
  if (!UUID_RE.test(t)) return undefined;
  const h = t.replace(/-/g, '').toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const VDIFF_COLUMNS = [
  'id',
  'vdiff_uuid',
  'workflow',
  'keyspace',
  'shard',
  'db_name',
  'state',
  'options',
  'created_at',
  'started_at',
  'liveness_timestamp',
  'completed_at',
  'last_error',
];

export class VDiffEngine implements PrimaryEngine {
  private readonly controllers = new Map<number, VDiffController>();
  private opened = false;

  constructor(private readonly host: VDiffHost) {}

  private get mysqld() {
    return this.host.mysqld;
  }

  private tabletName(): string {
    return aliasString(this.host.alias);
  }

  private nowSeconds(): number {
    return Math.floor(this.host.env.clock.nowMs() / 1000);
  }

  isOpen(): boolean {
    return this.opened;
  }

  /** Resumes every vdiff of this database that is pending or started. */
  open(): void {
    if (this.opened) return;
    this.opened = true;
    const rows = this.mysqld.query("SELECT * FROM _vt.vdiff WHERE state IN ('started', 'pending') AND db_name = ? ORDER BY id", [this.mysqld.dbName]);
    for (const row of rows) this.addController(row);
  }

  close(): void {
    if (!this.opened) return;
    for (const ct of this.controllers.values()) ct.stop();
    this.controllers.clear();
    this.opened = false;
  }

  /** True while some vdiff is running (the cluster settles on it). */
  isBusy(): boolean {
    for (const ct of this.controllers.values()) if (ct.isRunning()) return true;
    return false;
  }

  private addController(row: Record<string, SqlValue>): void {
    const id = Number(row.id);
    this.controllers.get(id)?.stop();
    let options: unknown;
    try {
      options = JSON.parse(String(row.options ?? '{}'));
    } catch {
      options = {};
    }
    const ct = new VDiffController(this.host, row, parseVDiffOptions(options));
    this.controllers.set(id, ct);
    ct.start();
  }

  /** PerformVDiffAction. */
  handle(req: VDiffRequest): VDiffResponse {
    if (!this.opened) throw vtError('UNAVAILABLE', 'vdiff engine is closed');
    const resp: VDiffResponse = { id: 0, output: null, vdiffUuid: '' };
    switch (req.action) {
      case 'create':
      case 'resume':
        this.createOrResume(req, resp);
        break;
      case 'show':
        this.show(req, resp);
        break;
      case 'stop':
        this.stop(req);
        break;
      case 'delete':
        this.delete(req);
        break;
      default:
        throw vtError('UNKNOWN', `action ${String(req.action)} not supported`);
    }
    return resp;
  }

  private createOrResume(req: VDiffRequest, resp: VDiffResponse): void {
    const uuid = req.vdiffUuid;
    const found = this.mysqld.query('SELECT id FROM _vt.vdiff WHERE vdiff_uuid = ?', [uuid])[0];
    if (req.action === 'create') {
      if (found) throw vtError('UNKNOWN', `vdiff with UUID ${uuid} already exists on tablet ${this.tabletName()}`);
      const options = this.fixupOptions(req.options);
      const core = (options.core_options ?? {}) as Record<string, unknown>;
      const state = core.auto_start === false ? 'stopped' : 'pending';
      const now = this.nowSeconds();
      this.mysqld.transaction(() =>
        this.mysqld.run(
          'INSERT INTO _vt.vdiff (keyspace, workflow, state, options, shard, db_name, vdiff_uuid, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          [req.keyspace, req.workflow, state, JSON.stringify(options), this.host.shard, this.mysqld.dbName, uuid, now],
        ),
      );
      resp.id = Number(this.mysqld.query('SELECT id FROM _vt.vdiff WHERE vdiff_uuid = ?', [uuid])[0]?.id ?? 0);
    } else {
      if (!found) throw vtError('UNKNOWN', `vdiff with UUID ${uuid} not found on tablet ${this.tabletName()}`);
      resp.id = Number(found.id);
      if (!this.resume(resp.id)) {
        throw vtError('UNKNOWN', `no completed or stopped vdiff found for UUID ${uuid} on tablet ${this.tabletName()}`);
      }
    }
    resp.vdiffUuid = uuid;
    const record = this.mysqld.query('SELECT * FROM _vt.vdiff WHERE id = ?', [resp.id])[0];
    if (!record) throw vtError('UNKNOWN', `unable to ${req.action} vdiff for UUID ${uuid} as it was not found on tablet ${this.tabletName()}`);
    this.addController(record);
  }

  /** sqlResumeVDiff (then sqlStartVDiff for a vdiff that never started). True when something changed. */
  private resume(id: number): boolean {
    return this.mysqld.transaction(() => {
      const vd = this.mysqld.query('SELECT state, started_at, completed_at FROM _vt.vdiff WHERE id = ?', [id])[0];
      if (!vd) return false;
      const tables = Number(this.mysqld.query('SELECT count(*) AS n FROM _vt.vdiff_table WHERE vdiff_id = ?', [id])[0]?.n ?? 0);
      if (vd.state === 'completed' || vd.state === 'stopped') {
        const n = this.mysqld.run("UPDATE _vt.vdiff_table SET state = 'pending' WHERE vdiff_id = ? AND state IN ('completed', 'stopped')", [id]);
        if (n > 0) {
          this.mysqld.run("UPDATE _vt.vdiff SET started_at = NULL, completed_at = NULL, state = 'pending' WHERE id = ?", [id]);
          return true;
        }
      }
      if (vd.state === 'stopped' && (vd.started_at ?? null) === null && (vd.completed_at ?? null) === null && tables === 0) {
        this.mysqld.run("UPDATE _vt.vdiff SET state = 'pending' WHERE id = ?", [id]);
        return true;
      }
      return false;
    });
  }

  /** fixupOptions: empty source/target cells mean all cells. */
  private fixupOptions(options: Record<string, unknown>): Record<string, unknown> {
    const o = JSON.parse(JSON.stringify(options ?? {})) as Record<string, Record<string, unknown>>;
    o.picker_options ??= {};
    const cells = (this.host.cells?.() ?? [this.host.alias.cell]).slice().sort().join(',');
    if (!o.picker_options.source_cell) o.picker_options.source_cell = cells;
    if (!o.picker_options.target_cell) o.picker_options.target_cell = cells;
    o.core_options ??= {};
    o.report_options ??= {};
    return o;
  }

  private show(req: VDiffRequest, resp: VDiffResponse): void {
    const arg = req.actionArg || req.vdiffUuid;
    let uuid = '';
    if (arg === 'last') {
      const last = this.mysqld.query('SELECT vdiff_uuid FROM _vt.vdiff WHERE keyspace = ? AND workflow = ? ORDER BY id DESC LIMIT 1', [
        req.keyspace,
        req.workflow,
      ])[0];
      if (last) uuid = String(last.vdiff_uuid ?? '');
    } else {
      uuid = parseUuid(arg) ?? '';
    }
    if (uuid !== '') {
      resp.vdiffUuid = uuid;
      const rows = this.mysqld.query('SELECT id FROM _vt.vdiff WHERE keyspace = ? AND workflow = ? AND vdiff_uuid = ?', [req.keyspace, req.workflow, uuid]);
      if (rows.length === 0) {
        throw vtError('UNKNOWN', `no vdiff found for UUID ${uuid} keyspace ${req.keyspace} and workflow ${req.workflow} on tablet ${this.tabletName()}`);
      }
      resp.output = vdiffSummary(this.mysqld, Number(rows[0]?.id));
    }
    if (arg === 'all') {
      const rows = this.mysqld.query('SELECT * FROM _vt.vdiff WHERE keyspace = ? AND workflow = ? ORDER BY id DESC LIMIT ?', [
        req.keyspace,
        req.workflow,
        MAX_VDIFFS_TO_REPORT,
      ]);
      resp.output = asQueryResult(rows, VDIFF_COLUMNS);
    } else if (arg !== 'last' && parseUuid(arg) === undefined) {
      throw vtError('UNKNOWN', `action argument ${arg} not supported`);
    }
  }

  private stop(req: VDiffRequest): void {
    const uuid = req.vdiffUuid || req.actionArg;
    for (const ct of this.controllers.values()) {
      if (ct.uuid !== uuid) continue;
      ct.stop();
      try {
        ct.markStoppedByRequest();
      } catch (e) {
        throw new VtError('INTERNAL', `encountered an error marking vdiff ${ct.uuid} as stopped: ${e instanceof Error ? e.message : String(e)}`);
      }
      break;
    }
  }

  private delete(req: VDiffRequest): void {
    const arg = req.actionArg || req.vdiffUuid;
    let ids: number[];
    let withLogs = false;
    if (arg === 'all') {
      ids = this.mysqld.query('SELECT id FROM _vt.vdiff WHERE keyspace = ? AND workflow = ?', [req.keyspace, req.workflow]).map((r) => Number(r.id));
      withLogs = true;
    } else {
      const uuid = parseUuid(arg);
      if (uuid === undefined) throw vtError('UNKNOWN', `action argument ${arg} not supported`);
      const row = this.mysqld.query('SELECT id FROM _vt.vdiff WHERE vdiff_uuid = ?', [uuid])[0];
      if (!row) throw vtError('FAILED_PRECONDITION', `no vdiff found for UUID ${uuid} on tablet ${this.tabletName()}`);
      ids = [Number(row.id)];
    }
    for (const id of ids) {
      this.controllers.get(id)?.stop();
      this.controllers.delete(id);
    }
    this.mysqld.transaction(() => {
      for (const id of ids) {
        this.mysqld.run('DELETE FROM _vt.vdiff_table WHERE vdiff_id = ?', [id]);
        if (withLogs) this.mysqld.run('DELETE FROM _vt.vdiff_log WHERE vdiff_id = ?', [id]);
        this.mysqld.run('DELETE FROM _vt.vdiff WHERE id = ?', [id]);
      }
    });
  }

  /** The summary rows of a vdiff (sqlVDiffSummary), for callers that want them without a request. */
  summary(uuid: string): QueryResult | undefined {
    const row = this.mysqld.query('SELECT id FROM _vt.vdiff WHERE vdiff_uuid = ?', [uuid])[0];
    return row ? vdiffSummary(this.mysqld, Number(row.id)) : undefined;
  }
}

// WorkflowDiffer: the tables of one vdiff on this target shard, diffed one after the other in name
// order; the vdiff is completed when every table is.
// Mirrors go/vt/vttablet/tabletmanager/vdiff/workflow_differ.go (buildPlan: the target tables the
// workflow's filter rules match, optionally limited to --tables, each with the source query its rule
// gives: the rule's select, `select * from t`, or for a key-range rule (Reshard's `/.*` → `-80`)
// `select * from t where in_keyrange('-80')`, which the source vstreamer evaluates with the table's
// primary vindex; initVDiffTables; diff; markIfCompleted).

import { vtError } from '../../common/errors.js';
import { aliasString } from '../../common/tablet-alias.js';
import { matchRule, sourceTableOf } from '../vstreamer/planbuilder.js';
import type { DiffContext } from './table-differ.js';
import { TableDiffer } from './table-differ.js';
import { updateVDiffState } from './schema.js';

export class WorkflowDiffer {
  readonly tables: TableDiffer[] = [];
  private index = 0;

  constructor(private readonly ctx: DiffContext) {}

  /** buildPlan + initVDiffTables: one vdiff_table row per table (pending), with its row count. */
  init(): void {
    const mysqld = this.ctx.host.mysqld;
    // The controller's filter is the first stream's (ct.filter): every stream of a target shard has the
    // same rules (a Reshard's all carry the target shard's key range).
    const rules = this.ctx.sources[0]?.rules ?? [];
    const wanted = this.ctx.options.core.tables;
    for (const name of mysqld.schema.tableNames()) {
      if (wanted.length > 0 && !wanted.includes(name)) continue;
      const rule = matchRule(rules, name);
      if (!rule || rule.filter === 'exclude') continue;
      // A regexp rule's filter is empty or a key range: the source table has the target's name.
      const source = rule.match.startsWith('/') ? name : sourceTableOf(rule);
      this.tables.push(new TableDiffer(this.ctx, name, source, { match: name, filter: rule.filter }));
    }
    if (this.tables.length === 0) {
      // fmt's "%s:%s" of the --tables text and its split list (a nil list prints as []).
      const opt = wanted.join(',');
      throw vtError('UNKNOWN', `no tables found to diff, ${opt}:[${wanted.join(' ')}], on tablet ${aliasString(this.ctx.host.alias)}`);
    }
    const now = Math.floor(this.ctx.host.env.clock.nowMs() / 1000);
    mysqld.transaction(() => {
      for (const td of this.tables) {
        const rows = Number(mysqld.query(`SELECT count(*) AS n FROM "${td.table.replace(/"/g, '""')}"`)[0]?.n ?? 0);
        const exists = mysqld.query('SELECT 1 AS x FROM _vt.vdiff_table WHERE vdiff_id = ? AND table_name = ?', [this.ctx.id, td.table]).length > 0;
        if (exists) {
          mysqld.run('UPDATE _vt.vdiff_table SET table_rows = ? WHERE vdiff_id = ? AND table_name = ?', [rows, this.ctx.id, td.table]);
        } else {
          mysqld.run("INSERT INTO _vt.vdiff_table (vdiff_id, table_name, state, table_rows, created_at, updated_at) VALUES (?, ?, 'pending', ?, ?, ?)", [
            this.ctx.id,
            td.table,
            rows,
            now,
            now,
          ]);
        }
      }
    });
  }

  /** The table being diffed, if any. */
  current(): TableDiffer | undefined {
    return this.tables[this.index];
  }

  /** One unit of work; 'done' once every table is diffed and the vdiff is marked completed. */
  step(): number | 'done' {
    const td = this.tables[this.index];
    if (!td) return 'done';
    const r = td.step();
    if (r !== 'done') return r;
    this.index++;
    if (this.index < this.tables.length) return 0;
    this.markIfCompleted();
    return 'done';
  }

  private markIfCompleted(): void {
    const mysqld = this.ctx.host.mysqld;
    const incomplete = mysqld.query("SELECT table_name FROM _vt.vdiff_table WHERE vdiff_id = ? AND state != 'completed'", [this.ctx.id]);
    if (incomplete.length > 0) return;
    const now = Math.floor(this.ctx.host.env.clock.nowMs() / 1000);
    mysqld.transaction(() => updateVDiffState(mysqld, this.ctx.id, 'completed', '', now));
  }

  cleanup(): void {
    this.current()?.cleanup();
  }
}

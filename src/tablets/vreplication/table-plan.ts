// The target side of a stream's filter: for each source table, the target table it feeds, its
// columns, and how to tell whether a row is already copied (primary key at or below the table's
// copy_state.lastpk), so that catch-up during the copy phase only touches copied rows.
// Mirrors go/vt/vttablet/tabletmanager/vreplication/replicator_plan.go and table_plan_builder.go
// (rule.Match names the target table, the filter's FROM the source table; `/regexp` rules map a table
// to itself) and the lastpk checks of TablePlan.applyChange.

import type { SqlValue } from '../../common/sql-types.js';
import { mysqlError } from '../sql/mysql-errors.js';
import type { Mysqld } from '../mysqld/mysqld.js';
import type { BinlogRule, BinlogSource } from './binlog-source.js';
import { sourceTableOf } from '../vstreamer/planbuilder.js';
import type { ValueComparator } from './value-compare.js';
import { columnComparator } from './value-compare.js';
import type { LastPk } from './lastpk.js';

/** The rules as the source vstreamer needs them: matched by source table name. */
export interface ReplicatorPlan {
  sendRules: BinlogRule[];
  /** The target table of a source table, if a rule matches it. */
  targetTable(sourceTable: string): string | undefined;
}

export function buildReplicatorPlan(source: BinlogSource): ReplicatorPlan {
  const sendRules: BinlogRule[] = [];
  const targets = new Map<string, string>();
  for (const r of source.filter.rules) {
    if (r.match.startsWith('/')) {
      sendRules.push(r);
      continue;
    }
    const src = sourceTableOf(r);
    sendRules.push({ match: src, filter: r.filter });
    if (!targets.has(src)) targets.set(src, r.match);
  }
  const regexps = source.filter.rules.filter((r) => r.match.startsWith('/')).map((r) => new RegExp(`^(?:${r.match.slice(1)})$`));
  return {
    sendRules,
    targetTable: (t) => targets.get(t) ?? (regexps.some((re) => re.test(t)) ? t : undefined),
  };
}

/** The target tables of a stream's rules that exist in the source schema (initTablesForCopy). */
export function copyTargets(source: BinlogSource, sourceTables: readonly string[]): Array<{ target: string; source: string; rule: BinlogRule }> {
  const out = new Map<string, { target: string; source: string; rule: BinlogRule }>();
  // `exclude` rules (Reshard's reference tables) keep a table out of the copy whatever matches it later.
  const excluded = new Set(source.filter.rules.filter((r) => r.filter === 'exclude').map((r) => r.match));
  for (const r of source.filter.rules) {
    if (r.filter === 'exclude') continue;
    if (r.match.startsWith('/')) {
      const re = new RegExp(`^(?:${r.match.slice(1)})$`);
      for (const t of sourceTables) if (re.test(t) && !out.has(t) && !excluded.has(t)) out.set(t, { target: t, source: t, rule: r });
      continue;
    }
    if (!out.has(r.match) && !excluded.has(r.match)) out.set(r.match, { target: r.match, source: sourceTableOf(r), rule: { match: sourceTableOf(r), filter: r.filter } });
  }
  return [...out.values()].sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}

/** How rows of one target table are matched against a copy_state lastpk. */
export interface TargetTablePlan {
  table: string;
  /** Output columns of the stream (the target's column names). */
  columns: readonly string[];
  /** Index of each lastpk column in the output row, and its comparator. */
  lastPkIndexes: number[];
  lastPkComparators: ValueComparator[];
}

/** Builds the target plan of a table for rows with `columns`; throws MySQL 1146 if the target table is missing. */
export function buildTargetTablePlan(target: Mysqld, table: string, columns: readonly string[], lastpk: LastPk | undefined): TargetTablePlan {
  const layout = target.schema.layout(table);
  if (!layout) throw mysqlError(1146, '42S02', `Table '${target.dbName}.${table}' doesn't exist`);
  const def = target.schema.tableDef(table);
  const lower = columns.map((c) => c.toLowerCase());
  const names = lastpk ? lastpk.fields.map((f) => f.name) : layout.primaryKey.length > 0 ? [...layout.primaryKey] : [...columns];
  const lastPkIndexes = names.map((n) => lower.indexOf(n.toLowerCase()));
  return {
    table,
    columns,
    lastPkIndexes,
    lastPkComparators: names.map((n) => columnComparator(def, n)),
  };
}

/** True when a row (output columns) is at or below the lastpk, i.e. already copied. */
export function isCopied(plan: TargetTablePlan, row: readonly SqlValue[], lastpk: readonly SqlValue[]): boolean {
  for (let k = 0; k < plan.lastPkIndexes.length; k++) {
    const i = plan.lastPkIndexes[k] as number;
    if (i < 0) return true;
    const c = (plan.lastPkComparators[k] as ValueComparator)(row[i] ?? null, lastpk[k] ?? null);
    if (c !== 0) return c < 0;
  }
  return true;
}

// The explanation API: for a statement and a session, where it would go (keyspace, shards, tablet
// type, the tablet the gateway would pick) and what decided it (a routing rule, a vschema table, an
// unsharded keyspace's fallback, shard targeting), without running it. The TUI shows it; a
// `vexplain`-style command prints it.
// Mirrors the intent of go/vt/vtgate/planbuilder/vexplain.go and engine/plan_description.go (vexplain
// plan prints the primitive tree); the "why" is vtsim's addition for teaching.

import type { BindVars } from '../common/sql-types.js';
import type { TabletType } from '../common/tablet-alias.js';
import type { PrimitiveDescription } from './primitives/primitive.js';
import type { TableUse } from './planbuilder/plan.js';

/** One query the statement would send to one shard. */
export interface RouteExplanation {
  keyspace: string;
  shard: string;
  tabletType: TabletType;
  /** The tablet the gateway would use now (`zone1-0000000100`), if one is serving. */
  tablet: string | undefined;
  query: string;
}

export interface Explanation {
  /** The statement as given. */
  sql: string;
  /** The normalized statement (literals as bind variables). */
  statement: string;
  planType: string;
  bindVars: BindVars;
  /** Each table name and how it was resolved. */
  tables: TableUse[];
  /** Statement-level facts ("shard targeting bypasses routing rules"). */
  notes: string[];
  routes: RouteExplanation[];
  plan: PrimitiveDescription | undefined;
}

/** A plain-text rendering of an explanation, one fact a line. */
export function explanationText(e: Explanation): string {
  const lines = [`${e.planType}: ${e.statement}`];
  for (const t of e.tables) lines.push(`  table ${t.written} -> ${t.keyspace}.${t.table} @${t.tabletType.toLowerCase()}: ${t.reason}`);
  for (const n of e.notes) lines.push(`  note: ${n}`);
  for (const r of e.routes) {
    lines.push(`  -> ${r.keyspace}/${r.shard} ${r.tabletType} (${r.tablet ?? 'no serving tablet'}): ${r.query}`);
  }
  if (e.routes.length === 0 && e.plan !== undefined) lines.push(`  answered by vtgate (${e.plan.operatorType})`);
  return lines.join('\n') + '\n';
}

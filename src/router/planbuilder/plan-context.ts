// PlanContext: what the planner knows while planning one statement: the serving view (VSchema and
// shards), the session's target, and the statement's normalized text and tokens. Table resolution
// lives here because it depends on all of them.
// Mirrors go/vt/vtgate/executorcontext/vcursor_impl.go (the planner's side of VCursorImpl:
// ParseDestinationTarget, FindTableOrVindex, SelectedKeyspace, AnyKeyspace, TargetDestination).

import type { TabletType } from '../../common/tablet-alias.js';
import type { ShardDestination } from '../destination.js';
import { parseDestination } from '../destination.js';
import type { ServingView } from '../vschema-manager.js';
import type { Keyspace, ResolvedTable, Table, VSchema } from '../vschema.js';
import type { Token } from '../sqlparser/lexer.js';
import type { TableRef } from '../sqlparser/ast.js';
import { isSystemSchema } from '../sqlparser/ast.js';
import { VT05003, VT09005, vtgateError } from '../vt-errors.js';
import type { TableUse } from './plan.js';

export interface PlanContext {
  view: ServingView;
  vschema: VSchema;
  /** The session's target string as `use` set it. */
  targetString: string;
  /** The session's keyspace ('' for none; the only keyspace when there is exactly one). */
  keyspace: string;
  tabletType: TabletType;
  /** The shard, key range or keyspace id the session targets (shard targeting), if any. */
  destination: ShardDestination | undefined;
  /** The statement as planned (normalized), and its tokens. */
  sql: string;
  tokens: readonly Token[];
}

/** The session target's keyspace, tablet type and destination (ParseDestinationTarget). */
export function parseDestinationTarget(
  target: string,
  defaultType: TabletType,
  vschema: VSchema,
): { keyspace: string; tabletType: TabletType; destination: ShardDestination | undefined } {
  const d = parseDestination(target, defaultType);
  let keyspace = d.keyspace;
  if (keyspace === '' && vschema.keyspaces.size === 1) keyspace = vschema.keyspaceNames()[0] as string;
  return { keyspace, tabletType: d.tabletType, destination: d.destination };
}

export function createPlanContext(view: ServingView, targetString: string, sql: string, tokens: readonly Token[]): PlanContext {
  const t = parseDestinationTarget(targetString, 'PRIMARY', view.vschema);
  return {
    view,
    vschema: view.vschema,
    targetString,
    keyspace: t.keyspace,
    tabletType: t.tabletType,
    destination: t.destination,
    sql,
    tokens,
  };
}

/** A table reference resolved to the table vtgate will query and how to reach it. */
export interface ResolvedRef {
  ref: TableRef;
  table: Table;
  keyspace: Keyspace;
  tabletType: TabletType;
  destination: ShardDestination | undefined;
  use: TableUse;
}

/** The name the statement uses for a table: its alias, else its table name. */
export function refName(ref: TableRef): string {
  return ref.alias ?? ref.table;
}

/**
 * Resolves a table reference as vtgate does (FindTableOrVindex): the qualifier (or the session) gives
 * the keyspace; routing rules for the session's tablet type come first, then the vschema; an
 * unsharded keyspace accepts any name. A name nothing resolves is `table t not found`.
 */
export function resolveTable(ctx: PlanContext, ref: TableRef): ResolvedRef {
  const q = parseDestinationTarget(ref.db ?? '', ctx.tabletType, ctx.vschema);
  const keyspace = q.keyspace !== '' ? q.keyspace : ctx.keyspace;
  const found = ctx.vschema.findRoutedTable(keyspace, ref.table, ctx.tabletType);
  if (found === undefined) throw vtgateError('UNKNOWN', `table ${ref.table} not found`);
  const written = ref.db !== null ? `${ref.db}.${ref.table}` : ref.table;
  return {
    ref,
    table: found.table,
    keyspace: found.table.keyspace,
    tabletType: q.tabletType,
    destination: q.destination,
    use: {
      written,
      keyspace: found.table.keyspace.name,
      table: found.table.name,
      tabletType: q.tabletType,
      reason: reasonText(found),
    },
  };
}

function reasonText(found: ResolvedTable): string {
  const { table, resolution } = found;
  const where = `${table.keyspace.name}.${table.name}`;
  switch (resolution.via) {
    case 'rule':
      return `routing rule "${resolution.rule}" → ${where}`;
    case 'vschema':
      return `vschema table ${table.name} in keyspace ${table.keyspace.name}`;
    case 'constructed':
      return `${table.name} is not in the vschema of unsharded keyspace ${table.keyspace.name}: sent there as is`;
    case 'global':
      return `${table.name} is unique across the vschema: keyspace ${table.keyspace.name}`;
  }
}

/** The keyspace `use` selected (SelectedKeyspace): VT09005 without one, VT05003 when unknown. */
export function selectedKeyspace(ctx: PlanContext): Keyspace {
  if (ctx.keyspace === '' || isSystemSchema(ctx.keyspace)) throw VT09005();
  const ks = ctx.vschema.keyspaces.get(ctx.keyspace);
  if (ks === undefined) throw VT05003(ctx.keyspace);
  return ks.keyspace;
}

/** The selected keyspace, else the first one (AnyKeyspace), for statements that can go anywhere. */
export function anyKeyspace(ctx: PlanContext): Keyspace {
  if (ctx.keyspace !== '' && !isSystemSchema(ctx.keyspace)) return selectedKeyspace(ctx);
  const first = ctx.vschema.firstKeyspace();
  if (first === undefined) throw vtgateError('FAILED_PRECONDITION', 'no database available', 'NoDB');
  return first;
}

/**
 * The keyspace and destination a statement naming database `db` goes to (TargetDestination): the
 * session's destination wins; otherwise `db`, else the session keyspace.
 */
export function targetDestination(ctx: PlanContext, db: string): { keyspace: Keyspace; destination: ShardDestination | undefined } {
  let name = ctx.keyspace;
  if (ctx.destination === undefined && db !== '') name = db;
  if (name === '') throw VT09005();
  const ks = ctx.vschema.keyspaces.get(name);
  if (ks === undefined) throw VT05003(name);
  return { keyspace: ks.keyspace, destination: ctx.destination };
}

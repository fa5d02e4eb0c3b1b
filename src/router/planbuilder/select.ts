// Planning a SELECT: resolve every table it names, then push the whole statement down to one keyspace
// when all its tables live there (one Route), or fetch each table and evaluate in vtgate otherwise.
// Mirrors go/vt/vtgate/planbuilder/select.go and operators/route_planning.go: tables of one unsharded
// keyspace merge into one Unsharded route; a sharded table with its primary vindex pinned by `=` or
// IN is EqualUnique / IN; anything else in a sharded keyspace is a Scatter.

import type { Statement } from '../sqlparser/parser.js';
import type { Node, TableRef } from '../sqlparser/ast.js';
import { collectQualifiedColumns, collectTableRefs, columnName, columnValues, conjuncts, isSystemSchema, needsPostProcessing, nodeText } from '../sqlparser/ast.js';
import { stripQualifiers } from '../sqlparser/rewrite.js';
import { tokenize } from '../sqlparser/lexer.js';
import type { Primitive } from '../primitives/primitive.js';
import { Route } from '../primitives/route.js';
import type { RouteOpcode, ValueExpr } from '../primitives/route.js';
import { InMemoryEval } from '../primitives/in-memory-eval.js';
import type { EvalSource } from '../primitives/in-memory-eval.js';
import { Send } from '../primitives/send.js';
import type { PlanContext, ResolvedRef } from './plan-context.js';
import { anyKeyspace, refName, resolveTable } from './plan-context.js';
import type { TableUse } from './plan.js';
import { buildDualPlan } from './dual.js';
import { describeDestination } from '../primitives/route.js';

export interface SelectPlan {
  primitive: Primitive;
  tables: TableUse[];
  notes: string[];
}

export function buildSelectPlan(stmt: Statement, ctx: PlanContext): SelectPlan {
  const refs = collectTableRefs(stmt);
  if (refs.some((r) => r.db !== null && isSystemSchema(r.db))) {
    const ks = anyKeyspace(ctx);
    return {
      primitive: new Send({ keyspace: ks, destination: { kind: 'any' }, tabletType: ctx.tabletType, query: ctx.sql, isDml: false }),
      tables: [],
      notes: ['system schema tables are read from any tablet'],
    };
  }
  if (refs.length === 0) return { primitive: buildDualPlan(stmt, ctx), tables: [], notes: [] };

  const resolved = refs.map((r) => resolveTable(ctx, r));
  const tables = resolved.map((r) => r.use);
  const first = resolved[0] as ResolvedRef;
  const sameRoute = resolved.every((r) => sameGroup(r, first));

  if (sameRoute) {
    const query = stripQualifiers(ctx.sql, ctx.tokens, refs);
    const ks = first.keyspace;
    if (first.destination !== undefined) {
      return { primitive: new Route({ opcode: 'ByDestination', keyspace: ks, tabletType: first.tabletType, query, isDml: false, destination: first.destination }), tables, notes: [] };
    }
    if (!ks.sharded) {
      return { primitive: new Route({ opcode: 'Unsharded', keyspace: ks, tabletType: first.tabletType, query, isDml: false }), tables, notes: [] };
    }
    if (resolved.every((r) => r.table.type === 'reference')) {
      return { primitive: new Route({ opcode: 'Reference', keyspace: ks, tabletType: first.tabletType, query, isDml: false }), tables, notes: [] };
    }
    if (resolved.length === 1) {
      const vindexRoute = routeByVindex(first, stmt['where'], [refName(first.ref)]);
      const post = needsPostProcessing(stmt);
      if (vindexRoute !== undefined && (vindexRoute.opcode === 'EqualUnique' || !post)) {
        return { primitive: new Route({ ...vindexRoute, keyspace: ks, tabletType: first.tabletType, query, isDml: false }), tables, notes: [] };
      }
      if (!post) {
        return { primitive: new Route({ opcode: 'Scatter', keyspace: ks, tabletType: first.tabletType, query, isDml: false }), tables, notes: [] };
      }
      return {
        primitive: buildInMemory(stmt, ctx, resolved, 'a scatter query that sorts, groups or limits is finished in vtgate'),
        tables,
        notes: [],
      };
    }
    return { primitive: buildInMemory(stmt, ctx, resolved, 'a join across shards is evaluated in vtgate'), tables, notes: [] };
  }
  return { primitive: buildInMemory(stmt, ctx, resolved, 'a join across keyspaces is evaluated in vtgate'), tables, notes: [] };
}

/** Same keyspace, tablet type and destination: one route can serve both tables. */
function sameGroup(a: ResolvedRef, b: ResolvedRef): boolean {
  const da = a.destination ? describeDestination(a.destination) : '';
  const db = b.destination ? describeDestination(b.destination) : '';
  return a.keyspace.name === b.keyspace.name && a.tabletType === b.tabletType && da === db;
}

/** EqualUnique / IN routing when the WHERE clause pins the table's primary vindex column. */
function routeByVindex(
  r: ResolvedRef,
  where: unknown,
  names: readonly string[],
): { opcode: RouteOpcode; vindex: NonNullable<ResolvedRef['table']['columnVindexes'][number]['vindex']>; values: ValueExpr[] } | undefined {
  const cv = r.table.columnVindexes[0];
  if (cv === undefined || cv.vindex === undefined || cv.columns.length !== 1) return undefined;
  const values = columnValues(where, cv.columns[0] as string, names);
  if (values === undefined) return undefined;
  return { opcode: values.length === 1 ? 'EqualUnique' : 'IN', vindex: cv.vindex, values };
}

/**
 * Plans the statement to run in vtgate: each table reference becomes a source fetched with its own
 * route (with the WHERE conditions that name only that table pushed down), and the statement is
 * rewritten to read the sources by placeholder names.
 */
function buildInMemory(stmt: Statement, ctx: PlanContext, resolved: readonly ResolvedRef[], reason: string): InMemoryEval {
  const hasOuterJoin = resolved.some((r) => /LEFT|RIGHT|FULL/i.test(String(r.ref.node['join'] ?? '')));
  const pushable = hasOuterJoin ? [] : conjuncts(stmt['where']).filter((c) => !containsSubquery(c));
  const sources: EvalSource[] = resolved.map((r, i) => {
    const name = refName(r.ref);
    const mine = pushable.filter((c) => qualifiersOf(c).every((q) => q === name) && qualifiersOf(c).length > 0);
    const texts = mine.map((c) => nodeText(ctx.sql, c)?.trim()).filter((t): t is string => t !== undefined);
    const where = texts.length === mine.length && texts.length > 0 ? ` where ${texts.join(' and ')}` : '';
    let fetch = `select * from \`${r.table.name}\`${name !== r.table.name || where !== '' ? ` as \`${name}\`` : ''}${where}`;
    if (where !== '') fetch = stripQualifiers(fetch, tokenize(fetch), []);
    const pinned = where !== '' ? routeByVindex(r, andOf(mine), [name]) : undefined;
    let opcode: RouteOpcode = r.keyspace.sharded ? 'Scatter' : 'Unsharded';
    if (r.destination) opcode = 'ByDestination';
    else if (r.table.type === 'reference') opcode = 'Reference';
    const route = new Route({
      opcode: pinned && opcode === 'Scatter' ? pinned.opcode : opcode,
      keyspace: r.keyspace,
      tabletType: r.tabletType,
      query: fetch,
      isDml: false,
      destination: r.destination,
      vindex: pinned && opcode === 'Scatter' ? pinned.vindex : undefined,
      values: pinned && opcode === 'Scatter' ? pinned.values : undefined,
    });
    return { placeholder: `__t${i}`, refName: name, route };
  });
  resolved.forEach((r, i) => renameRef(r.ref, `__t${i}`));
  for (const c of collectQualifiedColumns(stmt)) c['db'] = null;
  return new InMemoryEval(stmt, ctx.sql, sources, reason);
}

/** The conditions joined by AND, as one expression. */
function andOf(nodes: readonly Node[]): Node {
  return nodes.reduce((acc, c) => ({ type: 'binary_expr', operator: 'AND', left: acc, right: c }));
}

function renameRef(ref: TableRef, placeholder: string): void {
  ref.node['as'] = refName(ref);
  ref.node['db'] = null;
  ref.node['table'] = placeholder;
}

function containsSubquery(n: unknown): boolean {
  let found = false;
  const visit = (v: unknown): void => {
    if (found || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(visit);
    const o = v as Node;
    if (o['ast'] !== undefined || o['type'] === 'select') {
      found = true;
      return;
    }
    for (const k of Object.keys(o)) if (k !== 'loc') visit(o[k]);
  };
  visit(n);
  return found;
}

/** The table qualifiers of the column references inside an expression (undefined for unqualified). */
function qualifiersOf(n: unknown): Array<string | undefined> {
  const out: Array<string | undefined> = [];
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(visit);
    const o = v as Node;
    if (o['type'] === 'column_ref' && columnName(o) !== undefined) {
      out.push(typeof o['table'] === 'string' ? (o['table'] as string) : undefined);
      return;
    }
    for (const k of Object.keys(o)) if (k !== 'loc') visit(o[k]);
  };
  visit(n);
  return out;
}

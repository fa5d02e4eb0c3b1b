// The planner's entry point: from a classified statement and the planning context to a Plan.
// Mirrors go/vt/vtgate/planbuilder/builder.go (createInstructionFor: one builder per statement type,
// and buildRoutePlan's shard-targeting bypass) and bypass.go (buildPlanForBypass: the statement goes
// to the targeted shard as written, with only the session keyspace's qualifier removed).

import type { PreParsed } from '../sqlparser/vitess-statements.js';
import type { BindVarNeeds } from '../sqlparser/normalizer.js';
import type { Token } from '../sqlparser/lexer.js';
import type { Statement } from '../sqlparser/parser.js';
import { parseStatement } from '../sqlparser/parser.js';
import { collectTableRefs } from '../sqlparser/ast.js';
import { stripQualifiers } from '../sqlparser/rewrite.js';
import { Send } from '../primitives/send.js';
import { Rows } from '../primitives/rows.js';
import { UpdateTarget } from '../primitives/update-target.js';
import { SetOps } from '../primitives/set.js';
import type { Plan, PlanType } from './plan.js';
import { NO_NEEDS } from './plan.js';
import type { PlanContext } from './plan-context.js';
import { parseDestinationTarget, selectedKeyspace } from './plan-context.js';
import type { SelectPlan } from './select.js';
import { buildSelectPlan } from './select.js';
import { buildInsertPlan } from './insert.js';
import { buildDmlPlan } from './dml.js';
import { buildDdlPlan } from './ddl.js';
import { buildShowPlan } from './show.js';
import { VT03023, VT12001, vtgateError } from '../vt-errors.js';

const BYPASS_NOTE = 'shard targeting bypasses routing rules';

/** The statement as the user wrote it, for syntax errors that must point into their text. */
export interface OriginalText {
  sql: string;
  tokens: readonly Token[];
}

export function buildPlan(pre: PreParsed, ctx: PlanContext, needs: BindVarNeeds, original: OriginalText): Plan {
  switch (pre.kind) {
    case 'use':
      return plan('USE', ctx, new UpdateTarget(pre.target), NO_NEEDS);
    case 'set':
      return plan('SET', ctx, new SetOps(pre.assignments), NO_NEEDS);
    case 'show': {
      const p = buildShowPlan(pre.show, ctx);
      return { ...plan('SHOW', ctx, p.primitive, NO_NEEDS), tables: p.tables, notes: p.notes };
    }
    case 'sql':
      return buildSqlPlan(parse(ctx, original), ctx, needs);
    case 'next_values':
      return plan('SELECT', ctx, buildNextValues(pre, ctx), NO_NEEDS);
    default:
      throw VT12001(`${pre.kind} is not planned`);
  }
}

/** Past this size a failed statement is not parsed a second time just to point into the user's text. */
const REPARSE_LIMIT = 64 * 1024;

/** Parses the normalized text; a syntax error is reported against the user's own text. */
function parse(ctx: PlanContext, original: OriginalText): Statement {
  try {
    return parseStatement(ctx.sql, ctx.tokens);
  } catch (e) {
    if (original.sql !== ctx.sql && original.sql.length <= REPARSE_LIMIT) parseStatement(original.sql, original.tokens);
    throw e;
  }
}

function plan(type: PlanType, ctx: PlanContext, primitive: Plan['primitive'], needs: BindVarNeeds): Plan {
  return { type, statement: ctx.sql, primitive, needs, tables: [], notes: [], implicitCommit: false };
}

function buildSqlPlan(stmt: Statement, ctx: PlanContext, needs: BindVarNeeds): Plan {
  const type = stmt.type;
  switch (type) {
    case 'select':
    case 'insert':
    case 'replace':
    case 'update':
    case 'delete': {
      const planType: PlanType = type === 'select' ? 'SELECT' : type === 'update' ? 'UPDATE' : type === 'delete' ? 'DELETE' : 'INSERT';
      const p = ctx.destination !== undefined ? buildBypass(stmt, ctx) : buildRoutePlan(stmt, ctx);
      return { type: planType, statement: ctx.sql, primitive: p.primitive, needs, tables: p.tables, notes: p.notes, implicitCommit: false };
    }
    case 'create':
    case 'drop':
    case 'alter':
    case 'truncate':
    case 'rename': {
      const p = buildDdlPlan(stmt, ctx);
      return { type: 'DDL', statement: ctx.sql, primitive: p.primitive, needs: NO_NEEDS, tables: p.tables, notes: p.notes, implicitCommit: true };
    }
    case 'desc': {
      const table = String(stmt['table'] ?? '');
      const p = buildShowPlan({ type: 'table_info', what: 'columns', full: false, table, rest: '' }, ctx);
      return { ...plan('SHOW', ctx, p.primitive, NO_NEEDS), notes: p.notes };
    }
    case 'lock':
    case 'unlock':
      return plan('OTHER', ctx, new Rows('nothing (table locks are not simulated)', () => ({ fields: [], rows: [], rowsAffected: 0, insertId: 0 })), NO_NEEDS);
    case 'explain':
      throw VT12001('EXPLAIN in vtsim (the explanation API shows where a statement goes)');
    default:
      throw VT12001(`${type.toUpperCase()} statement`);
  }
}

function buildRoutePlan(stmt: Statement, ctx: PlanContext): SelectPlan {
  switch (stmt.type) {
    case 'select':
      return buildSelectPlan(stmt, ctx);
    case 'insert':
    case 'replace':
      return buildInsertPlan(stmt, ctx);
    default:
      return buildDmlPlan(stmt, ctx, stmt.type === 'update' ? 'update' : 'delete');
  }
}

/** SELECT NEXT n VALUES FROM seq: the first of n values reserved from the sequence's primary. */
function buildNextValues(pre: Extract<PreParsed, { kind: 'next_values' }>, ctx: PlanContext): Rows {
  const q = parseDestinationTarget(pre.qualifier ?? '', ctx.tabletType, ctx.vschema);
  const found = ctx.vschema.findRoutedTable(q.keyspace !== '' ? q.keyspace : ctx.keyspace, pre.table, 'PRIMARY');
  if (found === undefined) throw vtgateError('UNKNOWN', `table ${pre.table} not found`);
  if (found.table.type !== 'sequence') throw vtgateError('INVALID_ARGUMENT', 'VT03018: NEXT used on a non-sequence table');
  const table = found.table;
  return new Rows(`${pre.count} values of sequence ${table.keyspace.name}.${table.name}`, (vc) => {
    const first = vc.sequenceValues(table, pre.count, true)[0] ?? 0;
    return { fields: [{ name: 'nextval', type: 'INT64' }], rows: [[first]], rowsAffected: 0, insertId: 0 };
  });
}

/** Shard targeting: the statement goes to the targeted shard as written, routing rules unused. */
function buildBypass(stmt: Statement, ctx: PlanContext): SelectPlan {
  const ks = selectedKeyspace(ctx);
  const dest = ctx.destination as NonNullable<PlanContext['destination']>;
  const isDml = stmt.type !== 'select';
  if (dest.kind === 'keyrange' && (stmt.type === 'insert' || stmt.type === 'replace')) throw VT03023(ctx.targetString);
  const refs = collectTableRefs(stmt);
  const query = stripQualifiers(ctx.sql, ctx.tokens, refs, (db) => db === ks.name);
  return {
    primitive: new Send({ keyspace: ks, destination: dest, tabletType: ctx.tabletType, query, isDml }),
    tables: refs.map((r) => ({
      written: r.db !== null ? `${r.db}.${r.table}` : r.table,
      keyspace: ks.name,
      table: r.table,
      tabletType: ctx.tabletType,
      reason: BYPASS_NOTE,
    })),
    notes: [BYPASS_NOTE],
  };
}

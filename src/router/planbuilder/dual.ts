// Planning a SELECT without tables (`select database()`, `select @@version`, `select 1`): vtgate
// answers constants and session values itself; anything else goes to one tablet of the session's
// keyspace (or the first keyspace), as a query on MySQL's dual table.
// Mirrors go/vt/vtgate/planbuilder (dual queries become a Projection over SingleRow when the evalengine
// can compute every expression, else a Route to a reference `dual` in getDualTable's keyspace).

import type { Statement } from '../sqlparser/parser.js';
import type { Node } from '../sqlparser/ast.js';
import { nodeText } from '../sqlparser/ast.js';
import { tokenize } from '../sqlparser/lexer.js';
import { DB_VAR_NAME, FOUND_ROWS_NAME, LAST_INSERT_ID_NAME, ROW_COUNT_NAME } from '../sqlparser/normalizer.js';
import type { Primitive } from '../primitives/primitive.js';
import { Projection } from '../primitives/projection.js';
import type { ProjectedColumn } from '../primitives/projection.js';
import { Route } from '../primitives/route.js';
import type { PlanContext } from './plan-context.js';
import { anyKeyspace } from './plan-context.js';

export function buildDualPlan(stmt: Statement, ctx: PlanContext): Primitive {
  const cols = stmt['columns'];
  const simple = Array.isArray(cols) && !stmt['where'] && !stmt['_next'] ? (cols as Node[]).map((c) => projected(ctx.sql, c)) : [];
  if (simple.length > 0 && simple.every((c) => c !== undefined)) return new Projection(simple as ProjectedColumn[]);
  const ks = anyKeyspace(ctx);
  return new Route({ opcode: 'Reference', keyspace: ks, tabletType: ctx.tabletType, query: ctx.sql, isDml: false });
}

/** A select expression vtgate computes itself, or undefined. */
function projected(sql: string, col: Node): ProjectedColumn | undefined {
  const expr = col['expr'] as Node | undefined;
  if (expr === undefined) return undefined;
  const alias = typeof col['as'] === 'string' ? (col['as'] as string) : undefined;
  const text = nodeText(sql, expr) ?? nodeText(sql, col);
  switch (expr['type']) {
    case 'number':
      return { name: alias ?? text ?? String(expr['value']), expr: { kind: 'value', value: expr['value'] as number } };
    case 'single_quote_string':
    case 'double_quote_string':
    case 'string': {
      // node-sql-parser keeps a literal's escapes ('it''s', 'a\\'b'); the lexer decodes them as MySQL does.
      const raw = String(expr['value'] ?? '');
      const quote = expr['type'] === 'double_quote_string' ? '"' : "'";
      const v = safeLiteral(text ?? `${quote}${raw}${quote}`) ?? raw;
      return { name: alias ?? v, expr: { kind: 'value', value: v } };
    }
    case 'null':
      return { name: alias ?? 'NULL', expr: { kind: 'value', value: null }, type: 'NULL_TYPE' };
    case 'bool':
      return { name: alias ?? text ?? String(expr['value']), expr: { kind: 'value', value: expr['value'] ? 1 : 0 }, type: 'INT64' };
    case 'param': {
      const name = String(expr['value']);
      if (!name.startsWith('__')) return undefined;
      return {
        name: alias ?? text ?? `:${name}`,
        expr: { kind: 'param', name },
        type: name === LAST_INSERT_ID_NAME || name === FOUND_ROWS_NAME ? 'UINT64' : name === ROW_COUNT_NAME ? 'INT64' : name === DB_VAR_NAME ? 'VARCHAR' : undefined,
      };
    }
    default:
      return undefined;
  }
}

/** The decoded value of a string literal's text, or undefined if the text is not one string token. */
function safeLiteral(text: string): string | undefined {
  try {
    const toks = tokenize(text);
    const t = toks[0];
    return toks.length === 1 && t?.kind === 'string' ? t.value : undefined;
  } catch {
    return undefined;
  }
}

// Reading node-sql-parser's AST: the table references a statement names, the column references, the
// top-level conditions of a WHERE clause, and the text of an expression.
// Mirrors the helpers vtgate's planner uses on its own AST (go/vt/sqlparser/ast_funcs.go,
// SplitAndExpression, TableName) for the AST node-sql-parser produces.

import type { SqlValue } from '../../common/sql-types.js';

/** An untyped AST node (node-sql-parser's JSON). */
export type Node = Record<string, unknown>;

/** A table named in a statement: the AST node (so it can be rewritten) and its parts. */
export interface TableRef {
  node: Node;
  db: string | null;
  table: string;
  /** The alias (`from customer c`), if any. */
  alias: string | null;
}

const SYSTEM_SCHEMAS = new Set(['information_schema', 'mysql', 'sys', 'performance_schema']);

/** information_schema, mysql, sys, performance_schema (sqlparser.SystemSchema). */
export function isSystemSchema(name: string): boolean {
  return SYSTEM_SCHEMAS.has(name.toLowerCase());
}

function isNode(v: unknown): v is Node {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The names a WITH clause defines (they are not tables). */
function cteNames(root: unknown, out: Set<string>): void {
  walk(root, (n) => {
    const w = n['with'];
    if (Array.isArray(w)) {
      for (const cte of w) {
        const name = isNode(cte) && isNode(cte['name']) ? cte['name']['value'] : undefined;
        if (typeof name === 'string') out.add(name);
      }
    }
  });
}

export function walk(v: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(v)) {
    for (const x of v) walk(x, visit);
    return;
  }
  if (!isNode(v)) return;
  visit(v);
  for (const k of Object.keys(v)) {
    if (k === 'loc' || k === 'tableList' || k === 'columnList') continue;
    walk(v[k], visit);
  }
}

/**
 * Every table the statement names, in document order, including those inside subqueries and
 * derived tables; not CTE names, not `dual`. Rename targets (`rename table a to b`) are included.
 */
export function collectTableRefs(stmt: unknown): TableRef[] {
  const ctes = new Set<string>();
  cteNames(stmt, ctes);
  // DELETE's target list (`delete o from corder o ...`) names tables of its FROM list, not new ones.
  const deleteTargets = new Set<unknown>();
  if (isNode(stmt) && stmt['type'] === 'delete' && Array.isArray(stmt['from']) && Array.isArray(stmt['table'])) {
    for (const t of stmt['table'] as unknown[]) deleteTargets.add(t);
  }
  const out: TableRef[] = [];
  walk(stmt, (n) => {
    if (deleteTargets.has(n)) return;
    const table = n['table'];
    if (typeof table !== 'string' || !('db' in n) || 'column' in n || n['type'] === 'column_ref') return;
    const db = typeof n['db'] === 'string' ? (n['db'] as string) : null;
    if (db === null && ctes.has(table)) return;
    if (db === null && table.toLowerCase() === 'dual') return;
    const alias = typeof n['as'] === 'string' ? (n['as'] as string) : null;
    out.push({ node: n, db, table, alias });
  });
  return out;
}

/** Column references carrying a database qualifier (`commerce.customer.email`). */
export function collectQualifiedColumns(stmt: unknown): Node[] {
  const out: Node[] = [];
  walk(stmt, (n) => {
    if (n['type'] === 'column_ref' && typeof n['db'] === 'string') out.push(n);
  });
  return out;
}

/** A column_ref's column name (node-sql-parser spells it as a string or as {expr:{value}}). */
export function columnName(n: Node): string | undefined {
  const c = n['column'];
  if (typeof c === 'string') return c;
  if (isNode(c) && isNode(c['expr']) && typeof c['expr']['value'] === 'string') return c['expr']['value'] as string;
  return undefined;
}

/** The AND-ed conditions of a WHERE clause (sqlparser.SplitAndExpression). */
export function conjuncts(where: unknown): Node[] {
  if (!isNode(where)) return [];
  if (where['type'] === 'binary_expr' && String(where['operator']).toUpperCase() === 'AND') {
    return [...conjuncts(where['left']), ...conjuncts(where['right'])];
  }
  return [where];
}

/** A constant operand: a bind variable name or a literal value. */
export type Operand = { kind: 'param'; name: string } | { kind: 'value'; value: SqlValue };

export function operandOf(n: unknown): Operand | undefined {
  if (!isNode(n)) return undefined;
  switch (n['type']) {
    case 'param':
      return typeof n['value'] === 'string' ? { kind: 'param', name: n['value'] as string } : undefined;
    case 'number':
      return typeof n['value'] === 'number' || typeof n['value'] === 'bigint' ? { kind: 'value', value: n['value'] as number } : undefined;
    case 'single_quote_string':
    case 'double_quote_string':
    case 'string':
      return typeof n['value'] === 'string' ? { kind: 'value', value: n['value'] as string } : undefined;
    case 'null':
      return { kind: 'value', value: null };
    case 'bool':
      return { kind: 'value', value: n['value'] ? 1 : 0 };
    default:
      return undefined;
  }
}

/** True when a column_ref names `column` of the table known as `names` (or is unqualified). */
function refersTo(n: unknown, column: string, names: readonly string[]): boolean {
  if (!isNode(n) || n['type'] !== 'column_ref') return false;
  const name = columnName(n);
  if (name === undefined || name.toLowerCase() !== column.toLowerCase()) return false;
  const q = n['table'];
  return q === null || q === undefined || (typeof q === 'string' && names.includes(q));
}

/**
 * The values a WHERE clause pins a column to: `col = v` gives [v], `col IN (v1, v2)` gives both;
 * undefined when no top-level condition does.
 */
export function columnValues(where: unknown, column: string, tableNames: readonly string[]): Operand[] | undefined {
  for (const c of conjuncts(where)) {
    if (c['type'] !== 'binary_expr') continue;
    const op = String(c['operator']).toUpperCase();
    if (op === '=') {
      if (refersTo(c['left'], column, tableNames)) {
        const v = operandOf(c['right']);
        if (v) return [v];
      }
      if (refersTo(c['right'], column, tableNames)) {
        const v = operandOf(c['left']);
        if (v) return [v];
      }
    } else if (op === 'IN' && refersTo(c['left'], column, tableNames)) {
      const list = c['right'];
      if (isNode(list) && list['type'] === 'expr_list' && Array.isArray(list['value'])) {
        const vals = (list['value'] as unknown[]).map(operandOf);
        if (vals.every((v) => v !== undefined)) return vals as Operand[];
      }
    }
  }
  return undefined;
}

/** The text an AST node was parsed from, when it carries a location. */
export function nodeText(sql: string, n: unknown): string | undefined {
  if (!isNode(n) || !isNode(n['loc'])) return undefined;
  const loc = n['loc'] as { start?: { offset?: number }; end?: { offset?: number } };
  const s = loc.start?.offset;
  const e = loc.end?.offset;
  return typeof s === 'number' && typeof e === 'number' ? sql.slice(s, e) : undefined;
}

/** True when the statement (or a nested one) aggregates, groups, sorts, limits or de-duplicates. */
export function needsPostProcessing(stmt: Node): boolean {
  if (stmt['groupby'] || stmt['having'] || stmt['orderby'] || stmt['limit'] || stmt['distinct'] || stmt['_next']) {
    const limit = stmt['limit'];
    const hasLimit = isNode(limit) && Array.isArray(limit['value']) && (limit['value'] as unknown[]).length > 0;
    const groupby = stmt['groupby'];
    const hasGroup = Array.isArray(groupby) ? groupby.length > 0 : isNode(groupby) && Array.isArray(groupby['columns']);
    if (hasLimit || hasGroup || stmt['having'] || stmt['orderby'] || stmt['distinct'] || stmt['_next']) return true;
  }
  let aggregates = false;
  walk(stmt['columns'], (n) => {
    if (n['type'] === 'aggr_func') aggregates = true;
  });
  return aggregates;
}

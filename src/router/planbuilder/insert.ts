// Planning an INSERT: to an unsharded keyspace it goes as written (one Route); into a sharded table
// each row goes to the shard its primary vindex value maps to.
// Mirrors go/vt/vtgate/planbuilder/insert.go and operators/insert.go (VT09002 for a replica target,
// VT09003 without the vindex column, VT09004 without a column list).

import type { Statement } from '../sqlparser/parser.js';
import type { Node } from '../sqlparser/ast.js';
import { collectTableRefs, operandOf } from '../sqlparser/ast.js';
import type { Token } from '../sqlparser/lexer.js';
import { isOp, isWord, tokenize } from '../sqlparser/lexer.js';
import { stripQualifiers } from '../sqlparser/rewrite.js';
import { Route } from '../primitives/route.js';
import { InsertSharded } from '../primitives/insert.js';
import type { InsertRow } from '../primitives/insert.js';
import type { PlanContext } from './plan-context.js';
import { resolveTable } from './plan-context.js';
import type { SelectPlan } from './select.js';
import { VT09002, VT09003, VT12001, VT13001, vtgateError } from '../vt-errors.js';

export function buildInsertPlan(stmt: Statement, ctx: PlanContext): SelectPlan {
  if (ctx.tabletType !== 'PRIMARY') throw VT09002('insert');
  const refs = collectTableRefs(stmt);
  const resolved = refs.map((r) => resolveTable(ctx, r));
  const target = resolved[0];
  if (target === undefined) throw VT13001('INSERT without a table');
  const tables = resolved.map((r) => r.use);
  if (resolved.some((r) => r.keyspace.name !== target.keyspace.name)) {
    throw VT12001('INSERT with tables of different keyspaces');
  }
  const query = stripQualifiers(ctx.sql, ctx.tokens, refs);
  const ks = target.keyspace;
  if (target.destination !== undefined) {
    return {
      primitive: new Route({ opcode: 'ByDestination', keyspace: ks, tabletType: 'PRIMARY', query, isDml: true, destination: target.destination }),
      tables,
      notes: [],
    };
  }
  if (!ks.sharded) {
    return { primitive: new Route({ opcode: 'Unsharded', keyspace: ks, tabletType: 'PRIMARY', query, isDml: true }), tables, notes: [] };
  }

  // Sharded: one row at a time to its shard.
  const cv = target.table.columnVindexes[0];
  if (cv === undefined) throw vtgateError('FAILED_PRECONDITION', `table ${target.table.name} has no primary vindex`);
  if (cv.vindex === undefined) throw VT12001(`vindex type ${cv.type} in vtsim`);
  if (cv.columns.length !== 1) throw VT12001('multi-column vindexes in vtsim');
  const values = stmt['values'] as Node | undefined;
  if (values === undefined || values === null || values['type'] !== 'values' || !Array.isArray(values['values'])) {
    throw VT12001('INSERT ... SELECT and INSERT ... SET into a sharded keyspace in vtsim');
  }
  const columns = stmt['columns'];
  if (!Array.isArray(columns) || columns.length === 0) {
    throw vtgateError(
      'FAILED_PRECONDITION',
      'VT09004: INSERT should contain column list or the table should have authoritative columns in vschema',
    );
  }
  const names = (columns as unknown[]).map((c) => (typeof c === 'string' ? c : String((c as Node)['column'] ?? (c as Node)['value'] ?? '')));
  const vcol = cv.columns[0] as string;
  const idx = names.findIndex((n) => n.toLowerCase() === vcol.toLowerCase());
  if (idx < 0) {
    if (target.table.autoIncrement?.column.toLowerCase() === vcol.toLowerCase()) {
      throw VT12001(`filling the vindex column ${vcol} from sequence ${target.table.autoIncrement.sequence} in vtsim; give ${vcol} explicitly`);
    }
    throw VT09003(vcol);
  }
  const rowNodes = values['values'] as Node[];
  const toks = tokenize(query);
  const tuples = valueTuples(toks);
  if (tuples === undefined || tuples.spans.length !== rowNodes.length) throw VT13001('could not locate the VALUES rows of an INSERT');
  const rows: InsertRow[] = rowNodes.map((row, i) => {
    const cells = row['value'] as unknown[];
    const v = operandOf(cells[idx]);
    if (v === undefined) throw VT12001(`an expression as the value of vindex column ${vcol} in vtsim`);
    const span = tuples.spans[i] as [number, number];
    return { text: query.slice(span[0], span[1]), vindexValue: v.kind === 'param' ? { kind: 'param', name: v.name } : v };
  });
  const firstSpan = tuples.spans[0] as [number, number];
  const lastSpan = tuples.spans[tuples.spans.length - 1] as [number, number];
  return {
    primitive: new InsertSharded({
      keyspace: ks,
      tabletType: 'PRIMARY',
      prefix: query.slice(0, firstSpan[0]),
      rows,
      suffix: query.slice(lastSpan[1]),
      vindex: cv.vindex,
    }),
    tables,
    notes: [],
  };
}

/** The `(...)` row spans after VALUES at the top level of an INSERT's tokens. */
function valueTuples(tokens: readonly Token[]): { spans: Array<[number, number]> } | undefined {
  let i = tokens.findIndex((t, k) => (isWord(t, 'values') || isWord(t, 'value')) && depthAt(tokens, k) === 0);
  if (i < 0) return undefined;
  i++;
  const spans: Array<[number, number]> = [];
  while (i < tokens.length) {
    const open = tokens[i] as Token;
    if (!isOp(open, '(')) break;
    let depth = 0;
    let j = i;
    for (; j < tokens.length; j++) {
      const t = tokens[j] as Token;
      if (isOp(t, '(')) depth++;
      else if (isOp(t, ')')) {
        depth--;
        if (depth === 0) break;
      }
    }
    if (j >= tokens.length) return undefined;
    spans.push([open.start, (tokens[j] as Token).end]);
    i = j + 1;
    if (!isOp(tokens[i], ',')) break;
    i++;
  }
  return { spans };
}

function depthAt(tokens: readonly Token[], k: number): number {
  let d = 0;
  for (let i = 0; i < k; i++) {
    const t = tokens[i] as Token;
    if (isOp(t, '(')) d++;
    else if (isOp(t, ')')) d--;
  }
  return d;
}

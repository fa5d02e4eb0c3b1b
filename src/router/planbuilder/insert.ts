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
import type { Primitive } from '../primitives/primitive.js';
import { Generate, seqVarName } from '../primitives/generate.js';
import type { Table } from '../vschema.js';
import { applyEdits } from '../sqlparser/normalizer.js';
import type { Edit } from '../sqlparser/normalizer.js';
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
  let query = stripQualifiers(ctx.sql, ctx.tokens, refs);
  const ks = target.keyspace;
  const seq = sequenceFill(stmt, target.table, query);
  if (seq !== undefined) query = seq.query;
  const wrap = (p: Primitive): Primitive => (seq !== undefined ? new Generate(p, seq.sequence, seq.rows) : p);
  if (target.destination !== undefined) {
    return {
      primitive: new Route({ opcode: 'ByDestination', keyspace: ks, tabletType: 'PRIMARY', query, isDml: true, destination: target.destination }),
      tables,
      notes: [],
    };
  }
  if (!ks.sharded) {
    return { primitive: wrap(new Route({ opcode: 'Unsharded', keyspace: ks, tabletType: 'PRIMARY', query, isDml: true })), tables, notes: [] };
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
  const names = columnNames(columns);
  const vcol = cv.columns[0] as string;
  const idx = names.findIndex((n) => n.toLowerCase() === vcol.toLowerCase());
  const generated = idx < 0 && seq !== undefined && seq.column.toLowerCase() === vcol.toLowerCase();
  if (idx < 0 && !generated) throw VT09003(vcol);
  const rowNodes = values['values'] as Node[];
  const toks = tokenize(query);
  const tuples = valueTuples(toks);
  if (tuples === undefined || tuples.spans.length !== rowNodes.length) throw VT13001('could not locate the VALUES rows of an INSERT');
  const rows: InsertRow[] = rowNodes.map((row, i) => {
    const span = tuples.spans[i] as [number, number];
    if (generated) return { text: query.slice(span[0], span[1]), vindexValue: { kind: 'param', name: seqVarName(i) } };
    const cells = row['value'] as unknown[];
    const v = operandOf(cells[idx]);
    if (v === undefined) throw VT12001(`an expression as the value of vindex column ${vcol} in vtsim`);
    return { text: query.slice(span[0], span[1]), vindexValue: v.kind === 'param' ? { kind: 'param', name: v.name } : v };
  });
  const firstSpan = tuples.spans[0] as [number, number];
  const lastSpan = tuples.spans[tuples.spans.length - 1] as [number, number];
  return {
    primitive: wrap(new InsertSharded({
      keyspace: ks,
      tabletType: 'PRIMARY',
      prefix: query.slice(0, firstSpan[0]),
      rows,
      suffix: query.slice(lastSpan[1]),
      vindex: cv.vindex,
    })),
    tables,
    notes: [],
  };
}

function columnNames(columns: unknown): string[] {
  if (!Array.isArray(columns)) return [];
  return (columns as unknown[]).map((c) => (typeof c === 'string' ? c : String((c as Node)['column'] ?? (c as Node)['value'] ?? '')));
}

/**
 * When the table's auto_increment column is filled from a sequence and the INSERT leaves it out: the
 * statement with the column added to its column list and `:__seq<i>` added to each row.
 */
function sequenceFill(stmt: Statement, table: Table, query: string): { query: string; sequence: Table; column: string; rows: number } | undefined {
  const ai = table.autoIncrement;
  const values = stmt['values'] as Node | null | undefined;
  if (ai?.table === undefined || values?.['type'] !== 'values' || !Array.isArray(values['values'])) return undefined;
  const names = columnNames(stmt['columns']);
  if (names.length === 0 || names.some((n) => n.toLowerCase() === ai.column.toLowerCase())) return undefined;
  const toks = tokenize(query);
  const tuples = valueTuples(toks);
  const valuesAt = toks.findIndex((t, k) => (isWord(t, 'values') || isWord(t, 'value')) && depthAt(toks, k) === 0);
  const open = toks.findIndex((t, k) => k < valuesAt && isOp(t, '(') && depthAt(toks, k) === 0);
  const rows = (values['values'] as unknown[]).length;
  if (tuples === undefined || tuples.spans.length !== rows || open < 0) return undefined;
  let depth = 0;
  let close = open;
  for (; close < toks.length; close++) {
    if (isOp(toks[close], '(')) depth++;
    else if (isOp(toks[close], ')') && --depth === 0) break;
  }
  const edits: Edit[] = [{ start: (toks[close] as Token).start, end: (toks[close] as Token).start, text: `, ${ai.column}` }];
  tuples.spans.forEach(([, end], i) => edits.push({ start: end - 1, end: end - 1, text: `, :${seqVarName(i)}` }));
  return { query: applyEdits(query, edits), sequence: ai.table, column: ai.column, rows };
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

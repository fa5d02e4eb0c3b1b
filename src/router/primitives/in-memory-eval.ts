// InMemoryEval: a query no single route can answer (tables in several keyspaces, or a scatter that
// sorts, groups or limits), evaluated in vtgate: each table's rows are fetched through its own Route,
// then the whole statement runs over them in alasql, an in-memory SQL engine.
// Vitess builds an operator tree for this instead (go/vt/vtgate/engine/join.go, aggregations,
// memory_sort.go, limit.go) and pushes each table's conditions down; vtsim pushes down the conditions
// that name a single table and lets alasql do the rest (see docs/FIDELITY.md: alasql's SQL dialect is
// close to MySQL's for joins, grouping and sorting, not identical for every function).

import alasql from 'alasql';
import type { BindVars, Field, FieldType, QueryResult, SqlValue } from '../../common/sql-types.js';
import { fieldTypeOfValue } from '../../common/sql-types.js';
import type { Primitive, PrimitiveDescription, ShardQuery, VCursor } from './primitive.js';
import type { Route } from './route.js';
import type { Node } from '../sqlparser/ast.js';
import { columnName, nodeText, operandOf } from '../sqlparser/ast.js';
import { useMysqlMinMax } from './eval-aggregates.js';
import { sqlify } from '../sqlparser/parser.js';
import { VT12001 } from '../vt-errors.js';

/** One table of the statement: the placeholder name alasql knows it by and how to fetch its rows. */
export interface EvalSource {
  placeholder: string;
  /** The names the statement uses for it (its alias, or its table name). */
  refName: string;
  route: Route;
}

/** One private alasql database: alasql registers every Database globally, so vtsim keeps one. */
let evalDb: InstanceType<typeof alasql.Database> | undefined;
function database(): InstanceType<typeof alasql.Database> {
  evalDb ??= new alasql.Database('vtsim_vtgate_eval');
  return evalDb;
}

export class InMemoryEval implements Primitive {
  readonly isDml = false;

  /**
   * @param ast the statement, parsed from `sql`, with every table reference already renamed to its
   *   source's placeholder (aliased by the name the statement uses) and database qualifiers removed.
   * @param sql the normalized statement text the AST's locations refer to (for column names).
   */
  constructor(
    private readonly ast: Node,
    private readonly sql: string,
    readonly sources: readonly EvalSource[],
    private readonly reason: string,
  ) {}

  shardQueries(vc: VCursor, bindVars: BindVars): ShardQuery[] {
    return this.sources.flatMap((s) => s.route.shardQueries(vc, bindVars));
  }

  execute(vc: VCursor, bindVars: BindVars): QueryResult {
    const fetched = this.sources.map((s) => s.route.execute(vc, bindVars));
    const db = database();
    for (const name of Object.keys(db.tables)) delete db.tables[name];
    this.sources.forEach((s, i) => {
      const r = fetched[i] as QueryResult;
      db.exec(`CREATE TABLE \`${s.placeholder}\``);
      (db.tables[s.placeholder] as { data: unknown[] }).data = r.rows.map((row) => {
        const o: Record<string, unknown> = {};
        r.fields.forEach((f, k) => (o[f.name] = toAlasql(row[k] ?? null)));
        return o;
      });
    });
    const ast = structuredClone(this.ast);
    const columns = this.expandColumns(ast, fetched, bindVars);
    useMysqlMinMax(ast);
    let rows: Array<Record<string, unknown>>;
    try {
      rows = db.exec(sqlify(ast), { ...bindVars }) as Array<Record<string, unknown>>;
    } catch (e) {
      throw VT12001(`evaluating this query in vtgate (alasql: ${e instanceof Error ? e.message : String(e)})`);
    }
    const out: SqlValue[][] = rows.map((r) => columns.map((_, i) => fromAlasql(r[`__c${i}`])));
    const fields: Field[] = columns.map((c, i) => ({
      name: c.name,
      type: c.type ?? fieldTypeOfValue(out.find((row) => row[i] !== null)?.[i] ?? null),
    }));
    return { fields, rows: out, rowsAffected: 0, insertId: 0 };
  }

  /**
   * Replaces `*` and `t.*` by the fetched columns and names every output column `__c<i>`, so rows
   * come back as arrays in order even when two tables share a column name. Returns each column's
   * MySQL name and, for plain column references, the source column's type.
   */
  private expandColumns(ast: Node, fetched: readonly QueryResult[], bindVars: BindVars): Array<{ name: string; type?: FieldType }> {
    const out: Array<{ name: string; type?: FieldType }> = [];
    const cols = ast['columns'];
    if (!Array.isArray(cols)) return out;
    const expanded: Node[] = [];
    const sourceFields = (i: number) => (fetched[i] as QueryResult).fields;
    const sourceByName = (name: string) => this.sources.findIndex((s) => s.refName === name);
    for (const col of cols as Node[]) {
      const expr = col['expr'] as Node;
      const alias = typeof col['as'] === 'string' ? (col['as'] as string) : undefined;
      if (expr['type'] === 'column_ref' && columnName(expr) === '*') {
        const q = typeof expr['table'] === 'string' ? (expr['table'] as string) : undefined;
        const which = q === undefined ? this.sources.map((_, i) => i) : [sourceByName(q)].filter((i) => i >= 0);
        for (const i of which) {
          for (const f of sourceFields(i)) {
            const ref: Node = { type: 'column_ref', table: (this.sources[i] as EvalSource).refName, column: f.name };
            expanded.push({ expr: ref, as: `__c${out.length}` });
            out.push({ name: f.name, type: f.type });
          }
        }
        continue;
      }
      let type: FieldType | undefined;
      let name = alias;
      if (expr['type'] === 'column_ref') {
        const cname = columnName(expr) ?? '';
        name ??= cname;
        const q = typeof expr['table'] === 'string' ? (expr['table'] as string) : undefined;
        const idx = q !== undefined ? sourceByName(q) : this.sources.findIndex((_, i) => sourceFields(i).some((f) => f.name === cname));
        type = idx >= 0 ? sourceFields(idx).find((f) => f.name.toLowerCase() === cname.toLowerCase())?.type : undefined;
      }
      // MySQL names an expression by its text as written (the parser's span may take in the blank
      // after it) and a literal by its value; the normalizer turned select-list literals into bind
      // variables, so their value is the name.
      const literal = operandOf(expr);
      if (literal?.kind === 'param') name ??= literalName(bindVars[literal.name]);
      else if (literal?.kind === 'value') name ??= literalName(literal.value);
      name ??= (nodeText(this.sql, expr) ?? nodeText(this.sql, col))?.trim() ?? `col${out.length}`;
      expanded.push({ ...col, as: `__c${out.length}` });
      out.push({ name, type });
    }
    ast['columns'] = expanded;
    return out;
  }

  describe(): PrimitiveDescription {
    return {
      operatorType: 'InMemoryEval',
      other: { Reason: this.reason, Evaluator: 'alasql' },
      inputs: this.sources.map((s) => s.route.describe()),
    };
  }
}

function literalName(v: SqlValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v === null) return 'NULL';
  return v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v);
}

function toAlasql(v: SqlValue): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return v;
}

function fromAlasql(v: unknown): SqlValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'bigint') return v;
  if (v instanceof Date) return v.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '');
  return String(v);
}

// The type of each result column of a SELECT, from its select-list expression, as MySQL derives it:
// a column reference has its column's type (whatever the output name), a literal its own, and
// arithmetic and the common aggregates follow MySQL's rules for DECIMAL scale (`7/2` is DECIMAL with
// scale 4, `avg(int)` scale 4, `sum(decimal(10,2))` scale 2). SQLite keeps none of this (its values
// are integers and doubles), so the tablet reports it in the result's fields, and the client prints
// DECIMAL values with their scale. Expressions this does not know get no type here (the caller then
// looks at the values).
// Mirrors MySQL 8.0's Item::result_type / decimals (item.h, item_func.cc fix_length_and_dec:
// Item_func_div adds div_precision_increment = 4, Item_sum_avg adds 4 too).

import type { FieldType } from '../../common/sql-types.js';
import { fieldTypeOfMysqlType } from '../../common/sql-types.js';
import { typeInfo } from './column-types.js';
import { identName, isOp, isWord, lex, matchParen, splitTopLevel } from './lexer.js';
import type { Token } from './lexer.js';
import { hasAlias } from './select-names.js';
import type { ColumnDef, TableDef } from './table-def.js';

/** A result column's type; `decimals` is the scale of a DECIMAL. */
export interface ResultColumnType {
  type: FieldType;
  decimals?: number;
}

/** MySQL's div_precision_increment (default 4). */
const DIV_PRECISION_INCREMENT = 4;
/** DECIMAL's largest scale. */
const MAX_SCALE = 30;

/** What the typing knows of an expression: its MySQL result class. */
type Ty =
  | { k: 'int'; field: FieldType }
  | { k: 'decimal'; scale: number }
  | { k: 'double' }
  | { k: 'string'; field: FieldType }
  | { k: 'null' }
  | { k: 'other'; field: FieldType };

const SELECT_MODIFIERS = new Set([
  'all', 'distinct', 'distinctrow', 'high_priority', 'straight_join', 'sql_small_result', 'sql_big_result',
  'sql_buffer_result', 'sql_no_cache', 'sql_cache', 'sql_calc_found_rows',
]); // prettier-ignore
const LIST_END = new Set(['from', 'into', 'where', 'group', 'having', 'window', 'order', 'limit', 'union', 'for', 'lock']);
const FROM_END = new Set(['where', 'group', 'having', 'window', 'order', 'limit', 'union', 'for', 'lock', 'into']);
const JOIN_WORDS = new Set(['join', 'inner', 'cross', 'left', 'right', 'outer', 'natural', 'straight_join', 'on', 'using']);

/**
 * One entry per result column of a SELECT (undefined where the expression's type is not known), or
 * undefined when the statement is not a SELECT this can read (the caller keeps its fallback).
 */
export function selectResultTypes(sql: string, getTable: (name: string) => TableDef | undefined): Array<ResultColumnType | undefined> | undefined {
  let tokens: Token[];
  try {
    tokens = lex(sql);
  } catch {
    return undefined;
  }
  if (!isWord(tokens[0], 'select')) return undefined;
  let start = 1;
  while (tokens[start]?.type === 'word' && SELECT_MODIFIERS.has((tokens[start] as Token).value.toLowerCase())) start++;
  const end = topIndex(tokens, start, (t) => t.type === 'word' && LIST_END.has(t.value.toLowerCase()));
  const listEnd = end < 0 ? tokens.length : end;
  const union = topIndex(tokens, listEnd, (t) => isWord(t, 'union') || isWord(t, 'except') || isWord(t, 'intersect')) >= 0;
  const from = isWord(tokens[listEnd], 'from') ? fromTables(tokens, listEnd + 1, getTable) : { tables: [], complete: true };
  const scope = new Scope(from.tables, from.complete);
  const out: Array<ResultColumnType | undefined> = [];
  for (const item of splitTopLevel(tokens.slice(start, listEnd))) {
    const star = starOf(item);
    if (star !== undefined) {
      const cols = scope.star(star);
      if (cols === undefined) return undefined;
      for (const c of cols) out.push(union ? undefined : resultOf(columnTy(c)));
      continue;
    }
    // Members of a UNION merge their types; only the column count is taken from the first.
    if (union) {
      out.push(undefined);
      continue;
    }
    const expr = hasAlias(item) ? withoutAlias(item) : item;
    out.push(resultOf(new ExprTyper(expr, scope).typeAll()));
  }
  return out;
}

function resultOf(t: Ty | undefined): ResultColumnType | undefined {
  if (t === undefined) return undefined;
  switch (t.k) {
    case 'int':
    case 'string':
    case 'other':
      return { type: t.field };
    case 'decimal':
      return { type: 'DECIMAL', decimals: t.scale };
    case 'double':
      return { type: 'FLOAT64' };
    case 'null':
      return { type: 'NULL_TYPE' };
  }
}

function topIndex(ts: readonly Token[], from: number, pred: (t: Token) => boolean): number {
  let depth = 0;
  for (let i = from; i < ts.length; i++) {
    const t = ts[i] as Token;
    if (depth === 0 && pred(t)) return i;
    if (isOp(t, '(')) depth++;
    else if (isOp(t, ')')) depth--;
  }
  return -1;
}

function withoutAlias(item: Token[]): Token[] {
  const as = topIndex(item, 0, (t) => isWord(t, 'as'));
  return as >= 0 ? item.slice(0, as) : item.slice(0, -1);
}

/** `*` → '' and `t.*` → 't'; undefined for other items. */
function starOf(item: Token[]): string | undefined {
  if (item.length === 1 && isOp(item[0], '*')) return '';
  if (item.length === 3 && isOp(item[1], '.') && isOp(item[2], '*')) return identName(item[0])?.toLowerCase();
  return undefined;
}

interface FromTable {
  /** The name the query refers to it by (alias or table name), lower case. */
  ref: string;
  /** Undefined for derived tables and tables this tablet does not have. */
  def: TableDef | undefined;
}

/** The tables of a FROM clause in order, with their aliases; `complete` when each was understood. */
function fromTables(ts: Token[], i: number, getTable: (name: string) => TableDef | undefined): { tables: FromTable[]; complete: boolean } {
  const tables: FromTable[] = [];
  let complete = true;
  while (i < ts.length) {
    const t = ts[i] as Token;
    if (t.type === 'word' && FROM_END.has(t.value.toLowerCase())) break;
    if (isOp(t, '(')) {
      const close = matchParen(ts, i);
      if (close < 0) break;
      const inner = ts[i + 1];
      i = close + 1;
      if (isWord(inner, 'select') || isWord(inner, 'with')) {
        if (isWord(ts[i], 'as')) i++;
        tables.push({ ref: identName(ts[i])?.toLowerCase() ?? '', def: undefined });
        complete = false;
        i++;
      }
      continue;
    }
    if (isWord(t, 'on')) {
      // Skip the join condition up to the next join keyword or the clause's end.
      i = skipCondition(ts, i + 1);
      continue;
    }
    if (isOp(t, ',') || (t.type === 'word' && JOIN_WORDS.has(t.value.toLowerCase()))) {
      i++;
      continue;
    }
    const name = identName(t);
    if (name === undefined) {
      i++;
      continue;
    }
    let table = name;
    let j = i + 1;
    if (isOp(ts[j], '.') && identName(ts[j + 1]) !== undefined) {
      // `db.t`: only this tablet's database reaches here (vtgate strips keyspace qualifiers).
      table = identName(ts[j + 1]) as string;
      j += 2;
    }
    let ref = table;
    if (isWord(ts[j], 'as')) j++;
    const alias = ts[j];
    if (alias !== undefined && (alias.type === 'qident' || (alias.type === 'word' && !isClauseWord(alias)))) {
      ref = alias.value;
      j++;
    }
    const def = getTable(table);
    if (!def) complete = false;
    tables.push({ ref: ref.toLowerCase(), def });
    i = j;
  }
  return { tables, complete };
}

function isClauseWord(t: Token): boolean {
  const w = t.value.toLowerCase();
  return FROM_END.has(w) || JOIN_WORDS.has(w) || w === 'use' || w === 'force' || w === 'ignore' || w === 'partition';
}

function skipCondition(ts: Token[], i: number): number {
  let depth = 0;
  for (; i < ts.length; i++) {
    const t = ts[i] as Token;
    if (isOp(t, '(')) depth++;
    else if (isOp(t, ')')) depth--;
    else if (depth === 0 && (isOp(t, ',') || (t.type === 'word' && (FROM_END.has(t.value.toLowerCase()) || (JOIN_WORDS.has(t.value.toLowerCase()) && !isWord(t, 'on')))))) return i;
  }
  return i;
}

class Scope {
  constructor(
    private readonly tables: FromTable[],
    private readonly complete: boolean,
  ) {}

  /** The columns `*` (qualifier '') or `q.*` expands to, or undefined when not known. */
  star(qualifier: string): ColumnDef[] | undefined {
    const picked = qualifier === '' ? this.tables : this.tables.filter((t) => t.ref === qualifier);
    if (picked.length === 0 || picked.some((t) => !t.def)) return undefined;
    return picked.flatMap((t) => (t.def as TableDef).columns);
  }

  column(qualifier: string | undefined, name: string): ColumnDef | undefined {
    const lower = name.toLowerCase();
    const find = (def: TableDef | undefined): ColumnDef | undefined => def?.columns.find((c) => c.name.toLowerCase() === lower);
    if (qualifier !== undefined) return find(this.tables.find((t) => t.ref === qualifier.toLowerCase())?.def);
    // An unqualified name may belong to a table this cannot see (a derived table): then unknown.
    if (!this.complete) return undefined;
    for (const t of this.tables) {
      const c = find(t.def);
      if (c) return c;
    }
    return undefined;
  }
}

function columnTy(c: ColumnDef): Ty {
  const info = typeInfo(c.mysqlType);
  const field = fieldTypeOfMysqlType(c.mysqlType);
  if (info.base === 'decimal') return { k: 'decimal', scale: info.scale ?? 0 };
  if (info.base === 'float' || info.base === 'double') return { k: 'double' };
  if (info.sqliteType === 'INTEGER' && info.base !== 'bit') return { k: 'int', field };
  if (info.textual) return { k: 'string', field };
  return { k: 'other', field };
}

const INT: Ty = { k: 'int', field: 'INT64' };
const COMPARISONS = new Set(['=', '<', '>', '<=', '>=', '<>', '!=', '<=>']);

/** Precedence-climbing typer for one expression; unknown constructs make the whole item unknown. */
class ExprTyper {
  private i = 0;

  constructor(
    private readonly ts: Token[],
    private readonly scope: Scope,
  ) {}

  typeAll(): Ty | undefined {
    const t = this.comparison();
    return this.i === this.ts.length ? t : undefined;
  }

  private comparison(): Ty | undefined {
    const left = this.additive();
    const op = this.ts[this.i];
    if (op !== undefined && op.type === 'op' && COMPARISONS.has(op.value)) {
      this.i++;
      const right = this.additive();
      return left && right ? INT : undefined;
    }
    return left;
  }

  private additive(): Ty | undefined {
    let left = this.multiplicative();
    for (;;) {
      const op = this.ts[this.i];
      if (!isOp(op, '+') && !isOp(op, '-')) return left;
      this.i++;
      const right = this.multiplicative();
      left = left && right ? arith(left, right, (a, b) => Math.max(a, b)) : undefined;
    }
  }

  private multiplicative(): Ty | undefined {
    let left = this.unary();
    for (;;) {
      const op = this.ts[this.i];
      if (isOp(op, '*')) {
        this.i++;
        const right = this.unary();
        left = left && right ? arith(left, right, (a, b) => a + b) : undefined;
      } else if (isOp(op, '/')) {
        this.i++;
        const right = this.unary();
        left = left && right ? divide(left, right) : undefined;
      } else if (isOp(op, '%') || isWord(op, 'mod')) {
        this.i++;
        const right = this.unary();
        left = left && right ? arith(left, right, (a, b) => Math.max(a, b)) : undefined;
      } else if (isWord(op, 'div')) {
        this.i++;
        const right = this.unary();
        left = left && right ? INT : undefined;
      } else {
        return left;
      }
    }
  }

  private unary(): Ty | undefined {
    if (isOp(this.ts[this.i], '-') || isOp(this.ts[this.i], '+')) {
      this.i++;
      const t = this.unary();
      return t && (t.k === 'string' || t.k === 'other') ? { k: 'double' } : t;
    }
    return this.primary();
  }

  private primary(): Ty | undefined {
    const t = this.ts[this.i];
    if (t === undefined) return undefined;
    this.i++;
    switch (t.type) {
      case 'number':
        return numberTy(t.text);
      case 'string':
        return { k: 'string', field: 'VARCHAR' };
      case 'op':
        if (t.value !== '(') return undefined;
        {
          const close = matchParen(this.ts, this.i - 1);
          if (close < 0 || isWord(this.ts[this.i], 'select')) return undefined;
          const inner = new ExprTyper(this.ts.slice(this.i, close), this.scope).typeAll();
          this.i = close + 1;
          return inner;
        }
      case 'word':
      case 'qident': {
        if (t.type === 'word' && t.value.toLowerCase() === 'null') return { k: 'null' };
        if (t.type === 'word' && isOp(this.ts[this.i], '(')) return this.call(t.value.toLowerCase());
        let qualifier: string | undefined;
        let name = t.value;
        if (isOp(this.ts[this.i], '.') && identName(this.ts[this.i + 1]) !== undefined) {
          qualifier = name;
          name = (this.ts[this.i + 1] as Token).value;
          this.i += 2;
        }
        const col = this.scope.column(qualifier, name);
        return col ? columnTy(col) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** A function call at `name(`: the aggregates and the few functions whose type follows an argument. */
  private call(name: string): Ty | undefined {
    const open = this.i;
    const close = matchParen(this.ts, open);
    if (close < 0) return undefined;
    this.i = close + 1;
    let inner = this.ts.slice(open + 1, close);
    if (name === 'count') return INT;
    if (isWord(inner[0], 'distinct')) inner = inner.slice(1);
    const args = splitTopLevel(inner).map((a) => (a.length === 0 ? undefined : new ExprTyper(a, this.scope).typeAll()));
    const x = args[0];
    switch (name) {
      case 'sum':
        if (args.length !== 1 || !x) return undefined;
        if (x.k === 'int') return { k: 'decimal', scale: 0 };
        if (x.k === 'decimal') return x;
        return x.k === 'null' ? undefined : { k: 'double' };
      case 'avg':
        if (args.length !== 1 || !x) return undefined;
        if (x.k === 'int') return { k: 'decimal', scale: DIV_PRECISION_INCREMENT };
        if (x.k === 'decimal') return { k: 'decimal', scale: Math.min(MAX_SCALE, x.scale + DIV_PRECISION_INCREMENT) };
        return x.k === 'null' ? undefined : { k: 'double' };
      case 'min':
      case 'max':
      case 'abs':
        return args.length === 1 ? x : undefined;
      case 'round':
      case 'truncate': {
        if (!x || args.length > 2) return undefined;
        if (x.k === 'int' || x.k === 'double') return x;
        if (x.k !== 'decimal') return undefined;
        const d = args.length === 2 ? integerLiteral(splitTopLevel(inner)[1]) : 0;
        return d === undefined ? undefined : { k: 'decimal', scale: Math.max(0, Math.min(x.scale, d)) };
      }
      default:
        return undefined;
    }
  }
}

function integerLiteral(ts: Token[] | undefined): number | undefined {
  if (ts?.length === 1 && ts[0]?.type === 'number' && /^\d+$/.test(ts[0].text)) return Number(ts[0].text);
  return undefined;
}

/** A numeric literal: an exponent makes a DOUBLE, a point a DECIMAL of that many digits, else an integer. */
function numberTy(text: string): Ty {
  if (/[eE]/.test(text)) return { k: 'double' };
  const dot = text.indexOf('.');
  if (dot >= 0) return { k: 'decimal', scale: text.length - dot - 1 };
  return INT;
}

/** `+ - * %` : integers stay integers, a double or a string makes a double, decimals combine scales. */
function arith(a: Ty, b: Ty, scale: (x: number, y: number) => number): Ty | undefined {
  if (a.k === 'null' || b.k === 'null') return { k: 'null' };
  if (a.k === 'other' || b.k === 'other') return undefined;
  if (a.k === 'double' || b.k === 'double' || a.k === 'string' || b.k === 'string') return { k: 'double' };
  if (a.k === 'int' && b.k === 'int') return INT;
  return { k: 'decimal', scale: Math.min(MAX_SCALE, scale(scaleOf(a), scaleOf(b))) };
}

/** `/`: exact division; its scale is the dividend's plus div_precision_increment. */
function divide(a: Ty, b: Ty): Ty | undefined {
  if (a.k === 'null' || b.k === 'null') return { k: 'null' };
  if (a.k === 'other' || b.k === 'other') return undefined;
  if (a.k === 'double' || b.k === 'double' || a.k === 'string' || b.k === 'string') return { k: 'double' };
  return { k: 'decimal', scale: Math.min(MAX_SCALE, scaleOf(a) + DIV_PRECISION_INCREMENT) };
}

function scaleOf(t: Ty): number {
  return t.k === 'decimal' ? t.scale : 0;
}

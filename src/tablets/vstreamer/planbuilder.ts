// The source side of a stream's filter: which of the source's tables a rule matches, and, per table,
// which columns it sends and which rows (in_keyrange / equality filters). The vstreamer applies it
// to binlog row images; the row streamer applies it to copy-phase snapshots.
// Mirrors go/vt/vttablet/tabletserver/vstreamer/planbuilder.go (Plan, buildPlan, the supported
// `select ... from t where in_keyrange(col, 'vindex', '-80') and col = val` forms, `/regexp` matches).

import type { SqlValue } from '../../common/sql-types.js';
import type { KeyRange } from '../../common/key-range.js';
import { keyRangeContains, parseShardName } from '../../common/key-range.js';
import { vtError } from '../../common/errors.js';
import type { BinlogRule } from '../vreplication/binlog-source.js';

/** Maps a column value to a keyspace id (lower-case hex), or undefined when it maps nowhere. */
export type KeyspaceIdFunction = (value: SqlValue) => string | undefined;

/**
 * Resolves the vindex named in an in_keyrange filter (`customer.hash`, or a bare vindex name or type
 * like `hash`). The cluster provides it from the vschema in topo and vtgate's vindex implementations;
 * it throws Vitess's error when the name resolves to nothing usable.
 */
export type VindexResolver = ((name: string) => KeyspaceIdFunction | undefined) & {
  /**
   * The primary vindex of a table in the vschema of the keyspace whose database is `dbName` (the
   * vstreamer's local vschema), for bare key-range filters such as Reshard's `-80`. Throws Vitess's
   * error when the table or its vindex is missing.
   */
  primaryVindex?: (dbName: string, table: string) => { column: string; vindex: string };
};

/** A parsed filter query, before it meets a table's columns. */
export interface ParsedFilter {
  table: string;
  /** `select *` */
  selectAll: boolean;
  /** Output column name and the source column it reads, in select order. */
  exprs: Array<{ name: string; source: string }>;
  keyRange?: { column: string; vindex: string; range: KeyRange };
  /** A bare key-range filter: rows whose keyspace id, by the table's primary vindex, is in the range. */
  primaryVindexRange?: KeyRange;
  equals: Array<{ column: string; value: SqlValue }>;
  /** The `exclude` filter: the table matches, but none of its rows are streamed. */
  excluded?: boolean;
}

/**
 * The filter of a rule that keeps a table out of a stream: Reshard adds one per reference table, ahead
 * of its `/.*` rule (resharder.go createStreams), because reference tables are not split by key range.
 * Vitess's target plan skips such tables (table_plan_builder.go ExcludeStr).
 */
export const EXCLUDE_FILTER = 'exclude';

/** What the streamers send for one source table. */
export interface TableStreamPlan {
  /** The source table. */
  table: string;
  rule: BinlogRule;
  /** Output column names (what the target sees). */
  columns: string[];
  /** For each output column, its index in the source row image. */
  sourceIndexes: number[];
  /** True when the output is the source row as is (no projection needed). */
  identity: boolean;
  /** Keeps a source row image or drops it. */
  keep: (image: readonly SqlValue[]) => boolean;
  /** The source column names the filter reads (for error messages and the row streamer). */
  sourceColumns: readonly string[];
}

interface Tok {
  kind: 'id' | 'str' | 'num' | 'op';
  text: string;
}

function lex(sql: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '`') {
      const j = sql.indexOf('`', i + 1);
      if (j < 0) throw unsupported(sql);
      out.push({ kind: 'id', text: sql.slice(i + 1, j) });
      i = j + 1;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let s = '';
      while (j < sql.length && sql[j] !== c) {
        if (sql[j] === '\\' && j + 1 < sql.length) {
          s += sql[j + 1];
          j += 2;
        } else {
          s += sql[j];
          j++;
        }
      }
      out.push({ kind: 'str', text: s });
      i = j + 1;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(sql[i + 1] ?? '') && out[out.length - 1]?.kind === 'op')) {
      let j = i + 1;
      while (j < sql.length && /[0-9.]/.test(sql[j] as string)) j++;
      out.push({ kind: 'num', text: sql.slice(i, j) });
      i = j;
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_$]/.test(sql[j] as string)) j++;
      out.push({ kind: 'id', text: sql.slice(i, j) });
      i = j;
    } else {
      out.push({ kind: 'op', text: c });
      i++;
    }
  }
  return out;
}

function unsupported(filter: string): Error {
  return vtError('FAILED_PRECONDITION', `unsupported filter: ${filter}`);
}

function isKeyword(t: Tok | undefined, kw: string): boolean {
  return t?.kind === 'id' && t.text.toLowerCase() === kw;
}

/** Parses a rule's filter for a matched table. '' means every column and row of the table. */
export function parseFilter(rule: BinlogRule, table: string): ParsedFilter {
  const text = rule.filter.trim();
  if (text === '') return { table, selectAll: true, exprs: [], equals: [] };
  if (text === EXCLUDE_FILTER) return { table, selectAll: true, exprs: [], equals: [], excluded: true };
  const bare = /^select\b/i.test(text) ? undefined : parseShardName(text);
  if (bare) {
    // buildREPlan: every column, rows filtered by the table's primary vindex (resolved in buildTablePlan).
    return { table, selectAll: true, exprs: [], equals: [], primaryVindexRange: bare };
  }
  const toks = lex(text);
  let i = 0;
  if (!isKeyword(toks[i++], 'select')) throw unsupported(text);
  const parsed: ParsedFilter = { table, selectAll: false, exprs: [], equals: [] };
  for (;;) {
    const t = toks[i];
    if (t?.kind === 'op' && t.text === '*') {
      parsed.selectAll = true;
      i++;
    } else if (t?.kind === 'id') {
      i++;
      let name = t.text;
      if (isKeyword(toks[i], 'as')) {
        i++;
        const alias = toks[i++];
        if (alias?.kind !== 'id') throw unsupported(text);
        name = alias.text;
      }
      parsed.exprs.push({ name, source: t.text });
    } else {
      throw unsupported(text);
    }
    if (toks[i]?.kind === 'op' && toks[i]?.text === ',') {
      i++;
      continue;
    }
    break;
  }
  if (!isKeyword(toks[i++], 'from')) throw unsupported(text);
  const from = toks[i++];
  if (from?.kind !== 'id') throw unsupported(text);
  parsed.table = from.text;
  if (i < toks.length) {
    if (!isKeyword(toks[i++], 'where')) throw unsupported(text);
    for (;;) {
      const t = toks[i];
      if (isKeyword(t, 'in_keyrange')) {
        i++;
        if (toks[i++]?.text !== '(') throw unsupported(text);
        const args: Tok[] = [];
        while (i < toks.length && toks[i]?.text !== ')') {
          const a = toks[i++] as Tok;
          if (a.kind !== 'op') args.push(a);
        }
        i++;
        if (args.length !== 3 || args[0]?.kind !== 'id' || args[2]?.kind !== 'str') {
          throw vtError('FAILED_PRECONDITION', `unsupported: in_keyrange without a column and a vindex: ${text}`);
        }
        const range = parseShardName(args[2].text);
        if (!range) throw vtError('FAILED_PRECONDITION', `malformed spec: doesn't define a range: "${args[2].text}"`);
        parsed.keyRange = { column: args[0].text, vindex: (args[1] as Tok).text, range };
      } else if (t?.kind === 'id') {
        i++;
        if (toks[i++]?.text !== '=') throw unsupported(text);
        const v = toks[i++];
        if (v?.kind === 'num') parsed.equals.push({ column: t.text, value: Number(v.text) });
        else if (v?.kind === 'str') parsed.equals.push({ column: t.text, value: v.text });
        else throw unsupported(text);
      } else {
        throw unsupported(text);
      }
      if (isKeyword(toks[i], 'and')) {
        i++;
        continue;
      }
      if (i < toks.length) throw unsupported(text);
      break;
    }
  }
  return parsed;
}

/**
 * The first rule matching a source table (`/regexp` rules match by regular expression), if any. A
 * table whose first matching rule is `exclude` matches nothing: it is not streamed (MatchTable, then
 * buildTablePlan returning no plan for ExcludeStr).
 */
export function matchRule(rules: readonly BinlogRule[], table: string): BinlogRule | undefined {
  for (const r of rules) {
    const hit = r.match.startsWith('/') ? new RegExp(`^(?:${r.match.slice(1)})$`).test(table) : r.match === table;
    if (hit) return r.filter.trim() === EXCLUDE_FILTER ? undefined : r;
  }
  return undefined;
}

/** Builds the plan of one source table from its rule and the table's current columns. */
export function buildTablePlan(
  rule: BinlogRule,
  table: string,
  sourceColumns: readonly string[],
  resolveVindex: VindexResolver | undefined,
  /** The source database (the vstreamer's keyspace), for bare key-range filters. */
  dbName = '',
): TableStreamPlan {
  const parsed = parseFilter(rule, table);
  if (parsed.primaryVindexRange) {
    const pv = resolveVindex?.primaryVindex?.(dbName, table);
    if (!pv) throw vtError('FAILED_PRECONDITION', `table ${table} not found`);
    parsed.keyRange = { column: pv.column, vindex: pv.vindex, range: parsed.primaryVindexRange };
  }
  const lower = sourceColumns.map((c) => c.toLowerCase());
  const indexOf = (name: string): number => {
    const i = lower.indexOf(name.toLowerCase());
    if (i < 0) throw vtError('FAILED_PRECONDITION', `column ${name} not found in table ${table}`);
    return i;
  };
  let columns: string[];
  let sourceIndexes: number[];
  if (parsed.selectAll) {
    columns = [...sourceColumns];
    sourceIndexes = sourceColumns.map((_, i) => i);
    for (const e of parsed.exprs) {
      columns.push(e.name);
      sourceIndexes.push(indexOf(e.source));
    }
  } else {
    columns = parsed.exprs.map((e) => e.name);
    sourceIndexes = parsed.exprs.map((e) => indexOf(e.source));
  }
  const identity = sourceIndexes.length === sourceColumns.length && sourceIndexes.every((x, i) => x === i);
  const checks: Array<(image: readonly SqlValue[]) => boolean> = [];
  for (const eq of parsed.equals) {
    const at = indexOf(eq.column);
    checks.push((img) => looseEquals(img[at] ?? null, eq.value));
  }
  if (parsed.keyRange) {
    const kr = parsed.keyRange;
    const at = indexOf(kr.column);
    // Without a resolver (a tablet built outside a cluster) no vindex can be computed.
    const fn = resolveVindex?.(kr.vindex);
    if (!fn) throw vtError('FAILED_PRECONDITION', `vindex ${kr.vindex} not found`);
    checks.push((img) => {
      const ksid = fn(img[at] ?? null);
      return ksid !== undefined && keyRangeContains(kr.range, ksid);
    });
  }
  // An excluded table's copy finds nothing to send.
  if (parsed.excluded) checks.push(() => false);
  const keep = checks.length === 0 ? () => true : (img: readonly SqlValue[]) => checks.every((c) => c(img));
  return { table, rule, columns, sourceIndexes, identity, keep, sourceColumns };
}

/** Projects a kept source image onto the plan's output columns. */
export function project(plan: TableStreamPlan, image: readonly SqlValue[]): SqlValue[] {
  if (plan.identity) return image as SqlValue[];
  return plan.sourceIndexes.map((i) => image[i] ?? null);
}

/** MySQL's `col = literal` for the literals a filter may hold (numbers compare numerically). */
function looseEquals(a: SqlValue, b: SqlValue): boolean {
  if (a === null || b === null) return false;
  if (typeof b === 'number') return Number(a) === b;
  return String(a) === String(b);
}

/** The source table a rule reads: the FROM of its select, or the match itself. */
export function sourceTableOf(rule: BinlogRule): string {
  const f = rule.filter.trim();
  if (!/^select\b/i.test(f)) return rule.match;
  return parseFilter(rule, rule.match).table;
}

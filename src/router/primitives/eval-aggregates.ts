// MIN and MAX for vtgate's in-memory evaluation with MySQL's semantics. alasql's own MIN/MAX compare
// numbers only (a string column's MIN comes back NULL), so the evaluated statement calls these
// instead: NULLs are skipped, numbers compare numerically, strings as MySQL's default collation
// (utf8mb4_0900_ai_ci) does, case-insensitively.
// Mirrors the role of go/vt/vtgate/engine/aggregations.go (AggregateMin/AggregateMax over shard rows).

import alasql from 'alasql';
import type { Node } from '../sqlparser/ast.js';
import { walk } from '../sqlparser/ast.js';

const NAMES: Record<string, string> = { MIN: 'VTSIM_MIN', MAX: 'VTSIM_MAX' };

/** MySQL's order of two non-NULL values: numbers by value, anything else as case-insensitive text. */
function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a).toLowerCase();
  const y = String(b).toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** alasql's aggregator protocol: stage 1 starts with the first value, stage 2 folds in the next. */
function aggregator(keep: (c: number) => boolean) {
  return (value: unknown, acc: unknown, stage: number): unknown => {
    if (stage === 1) return value ?? null;
    if (stage === 2) {
      if (value === null || value === undefined) return acc;
      if (acc === null || acc === undefined) return value;
      return keep(compare(value, acc)) ? value : acc;
    }
    return acc;
  };
}

let registered = false;

/** Points the statement's MIN/MAX calls at the MySQL-semantics aggregators (registered once). */
export function useMysqlMinMax(ast: Node): void {
  if (!registered) {
    const aggr = alasql.aggr as Record<string, unknown>;
    aggr[NAMES.MIN as string] = aggregator((c) => c < 0);
    aggr[NAMES.MAX as string] = aggregator((c) => c > 0);
    registered = true;
  }
  walk(ast, (n) => {
    if (n['type'] !== 'aggr_func' || typeof n['name'] !== 'string') return;
    const name = NAMES[(n['name'] as string).toUpperCase()];
    if (name !== undefined) n['name'] = name;
  });
}

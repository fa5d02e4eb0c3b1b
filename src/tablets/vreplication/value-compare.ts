// Comparing column values the way the tablet's database orders them, so that "is this row at or
// below the last copied primary key" (copy phase) and "which side is ahead" (VDiff's merge join) agree
// with `ORDER BY pk` on the source.
// Mirrors go/vt/vtgate/evalengine NullsafeCompare with the column's collation: NULL sorts first,
// numbers numerically, strings by collation (vtsim stores *_ci columns as SQLite NOCASE, which folds
// ASCII only), bytes bytewise.

import type { SqlValue } from '../../common/sql-types.js';
import type { TableDef } from '../sql/table-def.js';
import { DEFAULT_COLLATION, findColumn } from '../sql/table-def.js';

export type ValueComparator = (a: SqlValue, b: SqlValue) => number;

function rank(v: SqlValue): number {
  if (v === null) return 0;
  if (typeof v === 'number' || typeof v === 'bigint') return 1;
  if (typeof v === 'string') return 2;
  return 3;
}

function compareNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    if (typeof a === 'number' && !Number.isInteger(a)) return a < Number(b) ? -1 : a > Number(b) ? 1 : 0;
    if (typeof b === 'number' && !Number.isInteger(b)) return Number(a) < b ? -1 : Number(a) > b ? 1 : 0;
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return a.length - b.length < 0 ? -1 : a.length > b.length ? 1 : 0;
}

function foldAscii(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

function makeComparator(nocase: boolean): ValueComparator {
  return (a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return ra < rb ? -1 : 1;
    switch (ra) {
      case 0:
        return 0;
      case 1:
        return compareNumbers(a as number | bigint, b as number | bigint);
      case 2: {
        const x = nocase ? foldAscii(a as string) : (a as string);
        const y = nocase ? foldAscii(b as string) : (b as string);
        return x < y ? -1 : x > y ? 1 : 0;
      }
      default:
        return compareBytes(a as Uint8Array, b as Uint8Array);
    }
  };
}

export const compareBinary: ValueComparator = makeComparator(false);
export const compareNocase: ValueComparator = makeComparator(true);

/** The comparator of one column of a table (binary when the definition is unknown). */
export function columnComparator(def: TableDef | undefined, column: string): ValueComparator {
  const c = def ? findColumn(def, column) : undefined;
  if (!c || c.sqliteType !== 'TEXT') return compareBinary;
  return (c.collate ?? DEFAULT_COLLATION).toLowerCase().endsWith('_ci') ? compareNocase : compareBinary;
}

/** Compares two rows on the given column indexes with per-column comparators (lexicographic). */
export function compareTuples(
  a: readonly SqlValue[],
  ai: readonly number[],
  b: readonly SqlValue[],
  bi: readonly number[],
  comparators: readonly ValueComparator[],
): number {
  for (let k = 0; k < ai.length; k++) {
    const c = (comparators[k] as ValueComparator)(a[ai[k] as number] ?? null, b[bi[k] as number] ?? null);
    if (c !== 0) return c;
  }
  return 0;
}

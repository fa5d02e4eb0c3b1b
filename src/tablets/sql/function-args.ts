// The plumbing of the tablet's MySQL functions: argument types, MySQL's reading of text and numbers,
// arity checks with MySQL's errors, and registration on a sql.js database (fixed or variadic arity).
// Shared by functions.ts and functions-more.ts.
// Mirrors MySQL's Item_func argument handling; nothing in Vitess.

import type { Database } from 'sql.js';
import { udfErrorMessage } from './mysql-errors.js';
import { parseMysqlTime } from './mysql-time.js';

export type SqlArg = number | string | Uint8Array | null;
export type SqlResult = number | string | Uint8Array | null;
export type Fn = (...args: SqlArg[]) => SqlResult;

export function fail(errno: number, state: string, message: string): never {
  throw new Error(udfErrorMessage(errno, state, message));
}

export function argCount(name: string, args: readonly unknown[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    fail(1582, '42000', `Incorrect parameter count in the call to native function '${name}'`);
  }
}

export function text(v: SqlArg): string {
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return String(v);
}

/** MySQL's numeric reading of a value: leading number of a string, else 0. */
export function num(v: SqlArg): number {
  if (typeof v === 'number') return v;
  if (v === null) return 0;
  const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(text(v));
  return m ? Number(m[0]) : 0;
}

/** Registers `fn` for any number of arguments (sql.js uses fn.length; -1 means variadic). */
export function variadic(db: Database, name: string, fn: Fn): void {
  Object.defineProperty(fn, 'length', { value: -1 });
  db.create_function(name, fn);
}

/** Registers `fn` for exactly `n` arguments (to replace a built-in of that arity). */
export function fixed(db: Database, name: string, n: number, fn: Fn): void {
  Object.defineProperty(fn, 'length', { value: n });
  db.create_function(name, fn);
}

export function timeArg(v: SqlArg): ReturnType<typeof parseMysqlTime> {
  return parseMysqlTime(v instanceof Uint8Array ? text(v) : v);
}

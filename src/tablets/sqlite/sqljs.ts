// The one file that loads the SQLite driver (sql.js: SQLite compiled to WebAssembly).
// We load the build with the WASM inlined so nothing is read from disk at run time (the single
// executable embeds it). initSqlJs is memoised: every database of the process shares one WASM heap.

import initSqlJs from 'sql.js/dist/sql-wasm-inline.js';
import type { SqlJsStatic, Database } from 'sql.js';

let loading: Promise<SqlJsStatic> | undefined;
let loaded: SqlJsStatic | undefined;

/** Loads sql.js once per process. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= initSqlJs().then((s) => (loaded = s));
  return loading;
}

/** The loaded module; throws if loadSqlJs() has not completed (a programmer error). */
export function sqlJs(): SqlJsStatic {
  if (!loaded) throw new Error('[BUG] sql.js used before loadSqlJs() resolved');
  return loaded;
}

export type { Database, SqlJsStatic };

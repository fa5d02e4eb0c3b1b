// The result of translating one MySQL statement for a tablet's SQLite database: what kind of
// statement it is, which tables it touches, the SQLite statements to run, and for DDL the table
// definitions before and after. (Types only; translate.ts produces them.)
// Mirrors go/vt/sqlparser/ast_funcs.go StatementType / Preview (statement classification).

import type { TableDef } from './table-def.js';
import type { InsertValues } from './insert-values.js';

export type StatementKind =
  | 'select'
  | 'insert'
  | 'update'
  | 'delete'
  | 'replace'
  | 'create_table'
  | 'drop_table'
  | 'alter_table'
  | 'rename_table'
  | 'truncate'
  | 'create_index'
  | 'drop_index'
  | 'create_database'
  | 'drop_database'
  | 'begin'
  | 'commit'
  | 'rollback'
  | 'set'
  | 'use'
  | 'show'
  | 'lock_tables'
  | 'unlock_tables'
  | 'other';

export interface SchemaLookup {
  /**
   * The definition of a table, by lower-cased name: `t` for the tablet's own database, `_vt.t` for
   * the sidecar schema. Undefined when the table does not exist.
   */
  getTable(name: string): TableDef | undefined;
}

export interface TranslateOptions {
  /** e.g. 'vt_commerce': a qualifier equal to it is stripped; '_vt' qualifiers are kept (the sidecar schema is ATTACHed as _vt). */
  dbName: string;
}

/** What a DDL statement did to the schema. Names are as created (`_vt.name` for sidecar tables). */
export interface DdlEffect {
  created?: TableDef;
  dropped?: string[];
  altered?: { before: string; after: TableDef };
  renamed?: Array<[from: string, to: string]>;
  /** CREATE TABLE IF NOT EXISTS of an existing table: nothing happened (MySQL gives a note). */
  ifNotExistsSkipped?: boolean;
}

/** One assignment of a SET statement. */
export interface SetAssignment {
  /** 'user' for @x, 'global'/'session' for system variables (session when unqualified). */
  scope: 'session' | 'global' | 'user';
  /** Lower-cased variable name (`autocommit`, `sql_mode`, `names`, `transaction_isolation`...). */
  name: string;
  /** The value: a string literal's text, a number, or a keyword (`ON`, `DEFAULT`) as written. */
  value: string;
}

export interface Translated {
  kind: StatementKind;
  /** Tables read or written, lower-case, unqualified, sidecar ones as '_vt.name'. */
  tables: string[];
  isWrite: boolean;
  isDdl: boolean;
  /** Statements for SQLite, in order (empty for statements the tablet handles itself). */
  sqlite: string[];
  ddl?: DdlEffect;
  /** SET statements: the assignments, when they could be read. */
  set?: SetAssignment[];
  /** A plain INSERT ... VALUES: where each inserted value comes from (so the server can log it directly). */
  insertValues?: InsertValues;
}

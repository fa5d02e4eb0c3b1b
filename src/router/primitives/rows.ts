// Rows: a result vtgate computes itself (SHOW KEYSPACES, SHOW VSCHEMA TABLES, SELECT @@version ...).
// Mirrors go/vt/vtgate/engine/rows.go. `compute` runs at execution so session-dependent values
// (the target string, LAST_INSERT_ID) are current.

import type { BindVars, QueryResult } from '../../common/sql-types.js';
import type { Primitive, PrimitiveDescription, ShardQuery, VCursor } from './primitive.js';

export class Rows implements Primitive {
  readonly isDml = false;

  constructor(
    private readonly name: string,
    private readonly compute: (vc: VCursor, bindVars: BindVars) => QueryResult,
  ) {}

  execute(vc: VCursor, bindVars: BindVars): QueryResult {
    return this.compute(vc, bindVars);
  }

  shardQueries(): ShardQuery[] {
    return [];
  }

  describe(): PrimitiveDescription {
    return { operatorType: 'Rows', other: { Computes: this.name } };
  }
}

/** A VARCHAR-only result, as vtgate builds for its SHOW answers (buildVarCharFields / Rows). */
export function varcharResult(names: readonly string[], rows: readonly (readonly string[])[]): QueryResult {
  return {
    fields: names.map((name) => ({ name, type: 'VARCHAR' as const })),
    rows: rows.map((r) => [...r]),
    rowsAffected: 0,
    insertId: 0,
  };
}

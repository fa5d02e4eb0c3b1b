// Projection over a single row: a SELECT without tables whose expressions vtgate can evaluate itself
// (literals, database(), last_insert_id(), @user variables, @@version ...), answered without a tablet.
// Mirrors go/vt/vtgate/engine/projection.go over engine/singlerow.go (the evalengine does the work in
// Vitess; vtsim only evaluates constants and bind variables).

import type { BindVars, Field, FieldType, QueryResult, SqlValue } from '../../common/sql-types.js';
import { fieldTypeOfValue } from '../../common/sql-types.js';
import type { Primitive, PrimitiveDescription, ShardQuery, VCursor } from './primitive.js';

/** A projected column: a constant or a bind variable, with the column's name. */
export interface ProjectedColumn {
  name: string;
  expr: { kind: 'value'; value: SqlValue } | { kind: 'param'; name: string };
  /** Forces a type (LAST_INSERT_ID() is UINT64); otherwise taken from the value. */
  type?: FieldType;
}

export class Projection implements Primitive {
  readonly isDml = false;

  constructor(readonly columns: readonly ProjectedColumn[]) {}

  execute(_vc: VCursor, bindVars: BindVars): QueryResult {
    const row: SqlValue[] = [];
    const fields: Field[] = [];
    for (const c of this.columns) {
      const v = c.expr.kind === 'value' ? c.expr.value : (bindVars[c.expr.name] ?? null);
      row.push(v);
      fields.push({ name: c.name, type: c.type ?? fieldTypeOfValue(v) });
    }
    return { fields, rows: [row], rowsAffected: 0, insertId: 0 };
  }

  shardQueries(): ShardQuery[] {
    return [];
  }

  describe(): PrimitiveDescription {
    return { operatorType: 'Projection', other: { Columns: this.columns.map((c) => c.name).join(', ') }, inputs: [{ operatorType: 'SingleRow' }] };
  }
}

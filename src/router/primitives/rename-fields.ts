// RenameFields: renames columns of its input's result (SHOW TABLES answers with Tables_in_<db>).
// Mirrors go/vt/vtgate/engine/rename_fields.go.

import type { BindVars, QueryResult } from '../../common/sql-types.js';
import type { Primitive, PrimitiveDescription, ShardQuery, VCursor } from './primitive.js';

export class RenameFields implements Primitive {
  readonly isDml = false;

  constructor(
    private readonly input: Primitive,
    private readonly names: Record<number, string>,
  ) {}

  execute(vc: VCursor, bindVars: BindVars): QueryResult {
    const r = this.input.execute(vc, bindVars);
    return { ...r, fields: r.fields.map((f, i) => (this.names[i] !== undefined ? { ...f, name: this.names[i] } : f)) };
  }

  shardQueries(vc: VCursor, bindVars: BindVars): ShardQuery[] {
    return this.input.shardQueries(vc, bindVars);
  }

  describe(): PrimitiveDescription {
    return {
      operatorType: 'RenameFields',
      other: { Columns: Object.values(this.names).join(', ') },
      inputs: [this.input.describe()],
    };
  }
}

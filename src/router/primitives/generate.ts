// Generate: fills an INSERT's auto_increment column from the table's sequence before the insert runs,
// binding `:__seq0`, `:__seq1`... (one per row) and reporting the first value as the insert id.
// Mirrors go/vt/vtgate/engine/insert_common.go (Generate: `select next :n values from seq` on the
// sequence's keyspace, processGenerateFromValues) and vttablet's execNextval (the cached block).

import type { BindVars, QueryResult } from '../../common/sql-types.js';
import type { Table } from '../vschema.js';
import type { Primitive, PrimitiveDescription, ShardQuery, VCursor } from './primitive.js';

/** The bind variable of row i's generated value. */
export function seqVarName(i: number): string {
  return `__seq${i}`;
}

export class Generate implements Primitive {
  readonly isDml = true;

  constructor(
    private readonly input: Primitive,
    readonly sequence: Table,
    readonly rows: number,
  ) {}

  private bind(vc: VCursor, bindVars: BindVars, reserve: boolean): { bv: BindVars; first: number } {
    const ids = vc.sequenceValues(this.sequence, this.rows, reserve);
    const bv: BindVars = { ...bindVars };
    ids.forEach((id, i) => (bv[seqVarName(i)] = id));
    return { bv, first: ids[0] ?? 0 };
  }

  execute(vc: VCursor, bindVars: BindVars): QueryResult {
    const { bv, first } = this.bind(vc, bindVars, true);
    const r = this.input.execute(vc, bv);
    return { ...r, insertId: first };
  }

  shardQueries(vc: VCursor, bindVars: BindVars): ShardQuery[] {
    return this.input.shardQueries(vc, this.bind(vc, bindVars, false).bv);
  }

  describe(): PrimitiveDescription {
    return {
      operatorType: 'Generate',
      keyspace: { name: this.sequence.keyspace.name, sharded: this.sequence.keyspace.sharded },
      other: { Sequence: this.sequence.name, Rows: String(this.rows) },
      inputs: [this.input.describe()],
    };
  }
}

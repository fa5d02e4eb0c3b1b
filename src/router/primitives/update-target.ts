// UpdateTarget: `use <target>` changes the session's target (keyspace, shard, tablet type).
// Mirrors go/vt/vtgate/engine/update_target.go, with the checks of executorcontext/vcursor_impl.go
// SetTarget (an unknown keyspace is VT05003; a non-primary target inside a transaction is refused).

import type { BindVars, QueryResult } from '../../common/sql-types.js';
import type { Primitive, PrimitiveDescription, ShardQuery, VCursor } from './primitive.js';
import { parseDestination } from '../destination.js';
import { VT05003, vtgateError } from '../vt-errors.js';
import { isSystemSchema } from '../sqlparser/ast.js';

export class UpdateTarget implements Primitive {
  readonly isDml = false;

  constructor(readonly target: string) {}

  execute(vc: VCursor, _bindVars: BindVars): QueryResult {
    const d = parseDestination(this.target, 'PRIMARY');
    if (d.keyspace !== '' && !isSystemSchema(d.keyspace) && !vc.view.vschema.keyspaces.has(d.keyspace)) {
      throw VT05003(d.keyspace);
    }
    if (vc.session().inTransaction() && d.tabletType !== 'PRIMARY') {
      throw vtgateError(
        'INVALID_ARGUMENT',
        "can't execute the given command because you have an active transaction",
        'LockOrActiveTransaction',
      );
    }
    vc.session().setTarget(this.target);
    return { fields: [], rows: [], rowsAffected: 0, insertId: 0 };
  }

  shardQueries(): ShardQuery[] {
    return [];
  }

  describe(): PrimitiveDescription {
    return { operatorType: 'UpdateTarget', other: { target: this.target } };
  }
}

// Set: applies a SET statement to the session: autocommit, transaction_mode and @user variables are
// vtgate's own; other system variables are accepted and ignored (vtsim's tablets have no such knobs).
// Mirrors go/vt/vtgate/engine/set.go (SetOps: UserDefinedVariable, SysVarSetAware for autocommit and
// transaction_mode, SysVarIgnore for the rest).

import type { BindVars, QueryResult, SqlValue } from '../../common/sql-types.js';
import type { SetAssignment } from '../sqlparser/vitess-statements.js';
import type { TransactionMode } from '../session.js';
import type { Primitive, PrimitiveDescription, ShardQuery, VCursor } from './primitive.js';
import { VT12001, vtgateError } from '../vt-errors.js';

function wrongValue(name: string, value: string) {
  return vtgateError('INVALID_ARGUMENT', `Variable '${name}' can't be set to the value of '${value}'`, 'WrongValueForVar');
}

function asText(v: SetAssignment['value']): string {
  switch (v.kind) {
    case 'value':
      return v.value === null ? 'NULL' : String(v.value);
    case 'word':
      return v.word;
    case 'default':
      return 'DEFAULT';
    case 'expr':
      return v.text;
  }
}

function asBoolean(name: string, v: SetAssignment['value']): boolean {
  if (v.kind === 'default') return true;
  if (v.kind === 'value' && (v.value === 1 || v.value === 0)) return v.value === 1;
  if (v.kind === 'value' && typeof v.value === 'string' && /^(on|off|1|0|true|false)$/i.test(v.value)) {
    return /^(on|1|true)$/i.test(v.value);
  }
  if (v.kind === 'word' && /^(on|off)$/.test(v.word)) return v.word === 'on';
  throw wrongValue(name, asText(v));
}

export class SetOps implements Primitive {
  readonly isDml = false;

  constructor(readonly assignments: readonly SetAssignment[]) {}

  execute(vc: VCursor, _bindVars: BindVars): QueryResult {
    const s = vc.session();
    for (const a of this.assignments) {
      if (a.scope === 'user') {
        s.setUserVar(a.name, this.userValue(a));
        continue;
      }
      if (a.scope !== 'session') continue; // SET GLOBAL / PERSIST: nothing in vtsim to change.
      switch (a.name) {
        case 'autocommit':
          s.setAutocommit(asBoolean('autocommit', a.value));
          break;
        case 'transaction_mode': {
          const text = a.value.kind === 'default' ? 'unspecified' : asText(a.value).toLowerCase();
          const mode = ({ single: 'SINGLE', multi: 'MULTI', twopc: 'TWOPC', unspecified: 'UNSPECIFIED' } as Record<string, TransactionMode>)[text];
          if (mode === undefined) throw vtgateError('INVALID_ARGUMENT', `invalid transaction_mode: ${asText(a.value)}`, 'WrongValueForVar');
          if (mode === 'TWOPC') throw VT12001('transaction_mode TWOPC in vtsim');
          s.setTransactionMode(mode);
          break;
        }
        default:
          break; // accepted and ignored
      }
    }
    return { fields: [], rows: [], rowsAffected: 0, insertId: 0 };
  }

  private userValue(a: SetAssignment): SqlValue {
    const v = a.value;
    if (v.kind === 'value') return v.value;
    if (v.kind === 'word') {
      throw vtgateError('INVALID_ARGUMENT', `Unknown column '${v.word}' in 'field list'`, 'BadFieldError');
    }
    if (v.kind === 'default') throw wrongValue(a.name, 'DEFAULT');
    throw VT12001(`SET @${a.name} to an expression in vtsim (use a literal value)`);
  }

  shardQueries(): ShardQuery[] {
    return [];
  }

  describe(): PrimitiveDescription {
    return { operatorType: 'Set', other: { Variables: this.assignments.map((a) => (a.scope === 'user' ? `@${a.name}` : a.name)).join(', ') } };
  }
}

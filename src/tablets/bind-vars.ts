// How vttablet prints bind variables in error messages: `BindVars: {vtg1: "type:INT64 value:\"1\""}`.
// Mirrors go/vt/sqlparser/utils.go / tabletserver's sqltypes.FormatBindVariables (prototext of each
// querypb.BindVariable, keys sorted).

import type { BindVars, SqlValue } from '../common/sql-types.js';

function typeOf(v: SqlValue): string {
  if (v === null) return 'NULL_TYPE';
  if (typeof v === 'bigint') return 'INT64';
  if (typeof v === 'number') return Number.isInteger(v) ? 'INT64' : 'FLOAT64';
  if (v instanceof Uint8Array) return 'VARBINARY';
  return 'VARCHAR';
}

function valueText(v: SqlValue): string {
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return String(v);
}

export function formatBindVars(bindVars: BindVars): string {
  const keys = Object.keys(bindVars).sort();
  const parts = keys.map((k) => {
    const v = bindVars[k] ?? null;
    const body = v === null ? 'type:NULL_TYPE' : `type:${typeOf(v)} value:\\"${valueText(v).replace(/"/g, '\\\\\\"')}\\"`;
    return `${k}: "${body}"`;
  });
  return `{${parts.join(', ')}}`;
}

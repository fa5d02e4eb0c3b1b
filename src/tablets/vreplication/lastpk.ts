// The last primary key copied for a table, as `_vt.copy_state.lastpk` stores it: a prototext
// query.QueryResult with the PK fields and one row, e.g.
//   fields:{name:"customer_id" type:INT64 charset:63 flags:49667} rows:{lengths:1 values:"5"}
// (a row's values are concatenated; `lengths` splits them, -1 for NULL).
// Mirrors go/vt/vttablet/tabletmanager/vreplication/vcopier.go insertCopyState (prototext.Marshal of
// the pk fields and lastpk row), and the field flags MySQL reports (include/mysql_com.h).

import type { FieldType, SqlValue } from '../../common/sql-types.js';
import { fieldTypeOfMysqlType, isNumericFieldType } from '../../common/sql-types.js';
import type { TableDef } from '../sql/table-def.js';
import { findColumn } from '../sql/table-def.js';
import { parseProto, protoMessages, protoString, protoStrings, quoteProto } from './prototext.js';
import type { ProtoMessage } from './prototext.js';

export interface PkField {
  name: string;
  type: FieldType;
  charset: number;
  flags: number;
}

/** MySQL column flags (include/mysql_com.h). */
const NOT_NULL_FLAG = 1;
const PRI_KEY_FLAG = 2;
const BINARY_FLAG = 128;
const AUTO_INCREMENT_FLAG = 512;
const NO_DEFAULT_VALUE_FLAG = 4096;
const PART_KEY_FLAG = 16384;
const NUM_FLAG = 32768;
const UNSIGNED_FLAG = 32;

/** collation ids: binary (63) for numbers and bytes, utf8mb4_0900_ai_ci (255) for text. */
const CHARSET_BINARY = 63;
const CHARSET_UTF8MB4 = 255;

/** The fields of a table's primary-key columns, as the row streamer reports them. */
export function pkFieldsOf(def: TableDef | undefined, pkColumns: readonly string[]): PkField[] {
  return pkColumns.map((name) => {
    const c = def ? findColumn(def, name) : undefined;
    const type = c ? fieldTypeOfMysqlType(c.mysqlType) : 'INT64';
    const numeric = isNumericFieldType(type);
    const binary = numeric || type === 'VARBINARY' || type === 'BLOB';
    let flags = PRI_KEY_FLAG | PART_KEY_FLAG;
    if (!c || !c.nullable) flags |= NOT_NULL_FLAG;
    if (c?.autoIncrement) flags |= AUTO_INCREMENT_FLAG;
    else if (c && !c.nullable && c.defaultSql === undefined) flags |= NO_DEFAULT_VALUE_FLAG;
    if (numeric) flags |= NUM_FLAG;
    if (c && /unsigned/i.test(c.mysqlType)) flags |= UNSIGNED_FLAG;
    if (binary && !numeric) flags |= BINARY_FLAG;
    return { name: c?.name ?? name, type, charset: binary ? CHARSET_BINARY : CHARSET_UTF8MB4, flags };
  });
}

function valueText(v: SqlValue): string | null {
  if (v === null) return null;
  if (v instanceof Uint8Array) {
    let s = '';
    for (const b of v) s += String.fromCharCode(b);
    return s;
  }
  return String(v);
}

/** The prototext of a lastpk QueryResult. */
export function encodeLastPk(fields: readonly PkField[], row: readonly SqlValue[]): string {
  const fs = fields.map((f) => `fields:{name:${quoteProto(f.name)} type:${f.type} charset:${f.charset} flags:${f.flags}}`);
  const lengths: string[] = [];
  let values = '';
  for (const v of row) {
    const t = valueText(v);
    if (t === null) {
      lengths.push('lengths:-1');
    } else {
      lengths.push(`lengths:${new TextEncoder().encode(t).length}`);
      values += t;
    }
  }
  const rowText = values === '' ? lengths.join(' ') : `${lengths.join(' ')} values:${quoteProto(values)}`;
  return `${fs.join(' ')} rows:{${rowText}}`;
}

export interface LastPk {
  fields: PkField[];
  /** The values of the last copied row's PK columns, typed back from the field types. */
  row: SqlValue[];
}

/** Parses a stored lastpk; undefined for NULL/empty (nothing copied yet). */
export function decodeLastPk(text: string | null | undefined): LastPk | undefined {
  if (text === null || text === undefined || text === '') return undefined;
  return decodeLastPkMessage(parseProto(text));
}

/** Decodes an already parsed QueryResult message (e.g. VDiffTableLastPK's `target`). */
export function decodeLastPkMessage(m: ProtoMessage): LastPk {
  const fields: PkField[] = protoMessages(m, 'fields').map((f) => ({
    name: protoString(f, 'name'),
    type: (protoString(f, 'type') || 'VARCHAR') as FieldType,
    charset: Number(protoString(f, 'charset') || 0),
    flags: Number(protoString(f, 'flags') || 0),
  }));
  const row = protoMessages(m, 'rows')[0];
  if (!row) return { fields, row: [] };
  const lengths = protoStrings(row, 'lengths').map(Number);
  // Lengths count UTF-8 bytes; slice on the encoded bytes.
  const bytes = new TextEncoder().encode(protoString(row, 'values'));
  const decoder = new TextDecoder();
  const values: SqlValue[] = [];
  let at = 0;
  lengths.forEach((n, i) => {
    if (n < 0) {
      values.push(null);
      return;
    }
    const text = decoder.decode(bytes.subarray(at, at + n));
    at += n;
    const type = fields[i]?.type ?? 'VARCHAR';
    values.push(isNumericFieldType(type) && type !== 'DECIMAL' ? toNumber(text) : text);
  });
  return { fields, row: values };
}

function toNumber(text: string): SqlValue {
  const n = Number(text);
  if (Number.isSafeInteger(n) || !/^-?\d+$/.test(text)) return n;
  return BigInt(text);
}

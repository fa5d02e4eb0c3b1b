// BinlogSource: where a VReplication stream reads from and what it keeps, as stored (prototext) in the
// `source` column of `_vt.vreplication`, e.g.
//   keyspace:"commerce" shard:"0" filter:{rules:{match:"customer" filter:"select * from customer"}}
// The workflow server writes it; the stream's controller reads it back.
// Mirrors proto/binlogdata.proto BinlogSource / Filter / Rule and the field order prototext.Marshal
// prints them in (proto3: fields at their default value are left out: on_ddl IGNORE, stop_after_copy
// false, empty strings).

import type { KeyRange } from '../../common/key-range.js';
import type { TabletType } from '../../common/tablet-alias.js';
import { parseTabletType } from '../../common/tablet-alias.js';
import { parseProto, protoMessage, protoMessages, protoString, protoStrings, quoteProto } from './prototext.js';

/** One filter rule: a table (or `/regexp`) and what to select from it. */
export interface BinlogRule {
  match: string;
  /** `select ... from t [where in_keyrange(...)]`, a key range like `-80`, or '' (everything). */
  filter: string;
}

export type OnDdlAction = 'IGNORE' | 'STOP' | 'EXEC' | 'EXEC_IGNORE';

export interface BinlogSource {
  keyspace: string;
  shard: string;
  tablet_type?: TabletType;
  key_range?: KeyRange | null;
  tables?: string[];
  filter: { rules: BinlogRule[] };
  on_ddl?: OnDdlAction;
  external_mysql?: string;
  stop_after_copy?: boolean;
  external_cluster?: string;
  source_time_zone?: string;
  target_time_zone?: string;
}

const ON_DDL: readonly OnDdlAction[] = ['IGNORE', 'STOP', 'EXEC', 'EXEC_IGNORE'];

/** Key-range bounds are bytes in the proto; ours are hex. */
function hexToProtoBytes(hex: string): string {
  let s = '';
  for (let i = 0; i + 1 < hex.length; i += 2) s += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return s;
}

function protoBytesToHex(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += (s.charCodeAt(i) & 0xff).toString(16).padStart(2, '0');
  return out;
}

function quoteBytes(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) out += s[i];
    else out += '\\x' + c.toString(16).padStart(2, '0');
  }
  return out + '"';
}

/** The prototext Vitess stores in `_vt.vreplication.source`. */
export function formatBinlogSource(b: BinlogSource): string {
  const parts = [`keyspace:${quoteProto(b.keyspace)}`, `shard:${quoteProto(b.shard)}`];
  if (b.tablet_type && b.tablet_type !== 'UNKNOWN') parts.push(`tablet_type:${b.tablet_type}`);
  if (b.key_range && (b.key_range.start !== '' || b.key_range.end !== '')) {
    const kr: string[] = [];
    if (b.key_range.start !== '') kr.push(`start:${quoteBytes(hexToProtoBytes(b.key_range.start))}`);
    if (b.key_range.end !== '') kr.push(`end:${quoteBytes(hexToProtoBytes(b.key_range.end))}`);
    parts.push(`key_range:{${kr.join(' ')}}`);
  }
  for (const t of b.tables ?? []) parts.push(`tables:${quoteProto(t)}`);
  const rules = b.filter.rules.map((r) => {
    const fields = [`match:${quoteProto(r.match)}`];
    if (r.filter !== '') fields.push(`filter:${quoteProto(r.filter)}`);
    return `rules:{${fields.join(' ')}}`;
  });
  parts.push(`filter:{${rules.join(' ')}}`);
  if (b.on_ddl && b.on_ddl !== 'IGNORE') parts.push(`on_ddl:${b.on_ddl}`);
  if (b.external_mysql) parts.push(`external_mysql:${quoteProto(b.external_mysql)}`);
  if (b.stop_after_copy) parts.push('stop_after_copy:true');
  if (b.external_cluster) parts.push(`external_cluster:${quoteProto(b.external_cluster)}`);
  if (b.source_time_zone) parts.push(`source_time_zone:${quoteProto(b.source_time_zone)}`);
  if (b.target_time_zone) parts.push(`target_time_zone:${quoteProto(b.target_time_zone)}`);
  return parts.join(' ');
}

/** Parses the prototext of a `_vt.vreplication.source` column. Unknown fields are ignored. */
export function parseBinlogSource(text: string): BinlogSource {
  const m = parseProto(text);
  const filter = protoMessage(m, 'filter');
  const rules: BinlogRule[] = filter
    ? protoMessages(filter, 'rules').map((r) => ({ match: protoString(r, 'match'), filter: protoString(r, 'filter') }))
    : [];
  const b: BinlogSource = { keyspace: protoString(m, 'keyspace'), shard: protoString(m, 'shard'), filter: { rules } };
  const tt = parseTabletType(protoString(m, 'tablet_type'));
  if (tt && tt !== 'UNKNOWN') b.tablet_type = tt;
  const kr = protoMessage(m, 'key_range');
  if (kr) b.key_range = { start: protoBytesToHex(protoString(kr, 'start')), end: protoBytesToHex(protoString(kr, 'end')) };
  const tables = protoStrings(m, 'tables');
  if (tables.length > 0) b.tables = tables;
  const onDdl = protoString(m, 'on_ddl');
  if ((ON_DDL as readonly string[]).includes(onDdl)) b.on_ddl = onDdl as OnDdlAction;
  else if (/^[0-3]$/.test(onDdl)) b.on_ddl = ON_DDL[Number(onDdl)];
  const ext = protoString(m, 'external_mysql');
  if (ext) b.external_mysql = ext;
  if (protoString(m, 'stop_after_copy') === 'true') b.stop_after_copy = true;
  const cluster = protoString(m, 'external_cluster');
  if (cluster) b.external_cluster = cluster;
  const stz = protoString(m, 'source_time_zone');
  if (stz) b.source_time_zone = stz;
  const ttz = protoString(m, 'target_time_zone');
  if (ttz) b.target_time_zone = ttz;
  return b;
}

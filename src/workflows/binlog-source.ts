// The BinlogSource of a stream, as the workflow server reads and writes it in `_vt.vreplication.source`.
// TEMPORARY adapter: the prototext codec belongs to src/tablets/vreplication/binlog-source.ts (written by the
// VReplication helper); this file re-exports it once it exists. Mirrors proto/binlogdata.proto BinlogSource.

import type { KeyRange } from '../common/key-range.js';
import type { TabletType } from '../common/tablet-alias.js';

export interface BinlogRule {
  match: string;
  filter: string;
}

export interface BinlogSource {
  keyspace: string;
  shard: string;
  tablet_type?: TabletType;
  key_range?: KeyRange | null;
  tables?: string[];
  filter: { rules: BinlogRule[] };
  on_ddl?: 'IGNORE' | 'STOP' | 'EXEC' | 'EXEC_IGNORE';
  stop_after_copy?: boolean;
  external_cluster?: string;
  source_time_zone?: string;
  target_time_zone?: string;
}

function quote(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}

/** prototext of a BinlogSource (`keyspace:"commerce" shard:"0" filter:{rules:{match:"t" filter:"select * from t"}}`). */
export function formatBinlogSource(b: BinlogSource): string {
  const parts = [`keyspace:${quote(b.keyspace)}`, `shard:${quote(b.shard)}`];
  const rules = b.filter.rules.map((r) => `rules:{match:${quote(r.match)}${r.filter !== '' ? ` filter:${quote(r.filter)}` : ''}}`);
  parts.push(`filter:{${rules.join(' ')}}`);
  if (b.on_ddl && b.on_ddl !== 'IGNORE') parts.push(`on_ddl:${b.on_ddl}`);
  if (b.stop_after_copy) parts.push('stop_after_copy:true');
  if (b.source_time_zone) parts.push(`source_time_zone:${quote(b.source_time_zone)}`);
  if (b.target_time_zone) parts.push(`target_time_zone:${quote(b.target_time_zone)}`);
  return parts.join(' ');
}

interface Token {
  kind: 'ident' | 'string' | 'punct';
  text: string;
}

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      while (j < s.length && s[j] !== c) {
        if (s[j] === '\\' && j + 1 < s.length) {
          const n = s[j + 1]!;
          text += n === 'n' ? '\n' : n === 't' ? '\t' : n;
          j += 2;
        } else {
          text += s[j];
          j++;
        }
      }
      out.push({ kind: 'string', text });
      i = j + 1;
    } else if ('{}:<>'.includes(c)) {
      out.push({ kind: 'punct', text: c });
      i++;
    } else {
      let j = i;
      while (j < s.length && /[A-Za-z0-9_.-]/.test(s[j]!)) j++;
      if (j === i) j++;
      out.push({ kind: 'ident', text: s.slice(i, j) });
      i = j;
    }
  }
  return out;
}

type Msg = Map<string, Array<string | Msg>>;

function parseMessage(tokens: Token[], pos: { i: number }, end: string | undefined): Msg {
  const m: Msg = new Map();
  while (pos.i < tokens.length) {
    const t = tokens[pos.i]!;
    if (end !== undefined && t.kind === 'punct' && t.text === end) {
      pos.i++;
      return m;
    }
    const name = t.text;
    pos.i++;
    if (tokens[pos.i]?.text === ':') pos.i++;
    const v = tokens[pos.i];
    let value: string | Msg;
    if (v?.kind === 'punct' && (v.text === '{' || v.text === '<')) {
      pos.i++;
      value = parseMessage(tokens, pos, v.text === '{' ? '}' : '>');
    } else {
      value = v?.text ?? '';
      pos.i++;
    }
    const list = m.get(name) ?? [];
    list.push(value);
    m.set(name, list);
  }
  return m;
}

function str(m: Msg, k: string): string {
  const v = m.get(k)?.[0];
  return typeof v === 'string' ? v : '';
}

/** Parses the prototext a `_vt.vreplication.source` column holds. */
export function parseBinlogSource(text: string): BinlogSource {
  const m = parseMessage(tokenize(text), { i: 0 }, undefined);
  const filter = m.get('filter')?.[0];
  const rules: BinlogRule[] = [];
  if (filter instanceof Map) {
    for (const r of filter.get('rules') ?? []) {
      if (r instanceof Map) rules.push({ match: str(r, 'match'), filter: str(r, 'filter') });
    }
  }
  const b: BinlogSource = { keyspace: str(m, 'keyspace'), shard: str(m, 'shard'), filter: { rules } };
  const onDdl = str(m, 'on_ddl');
  if (onDdl === 'STOP' || onDdl === 'EXEC' || onDdl === 'EXEC_IGNORE' || onDdl === 'IGNORE') b.on_ddl = onDdl;
  if (str(m, 'stop_after_copy') === 'true') b.stop_after_copy = true;
  const stz = str(m, 'source_time_zone');
  if (stz) b.source_time_zone = stz;
  const ttz = str(m, 'target_time_zone');
  if (ttz) b.target_time_zone = ttz;
  return b;
}

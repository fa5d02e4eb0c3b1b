// The journal row a traffic switch writes into `_vt.resharding_journal` on each source primary: the point of
// no return, which tells every other binlog consumer of the source that these tables moved.
// Mirrors proto/binlogdata.proto Journal, encoded as prototext the way Journal.String() prints it
// (proto3: default values, such as migration_type TABLES = 0, are left out).

export interface Journal {
  id: bigint;
  migrationType: 'TABLES' | 'SHARDS';
  tables: string[];
  localPosition: string;
  shardGtids: Array<{ keyspace: string; shard: string; gtid: string }>;
  participants: Array<{ keyspace: string; shard: string }>;
  sourceWorkflows: string[];
}

function q(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}

export function formatJournal(j: Journal): string {
  const parts: string[] = [];
  if (j.id !== 0n) parts.push(`id:${j.id}`);
  if (j.migrationType !== 'TABLES') parts.push(`migration_type:${j.migrationType}`);
  for (const t of j.tables) parts.push(`tables:${q(t)}`);
  if (j.localPosition !== '') parts.push(`local_position:${q(j.localPosition)}`);
  for (const g of j.shardGtids) parts.push(`shard_gtids:{keyspace:${q(g.keyspace)} shard:${q(g.shard)} gtid:${q(g.gtid)}}`);
  for (const p of j.participants) parts.push(`participants:{keyspace:${q(p.keyspace)} shard:${q(p.shard)}}`);
  for (const w of j.sourceWorkflows) parts.push(`source_workflows:${q(w)}`);
  return parts.join(' ');
}

/** The source_workflows of a stored journal (all checkJournals needs from it). */
export function journalSourceWorkflows(text: string): string[] {
  const out: string[] = [];
  const re = /source_workflows:\s*"((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push((m[1] ?? '').replace(/\\(.)/g, '$1'));
  return out;
}

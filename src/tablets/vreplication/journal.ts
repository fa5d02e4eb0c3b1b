// The journal a traffic switch leaves in `_vt.resharding_journal` on each source primary: the signal
// for every other binlog consumer of the source that the tables (or shards) moved.
// Mirrors proto/binlogdata.proto Journal (parsed from its prototext) and the checks of
// go/vt/vttablet/tabletmanager/vreplication/vplayer.go applyEvent (VEventType_JOURNAL).

import { parseProto, protoMessages, protoString, protoStrings } from './prototext.js';

export interface ShardGtid {
  keyspace: string;
  shard: string;
  gtid: string;
}

export interface Journal {
  id: string;
  migrationType: 'TABLES' | 'SHARDS';
  tables: string[];
  localPosition: string;
  shardGtids: ShardGtid[];
  participants: Array<{ keyspace: string; shard: string }>;
  sourceWorkflows: string[];
}

export function parseJournal(text: string): Journal {
  const m = parseProto(text);
  const mt = protoString(m, 'migration_type');
  return {
    id: protoString(m, 'id') || '0',
    migrationType: mt === 'SHARDS' || mt === '1' ? 'SHARDS' : 'TABLES',
    tables: protoStrings(m, 'tables'),
    localPosition: protoString(m, 'local_position'),
    shardGtids: protoMessages(m, 'shard_gtids').map((g) => ({
      keyspace: protoString(g, 'keyspace'),
      shard: protoString(g, 'shard'),
      gtid: protoString(g, 'gtid'),
    })),
    participants: protoMessages(m, 'participants').map((p) => ({
      keyspace: protoString(p, 'keyspace'),
      shard: protoString(p, 'shard'),
    })),
    sourceWorkflows: protoStrings(m, 'source_workflows'),
  };
}

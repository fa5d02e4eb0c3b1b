// The tables of volatile values a lesson comparison ignores. A docs page was written on someone's
// cluster at some moment: its timestamps, UUIDs, GTIDs, stream ids and the tablet an election picked
// cannot match a fresh simulated cluster, and they are not what the page teaches. Every mask names
// one field or one textual pattern, never a whole output: everything around a masked value must still
// match. Adding a mask means adding a row here (or a `mask` directive in a lesson).
// No Vitess counterpart.

/** A mask a lesson adds with `<!-- vtsim: mask ... -->`. */
export type MaskSpec =
  | { kind: 'field'; field: string }
  | { kind: 'pattern'; pattern: RegExp; source: string };

/** A pattern masked wherever it appears in text: output lines, table cells and JSON string values. */
export interface TextMask {
  name: string;
  /** Must carry the `g` flag; applied line by line (`m` for JSON strings holding newlines). */
  pattern: RegExp;
  replacement: string;
  why: string;
}

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
// One server's part of a GTID set: uuid:1-51, uuid:7, uuid:1-5:7-9.
const GTID_PART = `${UUID}(?::\\d+(?:-\\d+)?)+`;
const GTID_SET = `(?:MySQL56/)?${GTID_PART}(?:,\\s*${GTID_PART})*`;

/** Text patterns, applied in this order (longer shapes first: a GTID set contains a UUID). */
export const TEXT_MASKS: readonly TextMask[] = [
  {
    name: 'glog prefix',
    // The thread id is absent from event lines (logutil.EventString: reparent and workflow events).
    pattern: /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d{6}(?:\s+\d+)? [^\s\]]+:\d+\] /gm,
    replacement: '<glog>] ',
    why: 'vtctldclient logs errors through glog: the date, time, pid and source line of the prefix change on every run; the message after "] " is what matters.',
  },
  {
    name: 'copy phase gtid',
    pattern: /(Copy phase completed at gtid )[^\s.]+/g,
    replacement: '$1<gtid>',
    why: 'wait_for_workflow_running prints the position the copy ended at, which depends on how many transactions the source had run.',
  },
  {
    name: 'GTID set',
    pattern: new RegExp(GTID_SET, 'g'),
    replacement: '<gtid>',
    why: 'GTIDs carry the server UUID of a mysqld and a transaction count; both depend on the cluster the page was written on.',
  },
  {
    name: 'VDiff UUID',
    pattern: new RegExp(`(VDiff )${UUID}( scheduled)`, 'g'),
    replacement: '$1<uuid>$2',
    why: 'A VDiff gets a fresh UUID each time it is created.',
  },
  {
    name: 'UUID',
    pattern: new RegExp(UUID, 'g'),
    replacement: '<uuid>',
    why: 'UUIDs (VDiff ids, server UUIDs, migration ids) are random by design.',
  },
  {
    name: 'RFC3339 time',
    pattern: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g,
    replacement: '<time>',
    why: 'Wall-clock times (PrimaryTermStartTime, GetTablets) say when the page author ran the command.',
  },
  {
    name: 'SQL datetime',
    pattern: /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?/g,
    replacement: '<time>',
    why: 'VDiff StartedAt/CompletedAt/ETA and other "YYYY-MM-DD HH:MM:SS" times are wall-clock times.',
  },
  {
    name: 'ANSIC time',
    pattern: /(Tx time: )[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}/g,
    replacement: '$1<time>',
    why: 'MoveTables status prints the last transaction time in Go ANSIC format.',
  },
  {
    name: 'dry-run time',
    pattern: /(dry run results for workflow \S+ at ).+$/gm,
    replacement: '$1<time>',
    why: 'A dry run stamps its summary with the current time (Go RFC822).',
  },
  {
    name: 'stream tablet',
    pattern: /(id=\d+ on [^\s/]+\/[a-z0-9]+-)\d+(?=:)/g,
    replacement: '$1<uid>',
    why: 'MoveTables status/create text names the shard primary hosting each stream; which tablet an election picked is not deterministic.',
  },
  {
    name: 'dry-run tablet',
    pattern: /\btablet:\d+/g,
    replacement: 'tablet:<uid>',
    why: 'Dry-run lines name the primaries they would act on ([tablet:200], ;tablet:100;); which tablet an election picked is not deterministic.',
  },
  {
    name: 'error tablet',
    pattern: /(on tablet )(?:[a-z0-9]+-\d{10}|\d+\b)/g,
    replacement: '$1<tablet>',
    why: 'Workflow errors name the primary they came from ("already exists ... on tablet zone1-0000000200", "not frozen on tablet 200"); which tablet an election picked is not deterministic.',
  },
  {
    name: 'VStream lag',
    pattern: /(VStream Lag: )-?\d+s/g,
    replacement: '$1<n>s',
    why: 'The lag figure in a stream\'s info depends on timing (and on a Vitess quirk that sometimes prints -1s).',
  },
];

/** A JSON field whose value is masked (the field itself must still be present on both sides). */
export interface JsonFieldMask {
  field: string;
  /**
   * Only when the object holding the field sits under these keys: a '/'-separated suffix of the key
   * path from the root to the holder, array indexes left out ('streams' matches shard_streams.X.streams[i]).
   */
  under?: string;
  /** Extra condition on the object holding the field. */
  when?: (holder: Readonly<Record<string, unknown>>) => boolean;
  why: string;
}

const TIME_WHY = 'a wall-clock time of the cluster the page was written on';
const HISTORY_WHY = 'depends on the history of the cluster the page was written on, not on this lesson';

export const JSON_FIELD_MASKS: readonly JsonFieldMask[] = [
  { field: 'time_updated', why: TIME_WHY },
  { field: 'transaction_timestamp', why: TIME_WHY },
  { field: 'created_at', why: TIME_WHY },
  { field: 'updated_at', why: TIME_WHY },
  { field: 'time_throttled', why: TIME_WHY },
  { field: 'StartedAt', why: TIME_WHY },
  { field: 'primary_term_start_time', why: 'when the primary was elected: a wall-clock time' },
  { field: 'CompletedAt', why: TIME_WHY },
  { field: 'UUID', why: 'a VDiff UUID is random' },
  { field: 'position', why: 'a GTID position: server UUIDs and transaction counts' },
  { field: 'stop_position', why: 'a GTID position: server UUIDs and transaction counts' },
  { field: 'max_v_replication_lag', why: 'a lag figure: seconds since the stream last reported, a matter of timing' },
  { field: 'max_v_replication_transaction_lag', why: 'a lag figure: a matter of timing' },
  { field: 'rows_copied', why: 'the copy counter varies with the Vitess version and how the copy was batched' },
  { field: 'id', under: 'streams', why: `stream ids ${HISTORY_WHY} (earlier workflows used ids)` },
  { field: 'id', under: 'logs', why: `log ids ${HISTORY_WHY}` },
  { field: 'stream_id', under: 'logs', why: `stream ids ${HISTORY_WHY}` },
  { field: 'stream_id', under: 'copy_states', why: `stream ids ${HISTORY_WHY}` },
  { field: 'count', under: 'logs', why: 'how often a log line repeated is a matter of timing' },
  {
    field: 'message',
    under: 'logs',
    when: (holder) => holder['type'] === 'Stream Created',
    why: 'the "Stream Created" log embeds a dump of the whole stream row, with its times and positions',
  },
  {
    field: 'uid',
    under: 'streams/tablet',
    why: 'the tablet hosting a stream is the shard primary an election picked; any tablet of that shard will do',
  },
  {
    field: 'uid',
    under: 'primary_alias',
    why: 'GetShard names the primary an election picked; any tablet of that shard will do',
  },
  {
    field: 'uid',
    under: 'details/tablet',
    why: 'start/stop/cancel report per target primary; which tablet an election picked is not deterministic',
  },
];

/** Object keys masked by pattern (the key names a tablet an election picked). */
export interface JsonKeyMask {
  under: string;
  pattern: RegExp;
  replacement: string;
  why: string;
}

export const JSON_KEY_MASKS: readonly JsonKeyMask[] = [
  {
    under: 'shard_streams',
    // "<shard>/<cell>-<10-digit uid>" as in Workflow show; MoveTables status keys ("customer/0") have no alias.
    pattern: /^(.*)\/[^/]+-\d{10}$/,
    replacement: '$1/<tablet>',
    why: 'the key names the shard primary hosting the streams; compare it as "some tablet of that shard"',
  },
];

/** Key spellings that mean the same field (docs samples predate the switch to protojson names). */
export const JSON_KEY_SPELLINGS: Readonly<Record<string, string>> = {
  fromTable: 'from_table',
  toTables: 'to_tables',
};

/** Arrays whose order real Vitess leaves unspecified, compared as multisets. */
export interface UnorderedArray {
  field: string;
  when: (items: readonly unknown[]) => boolean;
  why: string;
}

export const UNORDERED_ARRAYS: readonly UnorderedArray[] = [
  {
    field: 'rules',
    // Only routing rules: a VReplication filter's `rules` keep the order the tables were given in.
    when: (items) => items.every((i) => typeof i === 'object' && i !== null && 'from_table' in i),
    why: 'GetRoutingRules prints rules in Go map order, which is random',
  },
];

/** A column of a boxed table whose cells are masked. */
export interface BoxColumnMask {
  column: string;
  /** 'presence': an empty cell must stay empty, any non-empty value matches any other; 'value': any value. */
  mode: 'presence' | 'value';
  why: string;
}

export const BOX_COLUMN_MASKS: readonly BoxColumnMask[] = [
  {
    column: 'PrimaryTermStartTime',
    mode: 'presence',
    why: 'when a primary was elected is a wall-clock time; only primaries have one',
  },
];

/**
 * Boxed tables listing tablets (`show vitess_tablets`): which tablet of a shard the election made
 * PRIMARY is not deterministic in real Vitess, so among the tablets of each keyspace/shard that could
 * have been elected, aliases are compared as a multiset and the rest of each row with the alias masked.
 */
export const ELECTION_TABLE = {
  columns: { keyspace: 'Keyspace', shard: 'Shard', type: 'TabletType', alias: 'Alias' },
  electableTypes: ['PRIMARY', 'REPLICA'] as readonly string[],
};

/** The masks one comparison uses: the tables above plus what the lesson added. */
export interface MaskSet {
  text: readonly TextMask[];
  fields: readonly JsonFieldMask[];
  columns: readonly BoxColumnMask[];
}

export function buildMaskSet(extra: readonly MaskSpec[] = []): MaskSet {
  const text = [...TEXT_MASKS];
  const fields = [...JSON_FIELD_MASKS];
  const columns = [...BOX_COLUMN_MASKS];
  for (const spec of extra) {
    if (spec.kind === 'pattern') {
      const flags = spec.pattern.flags.includes('g') ? spec.pattern.flags : `${spec.pattern.flags}g`;
      text.push({
        name: `lesson pattern ${spec.source}`,
        pattern: new RegExp(spec.pattern.source, flags),
        replacement: '<masked>',
        why: 'added by a mask directive',
      });
    } else {
      fields.push({ field: spec.field, why: 'added by a mask directive' });
      columns.push({ column: spec.field, mode: 'value', why: 'added by a mask directive' });
    }
  }
  return { text, fields, columns };
}

/** Applies the text masks to one string. */
export function maskText(text: string, masks: MaskSet): string {
  let out = text;
  for (const m of masks.text) {
    m.pattern.lastIndex = 0;
    out = out.replace(m.pattern, m.replacement);
  }
  return out;
}

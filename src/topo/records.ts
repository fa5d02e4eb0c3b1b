// The records the topology service stores: Keyspace, Shard (with TabletControls), Tablet, and (re-exported
// from vschema.ts) VSchema, RoutingRules and SrvVSchema.
// Mirrors proto/topodata.proto. Field names are the proto names in snake_case, declared in proto field
// order, because `vtctldclient GetKeyspace` / `GetShard` print these records as protojson with proto names
// and every field emitted. Constructors fill each field with its proto default.
// Two protojson details for renderers: bytes fields (KeyRange start/end) print as base64 (see
// keyRangeToProtoJson), and int64 fields (vttime.Time seconds) print as strings, which is why
// VtTime.seconds is a string here.

import type { KeyRange } from '../common/key-range.js';
import type { TabletAlias, TabletType } from '../common/tablet-alias.js';

export * from './vschema.js';

/** vttime.Time. `seconds` is an int64, a string in protojson. */
export interface VtTime {
  seconds: string;
  nanoseconds: number;
}

/** topodata.KeyspaceType. */
export type KeyspaceType = 'NORMAL' | 'SNAPSHOT';

/** topodata.Keyspace. */
export interface Keyspace {
  keyspace_type: KeyspaceType;
  base_keyspace: string;
  snapshot_time: VtTime | null;
  durability_policy: string;
  /** We do not simulate the tablet throttler; always null. */
  throttler_config: null;
  sidecar_db_name: string;
}

/** topodata.Shard.TabletControl: per tablet type, the tables that type must refuse (denied tables). */
export interface TabletControl {
  tablet_type: TabletType;
  /** Empty means every cell (and must be empty for PRIMARY). */
  cells: string[];
  denied_tables: string[];
  frozen: boolean;
}

/** topodata.Shard.SourceShard (legacy filtered replication; kept for the record's shape). */
export interface SourceShard {
  uid: number;
  keyspace: string;
  shard: string;
  key_range: KeyRange | null;
  tables: string[];
}

/** topodata.Shard. */
export interface Shard {
  /** null until a primary is elected; the example's utils.sh greps GetShard for `"primary_alias": null`. */
  primary_alias: TabletAlias | null;
  primary_term_start_time: VtTime | null;
  /** null for a shard whose name is not a range (e.g. "0"); hex here, base64 in protojson. */
  key_range: KeyRange | null;
  source_shards: SourceShard[];
  tablet_controls: TabletControl[];
  is_primary_serving: boolean;
}

/** topodata.Tablet. */
export interface Tablet {
  alias: TabletAlias;
  hostname: string;
  /** Named ports, e.g. { grpc: 16100, vt: 15100 }. */
  port_map: Record<string, number>;
  keyspace: string;
  shard: string;
  key_range: KeyRange | null;
  type: TabletType;
  db_name_override: string;
  tags: Record<string, string>;
  mysql_hostname: string;
  mysql_port: number;
  primary_term_start_time: VtTime | null;
  default_conn_collation: number;
}

export function newKeyspace(init: Partial<Keyspace> = {}): Keyspace {
  return {
    keyspace_type: 'NORMAL',
    base_keyspace: '',
    snapshot_time: null,
    durability_policy: '',
    throttler_config: null,
    sidecar_db_name: '',
    ...init,
  };
}

export function newTabletControl(init: Partial<TabletControl> = {}): TabletControl {
  return { tablet_type: 'UNKNOWN', cells: [], denied_tables: [], frozen: false, ...init };
}

export function newShard(init: Partial<Shard> = {}): Shard {
  return {
    primary_alias: null,
    primary_term_start_time: null,
    key_range: null,
    source_shards: [],
    tablet_controls: [],
    is_primary_serving: false,
    ...init,
  };
}

export function newTablet(init: Partial<Tablet> & Pick<Tablet, 'alias'>): Tablet {
  return {
    hostname: '',
    port_map: {},
    keyspace: '',
    shard: '',
    key_range: null,
    type: 'UNKNOWN',
    db_name_override: '',
    tags: {},
    mysql_hostname: '',
    mysql_port: 0,
    primary_term_start_time: null,
    default_conn_collation: 0,
    ...init,
  };
}

/** A vttime.Time for a simulated instant. */
export function vtTimeFromMs(ms: number): VtTime {
  const seconds = Math.floor(ms / 1000);
  return { seconds: String(seconds), nanoseconds: (ms - seconds * 1000) * 1_000_000 };
}

/** The simulated instant of a vttime.Time (to the millisecond). */
export function vtTimeToMs(t: VtTime): number {
  return Number(t.seconds) * 1000 + Math.floor(t.nanoseconds / 1_000_000);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard padded base64 of the bytes a hex string spells (protojson's encoding of bytes fields). */
export function hexToBase64(hex: string): string {
  const bytes: number[] = [];
  for (let i = 0; i + 1 < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += BASE64[(n >> 18) & 63]! + BASE64[(n >> 12) & 63]!;
    out += b === undefined ? '=' : BASE64[(n >> 6) & 63]!;
    out += c === undefined ? '=' : BASE64[n & 63]!;
  }
  return out;
}

/** A key range as protojson prints it: { "start": "", "end": "gA==" } for "-80". */
export function keyRangeToProtoJson(kr: KeyRange | null): { start: string; end: string } | null {
  return kr === null ? null : { start: hexToBase64(kr.start), end: hexToBase64(kr.end) };
}

// VSchema, routing rules and SrvVSchema records, and the normalizers that turn user JSON into them.
// Mirrors proto/vschema.proto (Keyspace, Vindex, Table, RoutingRules, SrvVSchema ...) with proto field names
// in snake_case and proto field order, as `vtctldclient GetVSchema` / `GetRoutingRules` print them, and
// go/vt/topotools/routing_rules.go (GetRoutingRules turns the list into a map, SaveRoutingRules back).

import { decodeProtoJson } from './protojson.js';
import type { DecodedMessage, ProtoJsonOptions } from './protojson.js';
import { KEYSPACE_PROTO, ROUTING_RULES_PROTO } from './vschema-proto.js';

/** vschema.Vindex: a named vindex of a keyspace. */
export interface Vindex {
  type: string;
  params: Record<string, string>;
  owner: string;
}

/** vschema.ColumnVindex: which column(s) of a table a vindex maps. */
export interface ColumnVindex {
  column: string;
  name: string;
  columns: string[];
}

/** vschema.AutoIncrement: the sequence that fills a column. */
export interface AutoIncrement {
  column: string;
  sequence: string;
}

/** vschema.Column: a declared column (query.Type by name). `nullable` is proto3 optional: absent when unset. */
export interface VSchemaColumn {
  name: string;
  type: string;
  invisible: boolean;
  default: string;
  collation_name: string;
  size: number;
  scale: number;
  nullable?: boolean;
  values: string[];
}

/** vschema.Table. `type` is '' (a normal table), 'sequence' or 'reference'. */
export interface VSchemaTable {
  type: string;
  column_vindexes: ColumnVindex[];
  auto_increment: AutoIncrement | null;
  columns: VSchemaColumn[];
  pinned: string;
  column_list_authoritative: boolean;
  source: string;
}

/** vschema.MultiTenantSpec. */
export interface MultiTenantSpec {
  tenant_id_column_name: string;
  tenant_id_column_type: string;
}

/** vschema.Keyspace: one keyspace's vschema. Maps are kept sorted by key, as protojson prints them. */
export interface VSchemaKeyspace {
  sharded: boolean;
  vindexes: Record<string, Vindex>;
  tables: Record<string, VSchemaTable>;
  require_explicit_routing: boolean;
  /** 'unspecified' | 'disallow' | 'unmanaged' | 'managed' (an unknown enum number is kept as its digits). */
  foreign_key_mode: string;
  multi_tenant_spec: MultiTenantSpec | null;
}

/** vschema.RoutingRule: queries for `from_table` go to `to_tables` (vtgate allows exactly one). */
export interface RoutingRule {
  from_table: string;
  to_tables: string[];
}

/** vschema.RoutingRules. */
export interface RoutingRules {
  rules: RoutingRule[];
}

export interface ShardRoutingRule {
  from_keyspace: string;
  to_keyspace: string;
  shard: string;
}

export interface ShardRoutingRules {
  rules: ShardRoutingRule[];
}

export interface KeyspaceRoutingRule {
  from_keyspace: string;
  to_keyspace: string;
}

export interface KeyspaceRoutingRules {
  rules: KeyspaceRoutingRule[];
}

export interface MirrorRule {
  from_table: string;
  to_table: string;
  percent: number;
}

export interface MirrorRules {
  rules: MirrorRule[];
}

/** vschema.SrvVSchema: what vtgate in a cell serves from, built by RebuildSrvVSchema. */
export interface SrvVSchema {
  keyspaces: Record<string, VSchemaKeyspace>;
  routing_rules: RoutingRules;
  shard_routing_rules: ShardRoutingRules;
  /** null when no keyspace routing rules were ever saved (GetKeyspaceRoutingRules returns nil). */
  keyspace_routing_rules: KeyspaceRoutingRules | null;
  mirror_rules: MirrorRules | null;
}

// --- constructors (every field at its proto default) ---------------------------------------------------

export function newVSchemaKeyspace(init: Partial<VSchemaKeyspace> = {}): VSchemaKeyspace {
  return {
    sharded: false,
    vindexes: {},
    tables: {},
    require_explicit_routing: false,
    foreign_key_mode: 'unspecified',
    multi_tenant_spec: null,
    ...init,
  };
}

export function newVindex(init: Partial<Vindex> = {}): Vindex {
  return { type: '', params: {}, owner: '', ...init };
}

export function newVSchemaTable(init: Partial<VSchemaTable> = {}): VSchemaTable {
  return {
    type: '',
    column_vindexes: [],
    auto_increment: null,
    columns: [],
    pinned: '',
    column_list_authoritative: false,
    source: '',
    ...init,
  };
}

export function newColumnVindex(init: Partial<ColumnVindex> = {}): ColumnVindex {
  return { column: '', name: '', columns: [], ...init };
}

export function newVSchemaColumn(init: Partial<VSchemaColumn> = {}): VSchemaColumn {
  const { nullable, values = [], ...rest } = init;
  return {
    name: '',
    type: 'NULL_TYPE',
    invisible: false,
    default: '',
    collation_name: '',
    size: 0,
    scale: 0,
    ...rest,
    ...(nullable === undefined ? {} : { nullable }),
    values,
  };
}

export function newRoutingRules(): RoutingRules {
  return { rules: [] };
}

export function newSrvVSchema(init: Partial<SrvVSchema> = {}): SrvVSchema {
  return {
    keyspaces: {},
    routing_rules: newRoutingRules(),
    shard_routing_rules: { rules: [] },
    keyspace_routing_rules: null,
    mirror_rules: { rules: [] },
    ...init,
  };
}

// --- normalizers ---------------------------------------------------------------------------------------

/** ApplyVSchema / ApplyRoutingRules decode with DiscardUnknown (go/json2.UnmarshalPB). */
const APPLY_OPTIONS: ProtoJsonOptions = { discardUnknown: true };

/** JSON text as given, or the JSON of an already-parsed value (so both go through protojson's rules). */
function jsonText(input: unknown): string {
  return typeof input === 'string' ? input : (JSON.stringify(input) ?? '');
}

/**
 * Turns what a user passes to ApplyVSchema (JSON text or a parsed object; snake_case or lowerCamelCase
 * field names) into a VSchemaKeyspace with every default filled and maps sorted by key. Throws a
 * ProtoJsonError carrying protojson's message on bad input. Unknown fields are skipped, as
 * vtctldclient does ("JSON parsing will skip unexpected fields"), unless `discardUnknown: false`.
 */
export function normalizeVSchema(input: unknown, options: ProtoJsonOptions = APPLY_OPTIONS): VSchemaKeyspace {
  return toKeyspace(decodeProtoJson(jsonText(input), KEYSPACE_PROTO, options));
}

/** Like normalizeVSchema, for ApplyRoutingRules input ({"rules": [{"from_table"|"fromTable": ...}]}). */
export function normalizeRoutingRules(input: unknown, options: ProtoJsonOptions = APPLY_OPTIONS): RoutingRules {
  const d = decodeProtoJson(jsonText(input), ROUTING_RULES_PROTO, options);
  return {
    rules: messages(d, 'rules').map((r) => ({ from_table: str(r, 'from_table'), to_tables: strings(r, 'to_tables') })),
  };
}

function str(d: DecodedMessage, key: string): string {
  const v = d[key];
  return typeof v === 'string' ? v : '';
}

function bool(d: DecodedMessage, key: string): boolean {
  return d[key] === true;
}

function int(d: DecodedMessage, key: string): number {
  const v = d[key];
  return typeof v === 'number' ? v : 0;
}

/** An enum field: its name, or the digits of a number the enum does not define. */
function enumName(d: DecodedMessage, key: string, dflt: string): string {
  const v = d[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : dflt;
}

function strings(d: DecodedMessage, key: string): string[] {
  const v = d[key];
  return Array.isArray(v) ? (v as string[]).slice() : [];
}

function messages(d: DecodedMessage, key: string): DecodedMessage[] {
  const v = d[key];
  return Array.isArray(v) ? (v as DecodedMessage[]) : [];
}

function message(d: DecodedMessage, key: string): DecodedMessage | undefined {
  const v = d[key];
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as DecodedMessage) : undefined;
}

/** A map field with its entries converted and sorted by key (protojson prints maps sorted). */
function sortedMap<T>(d: DecodedMessage, key: string, convert: (v: unknown) => T): Record<string, T> {
  const m = message(d, key) ?? {};
  const out: Record<string, T> = {};
  for (const k of Object.keys(m).sort()) {
    Object.defineProperty(out, k, { value: convert(m[k]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function toKeyspace(d: DecodedMessage): VSchemaKeyspace {
  const mts = message(d, 'multi_tenant_spec');
  return {
    sharded: bool(d, 'sharded'),
    vindexes: sortedMap(d, 'vindexes', (v) => toVindex(v as DecodedMessage)),
    tables: sortedMap(d, 'tables', (v) => toTable(v as DecodedMessage)),
    require_explicit_routing: bool(d, 'require_explicit_routing'),
    foreign_key_mode: enumName(d, 'foreign_key_mode', 'unspecified'),
    multi_tenant_spec:
      mts === undefined
        ? null
        : {
            tenant_id_column_name: str(mts, 'tenant_id_column_name'),
            tenant_id_column_type: enumName(mts, 'tenant_id_column_type', 'NULL_TYPE'),
          },
  };
}

function toVindex(d: DecodedMessage): Vindex {
  return { type: str(d, 'type'), params: sortedMap(d, 'params', (v) => v as string), owner: str(d, 'owner') };
}

function toTable(d: DecodedMessage): VSchemaTable {
  const ai = message(d, 'auto_increment');
  return {
    type: str(d, 'type'),
    column_vindexes: messages(d, 'column_vindexes').map((cv) => ({
      column: str(cv, 'column'),
      name: str(cv, 'name'),
      columns: strings(cv, 'columns'),
    })),
    auto_increment: ai === undefined ? null : { column: str(ai, 'column'), sequence: str(ai, 'sequence') },
    columns: messages(d, 'columns').map(toColumn),
    pinned: str(d, 'pinned'),
    column_list_authoritative: bool(d, 'column_list_authoritative'),
    source: str(d, 'source'),
  };
}

function toColumn(d: DecodedMessage): VSchemaColumn {
  const nullable = d['nullable'];
  return {
    name: str(d, 'name'),
    type: enumName(d, 'type', 'NULL_TYPE'),
    invisible: bool(d, 'invisible'),
    default: str(d, 'default'),
    collation_name: str(d, 'collation_name'),
    size: int(d, 'size'),
    scale: int(d, 'scale'),
    // Present only when set, in its proto position.
    ...(typeof nullable === 'boolean' ? { nullable } : {}),
    values: strings(d, 'values'),
  };
}

// --- routing rules as a map (go/vt/topotools/routing_rules.go) -----------------------------------------

/**
 * The rules as a map from from_table to to_tables, in rule order; a later rule for the same from_table
 * wins, as when Vitess fills its Go map.
 */
export function routingRulesToMap(rr: RoutingRules): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const r of rr.rules) m.set(r.from_table, [...r.to_tables]);
  return m;
}

/**
 * The map back as RoutingRules, in the map's insertion order. (Vitess iterates a Go map here, so its order
 * is random; keeping insertion order makes ours deterministic.)
 */
export function routingRulesFromMap(m: ReadonlyMap<string, readonly string[]>): RoutingRules {
  return { rules: [...m].map(([from, to]) => ({ from_table: from, to_tables: [...to] })) };
}

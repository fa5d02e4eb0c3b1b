// Descriptors of the vschema proto messages users write as JSON, for the protojson decoder.
// Mirrors proto/vschema.proto (Keyspace, Vindex, Table, ColumnVindex, AutoIncrement, Column, MultiTenantSpec,
// RoutingRules) and the query.Type enum of proto/query.proto. Field numbers and order follow the .proto.

import { protoField } from './protojson.js';
import type { ProtoEnum, ProtoMessage } from './protojson.js';

const bool = { kind: 'bool' } as const;
const string = { kind: 'string' } as const;
const int32 = { kind: 'int32' } as const;

/** vschema.Keyspace.ForeignKeyMode. */
export const FOREIGN_KEY_MODE: ProtoEnum = {
  values: [
    ['unspecified', 0],
    ['disallow', 1],
    ['unmanaged', 2],
    ['managed', 3],
  ],
};

/** query.Type: the column types a vschema may declare. */
export const QUERY_TYPE: ProtoEnum = {
  values: [
    ['NULL_TYPE', 0],
    ['INT8', 257],
    ['UINT8', 770],
    ['INT16', 259],
    ['UINT16', 772],
    ['INT24', 261],
    ['UINT24', 774],
    ['INT32', 263],
    ['UINT32', 776],
    ['INT64', 265],
    ['UINT64', 778],
    ['FLOAT32', 1035],
    ['FLOAT64', 1036],
    ['TIMESTAMP', 2061],
    ['DATE', 2062],
    ['TIME', 2063],
    ['DATETIME', 2064],
    ['YEAR', 785],
    ['DECIMAL', 18],
    ['TEXT', 6163],
    ['BLOB', 10260],
    ['VARCHAR', 6165],
    ['VARBINARY', 10262],
    ['CHAR', 6167],
    ['BINARY', 10264],
    ['BIT', 2073],
    ['ENUM', 2074],
    ['SET', 2075],
    ['TUPLE', 28],
    ['GEOMETRY', 2077],
    ['JSON', 2078],
    ['EXPRESSION', 31],
    ['HEXNUM', 4128],
    ['HEXVAL', 4129],
    ['BITNUM', 4130],
    ['VECTOR', 2083],
    ['RAW', 2084],
    ['ROW_TUPLE', 2085],
  ],
};

export const VINDEX_PROTO: ProtoMessage = {
  fullName: 'vschema.Vindex',
  fields: [protoField(1, 'type', string), protoField(2, 'params', string, 'map'), protoField(3, 'owner', string)],
};

export const COLUMN_VINDEX_PROTO: ProtoMessage = {
  fullName: 'vschema.ColumnVindex',
  fields: [protoField(1, 'column', string), protoField(2, 'name', string), protoField(3, 'columns', string, 'repeated')],
};

export const AUTO_INCREMENT_PROTO: ProtoMessage = {
  fullName: 'vschema.AutoIncrement',
  fields: [protoField(1, 'column', string), protoField(2, 'sequence', string)],
};

export const COLUMN_PROTO: ProtoMessage = {
  fullName: 'vschema.Column',
  fields: [
    protoField(1, 'name', string),
    protoField(2, 'type', { kind: 'enum', enumType: QUERY_TYPE }),
    protoField(3, 'invisible', bool),
    protoField(4, 'default', string),
    protoField(5, 'collation_name', string),
    protoField(6, 'size', int32),
    protoField(7, 'scale', int32),
    protoField(8, 'nullable', bool, 'optional'),
    protoField(9, 'values', string, 'repeated'),
  ],
};

export const TABLE_PROTO: ProtoMessage = {
  fullName: 'vschema.Table',
  fields: [
    protoField(1, 'type', string),
    protoField(2, 'column_vindexes', { kind: 'message', message: () => COLUMN_VINDEX_PROTO }, 'repeated'),
    protoField(3, 'auto_increment', { kind: 'message', message: () => AUTO_INCREMENT_PROTO }),
    protoField(4, 'columns', { kind: 'message', message: () => COLUMN_PROTO }, 'repeated'),
    protoField(5, 'pinned', string),
    protoField(6, 'column_list_authoritative', bool),
    protoField(7, 'source', string),
  ],
};

export const MULTI_TENANT_SPEC_PROTO: ProtoMessage = {
  fullName: 'vschema.MultiTenantSpec',
  fields: [
    protoField(1, 'tenant_id_column_name', string),
    protoField(2, 'tenant_id_column_type', { kind: 'enum', enumType: QUERY_TYPE }),
  ],
};

export const KEYSPACE_PROTO: ProtoMessage = {
  fullName: 'vschema.Keyspace',
  fields: [
    protoField(1, 'sharded', bool),
    protoField(2, 'vindexes', { kind: 'message', message: () => VINDEX_PROTO }, 'map'),
    protoField(3, 'tables', { kind: 'message', message: () => TABLE_PROTO }, 'map'),
    protoField(4, 'require_explicit_routing', bool),
    protoField(5, 'foreign_key_mode', { kind: 'enum', enumType: FOREIGN_KEY_MODE }),
    protoField(6, 'multi_tenant_spec', { kind: 'message', message: () => MULTI_TENANT_SPEC_PROTO }),
  ],
};

export const ROUTING_RULE_PROTO: ProtoMessage = {
  fullName: 'vschema.RoutingRule',
  fields: [protoField(1, 'from_table', string), protoField(2, 'to_tables', string, 'repeated')],
};

export const ROUTING_RULES_PROTO: ProtoMessage = {
  fullName: 'vschema.RoutingRules',
  fields: [protoField(1, 'rules', { kind: 'message', message: () => ROUTING_RULE_PROTO }, 'repeated')],
};

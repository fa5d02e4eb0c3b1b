// Vindexes: functions from a column value to a keyspace id, which decides the shard of a row in a
// sharded keyspace. vtsim implements the unique functional vindexes the examples use.
// Mirrors go/vt/vtgate/vindexes/vindex.go (the registry, Map semantics: a value that cannot be mapped
// goes nowhere, DestinationNone), xxhash.go (little-endian xxHash64 of the value's bytes), hash.go
// (DES of the big-endian uint64), binary.go (the bytes themselves) and numeric.go (big-endian uint64).

import type { SqlValue } from '../../common/sql-types.js';
import { xxhash64 } from './xxhash64.js';
import { desEncryptZeroKey } from './des.js';

export interface Vindex {
  name: string;
  type: string;
  /** Unique vindexes map a value to at most one keyspace id (EqualUnique routing). */
  unique: boolean;
  /** The keyspace id (lower-case hex) of a value, or undefined when it maps nowhere. */
  map(value: SqlValue): string | undefined;
}

const encoder = new TextEncoder();

/** The value's bytes as Vitess's Value.ToBytes gives them (numbers as their decimal text). */
export function valueBytes(v: SqlValue): Uint8Array {
  if (v === null) return new Uint8Array(0);
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'number') return encoder.encode(Number.isInteger(v) ? String(v) : String(v));
  return encoder.encode(String(v));
}

function hex64(n: bigint, littleEndian: boolean): string {
  let out = '';
  for (let i = 0; i < 8; i++) {
    const shift = littleEndian ? BigInt(8 * i) : BigInt(8 * (7 - i));
    out += Number((n >> shift) & 0xffn).toString(16).padStart(2, '0');
  }
  return out;
}

function bytesHex(b: Uint8Array): string {
  let out = '';
  for (const x of b) out += x.toString(16).padStart(2, '0');
  return out;
}

/** The value as an unsigned 64-bit integer (negative ints wrap, as hash.go does), if it is an integer. */
function toUint64(v: SqlValue): bigint | undefined {
  if (typeof v === 'bigint') return BigInt.asUintN(64, v);
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt.asUintN(64, BigInt(v)) : undefined;
  const s = typeof v === 'string' ? v.trim() : v instanceof Uint8Array ? new TextDecoder().decode(v).trim() : undefined;
  if (s === undefined || !/^-?\d+$/.test(s)) return undefined;
  return BigInt.asUintN(64, BigInt(s));
}

type Factory = (name: string, params: Record<string, string>) => Vindex;

const REGISTRY: Record<string, Factory> = {
  xxhash: (name) => ({ name, type: 'xxhash', unique: true, map: (v) => hex64(xxhash64(valueBytes(v)), true) }),
  hash: (name) => ({
    name,
    type: 'hash',
    unique: true,
    map: (v) => {
      const n = toUint64(v);
      return n === undefined ? undefined : hex64(desEncryptZeroKey(n), false);
    },
  }),
  binary: (name) => ({ name, type: 'binary', unique: true, map: (v) => bytesHex(valueBytes(v)) }),
  numeric: (name) => ({
    name,
    type: 'numeric',
    unique: true,
    map: (v) => {
      const n = toUint64(v);
      return n === undefined ? undefined : hex64(n, false);
    },
  }),
};

/** The vindex types vtsim can compute. */
export function vindexTypes(): string[] {
  return Object.keys(REGISTRY).sort();
}

/** Creates a vindex, or undefined when vtsim does not implement its type. */
export function createVindex(name: string, type: string, params: Record<string, string>): Vindex | undefined {
  const f = REGISTRY[type];
  return f ? f(name, params) : undefined;
}

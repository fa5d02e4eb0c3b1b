// Parsing a target string: what `use commerce@replica`, `use customer/-80`, `use commerce:0@rdonly`
// and a table qualifier like `commerce@replica` name.
// Mirrors go/vt/topo/topoproto/destination.go (ParseDestination): the text after the last '@' is the
// tablet type, the text after the last '/' or ':' is a shard, `ks[-80]` / `ks[80]` are a key range or a
// keyspace id, and what is left is the keyspace.

import type { TabletType } from '../common/tablet-alias.js';
import { parseTabletType } from '../common/tablet-alias.js';
import type { KeyRange } from '../common/key-range.js';
import { parseShardName } from '../common/key-range.js';
import { vtgateError } from './vt-errors.js';

/** Where a target string points below the keyspace (key.ShardDestination). */
export type ShardDestination =
  | { kind: 'shard'; shard: string }
  | { kind: 'keyrange'; keyRange: KeyRange; text: string }
  | { kind: 'keyspaceid'; keyspaceIdHex: string };

export interface ParsedDestination {
  /** '' when none was given. */
  keyspace: string;
  tabletType: TabletType;
  destination: ShardDestination | undefined;
}

/** Parses `keyspace[:shard|/shard|[range]][@type]`; an unknown type becomes UNKNOWN, as in Vitess. */
export function parseDestination(target: string, defaultType: TabletType): ParsedDestination {
  let rest = target;
  let tabletType = defaultType;
  let destination: ShardDestination | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    tabletType = parseTabletType(rest.slice(at + 1)) ?? 'UNKNOWN';
    rest = rest.slice(0, at);
  }
  const slash = Math.max(rest.lastIndexOf('/'), rest.lastIndexOf(':'));
  if (slash >= 0) {
    destination = { kind: 'shard', shard: rest.slice(slash + 1) };
    rest = rest.slice(0, slash);
  }
  const open = rest.lastIndexOf('[');
  if (open >= 0) {
    const close = rest.lastIndexOf(']');
    if (close < 0) {
      throw vtgateError('INVALID_ARGUMENT', "invalid key range provided. Couldn't find range end ']'");
    }
    const spec = rest.slice(open + 1, close);
    if (spec.includes('-')) {
      const kr = parseShardName(spec);
      if (kr === undefined) throw vtgateError('INVALID_ARGUMENT', `single keyrange expected in ${spec}`);
      destination = { kind: 'keyrange', keyRange: kr, text: spec };
    } else {
      if (!/^([0-9a-fA-F]{2})*$/.test(spec)) {
        throw vtgateError('INVALID_ARGUMENT', `expected valid hex in keyspace id ${spec}`);
      }
      destination = { kind: 'keyspaceid', keyspaceIdHex: spec.toLowerCase() };
    }
    rest = rest.slice(0, open);
  }
  return { keyspace: rest, tabletType, destination };
}

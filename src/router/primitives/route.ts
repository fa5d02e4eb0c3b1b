// Route: sends one query to the shards of one keyspace that can hold its rows, and merges the results.
// Mirrors go/vt/vtgate/engine/route.go and routing.go: the opcode says how the shards are found.

import type { BindVars, QueryResult, SqlValue } from '../../common/sql-types.js';
import type { TabletType, Target } from '../../common/tablet-alias.js';
import { keyRangeContains, keyRangeString } from '../../common/key-range.js';
import type { KeyRange } from '../../common/key-range.js';
import type { Keyspace } from '../vschema.js';
import type { Vindex } from '../vindexes/vindex.js';
import type { ShardDestination } from '../destination.js';
import type { ShardRef } from '../vschema-manager.js';
import type { Primitive, PrimitiveDescription, ShardQuery, VCursor } from './primitive.js';
import { mergeResults } from './primitive.js';
import { VT12001 } from '../vt-errors.js';

/** How a Route finds its shards (engine.Opcode). */
export type RouteOpcode =
  /** The keyspace is unsharded: its one shard. Requires: an unsharded keyspace. */
  | 'Unsharded'
  /** One vindex value decides the shard. Requires: a unique vindex and a value. */
  | 'EqualUnique'
  /** Several vindex values (an IN list): the shards of each. Requires: a unique vindex and values. */
  | 'IN'
  /** Every serving shard of the keyspace. */
  | 'Scatter'
  /** The shard, key range or keyspace id the session or a qualifier targets. Requires: a destination. */
  | 'ByDestination'
  /** Any one shard (reference tables, dual). */
  | 'Reference'
  /** No shard at all (a vindex value that maps nowhere). */
  | 'None';

/** Where a vindex value comes from at execution: a bind variable or a constant. */
export type ValueExpr = { kind: 'param'; name: string } | { kind: 'value'; value: SqlValue };

export function evalValue(v: ValueExpr, bindVars: BindVars): SqlValue {
  return v.kind === 'value' ? v.value : (bindVars[v.name] ?? null);
}

export function describeValue(v: ValueExpr): string {
  return v.kind === 'param' ? `:${v.name}` : String(v.value);
}

/** The serving shard whose key range holds the keyspace id (hex), if any. */
export function shardForKeyspaceId(shards: readonly ShardRef[], keyspaceIdHex: string): ShardRef | undefined {
  return shards.find((s) => keyRangeContains(s.keyRange, keyspaceIdHex));
}

/** The serving shards whose key ranges intersect `kr`. */
export function shardsForKeyRange(shards: readonly ShardRef[], kr: KeyRange): ShardRef[] {
  const lt = (a: string, b: string) => {
    const n = Math.max(a.length, b.length);
    return a.padEnd(n, '0') < b.padEnd(n, '0');
  };
  return shards.filter((s) => {
    const startsBeforeEnd = kr.end === '' || s.keyRange.start === '' || lt(s.keyRange.start, kr.end);
    const endsAfterStart = s.keyRange.end === '' || kr.start === '' || lt(kr.start, s.keyRange.end);
    return startsBeforeEnd && endsAfterStart;
  });
}

/** The shard names a destination names within a keyspace's serving shards. */
export function resolveDestination(shards: readonly ShardRef[], d: ShardDestination): string[] {
  switch (d.kind) {
    case 'shard':
      return [d.shard];
    case 'keyrange':
      return shardsForKeyRange(shards, d.keyRange).map((s) => s.name);
    case 'keyspaceid': {
      const s = shardForKeyspaceId(shards, d.keyspaceIdHex);
      return s ? [s.name] : [];
    }
  }
}

export function describeDestination(d: ShardDestination): string {
  switch (d.kind) {
    case 'shard':
      return `Shard(${d.shard})`;
    case 'keyrange':
      return `ExactKeyRange(${keyRangeString(d.keyRange)})`;
    case 'keyspaceid':
      return `KeyspaceID(${d.keyspaceIdHex})`;
  }
}

export interface RouteOptions {
  opcode: RouteOpcode;
  keyspace: Keyspace;
  tabletType: TabletType;
  /** The query sent to each shard (normalized, keyspace qualifiers removed). */
  query: string;
  isDml: boolean;
  vindex?: Vindex;
  values?: ValueExpr[];
  destination?: ShardDestination;
}

export class Route implements Primitive {
  readonly opcode: RouteOpcode;
  readonly keyspace: Keyspace;
  readonly tabletType: TabletType;
  readonly query: string;
  readonly isDml: boolean;
  readonly vindex: Vindex | undefined;
  readonly values: ValueExpr[];
  readonly destination: ShardDestination | undefined;
  /** Targets cached per serving-view generation (the hit path of a point query must stay cheap). */
  private cachedTargets: { generation: number; targets: Target[] } | undefined;

  constructor(o: RouteOptions) {
    this.opcode = o.opcode;
    this.keyspace = o.keyspace;
    this.tabletType = o.tabletType;
    this.query = o.query;
    this.isDml = o.isDml;
    this.vindex = o.vindex;
    this.values = o.values ?? [];
    this.destination = o.destination;
  }

  /** The shards this route goes to for these bind variables, in key-range order. */
  targets(vc: VCursor, bindVars: BindVars): Target[] {
    const cached = this.cachedTargets;
    if (cached !== undefined && cached.generation === vc.view.generation) return cached.targets;
    const targets = this.resolve(vc, bindVars);
    if (this.opcode !== 'EqualUnique' && this.opcode !== 'IN') {
      this.cachedTargets = { generation: vc.view.generation, targets };
    }
    return targets;
  }

  private resolve(vc: VCursor, bindVars: BindVars): Target[] {
    const mk = (shard: string): Target => ({ keyspace: this.keyspace.name, shard, tabletType: this.tabletType });
    switch (this.opcode) {
      case 'None':
        return [];
      case 'ByDestination':
        return resolveDestination(vc.shards(this.keyspace.name, this.tabletType), this.destination as ShardDestination).map(mk);
      case 'Unsharded':
      case 'Reference': {
        const first = vc.shards(this.keyspace.name, this.tabletType)[0] as ShardRef;
        return [mk(first.name)];
      }
      case 'Scatter':
        return vc.shards(this.keyspace.name, this.tabletType).map((s) => mk(s.name));
      case 'EqualUnique':
      case 'IN': {
        const vindex = this.vindex;
        if (vindex === undefined) throw VT12001(`vindex type of keyspace ${this.keyspace.name} in vtsim`);
        const shards = vc.shards(this.keyspace.name, this.tabletType);
        const names = new Set<string>();
        for (const v of this.values) {
          const ksid = vindex.map(evalValue(v, bindVars));
          if (ksid === undefined) continue;
          const s = shardForKeyspaceId(shards, ksid);
          if (s) names.add(s.name);
        }
        return shards.filter((s) => names.has(s.name)).map((s) => mk(s.name));
      }
    }
  }

  shardQueries(vc: VCursor, bindVars: BindVars): ShardQuery[] {
    return this.targets(vc, bindVars).map((target) => ({ target, sql: this.query, bindVars }));
  }

  execute(vc: VCursor, bindVars: BindVars): QueryResult {
    const queries = this.shardQueries(vc, bindVars);
    if (queries.length === 0) return { fields: [], rows: [], rowsAffected: 0, insertId: 0 };
    return mergeResults(vc.executeMultiShard(queries, this.isDml));
  }

  describe(): PrimitiveDescription {
    const d: PrimitiveDescription = {
      operatorType: 'Route',
      variant: this.opcode,
      keyspace: { name: this.keyspace.name, sharded: this.keyspace.sharded },
      tabletType: this.tabletType,
      query: this.query,
    };
    if (this.destination) d.targetDestination = describeDestination(this.destination);
    if (this.vindex) d.other = { Vindex: this.vindex.name, Values: this.values.map(describeValue).join(', ') };
    return d;
  }
}

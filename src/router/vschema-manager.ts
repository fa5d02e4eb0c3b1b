// VSchemaManager: keeps vtgate's VSchema and its view of each keyspace's serving shards current with
// the topology, rebuilding only when the topology changed and clearing cached plans only when what
// vtgate serves actually changed.
// Mirrors go/vt/vtgate/vschema_manager.go (VSchemaUpdate on every new SrvVSchema, which resets the plan
// cache) and go/vt/srvtopo (the resolver's serving shards per keyspace). Vitess watches the cell's
// SrvVSchema; vtsim compares topo's write counter at each statement, which is as fresh as a watch.

import type { KeyRange } from '../common/key-range.js';
import { parseShardName } from '../common/key-range.js';
import type { TopoServer } from '../topo/topo-server.js';
import type { SrvVSchema } from '../topo/records.js';
import type { TabletType } from '../common/tablet-alias.js';
import { SERVED_TYPES, servedShardNames } from '../topo/srv-keyspace.js';
import { VSchema } from './vschema.js';

/** A serving shard of a keyspace and the key range it covers. */
export interface ShardRef {
  name: string;
  keyRange: KeyRange;
}

/** What vtgate serves from at one moment: the VSchema and the serving shards of each keyspace. */
export interface ServingView {
  readonly vschema: VSchema;
  /** Bumped each time the content changes; plans built on an older generation are stale. */
  readonly generation: number;
  /**
   * The shards serving a tablet type of a keyspace (its SrvKeyspace partition; PRIMARY when no type is
   * given), in key-range order ([] for an unknown keyspace).
   */
  shards(keyspace: string, tabletType?: TabletType): readonly ShardRef[];
  /** Keyspace names in topo (for `show vitess_shards`), sorted. */
  topoKeyspaces(): readonly string[];
}

export class VSchemaManager {
  private topoVersion = -1;
  private fingerprint = '';
  private view: ServingView | undefined;
  private generation = 0;
  private readonly listeners = new Set<(view: ServingView) => void>();

  constructor(
    private readonly topo: TopoServer,
    private readonly cell: string,
  ) {}

  /** The current view, rebuilt first if the topology changed since the last call. */
  current(): ServingView {
    const v = this.topo.version();
    if (this.view !== undefined && v === this.topoVersion) return this.view;
    this.topoVersion = v;
    const srv = this.srvVSchema();
    const keyspaces = this.topo.getKeyspaceNames();
    const shards = new Map<string, ShardRef[]>();
    for (const ks of new Set([...keyspaces, ...Object.keys(srv.keyspaces)])) {
      for (const type of SERVED_TYPES) shards.set(`${ks}@${type}`, this.servingShards(ks, type));
    }
    const fingerprint = JSON.stringify([srv, keyspaces, [...shards]]);
    if (this.view !== undefined && fingerprint === this.fingerprint) return this.view;
    this.fingerprint = fingerprint;
    this.generation++;
    const vschema = new VSchema(srv);
    const sortedKeyspaces = [...keyspaces].sort();
    const view: ServingView = {
      vschema,
      generation: this.generation,
      shards: (ks, type = 'PRIMARY') => shards.get(`${ks}@${servedType(type)}`) ?? [],
      topoKeyspaces: () => sortedKeyspaces,
    };
    this.view = view;
    for (const l of this.listeners) l(view);
    return view;
  }

  /** Called with each new view (the executor clears its plan cache). */
  onUpdate(listener: (view: ServingView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The cell's SrvVSchema. A cell that has none yet (nothing ran RebuildSrvVSchema) is served what a
   * rebuild would produce, rather than nothing at all.
   */
  private srvVSchema(): SrvVSchema {
    return this.topo.getSrvVSchema(this.cell) ?? this.topo.buildSrvVSchema();
  }

  /**
   * Shards that serve a tablet type of the keyspace (the cell's SrvKeyspace partition for the type), in
   * key-range order. A keyspace whose shards are all non-serving is served by all of them, rather than by
   * none.
   */
  private servingShards(keyspace: string, tabletType: TabletType): ShardRef[] {
    let names: string[];
    try {
      names = this.topo.getShardNames(keyspace);
    } catch {
      return [];
    }
    const all: Array<ShardRef & { serving: boolean }> = [];
    const served = new Set(servedShardNames(this.topo.getSrvKeyspace(this.cell, keyspace) ?? { partitions: [] }, tabletType));
    for (const name of names) {
      const s = this.topo.getShard(keyspace, name);
      const keyRange = s?.key_range ?? parseShardName(name) ?? { start: '', end: '' };
      all.push({ name, keyRange, serving: served.has(name) });
    }
    const serving = all.filter((s) => s.serving);
    return (serving.length > 0 ? serving : all).map(({ name, keyRange }) => ({ name, keyRange }));
  }
}

/** The partition a tablet type reads from: types without one of their own (BACKUP, ...) use PRIMARY's. */
function servedType(type: TabletType): TabletType {
  return type === 'REPLICA' || type === 'RDONLY' ? type : 'PRIMARY';
}

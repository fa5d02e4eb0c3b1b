// TopoServer: the typed topology API (keyspaces, shards, tablets, vschema, routing rules, SrvVSchema, locks)
// over a dumb TopoConn.
// Mirrors go/vt/topo/server.go and its companions keyspace.go, shard.go, tablet.go, vschema.go,
// srv_vschema.go, locks.go / keyspace_lock.go / shard_lock.go, plus the checks of
// go/vt/vtctl/grpcvtctldserver DeleteKeyspace and deleteShard. Everything is synchronous: the simulator is
// single-threaded, so "wait for the lock" or "retry on BadVersion" never happen; a held lock is an error.
// Every write is traced and bumps version(), so vtgate can see cheaply whether its cached vschema is stale.

import { vtError, errorMessage } from '../common/errors.js';
import type { TabletAlias, TabletType } from '../common/tablet-alias.js';
import { parseAlias } from '../common/tablet-alias.js';
import type { SimEnv } from '../engine/sim-env.js';
import type { TopoConn } from './conn.js';
import { updateDeniedTables } from './denied-tables.js';
import { GLOBAL_CELL, TopoPaths } from './paths.js';
import { newKeyspace, newShard, newSrvVSchema, newVSchemaKeyspace } from './records.js';
import type { Keyspace, RoutingRules, Shard, SrvVSchema, Tablet, VSchemaKeyspace } from './records.js';
import { isTopoError, topoError } from './topo-errors.js';
import type { SrvKeyspace } from './srv-keyspace.js';
import { deriveSrvKeyspace } from './srv-keyspace.js';
import { keyRangesIntersect, validateObjectName, validateShardName } from './validate.js';

export { routingRulesToMap, routingRulesFromMap } from './vschema.js';

export interface TopoServerOptions {
  /** Parent of the global and cell roots; '/vitess' as in the local example. */
  root?: string;
  /** The cell assumed when the topology names none yet (the local example's only cell). */
  defaultCell?: string;
}

/** Which tablets getTablets returns; every given criterion must match. */
export interface TabletFilter {
  keyspace?: string;
  shard?: string;
  tabletType?: TabletType;
  cell?: string;
}

export type TopoChangeListener = (path: string) => void;

function compareAliases(a: TabletAlias, b: TabletAlias): number {
  if (a.cell !== b.cell) return a.cell < b.cell ? -1 : 1;
  return a.uid - b.uid;
}

export class TopoServer {
  readonly paths: TopoPaths;
  readonly defaultCell: string;
  private writes = 0;
  private readonly listeners = new Set<TopoChangeListener>();
  /** The locks this server holds, by resource ("keyspace commerce", "shard commerce/0"). */
  private readonly held = new Set<string>();

  constructor(
    readonly conn: TopoConn,
    private readonly env: SimEnv,
    options: TopoServerOptions = {},
  ) {
    this.paths = new TopoPaths(options.root);
    this.defaultCell = options.defaultCell ?? 'zone1';
  }

  // --- change notification ------------------------------------------------------------------------------

  /** A counter bumped by every write; equal values mean nothing changed in between. */
  version(): number {
    return this.writes;
  }

  /** Calls `listener` with the path of every write; returns the unsubscribe function. */
  onChange(listener: TopoChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private changed(op: 'create' | 'update' | 'delete', path: string): void {
    this.writes++;
    this.env.trace.record('topo', op, path);
    for (const l of [...this.listeners]) l(path);
  }

  private create(path: string, value: unknown): void {
    this.conn.create(path, value);
    this.changed('create', path);
  }

  private update(path: string, value: unknown, expectedVersion?: number): void {
    this.conn.update(path, value, expectedVersion);
    this.changed('update', path);
  }

  private remove(path: string): void {
    this.conn.delete(path);
    this.changed('delete', path);
  }

  /** Child names of a directory, or [] when it does not exist. */
  private listOrEmpty(dirPath: string): string[] {
    try {
      return this.conn.list(dirPath);
    } catch (e) {
      if (isTopoError(e, 'NO_NODE')) return [];
      throw e;
    }
  }

  /** Read-modify-write with the version as compare-and-swap token (Vitess's Update*Fields). */
  private updateFields<T>(path: string, fn: (value: T) => void): T {
    const cur = this.conn.get(path);
    if (cur === undefined) throw topoError('NO_NODE', path);
    const value = cur.value as T;
    fn(value);
    this.update(path, value, cur.version);
    return structuredClone(value);
  }

  // --- keyspaces (keyspace.go) ----------------------------------------------------------------------

  /** Creates a keyspace record (proto defaults for what `ks` leaves out). NODE_EXISTS if it exists. */
  createKeyspace(name: string, ks: Partial<Keyspace> = {}): Keyspace {
    try {
      validateObjectName(name);
    } catch (e) {
      throw vtError('INVALID_ARGUMENT', `CreateKeyspace: ${errorMessage(e)}: ${errorMessage(e)}`);
    }
    const record = newKeyspace(ks);
    this.create(this.paths.keyspace(name), record);
    return structuredClone(record);
  }

  getKeyspace(name: string): Keyspace | undefined {
    return this.conn.get(this.paths.keyspace(name))?.value as Keyspace | undefined;
  }

  /** Every keyspace name, sorted. */
  getKeyspaceNames(): string[] {
    return this.listOrEmpty(this.paths.keyspacesDir).filter((ks) => this.conn.get(this.paths.keyspace(ks)) !== undefined);
  }

  /** Edits a keyspace record in place; NO_NODE if it does not exist. */
  updateKeyspace(name: string, fn: (ks: Keyspace) => void): Keyspace {
    return this.updateFields(this.paths.keyspace(name), fn);
  }

  /**
   * Deletes a keyspace and its vschema, under the keyspace lock, as vtctld's DeleteKeyspace does. With
   * shards left it refuses unless `recursive`, which deletes the shards and their tablets first.
   */
  deleteKeyspace(name: string, recursive: boolean): void {
    let unlock: () => void;
    try {
      unlock = this.lockKeyspace(name, 'DeleteKeyspace');
    } catch (e) {
      throw vtError(
        'UNKNOWN',
        `failed to lock ${name}; if you really want to delete this keyspace, re-run with Force=true: ${errorMessage(e)}`,
      );
    }
    try {
      const shards = this.getShardNames(name);
      if (shards.length > 0) {
        if (!recursive) {
          throw vtError(
            'FAILED_PRECONDITION',
            `keyspace ${name} still has ${shards.length} shards; use Recursive=true or remove them manually`,
          );
        }
        for (const shard of shards) {
          try {
            this.deleteShard(name, shard, true);
          } catch (e) {
            throw vtError('UNKNOWN', `cannot delete shard ${name}/${shard}: ${errorMessage(e)}`);
          }
        }
      }
      this.remove(this.paths.keyspace(name));
      if (this.conn.get(this.paths.vschema(name)) !== undefined) this.remove(this.paths.vschema(name));
      this.rebuildKeyspace(name);
    } finally {
      unlock();
    }
  }

  // --- shards (shard.go) ---------------------------------------------------------------------------

  /**
   * Creates a shard record: key range from the name, primary serving unless it overlaps an existing shard.
   * The keyspace must exist (the caller creates it).
   */
  createShard(keyspace: string, shard: string): Shard {
    validateObjectName(keyspace);
    const { keyRange } = validateShardName(shard);
    // Vitess locks the keyspace here, which fails this way when it does not exist.
    if (this.getKeyspace(keyspace) === undefined) throw topoError('NO_NODE', `${this.paths.keyspaceDir(keyspace)}/`);
    const overlaps = this.listOrEmpty(this.paths.shardsDir(keyspace)).some((s) => {
      const other = this.getShard(keyspace, s);
      return other !== undefined && keyRangesIntersect(other.key_range, keyRange);
    });
    const record = newShard({ key_range: keyRange, is_primary_serving: !overlaps });
    this.create(this.paths.shard(keyspace, shard), record);
    return structuredClone(record);
  }

  getShard(keyspace: string, shard: string): Shard | undefined {
    return this.conn.get(this.paths.shard(keyspace, shard))?.value as Shard | undefined;
  }

  /**
   * The keyspace's shard names, sorted by key range start, then name. [] for a keyspace without shards;
   * NO_NODE when the keyspace does not exist.
   */
  getShardNames(keyspace: string): string[] {
    const dir = this.paths.shardsDir(keyspace);
    let names: string[];
    try {
      names = this.conn.list(dir);
    } catch (e) {
      if (isTopoError(e, 'NO_NODE') && this.getKeyspace(keyspace) !== undefined) return [];
      throw e;
    }
    const keyed: Array<{ name: string; start: string }> = [];
    for (const name of names) {
      const s = this.getShard(keyspace, name);
      if (s !== undefined) keyed.push({ name, start: s.key_range?.start ?? '' });
    }
    const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    return keyed.sort((a, b) => cmp(a.start, b.start) || cmp(a.name, b.name)).map((x) => x.name);
  }

  /** Edits a shard record in place and returns the result; NO_NODE if the shard does not exist. */
  updateShardFields(keyspace: string, shard: string, fn: (s: Shard) => void): Shard {
    return this.updateFields(this.paths.shard(keyspace, shard), fn);
  }

  /**
   * Deletes a shard record. If tablets still belong to it, refuses unless `recursive`, which deletes them
   * (grpcvtctldserver deleteShard / deleteShardCell).
   */
  deleteShard(keyspace: string, shard: string, recursive = false): void {
    const path = this.paths.shard(keyspace, shard);
    if (this.conn.get(path) === undefined) throw topoError('NO_NODE', path);
    const tablets = this.getTabletsByShard(keyspace, shard);
    if (tablets.length > 0 && !recursive) {
      const cell = tablets[0]!.alias.cell;
      const n = tablets.filter((t) => t.alias.cell === cell).length;
      // (sic) "hase": Vitess's text.
      throw vtError(
        'FAILED_PRECONDITION',
        `Shard ${keyspace}/${shard} still hase ${n} tablets in cell ${cell}; use Recursive = true or remove them manually`,
      );
    }
    for (const t of tablets) this.deleteTablet(t.alias);
    this.remove(path);
  }

  /**
   * Adds or removes denied tables in the shard's TabletControl for `tabletType` (go/vt/topo/shard.go
   * UpdateDeniedTables; see denied-tables.ts for the merge rules). Nothing is written if it throws.
   */
  updateDeniedTables(
    keyspace: string,
    shard: string,
    tabletType: TabletType,
    cells: string[],
    remove: boolean,
    tables: string[],
  ): Shard {
    return this.updateShardFields(keyspace, shard, (s) =>
      updateDeniedTables(s, keyspace, shard, tabletType, cells, remove, tables),
    );
  }

  // --- tablets (tablet.go; records live in the tablet's cell) ---------------------------------------

  /** Creates a tablet record. NODE_EXISTS ("node already exists: /vitess/zone1/tablets/.../Tablet"). */
  createTablet(tablet: Tablet): void {
    this.create(this.paths.tablet(tablet.alias), tablet);
  }

  getTablet(alias: TabletAlias): Tablet | undefined {
    return this.conn.get(this.paths.tablet(alias))?.value as Tablet | undefined;
  }

  /** Edits a tablet record in place (UpdateTabletFields); NO_NODE if it does not exist. */
  updateTablet(alias: TabletAlias, fn: (t: Tablet) => void): Tablet {
    return this.updateFields(this.paths.tablet(alias), fn);
  }

  deleteTablet(alias: TabletAlias): void {
    this.remove(this.paths.tablet(alias));
  }

  /** Tablet aliases of one cell, or of every cell, sorted by cell then uid. */
  getTabletAliases(cell?: string): TabletAlias[] {
    const cells = cell === undefined ? this.getCellNames() : [cell];
    const out: TabletAlias[] = [];
    for (const c of cells) {
      for (const name of this.listOrEmpty(this.paths.tabletsDir(c))) {
        const alias = parseAlias(name);
        if (alias !== undefined && this.conn.get(this.paths.tablet(alias)) !== undefined) out.push(alias);
      }
    }
    return out.sort(compareAliases);
  }

  /** The tablets matching `filter`, sorted by alias. */
  getTablets(filter: TabletFilter = {}): Tablet[] {
    const out: Tablet[] = [];
    for (const alias of this.getTabletAliases(filter.cell)) {
      const t = this.getTablet(alias);
      if (t === undefined) continue;
      if (filter.keyspace !== undefined && t.keyspace !== filter.keyspace) continue;
      if (filter.shard !== undefined && t.shard !== filter.shard) continue;
      if (filter.tabletType !== undefined && t.type !== filter.tabletType) continue;
      out.push(t);
    }
    return out;
  }

  getTabletsByShard(keyspace: string, shard: string): Tablet[] {
    return this.getTablets({ keyspace, shard });
  }

  // --- cells (cell_info.go) -------------------------------------------------------------------------

  /**
   * Registers a cell (its CellInfo record), as `vtctldclient AddCellInfo` does. Idempotent.
   * `serverAddress` is the cell's topo server (the local example's etcd, `localhost:2379`).
   */
  addCell(name: string, serverAddress = ''): void {
    validateObjectName(name);
    if (name === GLOBAL_CELL) throw vtError('INVALID_ARGUMENT', `cell name ${name} is reserved`);
    const path = this.paths.cellInfo(name);
    if (this.conn.get(path) !== undefined) return;
    this.create(path, { server_address: serverAddress, root: this.paths.cellRoot(name) });
  }

  /** A cell's CellInfo record (topodata.CellInfo), if it was registered. */
  getCellInfo(name: string): { server_address: string; root: string } | undefined {
    const v = this.conn.get(this.paths.cellInfo(name))?.value as { server_address: string; root: string } | undefined;
    return v === undefined ? undefined : { ...v };
  }

  /**
   * The known cells, sorted: those added with addCell, plus any holding tablets or a SrvVSchema.
   * With none, the default cell.
   */
  getCellNames(): string[] {
    const cells = new Set(this.listOrEmpty(this.paths.cellsDir));
    for (const c of this.listOrEmpty(this.paths.root)) if (c !== GLOBAL_CELL) cells.add(c);
    if (cells.size === 0) cells.add(this.defaultCell);
    return [...cells].sort();
  }

  // --- vschema (vschema.go) --------------------------------------------------------------------------

  getVSchema(keyspace: string): VSchemaKeyspace | undefined {
    return this.conn.get(this.paths.vschema(keyspace))?.value as VSchemaKeyspace | undefined;
  }

  /** Stores a keyspace's vschema as given (normalize user input with normalizeVSchema first). */
  saveVSchema(keyspace: string, vs: VSchemaKeyspace): void {
    this.update(this.paths.vschema(keyspace), vs);
  }

  /** NO_NODE if the keyspace has no vschema. */
  deleteVSchema(keyspace: string): void {
    this.remove(this.paths.vschema(keyspace));
  }

  /** Saves an empty vschema if the keyspace has none (EnsureVSchema, run when a tablet creates its shard). */
  ensureVSchema(keyspace: string): void {
    if (this.getVSchema(keyspace) === undefined) this.saveVSchema(keyspace, newVSchemaKeyspace());
  }

  // --- routing rules (vschema.go) --------------------------------------------------------------------

  /** The routing rules; { rules: [] } when none were saved. */
  getRoutingRules(): RoutingRules {
    return (this.conn.get(this.paths.routingRules)?.value as RoutingRules | undefined) ?? { rules: [] };
  }

  /** Saves the routing rules; saving none deletes the record, as Vitess does. */
  saveRoutingRules(rr: RoutingRules): void {
    const path = this.paths.routingRules;
    if (rr.rules.length > 0) this.update(path, rr);
    else if (this.conn.get(path) !== undefined) this.remove(path);
  }

  // --- SrvVSchema (srv_vschema.go) -------------------------------------------------------------------

  /** The SrvVSchema every keyspace's vschema and the routing rules would make now. */
  buildSrvVSchema(): SrvVSchema {
    const keyspaces: Record<string, VSchemaKeyspace> = {};
    for (const ks of this.getKeyspaceNames()) keyspaces[ks] = this.getVSchema(ks) ?? newVSchemaKeyspace();
    return newSrvVSchema({ keyspaces, routing_rules: this.getRoutingRules() });
  }

  /** Writes the current SrvVSchema to the given cells (default: every known cell). */
  rebuildSrvVSchema(cells?: string[]): void {
    const targets = cells === undefined || cells.length === 0 ? this.getCellNames() : cells;
    const srv = this.buildSrvVSchema();
    for (const cell of targets) this.update(this.paths.srvVSchema(cell), srv);
  }

  getSrvVSchema(cell: string): SrvVSchema | undefined {
    return this.conn.get(this.paths.srvVSchema(cell))?.value as SrvVSchema | undefined;
  }

  // --- SrvKeyspace (srv_keyspace.go; see srv-keyspace.ts) ----------------------------------------------

  /**
   * A cell's SrvKeyspace: the stored record a Reshard traffic switch wrote, else the one a rebuild would
   * derive from the shard records now. Undefined for a keyspace that does not exist.
   */
  getSrvKeyspace(cell: string, keyspace: string): SrvKeyspace | undefined {
    const stored = this.conn.get(this.paths.srvKeyspace(cell, keyspace))?.value as SrvKeyspace | undefined;
    if (stored !== undefined) return structuredClone(stored);
    if (this.getKeyspace(keyspace) === undefined) return undefined;
    const shards = this.getShardNames(keyspace).map((name) => ({ name, si: this.getShard(keyspace, name)! }));
    return deriveSrvKeyspace(shards);
  }

  /** Stores a cell's SrvKeyspace (UpdateSrvKeyspace). */
  saveSrvKeyspace(cell: string, keyspace: string, srv: SrvKeyspace): void {
    this.update(this.paths.srvKeyspace(cell, keyspace), srv);
  }

  /**
   * RebuildKeyspaceGraph: from now on every cell's record is what the shard records derive (the stored
   * records are dropped).
   */
  rebuildKeyspace(keyspace: string): void {
    for (const cell of this.getCellNames()) {
      const path = this.paths.srvKeyspace(cell, keyspace);
      if (this.conn.get(path) !== undefined) this.remove(path);
    }
  }

  /** The keyspaces with a SrvKeyspace in a cell (GetSrvKeyspaceNames), sorted. */
  getSrvKeyspaceNames(cell: string): string[] {
    return this.getKeyspaceNames().filter((ks) => this.getSrvKeyspace(cell, ks) !== undefined);
  }

  // --- locks (locks.go) --------------------------------------------------------------------------------

  /** Locks a keyspace for `action`; returns the unlock function. Errors as Vitess's internalLock. */
  lockKeyspace(keyspace: string, action: string): () => void {
    return this.lock('keyspace', keyspace, this.paths.keyspaceDir(keyspace), action);
  }

  lockShard(keyspace: string, shard: string, action: string): () => void {
    return this.lock('shard', `${keyspace}/${shard}`, this.paths.shardDir(keyspace, shard), action);
  }

  isKeyspaceLocked(keyspace: string): boolean {
    return this.held.has(`keyspace ${keyspace}`);
  }

  /** Mirrors topo.CheckKeyspaceLocked, for operations that must run under the keyspace lock. */
  checkKeyspaceLocked(keyspace: string): void {
    if (!this.isKeyspaceLocked(keyspace)) {
      throw vtError('INTERNAL', `keyspace ${keyspace} is not locked (no lockInfo in map)`);
    }
  }

  private lock(type: 'keyspace' | 'shard', name: string, dirPath: string, action: string): () => void {
    const resource = `${type} ${name}`;
    if (this.held.has(resource)) throw vtError('INTERNAL', `lock for ${type} ${name} is already held`);
    let release: () => void;
    try {
      release = this.conn.lock(dirPath, action);
    } catch (e) {
      if (isTopoError(e, 'LOCK_HELD')) throw vtError('INTERNAL', `lock for ${type} ${name} is already held`);
      throw e;
    }
    this.held.add(resource);
    this.env.trace.record('topo', 'lock', `${resource} (${action})`);
    return () => {
      if (!this.held.has(resource)) throw vtError('INTERNAL', `trying to unlock ${type} ${name} multiple times`);
      this.held.delete(resource);
      release();
      this.env.trace.record('topo', 'unlock', `${resource} (${action})`);
    };
  }
}

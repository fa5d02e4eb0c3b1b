// MemoryTopoConn: the in-memory TopoConn.
// Mirrors go/vt/topo/memorytopo (file.go, directory.go, lock.go), with etcd2topo's flat-key view of
// directories (a directory is any prefix of a stored key, and listing a missing one says
// "node doesn't exist: <dir>/"). Unlike memorytopo, whose version counter is seeded from the wall clock,
// versions come from one plain counter, so two runs hand out the same versions.

import { assert } from '../common/errors.js';
import type { TopoConn, TopoValue } from './conn.js';
import { topoError } from './topo-errors.js';

interface StoredFile {
  value: unknown;
  version: number;
}

/** Paths are absolute, with no empty segment and no trailing slash. */
function checkPath(path: string): void {
  assert(path.startsWith('/') && path.length > 1, `topo path must be absolute: ${JSON.stringify(path)}`);
  assert(!path.endsWith('/') && !path.includes('//'), `malformed topo path: ${JSON.stringify(path)}`);
}

export class MemoryTopoConn implements TopoConn {
  private readonly files = new Map<string, StoredFile>();
  private readonly locks = new Map<string, string>();
  private lastVersion = 0;

  get(path: string): TopoValue | undefined {
    checkPath(path);
    const f = this.files.get(path);
    return f === undefined ? undefined : { value: structuredClone(f.value), version: f.version };
  }

  create(path: string, value: unknown): number {
    checkPath(path);
    if (this.files.has(path)) throw topoError('NODE_EXISTS', path);
    return this.write(path, value);
  }

  update(path: string, value: unknown, expectedVersion?: number): number {
    checkPath(path);
    if (expectedVersion !== undefined) {
      const f = this.files.get(path);
      if (f === undefined) throw topoError('NO_NODE', path);
      if (f.version !== expectedVersion) throw topoError('BAD_VERSION', path);
    }
    return this.write(path, value);
  }

  delete(path: string, expectedVersion?: number): void {
    checkPath(path);
    const f = this.files.get(path);
    if (f === undefined) throw topoError('NO_NODE', path);
    if (expectedVersion !== undefined && f.version !== expectedVersion) throw topoError('BAD_VERSION', path);
    this.files.delete(path);
  }

  list(dirPath: string): string[] {
    checkPath(dirPath);
    const prefix = `${dirPath}/`;
    const names = new Set<string>();
    for (const key of this.files.keys()) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const slash = rest.indexOf('/');
      names.add(slash < 0 ? rest : rest.slice(0, slash));
    }
    // etcd2topo's ListDir names the missing directory with its trailing slash.
    if (names.size === 0) throw topoError('NO_NODE', prefix);
    return [...names].sort();
  }

  lock(path: string, owner: string): () => void {
    this.list(path); // the directory must exist, as in etcd2topo's Lock
    if (this.locks.has(path)) throw topoError('LOCK_HELD', path);
    this.locks.set(path, owner);
    let released = false;
    return () => {
      if (released) throw topoError('NOT_LOCKED', path);
      released = true;
      this.locks.delete(path);
    };
  }

  /** The locks held now, sorted by path (for views and invariant checks). */
  heldLocks(): Array<{ path: string; owner: string }> {
    return [...this.locks.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, owner]) => ({ path, owner }));
  }

  private write(path: string, value: unknown): number {
    const version = ++this.lastVersion;
    this.files.set(path, { value: structuredClone(value), version });
    return version;
  }
}

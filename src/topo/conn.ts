// TopoConn: the dumb, versioned key/value store under the topology service.
// Mirrors go/vt/topo/conn.go: file-system-like paths, a version per file used as a compare-and-swap token,
// directory listings and locks. It knows nothing about keyspaces or tablets; TopoServer (topo-server.ts)
// gives the paths their meaning. Vitess runs this seam over etcd, ZooKeeper or Consul; we have one
// in-memory implementation (memory-topo.ts), but keeping the seam shows why Vitess can swap stores.

/** A file's contents and the version that wrote them. */
export interface TopoValue {
  value: unknown;
  version: number;
}

/**
 * The store contract. Paths are absolute ('/vitess/global/keyspaces/commerce/Keyspace'); a directory
 * exists while some file lives under it. Values go in and come out deep-cloned, so a caller can never
 * alias stored state. All errors are TopoErrors (topo-errors.ts).
 */
export interface TopoConn {
  /** The file at `path`, or undefined when there is none. */
  get(path: string): TopoValue | undefined;
  /** Creates a file; returns its version. NODE_EXISTS if the file exists. */
  create(path: string, value: unknown): number;
  /**
   * Replaces a file's value; returns the new version. Without `expectedVersion` it is an unconditional
   * write that creates the file if needed. With it, NO_NODE if the file is missing and BAD_VERSION if its
   * version is not `expectedVersion`.
   */
  update(path: string, value: unknown, expectedVersion?: number): number;
  /** Deletes a file. NO_NODE if missing; BAD_VERSION if `expectedVersion` is given and not current. */
  delete(path: string, expectedVersion?: number): void;
  /** The names of the direct children (files and directories) of `dirPath`, sorted. NO_NODE if none. */
  list(dirPath: string): string[];
  /**
   * Locks a directory (it must exist: NO_NODE otherwise). LOCK_HELD if someone holds it; the simulator is
   * single-threaded, so there is nobody to wait for. Returns the unlock function (NOT_LOCKED if called twice).
   */
  lock(path: string, owner: string): () => void;
}

export { MemoryTopoConn } from './memory-topo.js';
export { TopoError, topoError, isTopoError } from './topo-errors.js';
export type { TopoErrorCode } from './topo-errors.js';

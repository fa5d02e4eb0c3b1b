// The --data-dir of `vtsim serve`: where cluster snapshots (src/cluster/snapshot.ts) live on disk, saved
// so that a crash at any moment (kill -9, power loss) leaves a loadable state:
//   DIR/snapshot-000007/...   one complete snapshot per directory (tablets' SQLite files can be opened
//                             with the sqlite3 tool), manifest.json listing every file with its CRC
//   DIR/CURRENT               the name of the newest complete snapshot
//   DIR/LOCK                  the pid of the `vtsim serve` using the directory
// Saving writes a new snapshot into a temporary directory, fsyncs every file and directory, renames it
// to its final name, then replaces CURRENT atomically (write CURRENT.tmp, fsync, rename). The previous
// snapshot is deleted only after that, so until the new one is complete the old one stays current.
// Loading takes CURRENT's snapshot, or when that is missing or damaged the newest snapshot that checks
// out. (LevelDB's CURRENT file and SQLite's rename-into-place follow the same idea.)

import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SnapshotFiles, SnapshotManifest } from '../cluster/snapshot.js';
import { MANIFEST_FILE, SnapshotError, validateSnapshot } from '../cluster/snapshot.js';

const SNAPSHOT_PREFIX = 'snapshot-';
const CURRENT = 'CURRENT';
const LOCK = 'LOCK';

/** A snapshot found on disk. */
export interface LoadedSnapshot {
  name: string;
  path: string;
  manifest: SnapshotManifest;
  read: (path: string) => Uint8Array | undefined;
}

export class DataDir {
  private locked = false;

  constructor(readonly dir: string) {}

  /**
   * Creates the directory if needed and takes its lock. Throws when another live process holds it
   * (a lock left by a dead process is taken over).
   */
  open(): void {
    mkdirSync(this.dir, { recursive: true });
    const lockPath = join(this.dir, LOCK);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(lockPath, 'wx');
        writeSync(fd, `${process.pid}\n`);
        closeSync(fd);
        this.locked = true;
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const pid = Number(readFileSync(lockPath, 'utf8').trim());
        if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
          throw new Error(`data directory ${this.dir} is in use by another vtsim serve (pid ${pid})`, { cause: e });
        }
        rmSync(lockPath, { force: true });
      }
    }
    throw new Error(`cannot lock data directory ${this.dir}`);
  }

  /** Releases the lock (on shutdown). */
  close(): void {
    if (!this.locked) return;
    this.locked = false;
    rmSync(join(this.dir, LOCK), { force: true });
  }

  /** Names of the snapshot directories, oldest first. */
  private snapshotNames(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((n) => n.startsWith(SNAPSHOT_PREFIX) && /^\d+$/.test(n.slice(SNAPSHOT_PREFIX.length)))
      .sort();
  }

  /**
   * The snapshot to resume from, or undefined when the directory holds none. Throws SnapshotError when
   * there are snapshots but none of them is complete and undamaged.
   */
  load(): LoadedSnapshot | undefined {
    const names = this.snapshotNames();
    if (names.length === 0) return undefined;
    let current: string | undefined;
    try {
      current = readFileSync(join(this.dir, CURRENT), 'utf8').trim();
    } catch {
      current = undefined;
    }
    const candidates = [...(current && names.includes(current) ? [current] : []), ...names.filter((n) => n !== current).reverse()];
    const problems: string[] = [];
    for (const name of candidates) {
      const path = join(this.dir, name);
      const read = (p: string): Uint8Array | undefined => {
        try {
          return readFileSync(join(path, p));
        } catch {
          return undefined;
        }
      };
      try {
        return { name, path, manifest: validateSnapshot(read), read };
      } catch (e) {
        problems.push(`${name}: ${(e as Error).message}`);
      }
    }
    throw new SnapshotError(`no usable snapshot in ${this.dir}:\n  ${problems.join('\n  ')}`);
  }

  /** Writes a snapshot durably and makes it current; returns its directory. */
  save(files: SnapshotFiles): string {
    mkdirSync(this.dir, { recursive: true });
    const names = this.snapshotNames();
    const last = names.length > 0 ? Number((names[names.length - 1] as string).slice(SNAPSHOT_PREFIX.length)) : 0;
    const name = `${SNAPSHOT_PREFIX}${String(last + 1).padStart(6, '0')}`;
    const tmp = join(this.dir, `.tmp-${name}-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    const dirs = new Set<string>([tmp]);
    // The manifest goes last: a directory without it is recognisably incomplete.
    const ordered = [...files].sort(([a], [b]) => (a === MANIFEST_FILE ? 1 : b === MANIFEST_FILE ? -1 : a < b ? -1 : 1));
    for (const [rel, data] of ordered) {
      const path = join(tmp, rel);
      const parent = dirname(path);
      if (!dirs.has(parent)) {
        mkdirSync(parent, { recursive: true });
        dirs.add(parent);
      }
      writeDurably(path, data);
    }
    for (const d of [...dirs].sort((a, b) => b.length - a.length)) fsyncDir(d);
    const final = join(this.dir, name);
    renameSync(tmp, final);
    fsyncDir(this.dir);
    const currentTmp = join(this.dir, `${CURRENT}.tmp`);
    writeDurably(currentTmp, Buffer.from(`${name}\n`));
    renameSync(currentTmp, join(this.dir, CURRENT));
    fsyncDir(this.dir);
    // Only now is the new snapshot current: the older ones and leftovers of interrupted saves can go.
    for (const n of readdirSync(this.dir)) {
      if ((n.startsWith(SNAPSHOT_PREFIX) && n !== name) || n.startsWith('.tmp-')) rmSync(join(this.dir, n), { recursive: true, force: true });
    }
    return final;
  }
}

function writeDurably(path: string, data: Uint8Array): void {
  const fd = openSync(path, 'w');
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the renames are still ordered.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// GTID sets: which transactions a MySQL server has executed.
// Mirrors go/mysql/replication/mysql56_gtid_set.go and replication_position.go: a set maps each
// server UUID to sorted, non-overlapping intervals of transaction numbers; it prints as
// `uuid:1-5:7-9,uuid2:1-3` and, as an encoded position, with the `MySQL56/` flavor prefix.

export interface Gtid {
  /** server_uuid of the server that originally committed the transaction. */
  uuid: string;
  /** Its transaction number on that server, from 1. */
  seq: number;
}

type Interval = [start: number, end: number];

export class GtidSet {
  private readonly sets = new Map<string, Interval[]>();

  static parse(text: string): GtidSet {
    const s = new GtidSet();
    const body = text.trim().replace(/^MySQL56\//, '');
    if (body === '') return s;
    for (const part of body.split(',')) {
      const pieces = part.trim().split(':');
      const uuid = pieces.shift();
      if (!uuid || pieces.length === 0) throw new Error(`invalid MySQL 5.6 GTID set ("${text}")`);
      for (const iv of pieces) {
        const m = /^(\d+)(?:-(\d+))?$/.exec(iv);
        if (!m) throw new Error(`invalid MySQL 5.6 GTID set ("${text}")`);
        const start = Number(m[1]);
        const end = m[2] === undefined ? start : Number(m[2]);
        s.addInterval(uuid, start, end);
      }
    }
    return s;
  }

  clone(): GtidSet {
    const c = new GtidSet();
    for (const [u, ivs] of this.sets) c.sets.set(u, ivs.map((iv) => [iv[0], iv[1]] as Interval));
    return c;
  }

  isEmpty(): boolean {
    return this.sets.size === 0;
  }

  contains(g: Gtid): boolean {
    const ivs = this.sets.get(g.uuid);
    if (!ivs) return false;
    // Intervals are few (usually one): a linear scan from the end is fastest for recent GTIDs.
    for (let i = ivs.length - 1; i >= 0; i--) {
      const iv = ivs[i] as Interval;
      if (g.seq >= iv[0] && g.seq <= iv[1]) return true;
      if (g.seq > iv[1]) return false;
    }
    return false;
  }

  add(g: Gtid): void {
    this.addInterval(g.uuid, g.seq, g.seq);
  }

  /** Adds every GTID of another set. */
  union(other: GtidSet): void {
    for (const [u, ivs] of other.sets) for (const iv of ivs) this.addInterval(u, iv[0], iv[1]);
  }

  /** True when this set contains every GTID of `other` (MySQL's GTID_SUBSET(other, this)). */
  containsSet(other: GtidSet): boolean {
    for (const [u, ivs] of other.sets) {
      for (const iv of ivs) {
        const mine = this.sets.get(u);
        if (!mine || !mine.some((m) => m[0] <= iv[0] && m[1] >= iv[1])) return false;
      }
    }
    return true;
  }

  equals(other: GtidSet): boolean {
    return this.containsSet(other) && other.containsSet(this);
  }

  /** The highest transaction number seen for a server, or 0. */
  last(uuid: string): number {
    const ivs = this.sets.get(uuid);
    return ivs && ivs.length > 0 ? (ivs[ivs.length - 1] as Interval)[1] : 0;
  }

  /** `uuid:1-5:7,uuid2:1-3`, servers sorted as MySQL prints them. */
  toString(): string {
    return [...this.sets.keys()]
      .sort()
      .map((u) => {
        const ivs = (this.sets.get(u) as Interval[]).map((iv) => (iv[0] === iv[1] ? `${iv[0]}` : `${iv[0]}-${iv[1]}`));
        return `${u}:${ivs.join(':')}`;
      })
      .join(',');
  }

  /** The encoded replication position: `MySQL56/<set>`. */
  toPosition(): string {
    return `MySQL56/${this.toString()}`;
  }

  private addInterval(uuid: string, start: number, end: number): void {
    const ivs = this.sets.get(uuid) ?? [];
    if (!this.sets.has(uuid)) this.sets.set(uuid, ivs);
    const last = ivs[ivs.length - 1];
    // Fast path: appending the next transaction number, the common case.
    if (last && start >= last[0] && start <= last[1] + 1) {
      last[1] = Math.max(last[1], end);
      return;
    }
    ivs.push([start, end]);
    ivs.sort((a, b) => a[0] - b[0]);
    const merged: Interval[] = [];
    for (const iv of ivs) {
      const m = merged[merged.length - 1];
      if (m && iv[0] <= m[1] + 1) m[1] = Math.max(m[1], iv[1]);
      else merged.push([iv[0], iv[1]]);
    }
    ivs.length = 0;
    ivs.push(...merged);
  }
}

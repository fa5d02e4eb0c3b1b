// The seeded PRNG: the only source of randomness in the core.
// Mirrors TigerBeetle's src/stdx/prng.zig in spirit: an integer API, and children that fork their own
// streams at construction so adding a consumer in one component does not shift another's draws.
// Algorithm: xoshiro128** seeded through splitmix32 (32-bit integer arithmetic via Math.imul).

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  private constructor(seed: number) {
    let st = seed | 0;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [n, v] = splitmix32(st);
      st = n;
      words.push(v);
    }
    [this.s0, this.s1, this.s2, this.s3] = words as [number, number, number, number];
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A generator for a seed (any integer; only its low 32 bits are used). */
  static fromSeed(seed: number): Rng {
    return new Rng(seed >>> 0);
  }

  /** The generator's whole state (four 32-bit words), so a snapshot can resume the same stream. */
  getState(): [number, number, number, number] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }

  /** Restores a state taken with getState(). */
  setState(state: readonly number[]): void {
    if (state.length !== 4 || state.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffffffff)) {
      throw new Error('[BUG] rng state must be four 32-bit unsigned integers');
    }
    [this.s0, this.s1, this.s2, this.s3] = [state[0] as number, state[1] as number, state[2] as number, state[3] as number];
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32-bit unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A uniform integer in [0, maxExclusive). maxExclusive must be in 1..2^32. */
  int(maxExclusive: number): number {
    if (!Number.isInteger(maxExclusive) || maxExclusive < 1) {
      throw new Error(`[BUG] rng.int bound must be a positive integer, got ${maxExclusive}`);
    }
    // Rejection sampling keeps the distribution exact.
    const limit = Math.floor(0x100000000 / maxExclusive) * maxExclusive;
    for (;;) {
      const v = this.nextU32();
      if (v < limit) return v % maxExclusive;
    }
  }

  /** A uniform integer in [min, max]. */
  intBetween(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** True with probability numerator/denominator (integers, so no float drift). */
  chance(numerator: number, denominator: number): boolean {
    return this.int(denominator) < numerator;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('[BUG] rng.pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /** A child generator with its own stream, seeded from this one. */
  fork(): Rng {
    return new Rng(this.nextU32());
  }

  /** Lower-case hex of n random bytes. */
  hex(bytes: number): string {
    let s = '';
    for (let i = 0; i < bytes; i++) s += this.int(256).toString(16).padStart(2, '0');
    return s;
  }

  /** A random UUID in the 8-4-4-4-12 layout, version 4 bits set (as VDiff UUIDs are). */
  uuidV4(): string {
    const h = this.hex(16).split('');
    h[12] = '4';
    h[16] = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
  }

  /**
   * A UUID shaped like MySQL's server_uuid (a time-based v1 UUID: version nibble 1, "11ee" style),
   * used for GTIDs. Random, but stable for a seed.
   */
  serverUuid(): string {
    const s = this.hex(16).split('');
    s[12] = '1';
    s[16] = ((parseInt(s[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    const h = s.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

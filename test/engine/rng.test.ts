import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/rng.js';

describe('Rng', () => {
  it('gives the same stream for the same seed and different streams for different seeds', () => {
    const a = Rng.fromSeed(42);
    const b = Rng.fromSeed(42);
    const c = Rng.fromSeed(43);
    const sa = Array.from({ length: 20 }, () => a.nextU32());
    expect(Array.from({ length: 20 }, () => b.nextU32())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.nextU32())).not.toEqual(sa);
  });

  it('keeps int() within bounds and covers the range', () => {
    const r = Rng.fromSeed(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = r.int(10);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(10);
      seen.add(v);
    }
    expect(seen.size).toBe(10);
    expect(() => r.int(0)).toThrow(/positive integer/);
  });

  it('forks independent children: drawing from one does not shift the other', () => {
    const p1 = Rng.fromSeed(1);
    const c1 = p1.fork();
    const d1 = p1.fork();
    const p2 = Rng.fromSeed(1);
    const c2 = p2.fork();
    const d2 = p2.fork();
    for (let i = 0; i < 50; i++) c1.nextU32();
    expect(d1.nextU32()).toBe(d2.nextU32());
    expect(c2.nextU32()).not.toBe(d2.nextU32());
  });

  it('makes UUIDs in the 8-4-4-4-12 layout with version nibbles', () => {
    const r = Rng.fromSeed(3);
    expect(r.uuidV4()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r.serverUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('shuffles to a permutation', () => {
    const r = Rng.fromSeed(9);
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    expect([...r.shuffle(items)].sort()).toEqual(items);
  });
});

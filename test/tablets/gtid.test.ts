import { describe, expect, it } from 'vitest';
import { GtidSet } from '../../src/tablets/binlog/gtid.js';

const U1 = '5d8e0b24-6873-11ee-9359-49d03ab2cdee';
const U2 = '751b3b58-6874-11ee-9a45-2b583b20ee4a';

describe('GtidSet', () => {
  it('merges consecutive transactions into intervals and prints MySQL 5.6 sets', () => {
    const s = new GtidSet();
    for (let i = 1; i <= 51; i++) s.add({ uuid: U1, seq: i });
    expect(s.toString()).toBe(`${U1}:1-51`);
    expect(s.toPosition()).toBe(`MySQL56/${U1}:1-51`);
    s.add({ uuid: U1, seq: 53 });
    s.add({ uuid: U2, seq: 1 });
    expect(s.toString()).toBe(`${U1}:1-51:53,${U2}:1`);
    s.add({ uuid: U1, seq: 52 });
    expect(s.toString()).toBe(`${U1}:1-53,${U2}:1`);
  });

  it('parses what it prints, with or without the flavor prefix', () => {
    const text = `${U1}:1-5:7-9,${U2}:3`;
    expect(GtidSet.parse(text).toString()).toBe(text);
    expect(GtidSet.parse(`MySQL56/${text}`).toString()).toBe(text);
    expect(GtidSet.parse('').isEmpty()).toBe(true);
    expect(() => GtidSet.parse(`${U1}:x`)).toThrow(/invalid/);
  });

  it('answers containment of GTIDs and sets', () => {
    const a = GtidSet.parse(`${U1}:1-10`);
    const b = GtidSet.parse(`${U1}:2-5`);
    expect(a.contains({ uuid: U1, seq: 10 })).toBe(true);
    expect(a.contains({ uuid: U1, seq: 11 })).toBe(false);
    expect(a.containsSet(b)).toBe(true);
    expect(b.containsSet(a)).toBe(false);
    expect(a.last(U1)).toBe(10);
    expect(a.last(U2)).toBe(0);
  });
});

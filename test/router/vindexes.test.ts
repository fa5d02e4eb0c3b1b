// Vindex functions against Vitess's own test vectors, and target strings.

import { describe, it, expect } from 'vitest';
import { createVindex } from '../../src/router/vindexes/vindex.js';
import { xxhash64 } from '../../src/router/vindexes/xxhash64.js';
import { parseDestination } from '../../src/router/destination.js';
import { shardForKeyspaceId, shardsForKeyRange } from '../../src/router/primitives/route.js';
import { parseShardName } from '../../src/common/key-range.js';

describe('xxhash vindex (go/vt/vtgate/vindexes/xxhash_test.go vectors)', () => {
  const v = createVindex('xxhash', 'xxhash', {});
  it.each([
    ['test1', 'd01ab7e4d6978f0b'],
    ['test2', '87eb11714c0a0e89'],
    ['testaverylongvaluetomakesurethisworks', '81d8c38e0d850e6a'],
    [1, 'd46405367612b4b7'],
    [null, '99e9d85137db46ef'],
    [-1, 'd8e2a6a7c8c7623d'],
    [9223372036854775807n, 'b37eb01f7bffafd8'],
    [-9223372036854775808n, '102c27ddb26a609e'],
  ])('%s -> %s', (value, ksid) => {
    expect(v?.map(value)).toBe(ksid);
  });
  it('matches the reference XXH64 of a 39-byte input (python-xxhash docs)', () => {
    expect(xxhash64(new TextEncoder().encode('Nobody inspects the spammish repetition')).toString(16)).toBe('fbcea83c8a378bf1');
  });
});

describe('hash vindex (go/vt/vtgate/vindexes/hash_test.go vectors)', () => {
  const v = createVindex('hash', 'hash', {});
  it.each([
    [1, '166b40b44aba4bd6'],
    [2, '06e7ea22ce92708f'],
    [3, '4eb190c9a2fa169c'],
    [4, 'd2fd8867d50d2dfe'],
    [5, '70bb023c810ca87a'],
    [6, 'f098480ac4c4be71'],
    [0, '8ca64de9c1b123a7'],
    [-1, '355550b2150e2451'],
    [18446744073709551615n, '355550b2150e2451'],
    [9223372036854775807n, 'f77d48aadda1f1bb'],
    [-9223372036854775808n, '95f8a5e5dd31d900'],
  ])('%s -> %s', (value, ksid) => {
    expect(v?.map(value)).toBe(ksid);
  });
  it('maps a non-number nowhere', () => {
    expect(v?.map('abc')).toBeUndefined();
    expect(v?.map(null)).toBeUndefined();
  });
});

describe('keyspace id to shard', () => {
  const shards = ['-40', '40-80', '80-c0', 'c0-'].map((name) => ({ name, keyRange: parseShardName(name)! }));
  it('finds the shard whose range holds the id', () => {
    expect(shardForKeyspaceId(shards, '166b40b44aba4bd6')?.name).toBe('-40');
    expect(shardForKeyspaceId(shards, '40')?.name).toBe('40-80');
    expect(shardForKeyspaceId(shards, 'f098480ac4c4be71')?.name).toBe('c0-');
  });
  it('finds the shards a key range intersects', () => {
    expect(shardsForKeyRange(shards, parseShardName('-80')!).map((s) => s.name)).toEqual(['-40', '40-80']);
    expect(shardsForKeyRange(shards, parseShardName('60-90')!).map((s) => s.name)).toEqual(['40-80', '80-c0']);
  });
});

describe('target strings (topoproto.ParseDestination)', () => {
  it.each([
    ['commerce', { keyspace: 'commerce', tabletType: 'PRIMARY', destination: undefined }],
    ['commerce@replica', { keyspace: 'commerce', tabletType: 'REPLICA', destination: undefined }],
    ['commerce@RDONLY', { keyspace: 'commerce', tabletType: 'RDONLY', destination: undefined }],
    ['customer/-80', { keyspace: 'customer', tabletType: 'PRIMARY', destination: { kind: 'shard', shard: '-80' } }],
    ['commerce:0@replica', { keyspace: 'commerce', tabletType: 'REPLICA', destination: { kind: 'shard', shard: '0' } }],
    ['customer[80-]', { keyspace: 'customer', tabletType: 'PRIMARY', destination: { kind: 'keyrange', keyRange: { start: '80', end: '' }, text: '80-' } }],
    ['customer[d4]@replica', { keyspace: 'customer', tabletType: 'REPLICA', destination: { kind: 'keyspaceid', keyspaceIdHex: 'd4' } }],
    ['', { keyspace: '', tabletType: 'PRIMARY', destination: undefined }],
    ['commerce@bogus', { keyspace: 'commerce', tabletType: 'UNKNOWN', destination: undefined }],
  ])('%s', (target, want) => {
    expect(parseDestination(target, 'PRIMARY')).toEqual(want);
  });
  it('refuses a key range without its end', () => {
    expect(() => parseDestination('customer[80-', 'PRIMARY')).toThrow("invalid key range provided. Couldn't find range end ']'");
  });
});

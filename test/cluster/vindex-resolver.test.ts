// The vindex resolver the cluster gives the tablets' vstreamers: `ks.vindex` from that keyspace's vschema,
// a bare name from the one keyspace declaring it or else as a vindex type, with Vitess's errors.
import { describe, expect, it } from 'vitest';
import { topoVindexResolver } from '../../src/cluster/vindex-resolver.js';
import { createVindex } from '../../src/router/vindexes/vindex.js';
import { newSession, runOk } from '../support/session.js';

describe('topoVindexResolver', () => {
  it('resolves against the vschemas in topo as they are when asked', async () => {
    const s = await newSession();
    runOk(
      s,
      'CELL=zone1 ../common/scripts/etcd-up.sh',
      '../common/scripts/vtctld-up.sh',
      'vtctldclient CreateKeyspace shop',
      'vtctldclient CreateKeyspace books',
      `vtctldclient ApplyVSchema --vschema '{"sharded": true, "vindexes": {"by_id": {"type": "hash"}, "dup": {"type": "xxhash"}}}' shop`,
      `vtctldclient ApplyVSchema --vschema '{"sharded": true, "vindexes": {"dup": {"type": "numeric"}}}' books`,
    );
    const resolve = topoVindexResolver(s.cluster.topo);
    const hash = createVindex('h', 'hash', {})!;
    const xxhash = createVindex('x', 'xxhash', {})!;
    expect(resolve('shop.by_id')!(7)).toBe(hash.map(7));
    expect(resolve('by_id')!(7)).toBe(hash.map(7));
    expect(resolve('xxhash')!('abc')).toBe(xxhash.map('abc'));
    expect(resolve('books.dup')!(1)).toBe('0000000000000001');
    expect(() => resolve('dup')).toThrow('ambiguous vindex reference: dup');
    expect(() => resolve('shop.nope')).toThrow('vindex shop.nope not found');
    expect(() => resolve('nowhere.by_id')).toThrow("Unknown database 'nowhere' in vschema");
    expect(() => resolve('bogus')).toThrow('vindexType "bogus" not found');
    expect(() => resolve('a.b.c')).toThrow('invalid vindex name: a.b.c');

    // A later ApplyVSchema is seen by the next resolution (a stream resolves when it builds its plan).
    runOk(s, `vtctldclient ApplyVSchema --vschema '{"sharded": true, "vindexes": {"by_id": {"type": "xxhash"}}}' shop`);
    expect(resolve('shop.by_id')!(7)).toBe(xxhash.map(7));
    expect(resolve('dup')!(1)).toBe('0000000000000001');
  });
});

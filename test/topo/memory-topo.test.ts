import { describe, expect, it } from 'vitest';
import { MemoryTopoConn, TopoError, isTopoError } from '../../src/topo/conn.js';

function caught(fn: () => unknown): TopoError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TopoError) return e;
    throw e;
  }
  throw new Error('expected a TopoError');
}

describe('MemoryTopoConn', () => {
  it('creates, reads, updates and deletes with versions from one counter', () => {
    const c = new MemoryTopoConn();
    expect(c.create('/g/a/File', { n: 1 })).toBe(1);
    expect(c.create('/g/b/File', { n: 2 })).toBe(2);
    expect(c.get('/g/a/File')).toEqual({ value: { n: 1 }, version: 1 });
    expect(c.update('/g/a/File', { n: 3 }, 1)).toBe(3);
    expect(c.get('/g/a/File')).toEqual({ value: { n: 3 }, version: 3 });
    expect(c.update('/g/a/File', { n: 4 })).toBe(4); // unconditional
    c.delete('/g/a/File', 4);
    expect(c.get('/g/a/File')).toBeUndefined();
    // An unconditional update creates a missing file.
    expect(c.update('/g/c/File', 'x')).toBe(5);
  });

  it('reports NodeExists, NoNode and BadVersion with Vitess texts', () => {
    const c = new MemoryTopoConn();
    c.create('/vitess/global/keyspaces/ks/Keyspace', {});
    const exists = caught(() => c.create('/vitess/global/keyspaces/ks/Keyspace', {}));
    expect(exists.message).toBe('node already exists: /vitess/global/keyspaces/ks/Keyspace');
    expect(exists.code).toBe('ALREADY_EXISTS');
    expect(isTopoError(exists, 'NODE_EXISTS')).toBe(true);

    const bad = caught(() => c.update('/vitess/global/keyspaces/ks/Keyspace', {}, 99));
    expect(bad.message).toBe('bad node version: /vitess/global/keyspaces/ks/Keyspace');
    expect(bad.code).toBe('ABORTED');
    expect(caught(() => c.delete('/vitess/global/keyspaces/ks/Keyspace', 99)).topoCode).toBe('BAD_VERSION');

    const missing = caught(() => c.update('/vitess/global/keyspaces/x/Keyspace', {}, 1));
    expect(missing.message).toBe("node doesn't exist: /vitess/global/keyspaces/x/Keyspace");
    expect(missing.code).toBe('NOT_FOUND');
    expect(caught(() => c.delete('/vitess/global/keyspaces/x/Keyspace')).topoCode).toBe('NO_NODE');
    // The failed writes changed nothing.
    expect(c.get('/vitess/global/keyspaces/ks/Keyspace')?.version).toBe(1);
  });

  it('lists direct children sorted, and a missing directory with its trailing slash', () => {
    const c = new MemoryTopoConn();
    c.create('/r/keyspaces/b/Keyspace', 1);
    c.create('/r/keyspaces/a/shards/0/Shard', 1);
    c.create('/r/keyspaces/a/Keyspace', 1);
    expect(c.list('/r/keyspaces')).toEqual(['a', 'b']);
    expect(c.list('/r/keyspaces/a')).toEqual(['Keyspace', 'shards']);
    expect(caught(() => c.list('/r/keyspaces/zz')).message).toBe("node doesn't exist: /r/keyspaces/zz/");
  });

  it('locks a directory once; unlocking twice is an error', () => {
    const c = new MemoryTopoConn();
    c.create('/r/keyspaces/a/Keyspace', 1);
    const unlock = c.lock('/r/keyspaces/a', 'MoveTables');
    expect(c.heldLocks()).toEqual([{ path: '/r/keyspaces/a', owner: 'MoveTables' }]);
    const held = caught(() => c.lock('/r/keyspaces/a', 'other'));
    expect(held.message).toBe('lock already held for /r/keyspaces/a');
    unlock();
    expect(caught(() => unlock()).message).toBe('node /r/keyspaces/a is not locked');
    c.lock('/r/keyspaces/a', 'again')();
    expect(caught(() => c.lock('/r/keyspaces/nope', 'x')).message).toBe("node doesn't exist: /r/keyspaces/nope/");
  });

  it('deep-clones values in and out', () => {
    const c = new MemoryTopoConn();
    const v = { list: [1, 2], inner: { a: 'x' } };
    c.create('/r/f', v);
    v.list.push(3);
    const got = c.get('/r/f')!.value as typeof v;
    expect(got).toEqual({ list: [1, 2], inner: { a: 'x' } });
    got.inner.a = 'changed';
    expect((c.get('/r/f')!.value as typeof v).inner.a).toBe('x');
  });

  it('rejects malformed paths as programmer errors', () => {
    const c = new MemoryTopoConn();
    expect(() => c.get('relative/path')).toThrow('[BUG]');
    expect(() => c.create('/a//b', 1)).toThrow('[BUG]');
    expect(() => c.list('/a/')).toThrow('[BUG]');
  });
});

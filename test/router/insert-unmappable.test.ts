// An insert whose vindex value maps to no keyspace id: a `hash` vindex needs a number, so a string in
// its column is refused with VT09023 naming the value as sqltypes prints it (insert_common.go).
import { describe, expect, it } from 'vitest';
import { TestCluster } from './support/test-cluster.js';
import type { VtError } from '../../src/common/errors.js';

describe('insert into a sharded table with a value its vindex cannot map', () => {
  it('is VT09023 with the typed value, MySQL error 1105, and writes nothing', async () => {
    const c = await TestCluster.create();
    const vschema = {
      sharded: true,
      vindexes: { hash: { type: 'hash' } },
      tables: { stock: { column_vindexes: [{ column: 'warehouse', name: 'hash' }] } },
    };
    c.addKeyspace('depot', { baseUid: 300, shards: ['-80', '80-'], vschema });
    for (const shard of ['-80', '80-']) c.load('depot', shard, 'create table stock(id bigint not null, warehouse varchar(16), primary key(id))');
    const s = c.session('depot');
    let err: VtError | undefined;
    try {
      c.exec(s, "insert into stock(id, warehouse) values (1, 'north')");
    } catch (e) {
      err = e as VtError;
    }
    expect(err?.message).toBe('VT09023: could not map [VARCHAR("north")] to a keyspace id');
    expect(err?.errno).toBe(1105);
    expect(c.exec(s, 'insert into stock(id, warehouse) values (2, 7)').rowsAffected).toBe(1);
    expect(c.exec(s, 'select count(*) from stock').rows).toEqual([[1]]);
  });
});

import { describe, it, expect } from 'vitest';
import { TestCluster, COMMERCE_SCHEMA, COMMERCE_VSCHEMA } from './support/test-cluster.js';

describe('smoke', () => {
  it('runs the commerce basics', async () => {
    const c = await TestCluster.create();
    c.addKeyspace('commerce', { baseUid: 100, vschema: COMMERCE_VSCHEMA });
    c.load('commerce', '0', COMMERCE_SCHEMA);
    const s = c.session();
    const r1 = c.exec(s, "insert into customer(email) values('alice@domain.com')");
    console.log(r1);
    c.exec(s, 'use commerce');
    console.log(c.exec(s, 'select * from customer'));
    console.log(c.exec(s, 'select database()'));
    console.log(c.exec(s, 'show vitess_tablets'));
    try { c.exec(s, 'select * from nosuch'); } catch (e) { console.log((e as Error).message, (e as any).errno, (e as any).sqlState); }
    try { c.exec(s, 'selec * from nosuch'); } catch (e) { console.log((e as Error).message, (e as any).errno, (e as any).sqlState); }
    expect(1).toBe(1);
  });
});

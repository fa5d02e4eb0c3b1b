import { TestCluster, COMMERCE_SCHEMA, COMMERCE_VSCHEMA } from '../test/router/support/test-cluster.js';
const c = await TestCluster.create();
c.addKeyspace('commerce', { baseUid: 100, vschema: COMMERCE_VSCHEMA });
c.load('commerce', '0', COMMERCE_SCHEMA);
const s = c.session('commerce');
let t = performance.now();
const garbage = 'select ' + 'x'.repeat(1024 * 1024);
try { c.exec(s, garbage); console.log('ok?'); } catch (e) { console.log('garbage', (e as Error).message.slice(0, 100)); }
console.log('ms', performance.now() - t);
t = performance.now();
const garbage2 = 'select * from customer where ' + 'a = 1 and '.repeat(100000) + ' and and';
try { c.exec(s, garbage2); console.log('ok?'); } catch (e) { console.log('garbage2', (e as Error).message.slice(0, 100)); }
console.log('ms', performance.now() - t);
t = performance.now();
const rows = []; for (let i = 0; i < 20000; i++) rows.push(`('user${i}@example.com')`);
const big = 'insert into customer(email) values ' + rows.join(',');
console.log('len', big.length);
try { const r = c.exec(s, big); console.log('insert', r.rowsAffected, r.insertId); } catch (e) { console.log('big', (e as Error).message.slice(0, 200)); }
console.log('ms', performance.now() - t);
t = performance.now();
const nested = 'select ' + '('.repeat(5000) + '1' + ')'.repeat(5000);
try { c.exec(s, nested); console.log('nested ok'); } catch (e) { console.log('nested', (e as Error).message.slice(0, 200)); }
console.log('ms', performance.now() - t);

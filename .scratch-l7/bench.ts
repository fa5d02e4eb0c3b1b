import { TestCluster, COMMERCE_SCHEMA, COMMERCE_VSCHEMA } from '../test/router/support/test-cluster.js';
import { loadSqlJs } from '../src/tablets/sqlite/sqljs.js';
const c = await TestCluster.create();
c.addKeyspace('commerce', { baseUid: 100, vschema: COMMERCE_VSCHEMA });
c.load('commerce', '0', COMMERCE_SCHEMA);
const s = c.session('commerce');
for (let i = 0; i < 1000; i++) c.exec(s, `insert into customer(email) values ('u${i}@x.com')`);
const N = 20000;
for (let i = 0; i < 2000; i++) c.exec(s, `select * from customer where customer_id = ${1 + (i % 1000)}`);
let t = performance.now();
for (let i = 0; i < N; i++) c.exec(s, `select * from customer where customer_id = ${1 + (i % 1000)}`);
const vt = N / ((performance.now() - t) / 1000);
// direct
const SQL = await loadSqlJs();
const db = new SQL.Database();
db.run('create table customer (customer_id integer primary key autoincrement, email text)');
for (let i = 0; i < 1000; i++) db.run(`insert into customer(email) values ('u${i}@x.com')`);
const st = db.prepare('select * from customer where customer_id = ?');
for (let i = 0; i < 2000; i++) { st.bind([1 + (i % 1000)]); while (st.step()) st.get(); st.reset(); }
t = performance.now();
for (let i = 0; i < N; i++) { st.bind([1 + (i % 1000)]); while (st.step()) st.get(); st.reset(); }
const direct = N / ((performance.now() - t) / 1000);
// tablet direct
const tab = c.tablet('commerce', '0', 'PRIMARY');
t = performance.now();
for (let i = 0; i < N; i++) tab.server.execute({keyspace:'commerce', shard:'0', tabletType:'PRIMARY'}, 'select * from customer where customer_id = :customer_id /* INT64 */', {customer_id: 1 + (i % 1000)}, 0);
const tablet = N / ((performance.now() - t) / 1000);
console.log({ vt: Math.round(vt), tablet: Math.round(tablet), direct: Math.round(direct), ratio: (vt / direct).toFixed(2), tabletRatio: (tablet/direct).toFixed(2) });
console.log(c.vtgate.planCacheStats());

import pkg from 'node-sql-parser/build/mysql.js';
const p = new pkg.Parser();
const opt = { database: 'MySQL', parseOptions: { includeLocations: true } };
for (const sql of [
  'select commerce.customer.email from commerce.customer where commerce.customer.customer_id = 1',
  "select * from `commerce`.customer c join customer.corder o on c.customer_id=o.customer_id",
  "insert into commerce.corder(customer_id) values (1)",
  "select * from `commerce@replica`.customer",
  "select * from customer where id = :customer_id /* INT64 */",
  "select x from t where a in ::vtg1",
]) {
  try { const ast = p.astify(sql, opt); console.log(sql, '=>', JSON.stringify(ast).slice(0, 1500)); } catch (e) { console.log('ERR', sql, e.message.slice(0,300)); }
}
const t0 = performance.now();
for (let i = 0; i < 2000; i++) p.astify('select * from customer where customer_id = ' + i, opt);
console.log('parse us', (performance.now() - t0) / 2000 * 1000);

import pkg from 'node-sql-parser/build/mysql.js';
console.log(Object.keys(pkg));
const { Parser } = pkg;
const p = new Parser();
const opt = { database: 'MySQL' };
for (const sql of [
  'select * from customer where customer_id = 1',
  'select c.email, o.sku from commerce.customer c join customer.corder o on c.customer_id = o.customer_id where o.price > 10 order by 1 limit 5',
  "insert into corder(customer_id, sku, price) values (1,'SKU-1001',100),(2,'x',3)",
  'select database()', 'select @@version', 'show tables', 'show create table customer', 'begin', 'start transaction', 'commit', 'rollback', 'set autocommit=0', 'use commerce',
  'select 1 from dual', 'select now()', 'select last_insert_id()', 'delete from customer where customer_id in (1,2)',
  "update customer set email = 'x' where customer_id = :vtg1",
]) {
  try { const ast = p.astify(sql, opt); console.log(sql, '=>', JSON.stringify(ast).slice(0, 600)); } catch (e) { console.log('ERR', sql, e.message.slice(0,200)); }
}

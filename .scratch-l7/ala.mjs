import alasql from 'alasql';
import pkg from 'node-sql-parser/build/mysql.js';
const p = new pkg.Parser();
const db = new alasql.Database();
db.tables.t0 = { data: [{customer_id: 1, email: 'a'}, {customer_id: 2, email: 'b'}] };
db.exec('CREATE TABLE t1'); db.tables.t1.data = [{order_id: 1, customer_id: 1, sku: 'x', price: 10},{order_id: 2, customer_id: 1, sku: 'y', price: 5}];
const ast = p.astify("select c.email, count(*) as n, sum(o.price) from commerce.customer c join customer.corder o on c.customer_id = o.customer_id where o.price > :p group by c.email order by c.email limit 10", {database: 'MySQL'});
ast.from[0].db = null; ast.from[0].table = 't0';
ast.from[1].db = null; ast.from[1].table = 't1';
const sql = p.sqlify(ast, {database: 'MySQL'});
console.log(sql);
try { console.log(db.exec(sql.replace(/`/g, ''), {p: 1})); } catch (e) { console.log('ERR', e.message); }
try { console.log(db.exec(sql, {p: 1})); } catch (e) { console.log('ERR2', e.message); }
try { console.log(db.exec('SELECT `c`.`email` FROM `t0` AS `c` WHERE c.customer_id = $p', {p: 1})); } catch (e) { console.log('ERR3', e.message); }
try { console.log(db.exec("SELECT concat(c.email, 'x') AS z, upper(c.email), ifnull(null, 1), c.email like 'A%' FROM t0 AS c")); } catch (e) { console.log('ERR4', e.message); }
try { const r = db.exec("SELECT * FROM t0 AS c JOIN t1 AS o ON c.customer_id = o.customer_id"); console.log(r); } catch (e) { console.log('ERR5', e.message); }

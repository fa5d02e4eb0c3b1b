import pkg from 'node-sql-parser/build/mysql.js';
const p = new pkg.Parser();
const opt = { database: 'MySQL', parseOptions: { includeLocations: true } };
for (const sql of [
  'describe customer', 'desc customer', 'explain customer', 'select 1 union select 2', 'select * from (select * from t) as x', 'select * from t where id in (select id from u)',
  'create database foo', 'drop database foo', 'rename table a to b', 'create index i on t(x)', 'select * from customer where customer_id = :__vtdbname', 'select next 2 values from seq',
  "select a from t where a like 'x%' escape '!'", 'select cast(a as char(10)) from t', 'select count(*) from commerce.customer c, customer.corder o where c.customer_id=o.customer_id',
  'with x as (select 1) select * from x', 'select * from t1 left join t2 using (id)', "insert into t set a = 1, b = 'x'", 'update t1 join t2 on t1.a=t2.a set t1.x = 1', 'delete t1 from t1 join t2 on t1.id = t2.id',
]) {
  try { const ast = p.astify(sql, opt); console.log(sql, '=>', JSON.stringify(ast).slice(0, 400)); } catch (e) { console.log('ERR', sql, '|', e.message.slice(0,100), JSON.stringify(e.location?.start), e.found); }
}

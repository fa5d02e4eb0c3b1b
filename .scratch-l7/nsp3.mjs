import pkg from 'node-sql-parser/build/mysql.js';
const p = new pkg.Parser();
const opt = { database: 'MySQL', parseOptions: { includeLocations: true } };
for (const sql of [
  'show full tables', 'show tables from commerce', "show tables like 'c%'", 'show columns from customer', 'show index from customer', "show variables like 'x'",
  'show warnings', 'show keyspaces', 'show create table commerce.customer', 'show databases like "c%"', 'explain select * from t',
  'create table t (id int primary key)', 'drop table t', 'alter table t add column x int', 'truncate table t', 'set names utf8mb4', 'set @x = 5', "set transaction_mode = 'single'",
  'set session autocommit = on', 'set @@session.autocommit = 1', 'select @x', 'select * from t limit 1, 2', 'select * from t limit :a', 'select * from t where x in (:a, :b)',
  'selec * from t', 'select * fro t', 'select * from', "select 'abc", 'select * from t where a = -1', 'insert into t values (1) on duplicate key update a = values(a)',
  'select /* x */ 1', 'select 1; select 2', 'lock tables t read', 'unlock tables', 'select * from t for update', 'select count(*) from t group by x having count(*) > 1',
  'replace into t values (1)', 'delete from t', 'select * from t where a = :a /* INT64 */ and b = :b /* VARCHAR */',
]) {
  try { const ast = p.astify(sql, opt); console.log(sql, '=>', JSON.stringify(ast).slice(0, 300)); } catch (e) { console.log('ERR', sql, '|', e.message.slice(0,120), JSON.stringify(e.location?.start), e.found); }
}

import { tokenize } from '../src/router/sqlparser/lexer.js';
import { normalize, normalizeKindOf } from '../src/router/sqlparser/normalizer.js';
for (const sql of ["insert into customer(email) values ('a'),('b')", "insert into customer(email) values('alice@domain.com')",
  "select * from customer where customer_id = 1", "select * from t where a = 1 and b > 1 and c in (1, 2, 'x') and d = -5 limit 10",
  "update t set x = 1, y = y + 2 where id = 1", "delete from corder where order_id = 3 and sku like 'SKU%'",
  "select c.email from customer c where c.customer_id = 5", "select 'x', database(), @a, @@version from dual where 1 = 1",
  "select * from t where vtg1 = 3", "select * from t where a = :vtg1 and b = 2",
  "select cast(a as char(10)) from t where b = cast('x' as char(5))"]) {
  const t = tokenize(sql); const n = normalize(sql, t, normalizeKindOf(t));
  console.log(sql, '\n  =>', n.sql, JSON.stringify(n.bindVars), JSON.stringify(n.needs));
}

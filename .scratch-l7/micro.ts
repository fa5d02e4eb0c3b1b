import { tokenize } from '../src/router/sqlparser/lexer.js';
import { normalize, normalizeKindOf, compactStatement } from '../src/router/sqlparser/normalizer.js';
import { preParse } from '../src/router/sqlparser/vitess-statements.js';
import { trimStatement } from '../src/router/executor.js';
const N = 200000;
const qs = Array.from({length: 1000}, (_, i) => `select * from customer where customer_id = ${i+1}`);
function time(name: string, fn: (q: string) => unknown) {
  for (let i = 0; i < 20000; i++) fn(qs[i % 1000]!);
  const t = performance.now();
  for (let i = 0; i < N; i++) fn(qs[i % 1000]!);
  console.log(name, ((performance.now() - t) / N * 1000).toFixed(3), 'us');
}
time('trim', (q) => trimStatement(q));
time('tokenize', (q) => tokenize(q));
time('tokenize+compact', (q) => { const t = tokenize(q); return compactStatement(q, t); });
time('tokenize+preparse', (q) => { const t = tokenize(q); return preParse(q, t); });
time('tokenize+normalize', (q) => { const t = tokenize(q); return normalize(q, t, normalizeKindOf(t)); });
const m = new Map<string, number>(); m.set('x\u0000select * from customer where customer_id = :customer_id /* INT64 */', 1);
time('key+map', (q) => { const k = 'x' + '\u0000' + 'select * from customer where customer_id = :customer_id /* INT64 */'; const v = m.get(k); m.delete(k); m.set(k, v!); return v; });

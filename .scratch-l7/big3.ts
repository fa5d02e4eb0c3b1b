import { parseStatement } from '../src/router/sqlparser/parser.js';
import { tokenize } from '../src/router/sqlparser/lexer.js';
import { normalize, normalizeKindOf } from '../src/router/sqlparser/normalizer.js';
const sql = `insert into product(sku) values ${'(1),'.repeat(1 << 18)}`;
let t = performance.now();
const toks = tokenize(sql); console.log('tokenize', performance.now() - t); t = performance.now();
const n = normalize(sql, toks, normalizeKindOf(toks)); console.log('normalize', performance.now() - t); t = performance.now();
const t2 = tokenize(n.sql); console.log('tok2', performance.now() - t); t = performance.now();
try { parseStatement(n.sql, t2); } catch (e) { console.log((e as Error).message); } console.log('parse', performance.now() - t);

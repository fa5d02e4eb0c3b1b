import { benchServer } from '../bench/server-bench.js';
for (const l of await benchServer()) console.log(l);

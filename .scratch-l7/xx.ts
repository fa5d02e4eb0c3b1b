import { createVindex } from '../src/router/vindexes/vindex.js';
const v = createVindex('x', 'xxhash', {})!;
console.log([1,2,3,4,5,6,7,8,9,10,11,12].map(i => `${i}:${v.map(i)!.slice(0,2)}`).join(' '));

import { it } from 'vitest';
import { serve, connect } from '../test/server/support.js';
it('x', async () => {
  const h = await serve();
  h.run({ line: './101_initial_cluster.sh' });
  const c = await connect(h);
  console.log('after connect', h.connections());
  const [r, f] = await c.query("select 1.5 as d, null as n, 'x' as s, 7 as i");
  console.log(r, f.map((x) => x.type));
  await c.end();
  for (let i = 0; i < 10; i++) { await new Promise((r) => setTimeout(r, 50)); console.log('after end', h.connections()); }
  await h.close();
});

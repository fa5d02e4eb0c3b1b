// `npm run bench`: throughput of vtsim's layers as ratios against raw sql.js measured in the same run
// (the machine is noisy; ratios from one run are what the issues' targets are stated in).
// Each section prints its raw numbers and the ratio; nothing here is a pass/fail test.

import { benchTablet } from './tablet-bench.js';
import { benchVtgate } from './vtgate-bench.js';
import { benchServer } from './server-bench.js';
import { benchMoveTables } from './movetables-bench.js';
import { benchTui } from './tui-bench.js';

interface Section {
  name: string;
  run: () => Promise<string[]>;
}

const sections: Section[] = [
  { name: 'tablet write path and replication (issue 2)', run: benchTablet },
  { name: 'vtgate point selects (issue 3)', run: benchVtgate },
  { name: 'MoveTables copy and apply (issue 4)', run: benchMoveTables },
  { name: 'MySQL port vs in-process (issue 7)', run: benchServer },
  { name: 'TUI cold start (issue 6)', run: benchTui },
];

const only = process.argv[2];
for (const s of sections) {
  if (only && !s.name.includes(only)) continue;
  console.log(`\n== ${s.name}`);
  for (const line of await s.run()) console.log(line);
}

// Cold start of `vtsim tutorial` to its first frame (issue 6's target: < 500 ms): the bundled CLI is
// started as a fresh process with VTSIM_BENCH_FIRST_FRAME=1, which draws one frame, reports the
// process-relative time of that frame on stderr, and exits.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './tablet-bench.js';

const RUNS = 7;

export async function benchTui(): Promise<string[]> {
  const root = join(import.meta.dirname ?? process.cwd(), '..', '..', '..');
  const bundle = [join(process.cwd(), 'dist', 'vtsim.mjs'), join(root, 'dist', 'vtsim.mjs')].find((p) => existsSync(p));
  if (!bundle) return ['dist/vtsim.mjs is missing: run `npm run build` first'];
  const frames: number[] = [];
  const walls: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [bundle, 'tutorial'], {
      env: { ...process.env, VTSIM_BENCH_FIRST_FRAME: '1', NO_COLOR: '1', COLUMNS: '100', LINES: '30' },
      encoding: 'utf8',
    });
    const wall = performance.now() - t0;
    const m = /first frame after (\d+) ms/.exec(r.stderr);
    if (!m) return [`no first frame reported (exit ${r.status}): ${r.stderr.slice(0, 300)}`];
    if (i === 0) continue; // the first run warms the file cache
    frames.push(Number(m[1]));
    walls.push(Math.round(wall));
  }
  return [
    `(node dist/vtsim.mjs tutorial, ${RUNS} runs after one warm-up, medians)`,
    `first frame, from process start:  ${median(frames)} ms (target < 500 ms); runs: ${frames.join(', ')}`,
    `whole process (spawn to exit):    ${median(walls)} ms`,
  ];
}

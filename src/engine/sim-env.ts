// SimEnv: the bundle of deterministic services every component receives (clock, PRNG, scheduler,
// trace). Components take it as a constructor argument; nothing reaches for globals.

import { VirtualClock, VIRTUAL_EPOCH_MS } from './clock.js';
import { Rng } from './rng.js';
import { Scheduler } from './scheduler.js';
import { Tracer } from './trace.js';

export interface SimEnv {
  readonly seed: number;
  readonly clock: VirtualClock;
  readonly rng: Rng;
  readonly scheduler: Scheduler;
  readonly trace: Tracer;
}

/** The seed used when none is given: fixed, so plain runs are reproducible. */
export const DEFAULT_SEED = 1;

export function createSimEnv(seed: number = DEFAULT_SEED, startMs = VIRTUAL_EPOCH_MS): SimEnv {
  const clock = new VirtualClock(startMs);
  const scheduler = new Scheduler(clock, seed);
  const trace = new Tracer(clock);
  scheduler.onCallbackError = (f) => trace.record('scheduler', 'callback-error', `${f.label}: ${f.error instanceof Error ? f.error.message : String(f.error)}`);
  return { seed, clock, rng: Rng.fromSeed(seed), scheduler, trace };
}

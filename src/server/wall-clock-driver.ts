// Lets a served cluster's virtual time follow the wall clock: a real timer advances the scheduler by
// the elapsed real time times a speed factor, so streams copy, replicas apply and vtorc elects while
// the user types in another terminal. Speed 0 freezes time between commands (only waiting commands
// and settling move it), which makes a served cluster exactly as deterministic as `vtsim shell`.
// The core stays free of real time: only this file (src/server) reads it.

import type { Scheduler } from '../engine/scheduler.js';

/** How often time is advanced. */
const TICK_MS = 25;
/** The most virtual time one tick may advance (after the event loop was blocked by a long command). */
const MAX_STEP_MS = 60_000;

export class WallClockDriver {
  private timer: ReturnType<typeof setInterval> | undefined;
  private last = 0;
  private carry = 0;

  constructor(
    private readonly scheduler: () => Scheduler,
    private readonly speed: number,
    private readonly onError: (e: unknown) => void,
  ) {}

  start(): void {
    if (this.timer || this.speed <= 0) return;
    this.last = performance.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Advances by the real time since the last tick (also callable directly, e.g. before a snapshot). */
  tick(): void {
    const now = performance.now();
    this.carry += (now - this.last) * this.speed;
    this.last = now;
    const step = Math.min(Math.floor(this.carry), MAX_STEP_MS);
    this.carry = Math.min(this.carry - step, MAX_STEP_MS);
    if (step <= 0) return;
    try {
      this.scheduler().advance(step);
    } catch (e) {
      this.onError(e);
    }
  }
}

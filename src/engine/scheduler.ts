// The scheduler: one event queue for the whole simulation, ordered by (time, sequence).
// Everything that takes time in vtsim (a replica applying its primary's binlog, a VReplication copy
// batch, vtorc electing a primary, a write load) is an event here, stepped in bounded units of work.
// The core is synchronous: a command that must wait advances the simulation with runUntil/waitFor,
// always with a bound, so a bug shows up as a loud failure carrying the seed instead of a hang.
// An event's callback never throws out of the scheduler: whatever it throws is caught at the event's
// boundary and reported (to the trace, through onCallbackError) with the event's label, so one failed
// background step cannot abort the command that happened to be advancing time, or `vtsim serve`.

import type { SimTimeMs } from './clock.js';
import type { VirtualClock } from './clock.js';

export type EventId = number;

interface QueuedEvent {
  atMs: SimTimeMs;
  seq: number;
  label: string;
  fn: () => void;
}

/** Thrown when a bounded wait runs out of steps or virtual time; carries what is needed to replay. */
export class SimulationStuckError extends Error {
  constructor(
    message: string,
    readonly seed: number,
  ) {
    super(`${message} (reproduce with --seed ${seed})`);
    this.name = 'SimulationStuckError';
  }
}

export interface RunUntilOptions {
  /** Give up after this much virtual time (default 10 minutes). */
  maxMs?: SimTimeMs;
  /** Give up after this many events (default 2 million). */
  maxSteps?: number;
  /** What we are waiting for, for the error message. */
  what?: string;
}

/** An error an event's callback threw, as the scheduler caught it. */
export interface CallbackFailure {
  atMs: SimTimeMs;
  label: string;
  error: unknown;
}

/** How many caught callback failures are kept for inspection. */
const MAX_KEPT_FAILURES = 100;

/**
 * Every scheduler's caught callback failures are also reported here: the test suite fails a test whose
 * simulation swallowed an error (test/support/callback-failures.ts), so catching them for users never
 * hides a bug from the tests.
 */
export const callbackFailureObservers = new Set<(failure: CallbackFailure) => void>();

export class Scheduler {
  private readonly heap: QueuedEvent[] = [];
  private readonly cancelled = new Set<number>();
  private readonly failed: CallbackFailure[] = [];
  private seq = 0;
  private stepsRun = 0;
  /** Told about every error a callback throws (the sim env records it in the trace). */
  onCallbackError: ((failure: CallbackFailure) => void) | undefined;

  constructor(
    readonly clock: VirtualClock,
    readonly seed: number,
  ) {}

  /** Runs fn at the given virtual time (not before now). Returns an id for cancel(). */
  at(atMs: SimTimeMs, label: string, fn: () => void): EventId {
    const e: QueuedEvent = { atMs: Math.max(atMs, this.clock.nowMs()), seq: this.seq++, label, fn };
    this.push(e);
    return e.seq;
  }

  /** Runs fn after delayMs of virtual time. */
  after(delayMs: SimTimeMs, label: string, fn: () => void): EventId {
    return this.at(this.clock.nowMs() + Math.max(0, Math.floor(delayMs)), label, fn);
  }

  cancel(id: EventId): void {
    this.cancelled.add(id);
  }

  /** Number of events waiting (including cancelled ones not yet popped). */
  pending(): number {
    return this.heap.length;
  }

  /** Total number of events run so far. */
  steps(): number {
    return this.stepsRun;
  }

  /** The time of the next live event, or undefined if the queue is empty. */
  peekTimeMs(): SimTimeMs | undefined {
    this.dropCancelledHead();
    return this.heap[0]?.atMs;
  }

  /** The most recent errors callbacks threw (caught by the scheduler), oldest first. */
  callbackFailures(): readonly CallbackFailure[] {
    return this.failed;
  }

  /** Runs the next event (advancing the clock to its time). False when nothing is queued. */
  step(): boolean {
    this.dropCancelledHead();
    const e = this.pop();
    if (!e) return false;
    this.clock.advanceTo(e.atMs);
    this.stepsRun++;
    try {
      e.fn();
    } catch (error) {
      const failure: CallbackFailure = { atMs: e.atMs, label: e.label, error };
      this.failed.push(failure);
      if (this.failed.length > MAX_KEPT_FAILURES) this.failed.shift();
      try {
        this.onCallbackError?.(failure);
        for (const observe of callbackFailureObservers) observe(failure);
      } catch {
        // A failing reporter must not undo the guarantee.
      }
    }
    return true;
  }

  /** Runs every event due within the next durationMs, then sets the clock to now + durationMs. */
  advance(durationMs: SimTimeMs, maxSteps = 5_000_000): void {
    const endMs = this.clock.nowMs() + Math.max(0, durationMs);
    let n = 0;
    for (;;) {
      const t = this.peekTimeMs();
      if (t === undefined || t > endMs) break;
      this.step();
      if (++n > maxSteps) {
        throw new SimulationStuckError(`advance(${durationMs}ms) ran more than ${maxSteps} events`, this.seed);
      }
    }
    this.clock.advanceTo(endMs);
  }

  /**
   * Runs events until cond() holds. Returns false if maxMs of virtual time passes first (the clock
   * is then at the deadline). Throws SimulationStuckError if it runs out of steps.
   */
  waitFor(cond: () => boolean, maxMs: SimTimeMs, maxSteps = 2_000_000, what = 'condition'): boolean {
    const deadlineMs = this.clock.nowMs() + maxMs;
    let n = 0;
    for (;;) {
      if (cond()) return true;
      const t = this.peekTimeMs();
      if (t === undefined || t > deadlineMs) {
        this.clock.advanceTo(deadlineMs);
        return cond();
      }
      this.step();
      if (++n > maxSteps) {
        throw new SimulationStuckError(`waiting for ${what}: more than ${maxSteps} events`, this.seed);
      }
    }
  }

  /** Like waitFor, but failing loudly (with the seed) when the bound is reached. */
  runUntil(cond: () => boolean, options: RunUntilOptions = {}): void {
    const maxMs = options.maxMs ?? 10 * 60_000;
    const what = options.what ?? 'condition';
    if (!this.waitFor(cond, maxMs, options.maxSteps ?? 2_000_000, what)) {
      throw new SimulationStuckError(`${what} did not happen within ${maxMs}ms of simulated time`, this.seed);
    }
  }

  private dropCancelledHead(): void {
    while (this.heap.length > 0 && this.cancelled.has((this.heap[0] as QueuedEvent).seq)) {
      this.cancelled.delete((this.pop() as QueuedEvent).seq);
    }
  }

  private less(a: QueuedEvent, b: QueuedEvent): boolean {
    return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
  }

  private push(e: QueuedEvent): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i] as QueuedEvent, h[p] as QueuedEvent)) break;
      [h[i], h[p]] = [h[p] as QueuedEvent, h[i] as QueuedEvent];
      i = p;
    }
  }

  private pop(): QueuedEvent | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0] as QueuedEvent;
    const last = h.pop() as QueuedEvent;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l] as QueuedEvent, h[m] as QueuedEvent)) m = l;
        if (r < h.length && this.less(h[r] as QueuedEvent, h[m] as QueuedEvent)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as QueuedEvent, h[i] as QueuedEvent];
        i = m;
      }
    }
    return top;
  }
}

// The event trace: what happened in the simulation, in order.
// TigerBeetle's VOPR logs every simulated event; two runs with the same seed must produce the same
// trace. We keep a bounded ring of recent events (for the TUI and failure reports) and a rolling hash
// of every event ever recorded (for the determinism test), so memory stays bounded on long runs.

import type { Clock, SimTimeMs } from './clock.js';

export interface TraceEvent {
  atMs: SimTimeMs;
  seq: number;
  component: string;
  event: string;
  detail: string;
}

export type TraceListener = (e: TraceEvent) => void;

export class Tracer {
  private readonly ring: TraceEvent[] = [];
  private seq = 0;
  private hash = 0x811c9dc5;
  private readonly listeners = new Set<TraceListener>();

  constructor(
    private readonly clock: Clock,
    private readonly ringSize = 2000,
  ) {}

  record(component: string, event: string, detail = ''): void {
    const e: TraceEvent = { atMs: this.clock.nowMs(), seq: this.seq++, component, event, detail };
    this.hash = fnv1a(this.hash, `${e.atMs}|${component}|${event}|${detail}\n`);
    this.ring.push(e);
    if (this.ring.length > this.ringSize) this.ring.shift();
    for (const l of this.listeners) l(e);
  }

  /** The most recent events, oldest first. */
  recent(limit = this.ringSize): readonly TraceEvent[] {
    return this.ring.slice(-limit);
  }

  /** Number of events ever recorded. */
  count(): number {
    return this.seq;
  }

  /** A hash of every event ever recorded; equal for equal runs. */
  digest(): string {
    return (this.hash >>> 0).toString(16).padStart(8, '0');
  }

  subscribe(listener: TraceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function fnv1a(h: number, s: string): number {
  let x = h;
  for (let i = 0; i < s.length; i++) {
    x ^= s.charCodeAt(i);
    x = Math.imul(x, 0x01000193);
  }
  return x;
}

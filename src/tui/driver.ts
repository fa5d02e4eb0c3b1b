// The simulation driver: the only real timer in vtsim. While running it advances the simulated
// clock by the real time that passed times the speed factor; paused, it has no timer at all. The core
// stays deterministic (it only sees `advance(ms)` calls); only how much time passes between two key
// presses depends on the wall clock. No Vitess counterpart (TigerBeetle's VOPR drives its simulator
// the same way, from the outside).

import { useEffect, useRef } from 'react';

/** The speeds + and - step through. */
export const SPEEDS: readonly number[] = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100];

export function fasterSpeed(speed: number): number {
  return SPEEDS.find((s) => s > speed) ?? (SPEEDS[SPEEDS.length - 1] as number);
}

export function slowerSpeed(speed: number): number {
  return [...SPEEDS].reverse().find((s) => s < speed) ?? (SPEEDS[0] as number);
}

export function speedText(speed: number): string {
  return `${Number(speed.toFixed(2))}x`;
}

export interface DriverOptions {
  /** Lets `ms` of simulated time pass. */
  advance: (ms: number) => void;
  speed: number;
  paused: boolean;
  /** Real milliseconds between two advances (default 100: ten refreshes a second). */
  tickMs?: number;
  /** The real clock (default performance.now). */
  now?: () => number;
  /** The most real time one tick may account for, so a suspended laptop does not jump hours. */
  maxTickMs?: number;
}

export function useSimulationDriver(options: DriverOptions): void {
  const { speed, paused } = options;
  const tickMs = options.tickMs ?? 100;
  const maxTickMs = options.maxTickMs ?? 1000;
  // The latest callbacks, without restarting the timer when the parent re-renders.
  const advance = useRef(options.advance);
  advance.current = options.advance;
  const now = useRef(options.now ?? (() => performance.now()));
  useEffect(() => {
    if (paused) return undefined;
    let last = now.current();
    let carry = 0;
    const timer = setInterval(() => {
      const t = now.current();
      const real = Math.min(Math.max(0, t - last), maxTickMs);
      last = t;
      // scheduler.advance takes whole milliseconds; keep the fraction for the next tick.
      carry += real * speed;
      const whole = Math.floor(carry);
      carry -= whole;
      advance.current(whole);
    }, tickMs);
    return () => clearInterval(timer);
  }, [paused, speed, tickMs, maxTickMs]);
}

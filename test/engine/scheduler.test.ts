import { describe, expect, it } from 'vitest';
import { createSimEnv } from '../../src/engine/sim-env.js';
import { SimulationStuckError } from '../../src/engine/scheduler.js';
import { takeCallbackFailures } from '../support/callback-failures.js';
import { formatRfc3339, formatRfc822, formatAnsic, formatSqlDateTime, VIRTUAL_EPOCH_MS } from '../../src/engine/clock.js';

describe('Scheduler', () => {
  it('runs events in (time, sequence) order and moves the clock', () => {
    const env = createSimEnv(1);
    const order: string[] = [];
    env.scheduler.after(20, 'b', () => order.push(`b@${env.clock.nowMs() - VIRTUAL_EPOCH_MS}`));
    env.scheduler.after(10, 'a', () => order.push(`a@${env.clock.nowMs() - VIRTUAL_EPOCH_MS}`));
    env.scheduler.after(20, 'c', () => order.push(`c@${env.clock.nowMs() - VIRTUAL_EPOCH_MS}`));
    env.scheduler.advance(100);
    expect(order).toEqual(['a@10', 'b@20', 'c@20']);
    expect(env.clock.nowMs() - VIRTUAL_EPOCH_MS).toBe(100);
  });

  it('never lets a callback throw out of it: the error is kept, traced with the label, and time goes on', () => {
    const env = createSimEnv(1);
    const order: string[] = [];
    env.scheduler.after(10, 'doomed step', () => {
      order.push('doomed');
      throw new Error('record vanished');
    });
    env.scheduler.after(20, 'next', () => order.push('next'));
    expect(() => env.scheduler.advance(100)).not.toThrow();
    expect(order).toEqual(['doomed', 'next']);
    expect(env.scheduler.callbackFailures().map((f) => [f.label, (f.error as Error).message, f.atMs - VIRTUAL_EPOCH_MS])).toEqual([
      ['doomed step', 'record vanished', 10],
    ]);
    expect(env.trace.recent().map((e) => `${e.component} ${e.event} ${e.detail}`)).toContain('scheduler callback-error doomed step: record vanished');
    // waitFor and runUntil step through a failing event too.
    env.scheduler.after(5, 'again', () => {
      throw new Error('x');
    });
    let done = false;
    env.scheduler.after(6, 'done', () => (done = true));
    expect(env.scheduler.waitFor(() => done, 1000)).toBe(true);
    expect(env.scheduler.callbackFailures()).toHaveLength(2);
    // The test suite's observer saw both too (they would fail any other test).
    expect(takeCallbackFailures().map((f) => f.label)).toEqual(['doomed step', 'again']);
  });

  it('cancels events', () => {
    const env = createSimEnv(1);
    let ran = false;
    const id = env.scheduler.after(5, 'x', () => (ran = true));
    env.scheduler.cancel(id);
    env.scheduler.advance(10);
    expect(ran).toBe(false);
  });

  it('waitFor returns false at the virtual deadline; runUntil fails loudly with the seed', () => {
    const env = createSimEnv(77);
    expect(env.scheduler.waitFor(() => false, 1000)).toBe(false);
    expect(env.clock.nowMs() - VIRTUAL_EPOCH_MS).toBe(1000);
    expect(() => env.scheduler.runUntil(() => false, { maxMs: 50, what: 'nothing' })).toThrow(SimulationStuckError);
    expect(() => env.scheduler.runUntil(() => false, { maxMs: 50, what: 'nothing' })).toThrow(/--seed 77/);
  });

  it('bounds zero-time event storms by steps', () => {
    const env = createSimEnv(5);
    const loop = (): void => {
      env.scheduler.after(0, 'loop', loop);
    };
    loop();
    expect(() => env.scheduler.waitFor(() => false, 10, 1000, 'storm')).toThrow(/more than 1000 events/);
  });

  it('formats virtual time as Vitess prints it', () => {
    const t = Date.UTC(2023, 0, 4, 17, 59, 37);
    expect(formatRfc3339(t)).toBe('2023-01-04T17:59:37Z');
    expect(formatSqlDateTime(t)).toBe('2023-01-04 17:59:37');
    expect(formatRfc822(t)).toBe('04 Jan 23 17:59 UTC');
    expect(formatAnsic(t)).toBe('Wed Jan  4 17:59:37 2023');
  });
});

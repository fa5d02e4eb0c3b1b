// Vitest setup: a test fails if any simulation it ran swallowed an error thrown by a scheduled
// callback (the scheduler catches them so a background step cannot crash vtsim, and reports them).
// A test that provokes such errors on purpose takes them with takeCallbackFailures().
import { afterEach, beforeEach, expect } from 'vitest';
import type { CallbackFailure } from '../../src/engine/scheduler.js';
import { callbackFailureObservers } from '../../src/engine/scheduler.js';

let seen: CallbackFailure[] = [];
const record = (f: CallbackFailure): void => {
  seen.push(f);
};

/** The callback failures recorded so far in this test (they no longer fail it). */
export function takeCallbackFailures(): CallbackFailure[] {
  const out = seen;
  seen = [];
  return out;
}

beforeEach(() => {
  seen = [];
  callbackFailureObservers.add(record);
});

afterEach(() => {
  callbackFailureObservers.delete(record);
  const failures = takeCallbackFailures().map((f) => `${f.label} at ${f.atMs}ms: ${f.error instanceof Error ? f.error.message : String(f.error)}`);
  expect(failures, 'scheduled callbacks threw (caught by the scheduler)').toEqual([]);
});

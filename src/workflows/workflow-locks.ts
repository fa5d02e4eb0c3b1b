// Locking both keyspaces of a workflow for a traffic switch or its cleanup: the source first, then the
// target when it is another keyspace, each failure wrapped as vtctld words it.
// Mirrors go/vt/vtctl/workflow/server.go (the LockKeyspace pairs of switchWrites and dropSources).

import type { Switcher } from './switcher.js';
import type { TrafficSwitcher } from './traffic-switcher.js';
import { wrapError } from './utils.js';

/** Runs `body` holding the source and target keyspace locks for `action`. */
export function withSourceAndTargetLocks(sw: Switcher, ts: TrafficSwitcher, action: string, body: () => void): void {
  let unlockSource: () => void;
  try {
    unlockSource = sw.lockKeyspace(ts.sourceKeyspace, action);
  } catch (e) {
    throw wrapError(e, `failed to lock the ${ts.sourceKeyspace} keyspace`);
  }
  try {
    let unlockTarget: (() => void) | undefined;
    if (ts.targetKeyspace !== ts.sourceKeyspace) {
      try {
        unlockTarget = sw.lockKeyspace(ts.targetKeyspace, action);
      } catch (e) {
        throw wrapError(e, `failed to lock the ${ts.targetKeyspace} keyspace`);
      }
    }
    try {
      body();
    } finally {
      unlockTarget?.();
    }
  } finally {
    unlockSource();
  }
}

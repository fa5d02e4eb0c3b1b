// The tablet-manager client as the workflow server's read paths use it under a command's deadline.
// Vitess's tmclient dials tablets with WaitForReady (grpcclient.FailFast(false)): an RPC to a vttablet
// that is down does not fail, it waits for the tablet to come back until the caller's context expires
// (vtctldclient's --action_timeout, an hour by default) and then fails with the context's error. So
// GetWorkflows, `Workflow list/show`, `status` and `VDiff show` wait (in simulated time) for a shard
// primary that is down, go on if it comes back in time, and otherwise end in
// `context deadline exceeded`, which vtctldclient prints as its own DeadlineExceeded error.
// Mirrors go/vt/vttablet/grpctmclient/client.go (dial with FailFast(false)) and grpc-go's
// wait-for-ready semantics.

import type { TabletAlias } from '../common/tablet-alias.js';
import { VtError } from '../common/errors.js';
import type { SimEnv } from '../engine/sim-env.js';
import type { TabletManagerClient } from '../tablets/tm-client.js';

/** The error of an RPC still waiting when the command's context expires. */
export function contextDeadlineExceeded(): VtError {
  return new VtError('DEADLINE_EXCEEDED', 'context deadline exceeded');
}

function isAlias(v: unknown): v is TabletAlias {
  return typeof v === 'object' && v !== null && typeof (v as TabletAlias).cell === 'string' && typeof (v as TabletAlias).uid === 'number';
}

/**
 * Wraps `tmc` so that every RPC (every method whose first argument is a tablet alias) to an unreachable
 * tablet first waits for it until `deadlineMs` (virtual time).
 */
export function waitForReadyTmClient(tmc: TabletManagerClient, env: SimEnv, deadlineMs: number): TabletManagerClient {
  const ready = (alias: TabletAlias): void => {
    if (!tmc.isReachable || tmc.isReachable(alias)) return;
    const left = deadlineMs - env.clock.nowMs();
    if (left <= 0 || !env.scheduler.waitFor(() => tmc.isReachable?.(alias) ?? true, left, 20_000_000, 'a tablet to come back')) {
      throw contextDeadlineExceeded();
    }
  };
  return new Proxy(tmc, {
    get(target, prop, receiver): unknown {
      const v: unknown = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function' || prop === 'isReachable') return v;
      const fn = v as (...args: unknown[]) => unknown;
      return (...args: unknown[]): unknown => {
        if (isAlias(args[0])) ready(args[0]);
        return fn.apply(target, args);
      };
    },
  });
}

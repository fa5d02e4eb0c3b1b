// Workflow commands when a shard primary's vttablet is down. Vitess's tablet manager client dials with
// WaitForReady, so GetWorkflows (Workflow list/show), status and VDiff show wait for the tablet until the
// command's context expires (--action_timeout, an hour by default) and then fail with vtctldclient's own
// `rpc error: code = DeadlineExceeded desc = context deadline exceeded`; a tablet that comes back in time
// is simply answered by. Keyspaces that do not involve the tablet are not affected.
import { describe, expect, it } from 'vitest';
import type { CommandSession } from '../../src/commands/session.js';
import { runOk } from '../support/session.js';
import { localExampleThrough } from './support.js';

const DEADLINE = /^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ main\.go:60\] rpc error: code = DeadlineExceeded desc = context deadline exceeded\n$/;

/** The local example through 305 (customer split into -80,80-, writes switched), then customer/0's primary down. */
async function afterSwitchWithShard0PrimaryDown(): Promise<{ s: CommandSession; uid: number }> {
  const s = await localExampleThrough('305', 2);
  const line = runOk(s, 'vtctldclient GetTablets --keyspace customer --shard 0 --tablet-type primary').trim();
  const uid = Number(/^zone1-(\d+) customer 0 primary /.exec(line)![1]);
  runOk(s, `CELL=zone1 TABLET_UID=${uid} ../common/scripts/vttablet-down.sh`);
  return { s, uid };
}

function failsAfter(s: CommandSession, line: string): { stderr: string; waitedMs: number } {
  const start = s.cluster.env.clock.nowMs();
  const r = s.run(line);
  expect(r.exitCode, `${line}\n${r.stdout}`).toBe(1);
  expect(r.stdout).toBe('');
  return { stderr: r.stderr, waitedMs: s.cluster.env.clock.nowMs() - start };
}

describe('workflow commands with a shard primary down', () => {
  it('wait until --action_timeout and fail as vtctldclient does (list, show, GetWorkflows, status, VDiff show)', async () => {
    const { s } = await afterSwitchWithShard0PrimaryDown();
    for (const line of [
      'vtctldclient Workflow --keyspace customer list',
      'vtctldclient Workflow --keyspace customer show --workflow cust2cust',
      'vtctldclient GetWorkflows customer',
      'vtctldclient Reshard --workflow cust2cust --target-keyspace customer status',
      'vtctldclient Reshard --workflow cust2cust --target-keyspace customer show',
      'vtctldclient VDiff --workflow cust2cust_reverse --target-keyspace customer show last',
    ]) {
      const { stderr, waitedMs } = failsAfter(s, line);
      expect(stderr, line).toMatch(DEADLINE);
      // The wait is the command's one-hour context (settling afterwards may add a little).
      expect(waitedMs, line).toBeGreaterThanOrEqual(3_600_000);
      expect(waitedMs, line).toBeLessThan(3_660_000);
    }
    const { stderr, waitedMs } = failsAfter(s, 'vtctldclient --action_timeout 45s Workflow --keyspace customer list');
    expect(stderr).toMatch(DEADLINE);
    expect(waitedMs).toBeGreaterThanOrEqual(45_000);
    expect(waitedMs).toBeLessThan(60_000);
    // commerce has no tablet down: its (empty) list answers at once.
    expect(runOk(s, 'vtctldclient Workflow --keyspace commerce list')).toBe('[]\n');
  });

  it('answer once the tablet comes back within the deadline', async () => {
    const { s, uid } = await afterSwitchWithShard0PrimaryDown();
    const { cluster } = s;
    const alias = { cell: 'zone1', uid };
    // The vttablet is restarted five minutes into the wait.
    cluster.env.scheduler.after(300_000, 'restart vttablet', () => {
      cluster.startVttablet(alias, 'customer', '0', 'REPLICA');
    });
    const start = cluster.env.clock.nowMs();
    expect(runOk(s, 'vtctldclient Workflow --keyspace customer list')).toBe('[\n  "cust2cust",\n  "cust2cust_reverse"\n]\n');
    const waited = cluster.env.clock.nowMs() - start;
    expect(waited).toBeGreaterThanOrEqual(300_000);
    expect(waited).toBeLessThan(360_000);
    expect(runOk(s, 'vtctldclient Reshard --workflow cust2cust --target-keyspace customer status')).toContain(
      'Traffic State: All Reads Switched. Writes Switched',
    );
  });
});

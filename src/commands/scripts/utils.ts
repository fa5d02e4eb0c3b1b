// The helper functions of examples/common/lib/utils.sh that the scripts call, as commands:
// wait_for_healthy_shard, wait_for_shard_tablets, wait_for_healthy_shard_primary,
// wait_for_workflow_running. They wait in simulated time with the real helpers' bounds and messages.

import type { CommandResult } from '../types.js';
import type { CommandSession } from '../session.js';
import { ScriptOutput } from './script.js';
import type { Script } from './script.js';

const WAIT_SECS = 180;

function waitShardTablets(s: CommandSession, ks: string, shard: string, n: number, out: ScriptOutput): boolean {
  const ok = s.cluster.env.scheduler.waitFor(() => s.cluster.shardTablets(ks, shard).length >= n, WAIT_SECS * 1000);
  if (!ok) out.fail(`Timed out after ${WAIT_SECS} seconds waiting for tablets to come up in ${ks}/${shard}`);
  return ok;
}

function waitPrimary(s: CommandSession, ks: string, shard: string, out: ScriptOutput): boolean {
  s.cluster.vtorc.check();
  const ok = s.cluster.env.scheduler.waitFor(() => Boolean(s.cluster.topo.getShard(ks, shard)?.primary_alias), WAIT_SECS * 1000);
  if (!ok) {
    out.fail(`Timed out after ${WAIT_SECS} seconds waiting for a primary tablet to be elected and become healthy in ${ks}/${shard}`);
  }
  return ok;
}

function helper(name: string, usage: string, run: (s: CommandSession, args: string[], out: ScriptOutput) => void): Script {
  return {
    name,
    usage,
    run(s, args): CommandResult {
      const out = new ScriptOutput();
      run(s, args, out);
      return out.result();
    },
  };
}

export const utilsFunctions: Script[] = [
  helper('wait_for_shard_tablets', 'wait_for_shard_tablets <keyspace> <shard> <count>', (s, [ks, shard, n], out) => {
    if (!ks || !shard || !n) {
      out.fail('A keyspace, shard, and number of tablets must be specified when waiting for tablets to come up');
      return;
    }
    waitShardTablets(s, ks, shard, Number(n), out);
  }),
  helper('wait_for_healthy_shard_primary', 'wait_for_healthy_shard_primary <keyspace> <shard>', (s, [ks, shard], out) => {
    if (!ks || !shard) {
      out.fail("A keyspace and shard must be specified when waiting for the shard's primary to be healthy");
      return;
    }
    waitPrimary(s, ks, shard, out);
  }),
  helper('wait_for_healthy_shard', 'wait_for_healthy_shard <keyspace> <shard> [count]', (s, [ks, shard, n], out) => {
    if (!ks || !shard) {
      out.fail('A keyspace and shard must be specified when waiting for tablets to come up');
      return;
    }
    if (!waitShardTablets(s, ks, shard, Number(n ?? 3), out)) return;
    waitPrimary(s, ks, shard, out);
  }),
  helper('wait_for_workflow_running', 'wait_for_workflow_running <keyspace> <workflow>', (s, [ks, wf], out) => {
    if (!ks || !wf) {
      out.fail('A keyspace and workflow must be specified when waiting for a workflow to reach the running state');
      return;
    }
    out.print(`Waiting for the ${wf} workflow in the ${ks} keyspace to finish the copy phase...`);
    let gtid = '';
    let ok = false;
    // Poll once a simulated second, as the real helper does.
    for (let i = 0; i <= WAIT_SECS && !ok; i++) {
      const r = s.exec(`vtctldclient Workflow --keyspace=${ks} show --workflow=${wf}`);
      const m = /Copy phase completed at gtid ([^"\\]+)/.exec(r.stdout);
      if (m) {
        gtid = m[1] ?? '';
        ok = true;
      } else {
        s.cluster.env.scheduler.advance(1000);
      }
    }
    if (!ok) {
      out.fail(`Timed out after ${WAIT_SECS} seconds waiting for the ${wf} workflow in the ${ks} keyspace to reach the running state`);
      return;
    }
    out.print(`The ${wf} workflow in the ${ks} keyspace is now running. Copy phase completed at gtid ${gtid}.`);
  }),
];

// `vtsim ...` inside the shell and lessons: the simulator's own controls, which the real tools do not
// have — let time pass, turn settling off to watch a copy in progress, stop/start a tablet, add
// replication lag, look at the trace, explain where a query goes.

import type { CommandResult } from './types.js';
import type { CommandSession } from './session.js';
import { parseAlias, aliasString } from '../common/tablet-alias.js';
import { parseGoDuration } from '../common/go-duration.js';
import { errorMessage } from '../common/errors.js';
import { formatRfc3339 } from '../engine/clock.js';
import { settle } from '../cluster/settle.js';

const HELP = `vtsim: commands of the simulator itself (not part of Vitess)

Usage:
  vtsim sleep <duration>           let simulated time pass (e.g. 5s, 1m)
  vtsim settle [on|off|now]        settle after each command (default on); 'now' settles once
  vtsim time                       print the simulated time
  vtsim tablet stop <alias>        stop a tablet's vttablet (its MySQL keeps the data)
  vtsim tablet start <alias>       start it again
  vtsim lag <duration>             simulated replication delay for replicas (e.g. 2s; 0 to clear)
  vtsim explain [--target ks[@type]] <sql>
                                   where vtgate would send a statement, and why
  vtsim trace [n]                  the last n events of the simulation (default 20)
  vtsim seed                       the seed of this cluster (reproduce with --seed)
`;

function ok(stdout: string): CommandResult {
  return { stdout, stderr: '', exitCode: 0 };
}

function fail(message: string, code = 1): CommandResult {
  return { stdout: '', stderr: `vtsim: ${message}\n`, exitCode: code };
}

export function runVtsim(session: CommandSession, args: string[]): CommandResult {
  const [sub, ...rest] = args;
  const c = session.cluster;
  try {
    switch (sub) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        return ok(HELP);
      case 'sleep':
      case 'advance': {
        const ms = parseGoDuration(rest[0] ?? '');
        c.env.scheduler.advance(Math.round(ms));
        return ok('');
      }
      case 'settle':
        if (rest[0] === 'off') session.settleEnabled = false;
        else if (rest[0] === 'on' || rest[0] === undefined) session.settleEnabled = true;
        else if (rest[0] === 'now') settle(c);
        else return fail(`settle takes on, off or now, not '${rest[0]}'`, 2);
        return ok('');
      case 'time':
        return ok(`${formatRfc3339(c.env.clock.nowMs())}\n`);
      case 'seed':
        return ok(`${c.env.seed}\n`);
      case 'tablet': {
        const alias = parseAlias(rest[1] ?? '');
        if (!alias || (rest[0] !== 'stop' && rest[0] !== 'start')) return fail('usage: vtsim tablet stop|start <alias>', 2);
        const p = c.tablet(alias);
        if (!p) return fail(`no tablet ${rest[1]}`);
        if (rest[0] === 'stop') c.stopVttablet(alias);
        else c.startVttablet(alias, p.keyspace, p.shard, 'REPLICA');
        return ok(`${rest[0] === 'stop' ? 'Stopped' : 'Started'} vttablet ${aliasString(alias)}\n`);
      }
      case 'lag': {
        c.replicationDelayMs = Math.round(parseGoDuration(rest[0] ?? ''));
        for (const p of c.tabletProcesses()) if (p.server) p.server.replication.delayMs = c.replicationDelayMs;
        return ok('');
      }
      case 'trace': {
        const n = Number(rest[0] ?? 20);
        const lines = c.env.trace.recent(n).map((e) => `${formatRfc3339(e.atMs)} ${e.component} ${e.event} ${e.detail}`);
        return ok(lines.map((l) => `${l}\n`).join(''));
      }
      case 'explain': {
        if (!c.vtgate) return fail('vtgate is not running');
        let target = '';
        if (rest[0] === '--target') {
          target = rest[1] ?? '';
          rest.splice(0, 2);
        }
        const ex = c.vtgate.explain(c.vtgate.newSession(target), rest.join(' '));
        return ok(`${JSON.stringify(ex, null, 2)}\n`);
      }
      default:
        return fail(`unknown command '${sub}'; see 'vtsim help'`, 2);
    }
  } catch (e) {
    return fail(errorMessage(e));
  }
}

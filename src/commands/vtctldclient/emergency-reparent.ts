// vtctldclient EmergencyReparentShard: promote a replica when the primary is assumed dead.
// Mirrors go/cmd/vtctldclient/command/reparents.go (flags; the response's events printed with
// logutil.EventString) and go/vt/vtctl/reparentutil/emergency_reparenter.go, much simplified: the valid
// candidates are the shard's running REPLICA tablets (RDONLY tablets may not be promoted under the
// `none` and `semi_sync` durability policies) minus --ignore-replicas; the most advanced one wins (ties
// by alias), unless --new-primary names one of them. The promotion itself is vtsim's reparent
// (src/cluster/reparent.ts). The events are the emergency reparenter's main Info lines, not all of them.

import type { TabletAlias } from '../../common/tablet-alias.js';
import { aliasEquals, aliasString } from '../../common/tablet-alias.js';
import { vtError } from '../../common/errors.js';
import { promoteToPrimary } from '../../cluster/reparent.js';
import { glogLine } from '../render/glog.js';
import type { VtctldCommand } from './command.js';
import { aliasArg, keyspaceShardArg } from './cli-args.js';

const FILE = 'emergency_reparenter.go';

function protoText(a: TabletAlias): string {
  return `cell:"${a.cell}" uid:${a.uid}`;
}

export const emergencyReparentCommand: VtctldCommand = {
  spec: {
    use: 'EmergencyReparentShard <keyspace/shard>',
    short: 'Reparents the shard to the new primary. Assumes the old primary is dead and not responding.',
    flags: [
      { name: 'wait-replicas-timeout', type: 'duration', default: 15_000, usage: 'Time to wait for replicas to catch up in reparenting.' },
      { name: 'new-primary', type: 'string', usage: 'Alias of a tablet that should be the new primary. If not specified, the vtctld will select the best candidate to promote.' },
      { name: 'expected-primary', type: 'string', usage: 'Alias of a tablet that must be the current primary in order for the reparent to be processed.' },
      { name: 'prevent-cross-cell-promotion', type: 'bool', usage: 'Only promotes a new primary from the same cell as the previous primary.' },
      { name: 'wait-for-all-tablets', type: 'bool', usage: 'Should ERS wait for all the tablets to respond. Useful when all the tablets are reachable.' },
      { name: 'ignore-replicas', shorthand: 'i', type: 'strings', usage: 'Comma-separated, repeated list of replica tablet aliases to ignore during the emergency reparent.' },
    ],
    args: { min: 1, max: 1 },
    disableFlagsInUseLine: true,
  },
  run(p, ctx) {
    const [keyspace, shard] = keyspaceShardArg(p, p.args[0] as string);
    const requested = p.flags['new-primary'] ? aliasArg(p, String(p.flags['new-primary'])) : undefined;
    const expected = p.flags['expected-primary'] ? aliasArg(p, String(p.flags['expected-primary'])) : undefined;
    const ignored = ((p.flags['ignore-replicas'] as string[] | undefined) ?? []).map((a) => aliasArg(p, a));
    const si = ctx.topo.getShard(keyspace, shard);
    if (!si) throw vtError('NOT_FOUND', `node doesn't exist: ${ctx.topo.paths.shard(keyspace, shard)}`);
    const events: Array<[number, string]> = [[150, `will initiate emergency reparent shard in keyspace - ${keyspace}, shard - ${shard}`]];
    if (expected && !(si.primary_alias && aliasEquals(si.primary_alias, expected))) {
      const current = si.primary_alias ? aliasString(si.primary_alias) : '<nil>';
      throw vtError('FAILED_PRECONDITION', `primary ${current} is not equal to expected alias ${aliasString(expected)}`);
    }
    events.push([184, `Getting a new durability policy for ${ctx.topo.getKeyspace(keyspace)?.durability_policy || 'none'}`]);
    const prevCell = si.primary_alias?.cell;
    const candidates = ctx.topo
      .getTabletsByShard(keyspace, shard)
      .filter((t) => t.type === 'REPLICA' && !ignored.some((a) => aliasEquals(a, t.alias)))
      .filter((t) => !(p.flags['prevent-cross-cell-promotion'] && prevCell && t.alias.cell !== prevCell))
      .map((t) => ({ alias: t.alias, mysqld: ctx.cluster.tablet(t.alias)?.mysqld, server: ctx.cluster.tablet(t.alias)?.server }))
      .filter((c) => c.server && c.mysqld?.running);
    if (candidates.length === 0) throw vtError('FAILED_PRECONDITION', 'no valid candidates for emergency reparent');
    events.push([403, 'started finding the intermediate source']);
    // Most advanced first: the most transactions applied, ties by alias.
    const applied = (c: (typeof candidates)[number]): number => c.mysqld?.binlog.endIndex() ?? 0;
    candidates.sort((a, b) => applied(b) - applied(a) || aliasString(a.alias).localeCompare(aliasString(b.alias)));
    for (const c of candidates) events.push([416, `finding intermediate source - sorted replica: ${protoText(c.alias)}`]);
    const best = candidates[0]!;
    events.push([255, `intermediate source selected - ${protoText(best.alias)}`]);
    let chosen = best;
    if (requested) {
      const found = candidates.find((c) => aliasEquals(c.alias, requested));
      if (!found) throw vtError('ABORTED', `requested candidate ${protoText(requested)} is not in valid candidates list`);
      chosen = found;
    }
    events.push([273, `intermediate source is ideal candidate- ${aliasEquals(chosen.alias, best.alias)}`]);
    const name = aliasString(chosen.alias);
    events.push(si.primary_alias ? [545, `starting promotion for the new primary - ${name}`] : [541, `setting up ${name} as new primary for an uninitialized cluster`]);
    events.push([552, `populating reparent journal on new primary ${name}`]);
    promoteToPrimary(ctx.cluster, keyspace, shard, chosen.alias);
    for (const t of ctx.topo.getTabletsByShard(keyspace, shard)) {
      if (!aliasEquals(t.alias, chosen.alias)) events.push([563, `setting new primary on replica ${aliasString(t.alias)}`]);
    }
    const now = ctx.env.clock.nowMs();
    // logutil.EventString: the glog header without a thread id.
    return events.map(([line, msg]) => `${glogLine('I', msg, now, { file: FILE, line }).replace(/ {1,}\d+ emergency/, ' emergency')}\n`).join('');
  },
};

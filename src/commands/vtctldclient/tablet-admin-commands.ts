// vtctldclient's commands that act on one tablet or on the tablets of a shard: ChangeTabletType,
// RefreshState, RefreshStateByShard, SetWritable, StartReplication, StopReplication.
// Mirrors go/cmd/vtctldclient/command/tablets.go (flags, help, what is printed) and the RPCs of
// go/vt/vtctl/grpcvtctldserver/server.go (the checks and their error texts). ChangeTabletType allows only
// Vitess's trivial type changes (topo.IsTrivialTypeChange): never to or from PRIMARY.

import type { TabletAlias, TabletType } from '../../common/tablet-alias.js';
import { aliasString } from '../../common/tablet-alias.js';
import { vtError } from '../../common/errors.js';
import type { Tablet } from '../../topo/records.js';
import { setWritable, startReplication, stopReplication } from '../../cluster/replication-control.js';
import type { VtctldCommand, VtctldContext } from './command.js';
import { aliasArg, argError, keyspaceShardArg, tabletTypeArg } from './cli-args.js';
import { awkLine } from './tablet-commands.js';

/** The types a replica may move between without touching the replication graph. */
const TRIVIAL_TYPES: readonly TabletType[] = ['REPLICA', 'RDONLY', 'SPARE', 'BACKUP', 'DRAINED'];

/** topo.IsTrivialTypeChange (EXPERIMENTAL and RESTORE are not simulated). */
export function isTrivialTypeChange(from: TabletType, to: TabletType): boolean {
  return TRIVIAL_TYPES.includes(from) && TRIVIAL_TYPES.includes(to);
}

/** A TabletAlias as Go's %v prints the proto message. */
function aliasProtoText(a: TabletAlias): string {
  return `cell:"${a.cell}" uid:${a.uid}`;
}

function getTablet(ctx: VtctldContext, alias: TabletAlias): Tablet {
  const t = ctx.topo.getTablet(alias);
  if (!t) throw vtError('NOT_FOUND', `node doesn't exist: tablets/${aliasString(alias)}/Tablet`);
  return t;
}

/** The shard's primary record, checked as vtctld does before ChangeTabletType and StartReplication. */
function checkShardPrimary(ctx: VtctldContext, t: Tablet, replicaWord: string, replica: string): void {
  const si = ctx.topo.getShard(t.keyspace, t.shard);
  if (!si) throw vtError('NOT_FOUND', `node doesn't exist: ${ctx.topo.paths.shard(t.keyspace, t.shard)}`);
  if (!si.primary_alias) throw vtError('FAILED_PRECONDITION', `no primary tablet for shard ${t.keyspace}/${t.shard}`);
  const primary = ctx.topo.getTablet(si.primary_alias);
  const primaryName = aliasString(si.primary_alias);
  if (!primary) {
    throw vtError('NOT_FOUND', `cannot lookup primary tablet ${primaryName} for shard ${t.keyspace}/${t.shard}: node doesn't exist: tablets/${primaryName}/Tablet`);
  }
  if (primary.type !== 'PRIMARY') throw vtError('FAILED_PRECONDITION', `TopologyServer has incosistent state for shard primary ${primaryName}`);
  if (primary.keyspace !== t.keyspace || primary.shard !== t.shard) {
    throw vtError('FAILED_PRECONDITION', `primary ${primaryName} and ${replicaWord} ${replica} not in same keypace shard (${t.keyspace}/${t.shard})`);
  }
}

/** strconv.ParseBool. */
function parseGoBool(p: Parameters<VtctldCommand['run']>[0], s: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  throw argError(p, `strconv.ParseBool: parsing "${s}": invalid syntax`);
}

export const tabletAdminCommands: VtctldCommand[] = [
  {
    spec: {
      use: 'ChangeTabletType [--dry-run] <alias> <tablet-type>',
      short: 'Changes the db type for the specified tablet, if possible.',
      long: 'Changes the db type for the specified tablet, if possible.\n\nThis command is used primarily to arrange replicas, and it will not convert a primary.\nNOTE: This command automatically updates the serving graph.',
      flags: [{ name: 'dry-run', shorthand: 'd', type: 'bool', usage: 'Shows the proposed change without actually executing it.' }],
      args: { min: 2, max: 2 },
      disableFlagsInUseLine: true,
    },
    run(p, ctx) {
      const alias = aliasArg(p, p.args[0] as string);
      const type = tabletTypeArg(p, p.args[1] as string);
      const before = getTablet(ctx, alias);
      if (!isTrivialTypeChange(before.type, type)) {
        throw vtError('FAILED_PRECONDITION', `tablet ${aliasProtoText(alias)} type change ${before.type} -> ${type} is not an allowed transition for ChangeTabletType`);
      }
      if (p.flags['dry-run']) {
        return `--- DRY RUN ---\n- ${awkLine(before)}\n+ ${awkLine({ ...before, type })}\n`;
      }
      checkShardPrimary(ctx, before, 'potential replica', aliasProtoText(alias));
      ctx.tmc.changeType(alias, type);
      return `- ${awkLine(before)}\n+ ${awkLine(getTablet(ctx, alias))}\n`;
    },
  },
  {
    spec: { use: 'RefreshState <alias>', short: 'Reloads the tablet record on the specified tablet.', flags: [], args: { min: 1, max: 1 }, disableFlagsInUseLine: true },
    run(p, ctx) {
      const alias = aliasArg(p, p.args[0] as string);
      if (!ctx.topo.getTablet(alias)) {
        throw vtError('NOT_FOUND', `failed to get tablet ${aliasString(alias)}: node doesn't exist: tablets/${aliasString(alias)}/Tablet`);
      }
      ctx.tmc.refreshState(alias);
      return `Refreshed state on ${aliasString(alias)}\n`;
    },
  },
  {
    spec: {
      use: 'RefreshStateByShard [--cell <cell1> ...] <keyspace/shard>',
      short: 'Reloads the tablet record all tablets in the shard, optionally limited to the specified cells.',
      flags: [{ name: 'cells', shorthand: 'c', type: 'strings', usage: 'If specified, only call RefreshState on tablets in the specified cells. If empty, all cells are considered.' }],
      args: { min: 1, max: 1 },
      disableFlagsInUseLine: true,
    },
    run(p, ctx) {
      const [keyspace, shard] = keyspaceShardArg(p, p.args[0] as string);
      if (keyspace === '') throw vtError('INVALID_ARGUMENT', 'RefreshStateByShard requires a keyspace');
      if (shard === '') throw vtError('INVALID_ARGUMENT', 'RefreshStateByShard requires a shard');
      if (!ctx.topo.getShard(keyspace, shard)) {
        throw vtError('NOT_FOUND', `failed to get shard ${keyspace}/${shard}/: node doesn't exist: ${ctx.topo.paths.shard(keyspace, shard)}`);
      }
      const cells = (p.flags.cells as string[] | undefined) ?? [];
      let partial = false;
      for (const t of ctx.topo.getTabletsByShard(keyspace, shard)) {
        if (cells.length > 0 && !cells.includes(t.alias.cell)) continue;
        try {
          ctx.tmc.refreshState(t.alias);
        } catch {
          // RefreshTabletsByShard ignores a tablet that fails and reports the refresh as partial.
          partial = true;
        }
      }
      let out = `Refreshed state on ${keyspace}/${shard}`;
      if (cells.length > 0) out += ` in cells ${cells.join(', ')}`;
      out += '\n';
      if (partial) out += 'State refresh was partial; some tablets in the shard may not have succeeded.\n';
      return out;
    },
  },
  {
    spec: { use: 'SetWritable <alias> <true/false>', short: 'Sets the specified tablet as writable or read-only.', flags: [], args: { min: 2, max: 2 }, disableFlagsInUseLine: true },
    run(p, ctx) {
      const alias = aliasArg(p, p.args[0] as string);
      const writable = parseGoBool(p, p.args[1] as string);
      getTablet(ctx, alias);
      setWritable(ctx.cluster, alias, writable);
      return '';
    },
  },
  {
    spec: { use: 'StartReplication <alias>', short: 'Starts replication on the specified tablet.', flags: [], args: { min: 1, max: 1 }, disableFlagsInUseLine: true },
    run(p, ctx) {
      const alias = aliasArg(p, p.args[0] as string);
      const t = getTablet(ctx, alias);
      checkShardPrimary(ctx, t, 'replica', aliasString(alias));
      startReplication(ctx.cluster, alias);
      return '';
    },
  },
  {
    spec: { use: 'StopReplication <alias>', short: 'Stops replication on the specified tablet.', flags: [], args: { min: 1, max: 1 }, disableFlagsInUseLine: true },
    run(p, ctx) {
      const alias = aliasArg(p, p.args[0] as string);
      getTablet(ctx, alias);
      stopReplication(ctx.cluster, alias);
      return '';
    },
  },
];

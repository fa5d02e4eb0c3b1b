// vtctldclient ReloadSchema, ReloadSchemaShard, ReloadSchemaKeyspace.
// Mirrors go/cmd/vtctldclient/command/schema.go and grpcvtctldserver's ReloadSchema* (with
// go/vt/vtctl/schematools ReloadShard: every tablet of each shard but the primaries unless
// --include-primary, best effort). vtsim's tablets read their schema from their database on every use,
// so a reload has nothing to refresh: the commands check their targets as Vitess does and print what it
// prints on success (nothing). A tablet that fails in a shard-wide reload is skipped; Vitess logs a
// warning event for it on stderr (docs/FIDELITY.md).

import { vtError } from '../../common/errors.js';
import { aliasString } from '../../common/tablet-alias.js';
import { runningTablet } from '../../cluster/replication-control.js';
import type { VtctldCommand, VtctldContext } from './command.js';
import { aliasArg, keyspaceShardArg } from './cli-args.js';

const concurrencyFlag = { name: 'concurrency', type: 'int32' as const, default: 10, usage: 'Number of tablets to reload in parallel. Set to zero for unbounded concurrency.' };

/** schematools.ReloadShard: the shard's tablets that would reload (errors are only logged). */
function reloadShard(ctx: VtctldContext, keyspace: string, shard: string, includePrimary: boolean): void {
  for (const t of ctx.topo.getTabletsByShard(keyspace, shard)) {
    if (!includePrimary && t.type === 'PRIMARY') continue;
    if (ctx.cluster.tablet(t.alias)?.server) ctx.env.trace.record('tablet', 'reload-schema', aliasString(t.alias));
  }
}

export const reloadSchemaCommands: VtctldCommand[] = [
  {
    spec: { use: 'ReloadSchema <tablet_alias>', short: 'Reloads the schema on a remote tablet.', flags: [], args: { min: 1, max: 1 }, disableFlagsInUseLine: true },
    run(p, ctx) {
      const alias = aliasArg(p, p.args[0] as string);
      if (!ctx.topo.getTablet(alias)) {
        throw vtError('NOT_FOUND', `GetTablet(${`cell:"${alias.cell}" uid:${alias.uid}`}) failed: node doesn't exist: tablets/${aliasString(alias)}/Tablet`);
      }
      runningTablet(ctx.cluster, alias);
      ctx.env.trace.record('tablet', 'reload-schema', aliasString(alias));
      return '';
    },
  },
  {
    spec: {
      use: 'ReloadSchemaShard [--concurrency=10] [--include-primary] <keyspace/shard>',
      short: 'Reloads the schema on all tablets in a shard. This is done on a best-effort basis.',
      flags: [concurrencyFlag, { name: 'include-primary', type: 'bool', usage: 'Also reload the primary tablet.' }],
      args: { min: 1, max: 1 },
      disableFlagsInUseLine: true,
    },
    run(p, ctx) {
      const [keyspace, shard] = keyspaceShardArg(p, p.args[0] as string);
      reloadShard(ctx, keyspace, shard, Boolean(p.flags['include-primary']));
      return '';
    },
  },
  {
    spec: {
      use: 'ReloadSchemaKeyspace [--concurrency=<concurrency>] [--include-primary] <keyspace>',
      short: 'Reloads the schema on all tablets in a keyspace. This is done on a best-effort basis.',
      flags: [concurrencyFlag, { name: 'include-primary', type: 'bool', usage: 'Also reload the primary tablets.' }],
      args: { min: 1, max: 1 },
      disableFlagsInUseLine: true,
    },
    run(p, ctx) {
      const keyspace = p.args[0] as string;
      let shards: string[];
      try {
        shards = ctx.topo.getShardNames(keyspace);
      } catch (e) {
        throw vtError('INTERNAL', `GetShardNames(${keyspace}) failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      for (const shard of shards) reloadShard(ctx, keyspace, shard, Boolean(p.flags['include-primary']));
      return '';
    },
  },
];

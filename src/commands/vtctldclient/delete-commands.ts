// vtctldclient DeleteShards and DeleteTablets: remove topology records (and, recursively, the tablets of a
// shard). Mirrors go/cmd/vtctldclient/command/shards.go and tablets.go: the client parses every argument
// first, stops at the first failing shard or tablet, wraps the server's error with "while deleting N
// ...; please inspect the topo", and prints "Successfully deleted N shards|tablets" when all went well.

import { isVtError } from '../../common/errors.js';
import { deleteShard, deleteTablet } from '../../cluster/topology-admin.js';
import type { VtctldCommand } from './command.js';
import { aliasArg, clientError, keyspaceShardArg } from './cli-args.js';

/** The error vtctldclient logs after a failed delete: the gRPC error, then its own suffix. */
function wrapDeleteError(e: unknown, what: string): unknown {
  if (!isVtError(e)) return e;
  return `rpc error: code = Unknown desc = ${e.message}: while deleting ${what}; please inspect the topo`;
}

export const deleteCommands: VtctldCommand[] = [
  {
    spec: {
      use: 'DeleteShards [--recursive|-r] [--even-if-serving] [--force|-f] <keyspace/shard> [<keyspace/shard> ...]',
      short: 'Deletes the specified shards from the topology.',
      long: 'Deletes the specified shards from the topology.\n\nIn recursive mode, it also deletes all tablets belonging to the shard.\nOtherwise, the shard must be empty (have no tablets) or returns an error for\nthat shard.',
      flags: [
        { name: 'recursive', shorthand: 'r', type: 'bool', usage: 'Also delete all tablets belonging to the shard. This is required to delete a non-empty shard.' },
        { name: 'even-if-serving', type: 'bool', usage: 'Remove the shard even if it is serving. Use with caution.' },
        { name: 'force', shorthand: 'f', type: 'bool', usage: 'Remove the shard even if it cannot be locked; this should only be used for cleanup operations.' },
      ],
      args: { min: 1 },
      disableFlagsInUseLine: true,
    },
    run(p, ctx) {
      const shards = p.args.map((a) => keyspaceShardArg(p, a));
      const options = { recursive: Boolean(p.flags.recursive), evenIfServing: Boolean(p.flags['even-if-serving']), force: Boolean(p.flags.force) };
      try {
        for (const [ks, shard] of shards) deleteShard(ctx.cluster, ks, shard, options);
      } catch (e) {
        const wrapped = wrapDeleteError(e, `${shards.length} shards`);
        throw typeof wrapped === 'string' ? clientError(p, wrapped) : wrapped;
      }
      return `Successfully deleted ${shards.length} shards\n`;
    },
  },
  {
    spec: {
      use: 'DeleteTablets <alias> [ <alias> ... ]',
      short: 'Deletes tablet(s) from the topology.',
      flags: [{ name: 'allow-primary', shorthand: 'p', type: 'bool', usage: 'Allow the primary tablet of a shard to be deleted. Use with caution.' }],
      args: { min: 1 },
      disableFlagsInUseLine: true,
    },
    run(p, ctx) {
      const aliases = p.args.map((a) => aliasArg(p, a));
      try {
        for (const alias of aliases) deleteTablet(ctx.cluster, alias, Boolean(p.flags['allow-primary']));
      } catch (e) {
        const wrapped = wrapDeleteError(e, `${aliases.length} tablets`);
        throw typeof wrapped === 'string' ? clientError(p, wrapped) : wrapped;
      }
      return `Successfully deleted ${aliases.length} tablets\n`;
    },
  },
];

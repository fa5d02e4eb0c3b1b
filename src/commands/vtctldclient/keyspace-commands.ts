// vtctldclient's keyspace and shard commands: CreateKeyspace, GetKeyspace, GetKeyspaces,
// DeleteKeyspace, SetKeyspaceDurabilityPolicy, GetShard.
// Mirrors go/cmd/vtctldclient/command/keyspaces.go and shards.go (outputs: protojson of the
// vtctldata messages, except GetKeyspaces which marshals a Go slice with encoding/json).

import { vtError } from '../../common/errors.js';
import type { Keyspace, Shard } from '../../topo/records.js';
import { keyRangeToProtoJson } from '../../topo/records.js';
import { goJson, protoJson } from '../render/json.js';
import type { VtctldCommand } from './command.js';

/** vtctldata.Keyspace as protojson: every field, proto order. */
export function keyspaceProto(name: string, ks: Keyspace): unknown {
  return {
    name,
    keyspace: {
      keyspace_type: ks.keyspace_type,
      base_keyspace: ks.base_keyspace,
      snapshot_time: ks.snapshot_time,
      durability_policy: ks.durability_policy,
      throttler_config: ks.throttler_config,
      sidecar_db_name: ks.sidecar_db_name,
    },
  };
}

/** topodata.Keyspace through encoding/json: zero fields omitted, enums as numbers. */
function keyspaceGo(ks: Keyspace): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (ks.keyspace_type !== 'NORMAL') out.keyspace_type = 1;
  if (ks.base_keyspace) out.base_keyspace = ks.base_keyspace;
  if (ks.durability_policy) out.durability_policy = ks.durability_policy;
  if (ks.sidecar_db_name) out.sidecar_db_name = ks.sidecar_db_name;
  return out;
}

export function shardProto(ks: string, name: string, s: Shard): unknown {
  return {
    keyspace: ks,
    name,
    shard: {
      primary_alias: s.primary_alias ? { cell: s.primary_alias.cell, uid: s.primary_alias.uid } : null,
      primary_term_start_time: s.primary_term_start_time,
      key_range: keyRangeToProtoJson(s.key_range),
      source_shards: s.source_shards,
      tablet_controls: s.tablet_controls.map((c) => ({
        tablet_type: c.tablet_type,
        cells: c.cells,
        denied_tables: c.denied_tables,
        frozen: c.frozen,
      })),
      is_primary_serving: s.is_primary_serving,
    },
  };
}

function requireKeyspace(ctx: Parameters<VtctldCommand['run']>[1], name: string): Keyspace {
  const ks = ctx.topo.getKeyspace(name);
  if (!ks) throw vtError('NOT_FOUND', `node doesn't exist: ${ctx.topo.paths.keyspace(name)}`);
  return ks;
}

/** Splits `ks/shard` as vtctldclient's topoproto.ParseKeyspaceShard does. */
export function parseKeyspaceShard(arg: string): [string, string] {
  const i = arg.indexOf('/');
  if (i < 0) throw vtError('INVALID_ARGUMENT', `invalid shard path: ${arg}`);
  return [arg.slice(0, i), arg.slice(i + 1)];
}

export const keyspaceCommands: VtctldCommand[] = [
  {
    spec: {
      use: 'CreateKeyspace <keyspace> [--force|-f] [--type KEYSPACE_TYPE] [--base-keyspace KEYSPACE --snapshot-timestamp TIME] [--durability-policy <policy_name>] [--sidecar-db-name <db_name>]',
      short: 'Creates the specified keyspace in the topology.',
      long: 'Creates the specified keyspace in the topology.\n\nFor a SNAPSHOT keyspace, the request must specify the name of a base keyspace,\nas well as a snapshot time.',
      flags: [
        { name: 'force', shorthand: 'f', type: 'bool', usage: 'Proceeds even if the keyspace already exists. Does not overwrite the existing keyspace record.' },
        { name: 'allow-empty-vschema', type: 'bool', usage: 'Allows a new keyspace to have no vschema.' },
        { name: 'type', type: 'string', default: 'NORMAL', usage: 'The type of the keyspace.' },
        { name: 'base-keyspace', type: 'string', usage: 'The base keyspace for a snapshot keyspace.' },
        { name: 'snapshot-timestamp', type: 'string', usage: 'The snapshot time for a snapshot keyspace, as a timestamp in RFC3339 format.' },
        { name: 'durability-policy', type: 'string', default: 'none', usage: 'Type of durability to enforce for this keyspace. Default is none. Possible values include \'semi_sync\' and others as dictated by registered plugins.' },
        { name: 'sidecar-db-name', type: 'string', default: '_vt', usage: '(Experimental) Name of the Vitess sidecar database that tablets in this keyspace will use for internal metadata.' },
      ],
      args: { min: 1, max: 1 },
    },
    run(p, ctx) {
      const name = p.args[0] as string;
      if (ctx.topo.getKeyspace(name) && !p.flags.force) {
        throw vtError('ALREADY_EXISTS', `node already exists: ${ctx.topo.paths.keyspace(name)}`);
      }
      if (!ctx.topo.getKeyspace(name)) {
        ctx.topo.createKeyspace(name, {
          keyspace_type: p.flags.type === 'SNAPSHOT' ? 'SNAPSHOT' : 'NORMAL',
          base_keyspace: String(p.flags['base-keyspace'] ?? ''),
          durability_policy: String(p.flags['durability-policy']),
          sidecar_db_name: String(p.flags['sidecar-db-name']),
        });
        ctx.topo.ensureVSchema(name);
        ctx.topo.rebuildSrvVSchema();
      }
      const ks = requireKeyspace(ctx, name);
      return `Successfully created keyspace ${name}. Result:\n${protoJson(keyspaceProto(name, ks))}\n`;
    },
  },
  {
    spec: {
      use: 'GetKeyspace <keyspace>',
      short: 'Returns information about the given keyspace from the topology.',
      flags: [],
      args: { min: 1, max: 1 },
    },
    run(p, ctx) {
      const name = p.args[0] as string;
      return `${protoJson(keyspaceProto(name, requireKeyspace(ctx, name)))}\n`;
    },
  },
  {
    spec: { use: 'GetKeyspaces', short: 'Returns information about every keyspace in the topology.', flags: [], args: { min: 0, max: 0 } },
    run(_p, ctx) {
      const list = ctx.topo.getKeyspaceNames().map((n) => ({ name: n, keyspace: keyspaceGo(requireKeyspace(ctx, n)) }));
      return `${goJson(list)}\n`;
    },
  },
  {
    spec: {
      use: 'DeleteKeyspace [--recursive|-r] [--force|-f] <keyspace>',
      short: 'Deletes the specified keyspace from the topology.',
      long: 'Deletes the specified keyspace from the topology.\n\nIn recursive mode, it also recursively deletes all shards in the keyspace.\nOtherwise, the keyspace must be empty (have no shards), or DeleteKeyspace returns an error.',
      flags: [
        { name: 'recursive', shorthand: 'r', type: 'bool', usage: 'Recursively delete all shards in the keyspace, and all tablets in those shards.' },
        { name: 'force', shorthand: 'f', type: 'bool', usage: 'Delete the keyspace even if it cannot be locked; this should only be used for cleanup operations.' },
      ],
      args: { min: 1, max: 1 },
    },
    run(p, ctx) {
      const name = p.args[0] as string;
      requireKeyspace(ctx, name);
      const recursive = Boolean(p.flags.recursive);
      if (recursive) {
        for (const t of ctx.topo.getTablets({ keyspace: name })) ctx.cluster.removeTablet(t.alias);
      }
      ctx.topo.deleteKeyspace(name, recursive);
      ctx.topo.rebuildSrvVSchema();
      return `Successfully deleted keyspace ${name}.\n`;
    },
  },
  {
    spec: {
      use: 'SetKeyspaceDurabilityPolicy [--durability-policy=policy_name] <keyspace name>',
      short: 'Sets the durability-policy used by the specified keyspace.',
      long: 'Sets the durability-policy used by the specified keyspace.\nDurability policy governs the durability of the keyspace by describing which tablets should be sending semi-sync acknowledgements to the primary.\nPossible values include \'semi_sync\', \'none\' and others as dictated by registered plugins.',
      flags: [{ name: 'durability-policy', type: 'string', default: 'none', usage: 'Type of durability to enforce for this keyspace. Default is none. Other values include \'semi_sync\' and others as dictated by registered plugins.' }],
      args: { min: 1, max: 1 },
    },
    run(p, ctx) {
      const name = p.args[0] as string;
      requireKeyspace(ctx, name);
      const ks = ctx.topo.updateKeyspace(name, (k) => {
        k.durability_policy = String(p.flags['durability-policy']);
      });
      return `${protoJson({ keyspace: keyspaceProto(name, ks) })}\n`;
    },
  },
  {
    spec: {
      use: 'GetShard <keyspace/shard>',
      short: 'Returns information about a shard in the topology.',
      flags: [],
      args: { min: 1, max: 1 },
    },
    run(p, ctx) {
      const [ks, shard] = parseKeyspaceShard(p.args[0] as string);
      const s = ctx.topo.getShard(ks, shard);
      if (!s) throw vtError('NOT_FOUND', `node doesn't exist: ${ctx.topo.paths.shard(ks, shard)}`);
      return `${protoJson(shardProto(ks, shard, s))}\n`;
    },
  },
];

// vtctldclient's tablet commands: GetTablets, GetTablet, PlannedReparentShard.
// Mirrors go/cmd/vtctldclient/command/tablets.go and reparents.go (GetTablets prints awk lines by
// default, Go encoding/json with --format json; GetTablet prints protojson).

import type { TabletAlias, TabletType } from '../../common/tablet-alias.js';
import { aliasString, parseAlias, parseTabletType, tabletTypeOrder } from '../../common/tablet-alias.js';
import { vtError } from '../../common/errors.js';
import { formatRfc3339 } from '../../engine/clock.js';
import type { Tablet } from '../../topo/records.js';
import { keyRangeToProtoJson, vtTimeToMs } from '../../topo/records.js';
import { promoteToPrimary } from '../../cluster/reparent.js';
import { renderTabletAwk } from '../render/awk.js';
import { glogLine } from '../render/glog.js';
import { goJson, protoJson } from '../render/json.js';
import type { VtctldCommand, VtctldContext } from './command.js';
import { parseKeyspaceShard } from './keyspace-commands.js';

/**
 * GetTablets' adjustTypeForStalePrimary: an old primary whose record still says PRIMARY (it was down
 * when another tablet was promoted) is reported as UNKNOWN when a newer primary term exists in its shard.
 * vtsim's terms start on whole seconds, so a tie goes to the tablet the shard record names.
 */
function reportStalePrimaries(tablets: Tablet[], topo: VtctldContext['topo']): Tablet[] {
  const term = (t: { primary_term_start_time: Tablet['primary_term_start_time'] }) =>
    t.primary_term_start_time ? vtTimeToMs(t.primary_term_start_time) : 0;
  const newest = new Map<string, number>();
  for (const t of tablets) {
    if (t.type !== 'PRIMARY') continue;
    const k = `${t.keyspace}/${t.shard}`;
    newest.set(k, Math.max(newest.get(k) ?? 0, term(t)));
  }
  const stale = (t: Tablet): boolean => {
    if (t.type !== 'PRIMARY') return false;
    if (term(t) < (newest.get(`${t.keyspace}/${t.shard}`) ?? 0)) return true;
    const si = topo.getShard(t.keyspace, t.shard);
    return si?.primary_alias != null && aliasString(si.primary_alias) !== aliasString(t.alias) && term(t) <= term(si);
  };
  return tablets.map((t) => (stale(t) ? { ...t, type: 'UNKNOWN' } : t));
}

function sortedMap(m: Record<string, number | string>): Map<string, number | string> {
  return new Map(Object.keys(m).sort().map((k) => [k, m[k] as number | string]));
}

export function tabletProto(t: Tablet): unknown {
  return {
    alias: { cell: t.alias.cell, uid: t.alias.uid },
    hostname: t.hostname,
    port_map: sortedMap(t.port_map),
    keyspace: t.keyspace,
    shard: t.shard,
    key_range: keyRangeToProtoJson(t.key_range),
    type: t.type,
    db_name_override: t.db_name_override,
    tags: sortedMap(t.tags),
    mysql_hostname: t.mysql_hostname,
    mysql_port: t.mysql_port,
    primary_term_start_time: t.primary_term_start_time,
    default_conn_collation: t.default_conn_collation,
  };
}

/** topodata.Tablet through encoding/json: omitempty, enums as numbers. */
function tabletGo(t: Tablet): Record<string, unknown> {
  const out: Record<string, unknown> = { alias: { cell: t.alias.cell, uid: t.alias.uid }, hostname: t.hostname };
  if (Object.keys(t.port_map).length > 0) out.port_map = sortedMap(t.port_map);
  if (t.keyspace) out.keyspace = t.keyspace;
  if (t.shard) out.shard = t.shard;
  if (t.key_range) out.key_range = keyRangeToProtoJson(t.key_range);
  out.type = tabletTypeOrder(t.type);
  if (Object.keys(t.tags).length > 0) out.tags = sortedMap(t.tags);
  if (t.mysql_hostname) out.mysql_hostname = t.mysql_hostname;
  if (t.mysql_port) out.mysql_port = t.mysql_port;
  if (t.primary_term_start_time) out.primary_term_start_time = t.primary_term_start_time;
  return out;
}

/** One tablet as cli.MarshalTabletAWK prints it. */
export function awkLine(t: Tablet): string {
  const term = t.type === 'PRIMARY' && t.primary_term_start_time ? formatRfc3339(vtTimeToMs(t.primary_term_start_time)) : null;
  return renderTabletAwk({
    alias: aliasString(t.alias),
    keyspace: t.keyspace,
    shard: t.shard,
    type: t.type.toLowerCase(),
    hostname: t.hostname,
    webPort: t.port_map.vt ?? 0,
    mysqlPort: t.mysql_port,
    tags: t.tags,
    primaryTermStartTime: term,
  });
}

function requireAlias(s: string): TabletAlias {
  const a = parseAlias(s);
  if (!a) throw vtError('INVALID_ARGUMENT', `could not parse tablet alias ${s}`);
  return a;
}

export const tabletCommands: VtctldCommand[] = [
  {
    spec: {
      use: 'GetTablets [--strict] [{--cell $c1 [--cell $c2 ...], --keyspace $ks [--shard $shard], --tablet-alias $alias}]',
      short: 'Looks up tablets according to filter criteria.',
      long: 'Looks up tablets according to the filter criteria.\n\nIf --tablet-alias is passed, none of the other filters (tablet-type, keyspace,\nshard or cell) may be passed, and tablets are looked up by tablet alias only.\n\nIf --keyspace is passed, then all tablets in the keyspace are retrieved. The\n--shard flag may also be passed to further narrow the set of tablets to that\n<keyspace/shard>. Passing --shard without also passing --keyspace will fail.\n\nIf --tablet-type is passed, only tablets of the specified type will be\nreturned.\n\nPassing --cell limits the set of tablets to those in the specified cells. The\n--cell flag accepts a CSV argument (e.g. --cell "c1,c2") and may be repeated\n(e.g. --cell "c1" --cell "c2").\n\nValid output formats are "awk" and "json".',
      flags: [
        { name: 'tablet-alias', shorthand: 't', type: 'strings', usage: 'List of tablet aliases to filter by.' },
        { name: 'cell', shorthand: 'c', type: 'strings', usage: 'List of cells to filter tablets by.' },
        { name: 'keyspace', shorthand: 'k', type: 'string', usage: 'Keyspace to filter tablets by.' },
        { name: 'shard', shorthand: 's', type: 'string', usage: 'Shard to filter tablets by.' },
        { name: 'tablet-type', type: 'string', usage: 'Tablet type to filter by (e.g. primary or replica).' },
        { name: 'format', type: 'string', default: 'awk', usage: 'Output format to use; valid choices are (json, awk).' },
        { name: 'strict', type: 'bool', usage: 'Require all cells to return successful tablet data. Without --strict, tablet listings may be partial.' },
      ],
      args: { min: 0, max: 0 },
    },
    run(p, ctx) {
      const format = String(p.flags.format).toLowerCase();
      if (format !== 'awk' && format !== 'json') throw vtError('INVALID_ARGUMENT', `invalid output format, got ${p.flags.format}`);
      const keyspace = String(p.flags.keyspace ?? '');
      const shard = String(p.flags.shard ?? '');
      if (shard && !keyspace) throw vtError('INVALID_ARGUMENT', '--shard (= ' + shard + ') cannot be passed without also passing --keyspace');
      let typeFilter: TabletType | undefined;
      if (p.flags['tablet-type']) {
        typeFilter = parseTabletType(String(p.flags['tablet-type']));
        if (!typeFilter) throw vtError('INVALID_ARGUMENT', `unknown TabletType ${p.flags['tablet-type']}`);
      }
      const cells = (p.flags.cell as string[] | undefined) ?? [];
      const aliases = ((p.flags['tablet-alias'] as string[] | undefined) ?? []).map(requireAlias);
      let tablets = reportStalePrimaries(ctx.topo.getTablets({}), ctx.topo);
      if (aliases.length > 0) tablets = tablets.filter((t) => aliases.some((a) => a.cell === t.alias.cell && a.uid === t.alias.uid));
      if (keyspace) tablets = tablets.filter((t) => t.keyspace === keyspace);
      if (shard) tablets = tablets.filter((t) => t.shard === shard);
      if (typeFilter) tablets = tablets.filter((t) => t.type === typeFilter);
      if (cells.length > 0) tablets = tablets.filter((t) => cells.includes(t.alias.cell));
      if (format === 'json') return `${goJson(tablets.map(tabletGo))}\n`;
      return tablets.map((t) => `${awkLine(t)}\n`).join('');
    },
  },
  {
    spec: { use: 'GetTablet <alias>', short: 'Outputs a JSON structure that contains information about the tablet.', flags: [], args: { min: 1, max: 1 } },
    run(p, ctx) {
      const alias = requireAlias(p.args[0] as string);
      const t = ctx.topo.getTablet(alias);
      if (!t) throw vtError('NOT_FOUND', `node doesn't exist: tablets/${aliasString(alias)}/Tablet`);
      return `${protoJson(tabletProto(t))}\n`;
    },
  },
  {
    spec: {
      use: 'PlannedReparentShard <keyspace/shard>',
      short: 'Reparents the shard to a new primary, or away from an old primary. Both the old and new primaries must be up and running.',
      flags: [
        { name: 'new-primary', type: 'string', usage: 'Alias of a tablet that should be the new primary.' },
        { name: 'avoid-primary', type: 'string', usage: 'Alias of a tablet that should not be the primary; i.e. "reparent to any other tablet if this one is the primary".' },
        { name: 'wait-replicas-timeout', type: 'duration', default: 15_000, usage: 'Time to wait for replicas to catch up in reparenting.' },
      ],
      args: { min: 1, max: 1 },
    },
    run(p, ctx) {
      const [ks, shard] = parseKeyspaceShard(p.args[0] as string);
      const shardRec = ctx.topo.getShard(ks, shard);
      if (!shardRec) throw vtError('NOT_FOUND', `node doesn't exist: ${ctx.topo.paths.shard(ks, shard)}`);
      let target: TabletAlias | undefined = p.flags['new-primary'] ? requireAlias(String(p.flags['new-primary'])) : undefined;
      const avoid = p.flags['avoid-primary'] ? requireAlias(String(p.flags['avoid-primary'])) : shardRec.primary_alias;
      if (!target) {
        const candidates = ctx.cluster
          .shardTablets(ks, shard)
          .filter((t) => t.server?.type === 'REPLICA' && !(avoid && aliasString(t.alias) === aliasString(avoid)));
        target = candidates[0]?.alias;
        if (!target) throw vtError('FAILED_PRECONDITION', `cannot find a tablet to reparent to in the same cell as the current primary`);
      }
      const t = ctx.topo.getTablet(target);
      if (!t || t.keyspace !== ks || t.shard !== shard) {
        throw vtError('FAILED_PRECONDITION', `primary-elect tablet ${aliasString(target)} is not in the shard ${ks}/${shard}`);
      }
      if (t.type !== 'REPLICA' && t.type !== 'PRIMARY') {
        throw vtError('FAILED_PRECONDITION', `primary-elect tablet ${aliasString(target)} is not a REPLICA (type ${t.type})`);
      }
      // The reparenter's Info lines (planned_reparenter.go), which vtctldclient prints one per event
      // with logutil.EventString; replicas are listed in alias order (Vitess reparents them at once).
      const previous = shardRec.primary_alias;
      const events: Array<[number, string]> = [[486, `Getting a new durability policy for ${ctx.topo.getKeyspace(ks)?.durability_policy || 'none'}`]];
      if (!p.flags['new-primary']) events.push([183, `elected new primary candidate ${aliasString(target)}`]);
      if (previous && aliasString(previous) !== aliasString(target)) {
        events.push([220, `checking replication on primary-elect ${aliasString(target)}`]);
        events.push([250, `demoting current primary: ${aliasString(previous)}`]);
      }
      promoteToPrimary(ctx.cluster, ks, shard, target);
      for (const other of ctx.topo.getTabletsByShard(ks, shard)) {
        if (aliasString(other.alias) !== aliasString(target)) events.push([643, `setting new primary on replica ${aliasString(other.alias)}`]);
      }
      events.push([665, `populating reparent journal on new primary ${aliasString(target)}`]);
      const now = ctx.env.clock.nowMs();
      // logutil.EventString: the glog header without a thread id.
      return events
        .map(([line, msg]) => `${glogLine('I', msg, now, { file: 'planned_reparenter.go', line }).replace(/ {1,}\d+ planned/, ' planned')}\n`)
        .join('');
    },
  },
];

// The client-side argument parsing vtctldclient's commands share, with its error texts.
// Mirrors go/vt/topo/topoproto (ParseTabletAlias, ParseKeyspaceShard, ParseTabletType) and the
// commands' RunE pattern: an argument that does not parse fails before cli.FinishedParsing, so cobra
// prints the command's usage and main logs the bare error (no "rpc error" prefix); an error the client
// adds after the RPC (DeleteShards' "while deleting N shards") is logged without usage.

import type { TabletAlias, TabletType } from '../../common/tablet-alias.js';
import { parseTabletType } from '../../common/tablet-alias.js';
import { CliUsageError } from '../cli-kit/flags.js';
import type { CommandSpec, ParsedCommand } from '../cli-kit/spec.js';

const ALIAS_FORMAT = '^(?P<cell>[-_.a-zA-Z0-9]+)-(?P<uid>[0-9]+)$';
const ALIAS_RE = /^([-_.a-zA-Z0-9]+)-([0-9]+)$/;
const UINT32_MAX = 4_294_967_295;

/** An argument error before the RPC: cobra prints the usage, then main logs the message. */
export function argError(p: ParsedCommand, message: string): CliUsageError {
  return new CliUsageError(message, p.path as CommandSpec[], true);
}

/** An error the client reports after the RPC, without usage (e.g. a server error it wrapped). */
export function clientError(p: ParsedCommand, message: string): CliUsageError {
  return new CliUsageError(message, p.path as CommandSpec[], false);
}

/** topoproto.ParseTabletAlias: `<cell>-<uid>`, uid a uint32. */
export function aliasArg(p: ParsedCommand, s: string): TabletAlias {
  const m = ALIAS_RE.exec(s);
  if (!m) throw argError(p, `invalid tablet alias: '${s}', expecting format: '${ALIAS_FORMAT}'`);
  const uid = Number(m[2]);
  if (uid > UINT32_MAX) {
    throw argError(p, `invalid tablet uid in alias '${s}': strconv.ParseUint: parsing "${m[2]}": value out of range`);
  }
  return { cell: m[1]!, uid };
}

/** topoproto.ParseKeyspaceShard: `ks/shard` (or `ks:shard`). */
export function keyspaceShardArg(p: ParsedCommand, s: string): [string, string] {
  let parts = s.split('/');
  if (parts.length !== 2) parts = s.split(':');
  if (parts.length !== 2) throw argError(p, `invalid shard path: ${s}`);
  return [parts[0]!, parts[1]!];
}

/** topoproto.ParseTabletType: any topodata.TabletType name, case-insensitively. */
export function tabletTypeArg(p: ParsedCommand, s: string): TabletType {
  const t = s.toUpperCase() === 'BATCH' ? 'RDONLY' : parseTabletType(s);
  if (!t) throw argError(p, `unknown TabletType ${s}`);
  return t;
}

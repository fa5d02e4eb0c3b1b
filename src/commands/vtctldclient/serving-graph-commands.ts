// vtctldclient's serving-graph and cell commands: GetSrvKeyspaces, GetSrvKeyspaceNames, GetCellInfoNames,
// GetCellInfo, GetCellsAliases.
// Mirrors go/cmd/vtctldclient/command/serving_graph.go and cells.go, and the matching RPCs of
// go/vt/vtctl/grpcvtctldserver/server.go. Output shapes follow cli.MarshalJSON: GetCellInfo prints a proto
// message (protojson); GetSrvKeyspaces, GetSrvKeyspaceNames and GetCellsAliases print Go maps, so they go
// through encoding/json (zero fields omitted, enums as numbers, bytes as base64, cells sorted).

import { vtError } from '../../common/errors.js';
import { tabletTypeOrder } from '../../common/tablet-alias.js';
import type { KeyRange } from '../../common/key-range.js';
import { hexToBase64 } from '../../topo/records.js';
import type { SrvKeyspace } from '../../topo/srv-keyspace.js';
import { goJson, protoJson } from '../render/json.js';
import type { VtctldCommand, VtctldContext } from './command.js';

/** topodata.KeyRange through encoding/json: empty bytes omitted. */
function keyRangeGo(kr: KeyRange | null): Record<string, string> | undefined {
  if (kr === null) return undefined;
  const out: Record<string, string> = {};
  if (kr.start) out.start = hexToBase64(kr.start);
  if (kr.end) out.end = hexToBase64(kr.end);
  return out;
}

/** topodata.SrvKeyspace through encoding/json. */
export function srvKeyspaceGo(srv: SrvKeyspace): Record<string, unknown> {
  const partitions = srv.partitions.map((p) => {
    const out: Record<string, unknown> = { served_type: tabletTypeOrder(p.served_type) };
    if (p.shard_references.length > 0) {
      out.shard_references = p.shard_references.map((r) => ({ name: r.name || undefined, key_range: keyRangeGo(r.key_range) }));
    }
    if (p.shard_tablet_controls.length > 0) {
      out.shard_tablet_controls = p.shard_tablet_controls.map((c) => ({
        name: c.name || undefined,
        key_range: keyRangeGo(c.key_range),
        query_service_disabled: c.query_service_disabled || undefined,
      }));
    }
    return out;
  });
  return partitions.length > 0 ? { partitions } : {};
}

/** The cells a request names, or every cell (GetCellInfoNames) when it names none. */
function requestCells(ctx: VtctldContext, given: string[]): string[] {
  const known = ctx.topo.getCellNames();
  for (const cell of given) {
    if (!known.includes(cell)) throw vtError('NOT_FOUND', `node doesn't exist: ${ctx.topo.paths.cellInfo(cell)}`);
  }
  return given.length > 0 ? given : known;
}

export const servingGraphCommands: VtctldCommand[] = [
  {
    spec: {
      use: 'GetSrvKeyspaces <keyspace> [<cell> ...]',
      short: 'Returns the SrvKeyspaces for the given keyspace in one or more cells.',
      flags: [],
      args: { min: 1 },
      disableFlagsInUseLine: true,
    },
    run(p, ctx) {
      const keyspace = p.args[0] as string;
      const byCell = new Map<string, unknown>();
      for (const cell of requestCells(ctx, p.args.slice(1))) {
        // A cell without a SrvKeyspace for the keyspace maps to null (vtctld only logs a warning).
        const srv = ctx.topo.getSrvKeyspace(cell, keyspace);
        byCell.set(cell, srv === undefined ? null : srvKeyspaceGo(srv));
      }
      return `${goJson(byCell)}\n`;
    },
  },
  {
    spec: {
      use: 'GetSrvKeyspaceNames [<cell> ...]',
      short: 'Outputs a JSON mapping of cell=>keyspace names served in that cell. Omit to query all cells.',
      flags: [],
      disableFlagsInUseLine: true,
    },
    run(p, ctx) {
      const byCell = new Map<string, unknown>();
      for (const cell of requestCells(ctx, p.args)) {
        const names = ctx.topo.getSrvKeyspaceNames(cell);
        byCell.set(cell, names.length > 0 ? { names } : {});
      }
      return `${goJson(byCell)}\n`;
    },
  },
  {
    spec: { use: 'GetCellInfoNames', short: 'Lists the names of all cells in the cluster.', flags: [], args: { min: 0, max: 0 }, disableFlagsInUseLine: true },
    run(_p, ctx) {
      return `${ctx.topo.getCellNames().join('\n')}\n`;
    },
  },
  {
    spec: { use: 'GetCellInfo <cell>', short: 'Gets the CellInfo object for the given cell.', flags: [], args: { min: 1, max: 1 }, disableFlagsInUseLine: true },
    run(p, ctx) {
      const cell = p.args[0] as string;
      if (cell === '') throw vtError('INVALID_ARGUMENT', 'cell field is required');
      const info = ctx.topo.getCellInfo(cell);
      if (!info) throw vtError('NOT_FOUND', `node doesn't exist: ${ctx.topo.paths.cellInfo(cell)}`);
      return `${protoJson({ server_address: info.server_address, root: info.root })}\n`;
    },
  },
  {
    spec: { use: 'GetCellsAliases', short: 'Gets all CellsAlias objects in the cluster.', flags: [], args: { min: 0, max: 0 }, disableFlagsInUseLine: true },
    run() {
      // vtsim has no cells aliases (AddCellsAlias is not simulated): an empty Go map.
      return `${goJson(new Map())}\n`;
    },
  },
];

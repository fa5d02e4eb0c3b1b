// Workflow status: the streams of a workflow by target shard, its copy progress and traffic state.
// Mirrors go/vt/vtctl/workflow/server.go (WorkflowStatus, GetCopyProgress).




import { formatAnsic } from '../engine/clock.js';
import type { TabletManagerClient } from '../tablets/tm-client.js';
import { stateString } from './state.js';
import type { TrafficSwitcher } from './traffic-switcher.js';
import type { TableCopyStateJson, WorkflowStatusResponse } from './types.js';
import { sortedStrings } from './utils.js';
import { readCopyStates } from './vreplication-rows.js';
import type { WorkflowServer } from './server.js';

export function workflowStatus(server: WorkflowServer, keyspace: string, workflow: string, shards: string[] = []): WorkflowStatusResponse {
  const { ts, state } = server.getWorkflowState(keyspace, workflow, server.readDeps);
  const resp: WorkflowStatusResponse = {
    table_copy_state: getCopyProgress(server, ts),
    shard_streams: {},
    traffic_state: stateString(state),
  };
  const wf = server.getWorkflow(keyspace, workflow, false, shards);
  for (const streamKey of Object.keys(wf.json.shard_streams)) {
    const shard = streamKey.split('/')[0]!;
    const streams = wf.json.shard_streams[streamKey]!.streams;
    resp.shard_streams[`${keyspace}/${shard}`] = {
      streams: streams.map((st) => {
        let info: string[];
        if (st.state === 'Error') {
          info = [st.message];
        } else if (st.position === '') {
          info = ['VStream has not started'];
        } else {
          // vtctld computes this lag from time.Now().Nanosecond() (a known Vitess quirk), which makes it 0s
          // (or -1s) whatever the real lag is; the real figures are in `show` (max_v_replication_lag).
          info = ['VStream Lag: 0s'];
          const tx = Number(st.transaction_timestamp.seconds);
          if (tx > 0) info.push(`; Tx time: ${formatAnsic(tx * 1000)}.`);
        }
        return {
          id: Number(st.id),
          tablet: st.tablet,
          source_shard: `${st.binlog_source.keyspace}/${st.binlog_source.shard}`,
          position: st.position,
          status: st.state,
          info: info.join('; '),
        };
      }),
    };
  }
  return resp;
}

/**
 * GetCopyProgress: for tables that still have copy_state rows, rows and bytes on the target primaries
 * against the source primaries. Row counts are exact here; bytes are estimated as InnoDB-like 16 KiB pages.
 */
export function getCopyProgress(server: WorkflowServer, ts: TrafficSwitcher): Record<string, TableCopyStateJson> {
  const tables = new Set<string>();
  for (const t of ts.targetList()) {
    for (const c of readCopyStates(server.readDeps.tmc, t.primary.alias, [...t.sources.keys()])) tables.add(c.table);
  }
  if (tables.size === 0) return {};
  const list = sortedStrings(tables);
  const count = (aliases: Array<Parameters<TabletManagerClient['getSchema']>[0]>): Map<string, number> => {
    const m = new Map<string, number>();
    for (const a of aliases) {
      for (const d of server.readDeps.tmc.getSchema(a, list).tableDefinitions) m.set(d.name, (m.get(d.name) ?? 0) + d.rowCount);
    }
    return m;
  };
  const targetRows = count(ts.targetList().map((t) => t.primary.alias));
  const sourceRows = count(ts.sourceList().map((s) => s.primary.alias));
  const out: Record<string, TableCopyStateJson> = {};
  for (const table of list) {
    const tr = targetRows.get(table) ?? 0;
    const sr = sourceRows.get(table) ?? 0;
    const tb = estimatedDataLength(tr);
    const sb = estimatedDataLength(sr);
    out[table] = {
      rows_copied: String(tr),
      rows_total: String(sr),
      rows_percentage: sr > 0 ? float32(100 * tr / sr) : 0,
      bytes_copied: String(tb),
      bytes_total: String(sb),
      bytes_percentage: sb > 0 ? float32(100 * tb / sb) : 0,
    };
  }
  return out;
}

/** A float32 value as protojson prints it (shortest digits that round-trip in 32 bits). */
export function float32(x: number): number {
  const f = Math.fround(x);
  for (let p = 1; p <= 9; p++) {
    const n = Number(f.toPrecision(p));
    if (Math.fround(n) === f) return n;
  }
  return f;
}

/** information_schema data_length stand-in: whole 16 KiB pages for ~100-byte rows. */
function estimatedDataLength(rows: number): number {
  return 16384 * Math.max(1, Math.ceil((rows * 100) / 16384));
}

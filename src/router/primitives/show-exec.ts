// ShowExec: the SHOW statements vtgate answers from its own state: `show vitess_tablets` (the health
// check's view of every tablet), `show vitess_shards` (serving shards per keyspace) and
// `show vitess_replication_status`.
// Mirrors go/vt/vtgate/engine/show_exec.go and go/vt/vtgate/executor.go (ShowTablets, ShowShards,
// ShowVitessReplicationStatus), with the health check's sort order from
// go/vt/discovery/tablets_cache_status.go (cell.keyspace.shard.type, the type by enum number, then alias).

import type { BindVars, QueryResult } from '../../common/sql-types.js';
import { aliasString, tabletTypeOrder } from '../../common/tablet-alias.js';
import { formatRfc3339 } from '../../engine/clock.js';
import type { TabletHealth } from '../tablet-gateway.js';
import type { Primitive, PrimitiveDescription, ShardQuery, VCursor } from './primitive.js';
import { varcharResult } from './rows.js';

export type ShowExecCommand = 'vitess_tablets' | 'vitess_shards' | 'vitess_replication_status';

/** sqlparser.LikeToRegexp: % and _ wildcards, anchored, case-sensitive. */
export function likeToRegExp(like: string | undefined): RegExp | undefined {
  if (like === undefined || like === '') return undefined;
  let re = '';
  for (const ch of like) {
    if (ch === '%') re += '.*';
    else if (ch === '_') re += '.';
    else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Health-check cache order: "cell.keyspace.shard.<type as enum char>", then alias. */
export function sortTabletHealth(list: readonly TabletHealth[]): TabletHealth[] {
  const key = (t: TabletHealth) => `${t.cell}.${t.keyspace}.${t.shard}.${String.fromCharCode(tabletTypeOrder(t.tabletType))}`;
  return [...list].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return ka < kb ? -1 : 1;
    const aa = aliasString(a.alias);
    const ab = aliasString(b.alias);
    return aa < ab ? -1 : aa > ab ? 1 : 0;
  });
}

export class ShowExec implements Primitive {
  readonly isDml = false;

  constructor(
    readonly command: ShowExecCommand,
    private readonly like: string | undefined,
  ) {}

  execute(vc: VCursor, _bindVars: BindVars): QueryResult {
    const filter = likeToRegExp(this.like);
    switch (this.command) {
      case 'vitess_tablets': {
        const rows: string[][] = [];
        for (const t of sortTabletHealth(vc.tabletHealth())) {
          if (filter && !filter.test(t.hostname)) continue;
          rows.push([
            t.cell,
            t.keyspace,
            t.shard,
            t.tabletType,
            t.state,
            aliasString(t.alias),
            t.hostname,
            t.primaryTermStartTimeMs !== null && t.primaryTermStartTimeMs > 0 ? formatRfc3339(t.primaryTermStartTimeMs) : '',
          ]);
        }
        return varcharResult(['Cell', 'Keyspace', 'Shard', 'TabletType', 'State', 'Alias', 'Hostname', 'PrimaryTermStartTime'], rows);
      }
      case 'vitess_shards': {
        const rows: string[][] = [];
        const ksFilter = this.like?.includes('/') ? likeToRegExp(this.like.split('/')[0]) : undefined;
        for (const ks of vc.view.topoKeyspaces()) {
          if (ksFilter && !ksFilter.test(ks)) continue;
          for (const s of vc.view.shards(ks)) {
            const name = `${ks}/${s.name}`;
            if (filter && !filter.test(name)) continue;
            rows.push([name]);
          }
        }
        return varcharResult(['Shards'], rows);
      }
      case 'vitess_replication_status': {
        const rows: string[][] = [];
        for (const t of sortTabletHealth(vc.tabletHealth())) {
          if (t.tabletType !== 'REPLICA' && t.tabletType !== 'RDONLY') continue;
          if (filter && !filter.test(`${t.keyspace}/${t.shard}`)) continue;
          const primary = vc.tabletHealth().find(
            (p) => p.keyspace === t.keyspace && p.shard === t.shard && p.tabletType === 'PRIMARY',
          );
          rows.push([
            t.keyspace,
            t.shard,
            t.tabletType,
            aliasString(t.alias),
            t.hostname,
            primary ? `${primary.hostname}:${primary.mysqlPort ?? 0}` : ':0',
            `{"EventStreamRunning":"${primary ? 'Yes' : 'No'}","EventApplierRunning":"${primary ? 'Yes' : 'No'}","LastError":""}`,
            '0',
            '',
          ]);
        }
        return varcharResult(
          ['Keyspace', 'Shard', 'TabletType', 'Alias', 'Hostname', 'ReplicationSource', 'ReplicationHealth', 'ReplicationLag', 'ThrottlerStatus'],
          rows,
        );
      }
    }
  }

  shardQueries(): ShardQuery[] {
    return [];
  }

  describe(): PrimitiveDescription {
    return { operatorType: 'ShowExec', variant: this.command, other: this.like !== undefined ? { Filter: this.like } : {} };
  }
}

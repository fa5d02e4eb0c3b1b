// The in-process TabletManagerClient: resolves a tablet alias to its TabletManager and calls it.
// In Vitess this is a gRPC client (go/vt/vttablet/grpctmclient); here the "network" is a lookup, and
// an unreachable tablet gives the error a failed RPC would.

import type { QueryResult } from '../common/sql-types.js';
import type { TabletAlias, TabletType } from '../common/tablet-alias.js';
import type { SchemaDefinition, TabletManagerClient, VDiffRequest, VDiffResponse } from '../tablets/tm-client.js';
import type { TabletManager } from '../tablets/tablet-manager.js';

export class InProcessTmClient implements TabletManagerClient {
  constructor(
    private readonly resolve: (alias: TabletAlias) => TabletManager,
    /** Whether the tablet's vttablet is up (an RPC would connect). */
    private readonly reachable?: (alias: TabletAlias) => boolean,
  ) {}

  isReachable(alias: TabletAlias): boolean {
    return this.reachable ? this.reachable(alias) : true;
  }

  getSchema(alias: TabletAlias, tables?: string[]): SchemaDefinition {
    return this.resolve(alias).getSchema(tables);
  }
  applySchema(alias: TabletAlias, sql: string): void {
    this.resolve(alias).applySchema(sql);
  }
  executeFetchAsDba(alias: TabletAlias, sql: string): QueryResult {
    return this.resolve(alias).executeFetchAsDba(sql);
  }
  vreplicationExec(alias: TabletAlias, sql: string): QueryResult {
    return this.resolve(alias).vreplicationExec(sql);
  }
  vreplicationWaitForPos(alias: TabletAlias, id: number, position: string, timeoutMs: number): void {
    this.resolve(alias).vreplicationWaitForPos(id, position, timeoutMs);
  }
  primaryPosition(alias: TabletAlias): string {
    return this.resolve(alias).primaryPosition();
  }
  refreshState(alias: TabletAlias): void {
    this.resolve(alias).refreshState();
  }
  changeType(alias: TabletAlias, type: TabletType): void {
    this.resolve(alias).changeType(type);
  }
  ping(alias: TabletAlias): void {
    this.resolve(alias).ping();
  }
  vdiff(alias: TabletAlias, request: VDiffRequest): VDiffResponse {
    return this.resolve(alias).vdiff(request);
  }
}

// QueryService: the only door into a tablet for queries. vtgate (and anything else that queries a
// tablet) goes through it; every call names its Target so the tablet can refuse a query that was
// routed with a stale view of the topology.
// Mirrors go/vt/vttablet/queryservice/queryservice.go (synchronous here: the simulator is
// single-threaded and every call completes within one simulation step).

import type { BindVars, QueryResult } from '../common/sql-types.js';
import type { Target, TabletAlias } from '../common/tablet-alias.js';

export interface ExecuteOptions {
  /** The immediate caller, printed in tablet errors as `(CallerID: userData1)`. */
  callerId?: string;
}

export interface QueryService {
  /** Runs one statement; transactionId 0 means autocommit. Throws VtError with the tablet's text. */
  execute(target: Target, sql: string, bindVars: BindVars, transactionId: number, options?: ExecuteOptions): QueryResult;
  /** Opens a transaction and returns its id. */
  begin(target: Target, options?: ExecuteOptions): number;
  commit(target: Target, transactionId: number): void;
  rollback(target: Target, transactionId: number): void;
}

/** Resolves a tablet alias to its query service (injected by the cluster: the simulated network). */
export type TabletDialer = (alias: TabletAlias) => QueryService | undefined;

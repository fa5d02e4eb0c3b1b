// A client connection's state in vtgate: the target chosen with `use`, autocommit, the open
// transaction (one transaction per shard touched), LAST_INSERT_ID and user variables.
// Mirrors go/vt/vtgate/executorcontext/safe_session.go (SafeSession around vtgatepb.Session: its
// TargetString, Autocommit, InTransaction, ShardSessions, LastInsertId, TransactionMode, UserDefinedVariables).

import type { SqlValue } from '../common/sql-types.js';
import type { TabletAlias, Target } from '../common/tablet-alias.js';

/** One shard's transaction inside the session's transaction (vtgatepb.Session_ShardSession). */
export interface ShardSession {
  target: Target;
  transactionId: number;
  alias: TabletAlias;
  /** Only reads ran on it so far (the SINGLE mode check ignores such shards). */
  readOnly: boolean;
}

/** vtgatepb.TransactionMode: SINGLE refuses a second shard; MULTI commits each shard in turn. */
export type TransactionMode = 'UNSPECIFIED' | 'SINGLE' | 'MULTI' | 'TWOPC';

export class Session {
  /**
   * What `use` selected, exactly as typed: `commerce`, `commerce@replica`, `customer/-80`, or '' for
   * none. `select database()` returns it (executor.go addNeededBindVars).
   */
  targetString = '';
  autocommit = true;
  inTransaction = false;
  shardSessions: ShardSession[] = [];
  /** LAST_INSERT_ID(): the first auto-generated id of the last insert that generated one. */
  lastInsertId = 0;
  /**
   * ROW_COUNT() and FOUND_ROWS() of the last statement (SafeSession.RowCount / FoundRows, kept by
   * executor.go saveSessionStats). A fresh session starts at -1: the mysql client's own first query
   * (`select @@version_comment`) has already set it so when a user types anything.
   */
  rowCount = -1;
  foundRows = 0;
  transactionMode: TransactionMode = 'UNSPECIFIED';
  /** @x user variables, by lower-case name. */
  readonly userVars = new Map<string, SqlValue>();
  /** Set when a statement inside the transaction failed in a way that requires a rollback. */
  mustRollback = false;

  constructor(readonly id: number) {}

  /** The shard session already open for a target, if any. */
  findShardSession(target: Target): ShardSession | undefined {
    for (const s of this.shardSessions) {
      if (s.target.keyspace === target.keyspace && s.target.shard === target.shard && s.target.tabletType === target.tabletType) {
        return s;
      }
    }
    return undefined;
  }

  /** Forgets the transaction (after commit or rollback). */
  resetTransaction(): void {
    this.inTransaction = false;
    this.shardSessions = [];
    this.mustRollback = false;
  }
}

// Plan: what the planner makes of one statement: the primitive tree to run, the tables it resolved
// (and what decided each), and the session values it needs bound at execution.
// Mirrors go/vt/vtgate/engine/plan.go (Plan: Type, Original, Instructions, BindVarNeeds, TablesUsed).

import type { TabletType } from '../../common/tablet-alias.js';
import type { Primitive } from '../primitives/primitive.js';
import type { BindVarNeeds } from '../sqlparser/normalizer.js';

export type PlanType =
  | 'SELECT'
  | 'INSERT'
  | 'UPDATE'
  | 'DELETE'
  | 'DDL'
  | 'SHOW'
  | 'USE'
  | 'SET'
  | 'OTHER';

/** How one table name of the statement was resolved. */
export interface TableUse {
  /** The name as the statement wrote it (`customer`, `commerce.customer`). */
  written: string;
  keyspace: string;
  table: string;
  tabletType: TabletType;
  /** What decided: a routing rule, the vschema, an unsharded keyspace's fallback, shard targeting. */
  reason: string;
}

export interface Plan {
  type: PlanType;
  /** The normalized statement the plan was built for (its cache key, with the session target). */
  statement: string;
  primitive: Primitive;
  needs: BindVarNeeds;
  tables: TableUse[];
  /** Statement-level facts for explanations (e.g. "shard targeting bypasses routing rules"). */
  notes: string[];
  /** DDL commits an open transaction first, as MySQL does. */
  implicitCommit: boolean;
}

export const NO_NEEDS: BindVarNeeds = { dbName: false, lastInsertId: false, userVars: [], sysVars: [] };

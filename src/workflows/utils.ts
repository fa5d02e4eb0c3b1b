// Small helpers of the workflow server: reverse workflow names, the migration id hash, table name
// validation and the errors vtctld returns with fixed texts.
// Mirrors go/vt/vtctl/workflow/utils.go (ReverseWorkflowName, HashStreams/getMigrationID, shouldInclude,
// validateSourceTablesExist, getRenameFileName, parseTabletTypes) and the error variables of server.go.

import { VtError } from '../common/errors.js';
import type { ErrorCode } from '../common/errors.js';
import type { TabletType } from '../common/tablet-alias.js';

const REVERSE_SUFFIX = '_reverse';

/** `wf` → `wf_reverse`, and `wf_reverse` → `wf`. */
export function reverseWorkflowName(workflow: string): string {
  return workflow.endsWith(REVERSE_SUFFIX) ? workflow.slice(0, -REVERSE_SUFFIX.length) : workflow + REVERSE_SUFFIX;
}

const FNV64_OFFSET = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;
const MASK64 = (1n << 64n) - 1n;

/** FNV-1 (not 1a) 64-bit over UTF-8 bytes, as Go's hash/fnv New64. */
function fnv64(parts: string[]): bigint {
  let h = FNV64_OFFSET;
  const enc = new TextEncoder();
  for (const p of parts) {
    for (const b of enc.encode(p)) {
      h = (h * FNV64_PRIME) & MASK64;
      h ^= BigInt(b);
    }
  }
  return h;
}

/**
 * The migration id of a workflow: FNV-64 of the target keyspace and the sorted "shard:streamId" items,
 * with the top bit dropped (HashStreams / getMigrationID). It keys the `_vt.resharding_journal` rows.
 */
export function hashStreams(targetKeyspace: string, shardStreamIds: Array<{ shard: string; id: number }>): bigint {
  const expanded = shardStreamIds.map((s) => `${s.shard}:${s.id}`).sort();
  return fnv64([targetKeyspace, ...expanded]) & ((1n << 63n) - 1n);
}

/** `_customer_old`: the name Complete --rename-tables gives a source table (`_%.59s_old`). */
export function renamedTableName(table: string): string {
  return `_${[...table].slice(0, 59).join('')}_old`;
}

/**
 * Vitess-internal table names (online DDL artifacts and the like) that MoveTables never moves
 * (go/vt/schema IsInternalOperationTableName, simplified to the name shapes Vitess generates).
 */
export function isInternalOperationTableName(table: string): boolean {
  return /^_vt_(hld|prg|evc|drp|vrp|gho|ghc|del|old)_/.test(table) || /^_[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12}_/.test(table);
}

export function shouldInclude(table: string, excludes: readonly string[]): boolean {
  if (isInternalOperationTableName(table)) return false;
  return !excludes.includes(table);
}

/** `table(s) not found in source keyspace commerce: foo,bar`, or nothing. */
export function validateSourceTablesExist(sourceKeyspace: string, ksTables: readonly string[], tables: readonly string[]): void {
  const missing = tables.filter((t) => !isInternalOperationTableName(t) && !ksTables.includes(t));
  if (missing.length > 0) {
    throw new VtError('FAILED_PRECONDITION', `table(s) not found in source keyspace ${sourceKeyspace}: ${missing.join(',')}`);
  }
}

/** Which read/write types a switch request names; other types are refused as Vitess does. */
export function parseTabletTypes(types: readonly TabletType[]): { replica: boolean; rdonly: boolean; primary: boolean } {
  const r = { replica: false, rdonly: false, primary: false };
  for (const t of types) {
    if (t === 'REPLICA') r.replica = true;
    else if (t === 'RDONLY') r.rdonly = true;
    else if (t === 'PRIMARY') r.primary = true;
    else throw new VtError('UNKNOWN', `invalid tablet type passed ${t}`);
  }
  return r;
}

/** An error created with fmt.Errorf / errors.New in Vitess (no vtrpc code: vtctld reports it as Unknown). */
export function plainError(message: string): VtError {
  return new VtError('UNKNOWN', message);
}

/** vterrors.Wrap(err, message): "<message>: <cause>", keeping the cause's code. */
export function wrapError(e: unknown, message: string): VtError {
  const code: ErrorCode = e instanceof VtError ? e.code : 'UNKNOWN';
  const cause = e instanceof Error ? e.message : String(e);
  return new VtError(code, `${message}: ${cause}`);
}

export function errNoStreams(keyspace: string, workflow: string): VtError {
  return plainError(`no streams found in keyspace ${keyspace} for ${workflow}`);
}

export const ERR_COMPLETE_NOT_FULLY_SWITCHED =
  'cannot complete workflow because you have not yet switched all read and write traffic';
export const ERR_DELETE_WRITES_SWITCHED = 'cannot delete workflow because you have already switched write traffic';

/** The canSwitch reasons (server.go constants). */
export const CANNOT_SWITCH_ERROR = 'workflow has errors';
export const CANNOT_SWITCH_COPY_INCOMPLETE = 'copy is still in progress';
export const CANNOT_SWITCH_FROZEN = 'workflow is frozen';
export function cannotSwitchHighLag(lagSeconds: bigint, allowedSeconds: number): string {
  return `replication lag ${lagSeconds}s is higher than allowed lag ${allowedSeconds}s`;
}
export function cannotSwitchFailedTabletRefresh(details: string): string {
  return `could not refresh all of the tablets involved in the operation:\n${details}`;
}

/** The message a target stream carries once writes are switched. */
export const FROZEN = 'FROZEN';

/** Go's sort.Strings order (bytewise), which differs from localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedStrings(items: Iterable<string>): string[] {
  return [...items].sort(compareStrings);
}

// The errors vtgate returns, with the MySQL number and SQLSTATE a client sees for each.
// Mirrors go/vt/vterrors/code.go (the VTxxxxx errors and their states), go/mysql/sqlerror/sql_error.go
// (NewSQLErrorFromError: a "(errno N) (sqlstate S)" inside the message wins, then the error's state,
// then its code) and go/vt/vtgate/tabletgateway.go + go/vt/vttablet/tabletconn/grpc_error.go (how a
// tablet's error is wrapped: "target: ks.0.primary: vttablet: rpc error: code = ... desc = ...").

import { VtError, grpcCodeName } from '../common/errors.js';
import type { ErrorCode } from '../common/errors.js';
import type { Target } from '../common/tablet-alias.js';
import type { SqlValue } from '../common/sql-types.js';
import { targetString } from '../common/tablet-alias.js';

/** vterrors.State values vtgate uses, with their MySQL number and SQLSTATE (stateToMysqlCode). */
const STATES = {
  BadDb: [1049, '42000'],
  UnknownTable: [1109, '42S02'],
  NoSuchTable: [1146, '42S02'],
  NoDB: [1046, '3D000'],
  InnodbReadOnly: [1874, 'HY000'],
  WrongValueForVar: [1231, '42000'],
  LockOrActiveTransaction: [1192, 'HY000'],
  DbCreateExists: [1007, 'HY000'],
  DbDropExists: [1008, 'HY000'],
  UnknownSystemVariable: [1193, 'HY000'],
  WrongValueCountOnRow: [1136, '21S01'],
  NonUniqTable: [1066, '42000'],
  BadFieldError: [1054, '42S22'],
  CantDoThisInTransaction: [1568, '25001'],
  EmptyQuery: [1065, '42000'],
} as const satisfies Record<string, readonly [number, string]>;

export type VtState = keyof typeof STATES;

const ERRNO_IN_MESSAGE = /\(errno ([0-9]+)\) \(sqlstate ([0-9a-zA-Z]{5})\)/;

/** The MySQL number and state for an error with no state, by its code (mapToSQLErrorFromErrorCode). */
function mysqlCodeFor(code: ErrorCode): [number, string] {
  switch (code) {
    case 'CANCELED':
    case 'DEADLINE_EXCEEDED':
    case 'ABORTED':
      return [1317, '70100'];
    case 'PERMISSION_DENIED':
    case 'UNAUTHENTICATED':
      return [1045, '28000'];
    case 'RESOURCE_EXHAUSTED':
      return [1203, '42000'];
    case 'UNIMPLEMENTED':
      return [1235, '42000'];
    case 'INTERNAL':
      return [1815, 'HY000'];
    default:
      return [1105, 'HY000'];
  }
}

/** A vtgate error: the MySQL number comes from the message, then the state, then the code. */
export function vtgateError(code: ErrorCode, message: string, state?: VtState): VtError {
  const m = ERRNO_IN_MESSAGE.exec(message);
  const [errno, sqlState] = m ? [Number(m[1]), m[2] as string] : state ? STATES[state] : mysqlCodeFor(code);
  return new VtError(code, message, { errno, sqlState });
}

// ---- the VTxxxxx errors of go/vt/vterrors/code.go ----

export const VT03009 = (name: string, value: string) =>
  vtgateError('INVALID_ARGUMENT', `VT03009: unexpected value type for '${name}': ${value}`, 'WrongValueForVar');
export const VT03023 = (target: string) =>
  vtgateError('INVALID_ARGUMENT', `VT03023: INSERT not supported when targeting a key range: ${target}`);
export const VT05001 = (db: string) =>
  vtgateError('NOT_FOUND', `VT05001: cannot drop database '${db}'; database does not exists`, 'DbDropExists');
export const VT05003 = (keyspace: string) =>
  vtgateError('NOT_FOUND', `VT05003: unknown database '${keyspace}' in vschema`, 'BadDb');
export const VT05004 = (table: string) => vtgateError('NOT_FOUND', `VT05004: table '${table}' does not exist`, 'UnknownTable');
export const VT05005 = (table: string, keyspace: string) =>
  vtgateError('NOT_FOUND', `VT05005: table '${table}' does not exist in keyspace '${keyspace}'`, 'NoSuchTable');
export const VT06001 = (db: string) =>
  vtgateError('ALREADY_EXISTS', `VT06001: cannot create database '${db}'; database exists`, 'DbCreateExists');
export const VT09002 = (statement: 'insert' | 'update' | 'delete' | string) =>
  vtgateError('FAILED_PRECONDITION', `VT09002: ${statement} statement with a replica target`, 'InnodbReadOnly');
export const VT09003 = (column: string) =>
  vtgateError('FAILED_PRECONDITION', `VT09003: INSERT query does not have primary vindex column '${column}' in the column list`);
/** A row whose vindex value maps to no keyspace id (insert_common.go, DestinationNone). */
export const VT09023 = (values: readonly SqlValue[]) =>
  vtgateError('FAILED_PRECONDITION', `VT09023: could not map [${values.map(sqltypesValueString).join(' ')}] to a keyspace id`);
export const VT09005 = () =>
  vtgateError(
    'FAILED_PRECONDITION',
    'VT09005: no database selected: use keyspace<:shard><@type> or keyspace<[range]><@type> (<> are optional)',
    'NoDB',
  );
export const VT12001 = (what: string) => vtgateError('UNIMPLEMENTED', `VT12001: unsupported: ${what}`);
export const VT13001 = (what: string) => vtgateError('INTERNAL', `VT13001: [BUG] ${what}`);

/**
 * A value as sqltypes.Value.String() prints it in errors: `INT64(1)`, `VARCHAR("north")`, `NULL`.
 * Literals reach the vindex as bind variables of the normalizer's types (integers INT64, decimals
 * DECIMAL, strings VARCHAR).
 */
export function sqltypesValueString(v: SqlValue): string {
  if (v === null) return 'NULL';
  if (typeof v === 'bigint') return v > 9223372036854775807n ? `UINT64(${v})` : `INT64(${v})`;
  if (typeof v === 'number') return Number.isInteger(v) ? `INT64(${v})` : `DECIMAL(${v})`;
  if (typeof v === 'string') return `VARCHAR(${JSON.stringify(v)})`;
  return `VARBINARY(${JSON.stringify(new TextDecoder().decode(v))})`;
}

// ---- tablet errors seen through vtgate ----

/**
 * A tablet's error as the client sees it through vtgate (NewShardError around the gRPC status):
 * `target: commerce.0.primary: vttablet: rpc error: code = NotFound desc = <tablet message>`. The code
 * is kept; the MySQL number and state come from the tablet's "(errno N) (sqlstate S)" when the
 * message has one (so 1146 stays 1146), otherwise from the code (FailedPrecondition -> 1105).
 */
export function tabletError(target: Target, e: VtError): VtError {
  const message = `target: ${targetString(target)}: vttablet: rpc error: code = ${grpcCodeName(e.code)} desc = ${e.message}`;
  return vtgateError(e.code, message);
}

/** A vtgate-side failure for a shard (no tablet, bad target): `target: ks.0.replica: <message>`. */
export function shardError(target: Target, code: ErrorCode, message: string): VtError {
  return vtgateError(code, `target: ${targetString(target)}: ${message}`);
}

/** `keyspace:"ks" shard:"0" tablet_type:REPLICA`: a query.Target in prototext, as errors print it. */
export function targetProtoText(target: Target): string {
  return `keyspace:"${target.keyspace}" shard:"${target.shard}" tablet_type:${target.tabletType}`;
}

/** The error when no tablet serves a target (tabletgateway.go withRetry). */
export function noHealthyTablet(target: Target): VtError {
  return shardError(target, 'UNAVAILABLE', `no healthy tablet available for '${targetProtoText(target)}'`);
}

// Operating errors, in Vitess's vocabulary.
// Mirrors go/vt/vterrors (VtError with a vtrpc.Code) and go/mysql/sqlerror (MySQL errno + SQLSTATE):
// every error a user can see carries the gRPC-style code that Vitess's RPC layer prints
// ("rpc error: code = NotFound desc = ...") and the MySQL number and state the mysql client prints.

/** The vtrpc codes (go/vt/proto/vtrpc Code), by their proto names. */
export type ErrorCode =
  | 'OK'
  | 'CANCELED'
  | 'UNKNOWN'
  | 'INVALID_ARGUMENT'
  | 'DEADLINE_EXCEEDED'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'PERMISSION_DENIED'
  | 'RESOURCE_EXHAUSTED'
  | 'FAILED_PRECONDITION'
  | 'ABORTED'
  | 'OUT_OF_RANGE'
  | 'UNIMPLEMENTED'
  | 'INTERNAL'
  | 'UNAVAILABLE'
  | 'DATA_LOSS'
  | 'UNAUTHENTICATED';

/** gRPC's CamelCase spelling of a code, as printed in "rpc error: code = NotFound". */
export function grpcCodeName(code: ErrorCode): string {
  return code
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** The MySQL error number and SQLSTATE a vtgate client sees for each code when no MySQL error is attached. */
const defaultMysql: Record<ErrorCode, [number, string]> = {
  OK: [0, '00000'],
  CANCELED: [1317, '70100'],
  UNKNOWN: [1105, 'HY000'],
  INVALID_ARGUMENT: [1105, 'HY000'],
  DEADLINE_EXCEEDED: [3024, 'HY000'],
  NOT_FOUND: [1105, 'HY000'],
  ALREADY_EXISTS: [1105, 'HY000'],
  PERMISSION_DENIED: [1045, '28000'],
  RESOURCE_EXHAUSTED: [1203, '42000'],
  FAILED_PRECONDITION: [1105, 'HY000'],
  ABORTED: [1213, '40001'],
  OUT_OF_RANGE: [1105, 'HY000'],
  UNIMPLEMENTED: [1235, '42000'],
  INTERNAL: [1105, 'HY000'],
  UNAVAILABLE: [1105, 'HY000'],
  DATA_LOSS: [1105, 'HY000'],
  UNAUTHENTICATED: [1045, '28000'],
};

export interface VtErrorOptions {
  /** MySQL error number (e.g. 1146); defaults from the code. */
  errno?: number;
  /** MySQL SQLSTATE (e.g. '42S02'); defaults from the code. */
  sqlState?: string;
}

/** An error a user may see: a vtrpc code, a message, and the MySQL number/state it maps to. */
export class VtError extends Error {
  readonly code: ErrorCode;
  readonly errno: number;
  readonly sqlState: string;

  constructor(code: ErrorCode, message: string, options: VtErrorOptions = {}) {
    super(message);
    this.name = 'VtError';
    this.code = code;
    const [errno, sqlState] = defaultMysql[code];
    this.errno = options.errno ?? errno;
    this.sqlState = options.sqlState ?? sqlState;
  }
}

export function vtError(code: ErrorCode, message: string, options?: VtErrorOptions): VtError {
  return new VtError(code, message, options);
}

/** True when a thrown value is one of ours (as opposed to a programmer error). */
export function isVtError(e: unknown): e is VtError {
  return e instanceof VtError;
}

/**
 * A programmer error: an invariant of the simulator itself does not hold. Never caught in the core;
 * the edge reports it with the seed so it can be replayed.
 */
export class AssertionError extends Error {
  constructor(message: string) {
    super(`[BUG] ${message}`);
    this.name = 'AssertionError';
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

export function checkExhaustive(value: never): never {
  throw new AssertionError(`unexpected value ${String(value)}`);
}

/** The message of any thrown value. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

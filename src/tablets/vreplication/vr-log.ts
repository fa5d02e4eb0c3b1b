// The stream history in `_vt.vreplication_log` and the classification of stream errors.
// Mirrors go/vt/vttablet/tabletmanager/vreplication/utils.go: the log types, insertLog (a repeated
// message bumps the previous row's count; a "State Changed" to the state the last entry already has
// is skipped), insertLogWithParams (the row's columns as JSON), and isUnrecoverableError (MySQL errors
// that need an operator, and FAILED_PRECONDITION, put the stream in the Error state).

import type { SqlValue } from '../../common/sql-types.js';
import { VtError } from '../../common/errors.js';
import type { Mysqld } from '../mysqld/mysqld.js';
import { truncateMiddle } from './binlog-player.js';

export const LOG_STREAM_CREATE = 'Stream Created';
export const LOG_STREAM_UPDATE = 'Stream Updated';
export const LOG_STREAM_DELETE = 'Stream Deleted';
export const LOG_MESSAGE = 'Message';
export const LOG_COPY_START = 'Started Copy Phase';
export const LOG_COPY_RESTART = 'Restarted Copy Phase';
export const LOG_COPY_END = 'Ended Copy Phase';
export const LOG_STATE_CHANGE = 'State Changed';
export const LOG_ERROR = 'Error';

/** The message column is TEXT (65535 bytes); longer messages are cut in the middle. */
const MAX_LOG_MESSAGE_LEN = 65535;

/** insertLog: appends to the stream's history (or bumps the count of an identical last message). */
export function insertLog(mysqld: Mysqld, type: string, vreplId: number, state: string, message: string, nowSeconds: number): void {
  const last = mysqld.query('SELECT id, type, state, message FROM _vt.vreplication_log WHERE vrepl_id = ? ORDER BY id DESC LIMIT 1', [vreplId])[0];
  if (type === LOG_STATE_CHANGE && last && String(last.state) === state) return;
  if (last && String(last.message ?? '') === message) {
    mysqld.run('UPDATE _vt.vreplication_log SET count = count + 1, updated_at = ? WHERE id = ?', [nowSeconds, last.id ?? 0]);
    return;
  }
  const text = message.length > MAX_LOG_MESSAGE_LEN ? truncateMiddle(message, MAX_LOG_MESSAGE_LEN) : message;
  mysqld.run('INSERT INTO _vt.vreplication_log (vrepl_id, type, state, created_at, updated_at, message) VALUES (?, ?, ?, ?, ?, ?)', [
    vreplId,
    type,
    state,
    nowSeconds,
    nowSeconds,
    text,
  ]);
}

/** insertLogWithParams: the message is the stream row as a JSON object of strings (Go's json.Marshal of a map). */
export function insertLogWithParams(
  mysqld: Mysqld,
  type: string,
  vreplId: number,
  params: Record<string, SqlValue> | undefined,
  nowSeconds: number,
): void {
  const message = params ? goJsonOfStringMap(params) : '';
  insertLog(mysqld, type, vreplId, params ? paramString(params.state) : '', message, nowSeconds);
}

function paramString(v: SqlValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return String(v);
}

/** json.Marshal(map[string]string): keys sorted, HTML characters escaped as Go does. */
function goJsonOfStringMap(params: Record<string, SqlValue>): string {
  const sorted: Record<string, string> = {};
  for (const k of Object.keys(params).sort()) sorted[k] = paramString(params[k]);
  return JSON.stringify(sorted)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** MySQL errors after which retrying cannot help (utils.go isUnrecoverableError). */
const UNRECOVERABLE_ERRNOS = new Set([
  1044, // ERDBAccessDenied
  1045, // ERAccessDeniedError
  1048, // ERBadNullError
  1054, // ERBadFieldError
  1051, // ERUnknownTable
  1052, // ERNonUniq
  1060, // ERDupFieldName
  1061, // ERDupKeyName
  1062, // ERDupEntry
  1064, // ERParseError
  1091, // ERCantDropFieldOrKey
  1118, // ERTooBigRowSize
  1128, // ERFunctionNotDefined
  1136, // ERWrongValueCountOnRow
  1146, // ERNoSuchTable
  1149, // ERSyntaxError
  1169, // ERDupUnique
  1171, // ERPrimaryCantHaveNull
  1210, // ERWrongArguments / ERWrongUsage family
  1221, // ERWrongUsage
  1235, // ERNotSupportedYet
  1264, // ERDataOutOfRange / ERWarnDataOutOfRange
  1265, // ERWarnDataTruncated
  1292, // ERTruncatedWrongValue
  1305, // ERSPDoesNotExist
  1364, // ERNoDefaultForField
  1366, // ERTruncatedWrongValueForField
  1406, // ERDataTooLong
  1525, // ERWrongValue
  3140, // ERInvalidJSONText
]);

/** True when a stream error needs an operator: the stream goes to the Error state instead of retrying. */
export function isUnrecoverableError(e: unknown): boolean {
  if (!(e instanceof VtError)) return false;
  if (e.code === 'FAILED_PRECONDITION') return true;
  if (e.errno === 1105) return false; // ERUnknownError
  return UNRECOVERABLE_ERRNOS.has(e.errno);
}

/** Wraps an error's message (vterrors.Wrapf), keeping its code and MySQL number for classification. */
export function wrapError(e: unknown, prefix: string): VtError {
  if (e instanceof VtError) return new VtError(e.code, `${prefix}: ${e.message}`, { errno: e.errno, sqlState: e.sqlState });
  return new VtError('UNKNOWN', `${prefix}: ${e instanceof Error ? e.message : String(e)}`);
}

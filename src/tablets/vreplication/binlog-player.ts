// The stream's bookkeeping in `_vt.vreplication`: reading a stream's settings and the statements that
// record its progress (position, heartbeat, state, message).
// Mirrors go/vt/binlog/binlogplayer/binlog_player.go (ReadVRSettings, GenerateUpdatePos,
// GenerateUpdateHeartbeat, MessageTruncate) and vreplicator.go setState/setMessage. Writes go through
// SQLite directly (the statements are ours, not user input) inside the caller's transaction.

import type { SqlValue } from '../../common/sql-types.js';
import { vtError } from '../../common/errors.js';
import { GtidSet } from '../binlog/gtid.js';
import type { Mysqld } from '../mysqld/mysqld.js';
import type { BinlogSource } from './binlog-source.js';
import { parseBinlogSource } from './binlog-source.js';

export type StreamState = 'Init' | 'Stopped' | 'Copying' | 'Running' | 'Error' | 'Lagging';

/** One stream's row, decoded (binlogplayer.VRSettings plus the columns the engine needs). */
export interface VRSettings {
  id: number;
  workflow: string;
  source: BinlogSource;
  sourceText: string;
  /** The start position; empty when the stream has not copied or started yet. */
  startPos: GtidSet;
  posText: string;
  /** Where to stop; undefined when there is no stop position. */
  stopPos: GtidSet | undefined;
  stopPosText: string;
  state: string;
  message: string;
  cell: string;
  tabletTypes: string;
  dbName: string;
  workflowType: number;
  workflowSubType: number;
  deferSecondaryKeys: boolean;
  rowsCopied: number;
  timeUpdated: number;
  transactionTimestamp: number;
}

function str(v: SqlValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return String(v);
}

function num(v: SqlValue | undefined): number {
  const s = str(v);
  return s === '' ? 0 : Number(s);
}

/** DecodePosition: `MySQL56/uuid:1-5` (or a bare GTID set, or '') to a GTID set. */
export function decodePosition(text: string): GtidSet {
  try {
    return GtidSet.parse(text);
  } catch {
    throw vtError('INVALID_ARGUMENT', `parse error: unknown GTIDSet flavor or malformed position: ${text}`);
  }
}

/** EncodePosition: '' for the empty position, else `MySQL56/<set>`. */
export function encodePosition(pos: GtidSet): string {
  return pos.isEmpty() ? '' : pos.toPosition();
}

/** The row of a stream, or undefined. */
export function readStreamRow(mysqld: Mysqld, id: number): Record<string, SqlValue> | undefined {
  // The throttler limits may hold MaxInt64, which a JS number cannot: read them as text.
  const row = mysqld.query(
    'SELECT *, CAST(max_tps AS TEXT) AS vt_max_tps, CAST(max_replication_lag AS TEXT) AS vt_max_replication_lag FROM _vt.vreplication WHERE id = ?',
    [id],
  )[0];
  if (!row) return undefined;
  const { vt_max_tps: maxTps, vt_max_replication_lag: maxLag, ...rest } = row;
  return { ...rest, max_tps: maxTps ?? null, max_replication_lag: maxLag ?? null };
}

export function settingsFromRow(row: Record<string, SqlValue>): VRSettings {
  const sourceText = str(row.source);
  const posText = str(row.pos);
  const stopPosText = str(row.stop_pos);
  return {
    id: num(row.id),
    workflow: str(row.workflow),
    source: parseBinlogSource(sourceText),
    sourceText,
    startPos: decodePosition(posText),
    posText,
    stopPos: stopPosText === '' ? undefined : decodePosition(stopPosText),
    stopPosText,
    state: str(row.state),
    message: str(row.message),
    cell: str(row.cell),
    tabletTypes: str(row.tablet_types),
    dbName: str(row.db_name),
    workflowType: num(row.workflow_type),
    workflowSubType: num(row.workflow_sub_type),
    deferSecondaryKeys: num(row.defer_secondary_keys) !== 0,
    rowsCopied: num(row.rows_copied),
    timeUpdated: num(row.time_updated),
    transactionTimestamp: num(row.transaction_timestamp),
  };
}

/** ReadVRSettings. */
export function readVRSettings(mysqld: Mysqld, id: number): VRSettings {
  const row = readStreamRow(mysqld, id);
  if (!row) throw vtError('UNKNOWN', `error reading VReplication settings: no id ${id} in vreplication table`);
  return settingsFromRow(row);
}

/** How many tables of a stream still have copy_state rows. */
export function numTablesToCopy(mysqld: Mysqld, id: number): number {
  return Number(mysqld.query('SELECT count(DISTINCT table_name) AS n FROM _vt.copy_state WHERE vrepl_id = ?', [id])[0]?.n ?? 0);
}

/** GenerateUpdatePos: the position, time_updated and (when known) the source commit time; clears message. */
export function updatePos(mysqld: Mysqld, id: number, pos: GtidSet, nowSeconds: number, txTimestampSeconds: number): void {
  if (txTimestampSeconds !== 0) {
    mysqld.run("UPDATE _vt.vreplication SET pos = ?, time_updated = ?, transaction_timestamp = ?, message = '' WHERE id = ?", [
      encodePosition(pos),
      nowSeconds,
      txTimestampSeconds,
      id,
    ]);
  } else {
    mysqld.run("UPDATE _vt.vreplication SET pos = ?, time_updated = ?, message = '' WHERE id = ?", [encodePosition(pos), nowSeconds, id]);
  }
}

/** GenerateUpdateHeartbeat. */
export function updateHeartbeat(mysqld: Mysqld, id: number, nowSeconds: number): void {
  mysqld.run('UPDATE _vt.vreplication SET time_updated = ?, time_heartbeat = ? WHERE id = ?', [nowSeconds, nowSeconds, id]);
}

export function writeMessage(mysqld: Mysqld, id: number, message: string): void {
  mysqld.run('UPDATE _vt.vreplication SET message = ? WHERE id = ?', [messageTruncate(message), id]);
}

export function writeState(mysqld: Mysqld, id: number, state: StreamState, message: string): void {
  mysqld.run('UPDATE _vt.vreplication SET state = ?, message = ? WHERE id = ?', [state, messageTruncate(message), id]);
}

/** binlogplayer's TruncationIndicator: ` ... [TRUNCATED] ... ` in the middle of a long text. */
export const TRUNCATION_INDICATOR = ' ... [TRUNCATED] ... ';

/** textutil.TruncateText with the truncation in the middle (the end of a message says why). */
export function truncateMiddle(text: string, limit: number, indicator = TRUNCATION_INDICATOR): string {
  if (text.length <= limit) return text;
  const prefix = Math.floor(limit / 2) - indicator.length;
  const suffix = text.length - (prefix + indicator.length) + 1;
  return text.slice(0, prefix) + indicator + text.slice(suffix);
}

/** MessageTruncate: the message column holds 1000 bytes; Vitess keeps 950. */
export function messageTruncate(message: string): string {
  return truncateMiddle(message, 950);
}

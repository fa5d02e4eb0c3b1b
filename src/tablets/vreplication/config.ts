// Tunables of the VReplication engine, with Vitess's defaults where Vitess has a flag, and the
// simulator's own pacing (how much work one scheduler step does, how much virtual time it takes).
// Mirrors go/vt/vttablet/flags.go / tabletenv VReplicationConfig (retry delay, packet size,
// heartbeat update interval, tablet picker retry delay).

import type { SimTimeMs } from '../../engine/clock.js';

export interface VReplicationConfig {
  /** --vreplication-retry-delay: wait before a failed stream starts again. */
  retryDelayMs: SimTimeMs;
  /** --vreplication-max-time-to-retry-on-error: 0 retries forever. */
  maxTimeToRetryErrorMs: SimTimeMs;
  /** The tablet picker retries this often when no source tablet is healthy... */
  tabletPickerRetryDelayMs: SimTimeMs;
  /** ...this many times before reporting `Error picking tablet`. */
  tabletPickerRetries: number;
  /** --vstream_packet_size: bytes of rows per copy packet (one packet = one committed batch). */
  copyPacketBytes: number;
  /** Rows read at most per copy packet (bounds one step). */
  copyMaxRows: number;
  /** Virtual time one copy batch takes. */
  copyBatchDelayMs: SimTimeMs;
  /** Source transactions applied at most per player step (bounded units of work). */
  playerMaxTxPerStep: number;
  /** Catch-up transactions applied at most per copy step before the batch. */
  catchupMaxTxPerStep: number;
  /** Delay between a source commit and the target applying it (the vstream hop). */
  applyDelayMs: SimTimeMs;
  /** --vreplication-heartbeat-update-interval: idle streams record a heartbeat this often. */
  heartbeatIntervalMs: SimTimeMs;
  /** An idle player saves the position of skipped (empty) transactions after this long. */
  idleTimeoutMs: SimTimeMs;
}

export const DEFAULT_VREPLICATION_CONFIG: Readonly<VReplicationConfig> = Object.freeze({
  retryDelayMs: 5_000,
  maxTimeToRetryErrorMs: 0,
  tabletPickerRetryDelayMs: 30_000,
  tabletPickerRetries: 5,
  copyPacketBytes: 250_000,
  copyMaxRows: 10_000,
  copyBatchDelayMs: 20,
  playerMaxTxPerStep: 500,
  catchupMaxTxPerStep: 5_000,
  applyDelayMs: 1,
  heartbeatIntervalMs: 1_000,
  idleTimeoutMs: 1_100,
});

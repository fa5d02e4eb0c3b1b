// The virtual clock: the only source of time in the core.
// Mirrors TigerBeetle's src/testing/time.zig idea: time is an injected integer that the simulator
// advances; nothing in the core reads the wall clock. Real Vitess reads time.Now() everywhere.

/** Milliseconds since the Unix epoch, on the simulated timeline. */
export type SimTimeMs = number;

/**
 * The fixed instant every simulation starts at, so printed times are stable across runs:
 * 2024-01-15T09:00:00Z (the date the local example's docs were refreshed is not important;
 * any fixed instant would do).
 */
export const VIRTUAL_EPOCH_MS: SimTimeMs = Date.UTC(2024, 0, 15, 9, 0, 0);

export interface Clock {
  nowMs(): SimTimeMs;
}

/** A clock that moves only when the scheduler moves it. */
export class VirtualClock implements Clock {
  private timeMs: SimTimeMs;

  constructor(startMs: SimTimeMs = VIRTUAL_EPOCH_MS) {
    this.timeMs = startMs;
  }

  nowMs(): SimTimeMs {
    return this.timeMs;
  }

  /** Unix seconds, the unit of Vitess's time_updated / transaction_timestamp columns. */
  nowSeconds(): number {
    return Math.floor(this.timeMs / 1000);
  }

  /** Moves time forward; time never goes back. */
  advanceTo(timeMs: SimTimeMs): void {
    if (timeMs < this.timeMs) throw new Error(`[BUG] clock moving backwards: ${timeMs} < ${this.timeMs}`);
    this.timeMs = timeMs;
  }
}

/** "2024-01-15T09:00:00Z": RFC 3339 in UTC without fractions, as Vitess prints PrimaryTermStartTime. */
export function formatRfc3339(ms: SimTimeMs): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** "2024-01-15 09:00:00": the layout VDiff uses for StartedAt/CompletedAt. */
export function formatSqlDateTime(ms: SimTimeMs): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '');
}

/** "15 Jan 24 09:00 UTC": Go's time.RFC822, used by dry-run summaries. */
export function formatRfc822(ms: SimTimeMs): string {
  const d = new Date(ms);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const yy = String(d.getUTCFullYear() % 100).padStart(2, '0');
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mi = String(d.getUTCMinutes()).padStart(2, '0');
  return `${dd} ${months[d.getUTCMonth()]} ${yy} ${hh}:${mi} UTC`;
}

/** "Mon Jan 15 09:00:00 2024": Go's time.ANSIC. */
export function formatAnsic(ms: SimTimeMs): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const t = d.toISOString().slice(11, 19);
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${day} ${t} ${d.getUTCFullYear()}`;
}

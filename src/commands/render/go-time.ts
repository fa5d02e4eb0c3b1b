// The Go time layouts vtctldclient prints, rendered in UTC from a virtual-clock instant (ms).
// Mirrors Go's time.Format for the layouts Vitess uses: time.RFC3339 (tablet primary term start),
// time.RFC822 (dry-run summaries), time.ANSIC (stream "Tx time") and VDiff's "2006-01-02 15:04:05".

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function two(n: number): string {
  return String(n).padStart(2, '0');
}

function parts(ms: number) {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth(),
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hh: two(d.getUTCHours()),
    mm: two(d.getUTCMinutes()),
    ss: two(d.getUTCSeconds()),
  };
}

/** time.RFC3339 in UTC: `2023-01-04T17:59:37Z` (whole seconds, as Go's layout has no fraction). */
export function formatRfc3339(ms: number): string {
  const p = parts(ms);
  return `${p.year}-${two(p.month + 1)}-${two(p.day)}T${p.hh}:${p.mm}:${p.ss}Z`;
}

/** time.RFC822 in UTC: `11 Oct 23 21:23 UTC`. */
export function formatRfc822(ms: number): string {
  const p = parts(ms);
  return `${two(p.day)} ${MONTHS[p.month]} ${two(p.year % 100)} ${p.hh}:${p.mm} UTC`;
}

/** time.ANSIC in UTC: `Wed Oct 11 16:49:02 2023` (the day of month is space-padded). */
export function formatAnsic(ms: number): string {
  const p = parts(ms);
  return `${DAYS[p.weekday]} ${MONTHS[p.month]} ${String(p.day).padStart(2, ' ')} ${p.hh}:${p.mm}:${p.ss} ${p.year}`;
}

/** VDiff's TimestampFormat "2006-01-02 15:04:05", in UTC. */
export function formatVdiffTimestamp(ms: number): string {
  const p = parts(ms);
  return `${p.year}-${two(p.month + 1)}-${two(p.day)} ${p.hh}:${p.mm}:${p.ss}`;
}

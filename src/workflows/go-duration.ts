// Go's time.Duration.String() for the durations the workflow server prints (the dry-run line
// "Wait for vreplication on stopped streams to catchup for up to 30s").
// Mirrors src/time/time.go Duration.String, at millisecond precision (vtsim's durations are whole
// milliseconds). src/workflows may not import the command layer's parser, hence this small copy.

/** `30s`, `1m0s`, `1h0m0s`, `1.5s`, `500ms`, `0s`. */
export function goDurationString(ms: number): string {
  const negative = ms < 0;
  let v = Math.abs(Math.round(ms));
  if (v === 0) return '0s';
  const sign = negative ? '-' : '';
  if (v < 1000) return `${sign}${v}ms`;
  const hours = Math.floor(v / 3_600_000);
  v -= hours * 3_600_000;
  const minutes = Math.floor(v / 60_000);
  v -= minutes * 60_000;
  const secs = Math.floor(v / 1000);
  const frac = v - secs * 1000;
  let s = String(secs);
  if (frac > 0) s += '.' + String(frac).padStart(3, '0').replace(/0+$/, '');
  s += 's';
  if (hours > 0) return `${sign}${hours}h${minutes}m${s}`;
  if (minutes > 0) return `${sign}${minutes}m${s}`;
  return sign + s;
}

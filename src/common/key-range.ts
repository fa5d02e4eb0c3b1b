// Key ranges and shard names.
// Mirrors go/vt/key/key.go: a shard named "-80" covers keyspace ids [0x, 0x80), "80-" covers [0x80, end),
// and "0" (or "-") covers everything.

export interface KeyRange {
  /** Lower bound, inclusive, as lower-case hex ("" = no lower bound). */
  start: string;
  /** Upper bound, exclusive, as lower-case hex ("" = no upper bound). */
  end: string;
}

/** Parses a shard name into its key range; "0" and "-" are the full range. Undefined if not a range. */
export function parseShardName(name: string): KeyRange | undefined {
  if (name === '0' || name === '-') return { start: '', end: '' };
  const m = /^([0-9a-fA-F]*)-([0-9a-fA-F]*)$/.exec(name);
  if (!m) return undefined;
  return { start: (m[1] ?? '').toLowerCase(), end: (m[2] ?? '').toLowerCase() };
}

export function isFullRange(kr: KeyRange): boolean {
  return kr.start === '' && kr.end === '';
}

/** Compares hex key strings as byte strings padded with zeros on the right (Vitess semantics). */
function compareHex(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  const pa = a.padEnd(n, '0');
  const pb = b.padEnd(n, '0');
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

/** True when the keyspace id (hex) falls in the range. */
export function keyRangeContains(kr: KeyRange, keyspaceIdHex: string): boolean {
  if (kr.start !== '' && compareHex(keyspaceIdHex, kr.start) < 0) return false;
  if (kr.end !== '' && compareHex(keyspaceIdHex, kr.end) >= 0) return false;
  return true;
}

/** "-80", "80-", "-" for the full range. */
export function keyRangeString(kr: KeyRange): string {
  return `${kr.start}-${kr.end}`;
}

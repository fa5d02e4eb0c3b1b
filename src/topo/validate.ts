// Name checks for keyspaces, shards and cells, with Vitess's error texts.
// Mirrors go/vt/topo/validator.go (validateObjectName) and go/vt/topo/shard.go ValidateShardName, which also
// turns a shard name such as "-80" into its key range (encoding/hex errors included).

import type { KeyRange } from '../common/key-range.js';
import { vtError } from '../common/errors.js';

/** Keyspace, shard and cell names: 1-64 characters of [a-zA-Z0-9_-]. */
export function validateObjectName(name: string): void {
  if (name === '') throw vtError('INVALID_ARGUMENT', 'empty name');
  if (name.length > 64) throw vtError('INVALID_ARGUMENT', `name ${name} is too long`);
  for (const c of name) {
    if (!/^[a-zA-Z0-9_-]$/.test(c)) throw vtError('INVALID_ARGUMENT', `invalid character ${c} in name ${name}`);
  }
}

/** Go's %#U: "U+0067 'g'". */
function goUnicode(c: string): string {
  const code = c.codePointAt(0)!;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} '${c}'`;
}

/** Checks a hex key the way encoding/hex.DecodeString does, with its error texts. */
function checkHex(s: string): void {
  const bad = (c: string): boolean => !/^[0-9a-fA-F]$/.test(c);
  let j = 1;
  for (; j < s.length; j += 2) {
    for (const c of [s[j - 1]!, s[j]!]) {
      if (bad(c)) throw vtError('UNKNOWN', `encoding/hex: invalid byte: ${goUnicode(c)}`);
    }
  }
  if (s.length % 2 === 1) {
    const last = s[j - 1]!;
    if (bad(last)) throw vtError('UNKNOWN', `encoding/hex: invalid byte: ${goUnicode(last)}`);
    throw vtError('UNKNOWN', 'encoding/hex: odd length hex string');
  }
}

/**
 * Validates a shard name and returns its key range: null for a name without '-' (such as "0"), else the
 * range (lower-case hex; "-" is the full range { start: '', end: '' }, as in Vitess).
 */
export function validateShardName(shard: string): { name: string; keyRange: KeyRange | null } {
  validateObjectName(shard);
  if (!shard.includes('-')) return { name: shard, keyRange: null };
  const parts = shard.split('-');
  if (parts.length !== 2) {
    throw vtError('INVALID_ARGUMENT', `invalid shardId, can only contain one '-': ${shard}`);
  }
  const [start, end] = parts as [string, string];
  checkHex(start);
  checkHex(end);
  const kr = { start: start.toLowerCase(), end: end.toLowerCase() };
  if (kr.end !== '' && kr.start >= kr.end) {
    throw vtError('INVALID_ARGUMENT', `out of order keys: ${kr.start} is not strictly smaller than ${kr.end}`);
  }
  return { name: shard.toLowerCase(), keyRange: kr };
}

/** Mirrors key.KeyRangeIntersect: a missing range (an unsharded shard) covers everything. */
export function keyRangesIntersect(a: KeyRange | null, b: KeyRange | null): boolean {
  if (a === null || b === null) return true;
  return (a.end === '' || b.start < a.end) && (b.end === '' || a.start < b.end);
}

// xxHash64 (seed 0) of a byte string, the hash behind Vitess's `xxhash` vindex.
// Mirrors github.com/cespare/xxhash/v2 Sum64 (the XXH64 algorithm). BigInt keeps the 64-bit
// arithmetic exact; the vindex hashes short values, so speed is not a concern.

const MASK = (1n << 64n) - 1n;
const P1 = 0x9e3779b185ebca87n;
const P2 = 0xc2b2ae3d27d4eb4fn;
const P3 = 0x165667b19e3779f9n;
const P4 = 0x85ebca77c2b2ae63n;
const P5 = 0x27d4eb2f165667c5n;

function rotl(x: bigint, r: bigint): bigint {
  return ((x << r) | (x >> (64n - r))) & MASK;
}

function round(acc: bigint, input: bigint): bigint {
  return (rotl((acc + input * P2) & MASK, 31n) * P1) & MASK;
}

function mergeRound(acc: bigint, val: bigint): bigint {
  return (((acc ^ round(0n, val)) * P1) + P4) & MASK;
}

function read64(b: Uint8Array, p: number): bigint {
  let v = 0n;
  for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(b[p + i] as number);
  return v;
}

function read32(b: Uint8Array, p: number): bigint {
  return BigInt(((b[p] as number) | ((b[p + 1] as number) << 8) | ((b[p + 2] as number) << 16) | ((b[p + 3] as number) << 24)) >>> 0);
}

/** XXH64(input, seed 0) as an unsigned 64-bit BigInt. */
export function xxhash64(input: Uint8Array): bigint {
  const len = input.length;
  let p = 0;
  let h: bigint;
  if (len >= 32) {
    let v1 = (P1 + P2) & MASK;
    let v2 = P2;
    let v3 = 0n;
    let v4 = (-P1) & MASK;
    while (p <= len - 32) {
      v1 = round(v1, read64(input, p));
      v2 = round(v2, read64(input, p + 8));
      v3 = round(v3, read64(input, p + 16));
      v4 = round(v4, read64(input, p + 24));
      p += 32;
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & MASK;
    h = mergeRound(h, v1);
    h = mergeRound(h, v2);
    h = mergeRound(h, v3);
    h = mergeRound(h, v4);
  } else {
    h = P5;
  }
  h = (h + BigInt(len)) & MASK;
  while (p + 8 <= len) {
    h ^= round(0n, read64(input, p));
    h = ((rotl(h, 27n) * P1) + P4) & MASK;
    p += 8;
  }
  if (p + 4 <= len) {
    h ^= (read32(input, p) * P1) & MASK;
    h = ((rotl(h, 23n) * P2) + P3) & MASK;
    p += 4;
  }
  while (p < len) {
    h ^= (BigInt(input[p] as number) * P5) & MASK;
    h = (rotl(h, 11n) * P1) & MASK;
    p++;
  }
  h ^= h >> 33n;
  h = (h * P2) & MASK;
  h ^= h >> 29n;
  h = (h * P3) & MASK;
  h ^= h >> 32n;
  return h;
}

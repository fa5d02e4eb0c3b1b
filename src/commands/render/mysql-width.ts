// Text measures as the mysql client takes them when it draws a box: a column's width is counted
// in bytes (libmysql's field->max_length is the longest value's byte length), while the padding of
// each cell is counted in screen cells (the charset's numcells).
// Mirrors strings/ctype-mb.cc my_numcells_mb and its utr11 (East Asian Width) table, utf8mb4 client.

/** Byte length of a string in UTF-8 (lone surrogates count as U+FFFD, as an encoder writes them). */
export function utf8ByteLength(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) n += 1;
    else if (cp < 0x800) n += 2;
    else if (cp < 0x10000) n += 3;
    else n += 4;
  }
  return n;
}

/**
 * Screen cells the client believes a string takes. East Asian wide and fullwidth characters of the
 * BMP take two; every other BMP character takes one, control and combining characters included.
 * Characters beyond the BMP (emoji, CJK extension B...) count as zero: MySQL's loop skips them
 * byte by byte without counting, so real boxes holding emoji come out too wide.
 */
export function mysqlNumCells(s: string): number {
  let cells = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0xffff) continue;
    cells += isWide(cp) ? 2 : 1;
  }
  return cells;
}

/** Inclusive code point ranges that MySQL's utr11 table marks as two cells wide. */
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x1159],
  [0x115f, 0x115f],
  [0x2329, 0x232a],
  [0x2e80, 0x2e99],
  [0x2e9b, 0x2ef3],
  [0x2f00, 0x2fd5],
  [0x2ff0, 0x2ffb],
  [0x3000, 0x303e],
  [0x3041, 0x3096],
  [0x3099, 0x30ff],
  [0x3105, 0x312c],
  [0x3131, 0x318e],
  [0x3190, 0x31b7],
  [0x31f0, 0x321e],
  [0x3220, 0x3243],
  [0x3250, 0x327d],
  [0x327f, 0x32fe],
  [0x3300, 0x4db5],
  [0x4e00, 0x9fa5],
  [0xa000, 0xa48c],
  [0xa490, 0xa4c6],
  [0xac00, 0xd7a3],
  [0xf900, 0xfa2d],
  [0xfa30, 0xfa6a],
  [0xfe30, 0xfe52],
  [0xfe54, 0xfe66],
  [0xfe68, 0xfe6b],
  [0xff01, 0xff60],
  [0xffe0, 0xffe6],
];

function isWide(cp: number): boolean {
  if (cp < 0x1100) return false;
  let lo = 0;
  let hi = WIDE_RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = WIDE_RANGES[mid]!;
    if (cp < from) hi = mid - 1;
    else if (cp > to) lo = mid + 1;
    else return true;
  }
  return false;
}

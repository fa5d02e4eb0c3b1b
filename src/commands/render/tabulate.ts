// gotabulate's "grid" table, as `vtctldclient VDiff show all` prints its list of vdiffs.
// Mirrors github.com/bndr/gotabulate v1.1.2 (the version Vitess pins), Render("grid") with the
// default settings: every cell right-aligned with one space of padding on each side, columns 5
// wider than their longest entry, '=' under the header, a '-' line between rows. Widths are byte
// lengths (v1.1.2 predates its multi-byte support).
//
// Note for callers: vtctldclient's buildListings reuses one slice for all rows, so real output
// repeats the first vdiff on every row; reproducing that is the caller's choice, not this module's.

import { utf8ByteLength as byteLength } from './mysql-width.js';

const MIN_PADDING = 5;
const PADDING = 1;

export interface GridOptions {
  /** SetEmptyString: what a row too short for the header shows in its missing cells. */
  emptyString?: string;
}

/** Renders a grid table; every line ends with '\n'. With no rows it returns '' (v1.1.2 panics). */
export function renderGrid(headers: string[], rows: string[][], options: GridOptions = {}): string {
  if (rows.length === 0) return '';
  // gotabulate stores the empty string with a trailing space and does not pad it further.
  const emptyVar = options.emptyString === undefined ? '' : options.emptyString + ' ';
  const firstLength = rows[0]!.length;
  // Missing header names are added on the left, as gotabulate pads them.
  const head =
    headers.length < firstLength ? [...Array<string>(firstLength - headers.length).fill(''), ...headers] : headers;

  const widths = columnWidths(head, rows);
  const padded = widths.map((w) => w + MIN_PADDING * PADDING);

  const line = (hline: string): string => '+' + widths.map((w) => hline.repeat(w + MIN_PADDING)).join('+') + '+\n';
  const row = (elements: string[]): string => {
    const cells = padded.map((width, i) => {
      const text = i < elements.length ? ' '.repeat(PADDING) + elements[i] + ' '.repeat(PADDING) : emptyVar;
      return ' '.repeat(Math.max(0, width - byteLength(text))) + text;
    });
    return '|' + cells.join('|') + '|\n';
  };

  let out = line('-') + row(head) + line('=');
  rows.forEach((r, index) => {
    out += row(r);
    if (index < rows.length - 1) out += line('-');
  });
  return out + line('-');
}

/**
 * gotabulate's getWidths: the longest of the header and the entries of each column. A column that
 * no row reaches keeps width 0, whatever its header (a quirk of the original loop).
 */
function columnWidths(headers: string[], rows: string[][]): number[] {
  return headers.map((h, i) => {
    let width = 0;
    let currentMax = byteLength(h);
    for (const r of rows) {
      if (r.length <= i) continue;
      const len = byteLength(r[i]!);
      if (len > currentMax) currentMax = len;
      width = currentMax;
    }
    return width;
  });
}

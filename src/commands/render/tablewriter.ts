// olekukonko/tablewriter's default table, as vtctldclient's ExecuteFetchAsDBA / ExecuteFetchAsApp print a
// query result (go/cmd/vtctldclient/cli/query.go WriteQueryResultTable, tablewriter v0.0.5 with
// SetAutoFormatHeaders(false) and every other setting at its default):
//
//   +----+-------+
//   | id | name  |      headers centred (extra space on the right)
//   +----+-------+
//   |  1 | alice |      cells that look like decimal numbers right-aligned, the rest left-aligned
//   +----+-------+
//
// Auto-wrap is on with a 30-column limit: a longer cell is re-flowed at spaces into several lines with
// minimal raggedness (a single word longer than the limit stays whole), and the row grows to the height
// of its tallest cell. Widths are terminal cells (wide characters count two).

import { mysqlNumCells as displayWidth } from './mysql-width.js';

const MAX_ROW_WIDTH = 30;
const DECIMAL = /^-?(?:\d{1,3}(?:,\d{3})*|\d+)(?:\.\d+)?$/;

/** Renders headers and rows; '' when there are no rows (WriteQueryResultTable prints nothing then). */
export function renderTableWriter(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return '';
  const widths: number[] = [];
  const fit = (text: string, col: number): string[] => {
    const { lines, width } = wrapCell(text);
    widths[col] = Math.max(widths[col] ?? 0, width);
    return lines;
  };
  const head = headers.map((h, i) => fit(h, i));
  const body = rows.map((r) => r.map((c, i) => fit(c, i)));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+\n`;

  let out = rule;
  const headHeight = Math.max(1, ...head.map((l) => l.length));
  for (let x = 0; x < headHeight; x++) {
    out += '|';
    widths.forEach((w, y) => {
      out += ` ${center(head[y]?.[x] ?? '', w)} |`;
    });
    out += '\n';
  }
  out += rule;
  for (const row of body) {
    const height = Math.max(...row.map((l) => l.length));
    for (let x = 0; x < height; x++) {
      out += '|';
      row.forEach((lines, y) => {
        // Short cells are padded with two-space lines, as tablewriter does.
        const s = lines[x] ?? '  ';
        const w = widths[y] ?? 0;
        out += ` ${DECIMAL.test(s.trim()) ? padLeft(s, w) : padRight(s, w)} |`;
      });
      out += '\n';
    }
  }
  return out + rule;
}

function gap(s: string, width: number): number {
  return Math.max(0, width - displayWidth(s));
}

function center(s: string, width: number): string {
  const g = gap(s, width);
  const left = Math.floor(g / 2);
  return ' '.repeat(left) + s + ' '.repeat(g - left);
}

function padRight(s: string, width: number): string {
  return s + ' '.repeat(gap(s, width));
}

function padLeft(s: string, width: number): string {
  return ' '.repeat(gap(s, width)) + s;
}

/**
 * parseDimension with autoWrap and reflowText: one paragraph of the cell's lines, wrapped at the cell's
 * width capped to 30. The column is at least that capped width even when the wrapped lines are narrower.
 */
function wrapCell(text: string): { lines: string[]; width: number } {
  const raw = text.split('\n');
  const capped = Math.min(Math.max(...raw.map(displayWidth)), MAX_ROW_WIDTH);
  const lines = raw.length === 1 && displayWidth(text) <= MAX_ROW_WIDTH ? raw : wrapString(raw.join(' '), capped);
  return { lines, width: Math.max(capped, ...lines.map(displayWidth)) };
}

/** WrapString / WrapWords: minimal-raggedness line breaking (squared slack, a penalty for overlong lines). */
function wrapString(s: string, limit: number): string[] {
  const words = s.replace(/\n/g, ' ').split(' ');
  // A word wider than the limit raises the limit.
  const lim = Math.max(limit, ...words.map(displayWidth));
  const n = words.length;
  const len = (i: number, j: number): number => {
    let total = 0;
    for (let k = i; k <= j; k++) total += displayWidth(words[k]!) + (k > i ? 1 : 0);
    return total;
  };
  const penalty = 1e5;
  const cost = new Array<number>(n).fill(2 ** 31 - 1);
  const brk = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    if (len(i, n - 1) <= lim) {
      cost[i] = 0;
      brk[i] = n;
      continue;
    }
    for (let j = i + 1; j < n; j++) {
      const l = len(i, j - 1);
      const d = lim - l;
      let c = d * d + cost[j]!;
      if (l > lim) c += penalty;
      if (c < cost[i]!) {
        cost[i] = c;
        brk[i] = j;
      }
    }
  }
  const lines: string[] = [];
  for (let i = 0; i < n; i = brk[i]!) lines.push(words.slice(i, brk[i]).join(' '));
  return lines;
}

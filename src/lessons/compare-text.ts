// Normalisation of text outputs: plain lines are kept (masked, trailing whitespace dropped) and the
// boxed tables the mysql client prints with --table are reduced to their cells, so column widths do not
// matter but every header and cell does. Tablet listings (boxes and GetTablets lines) get the
// election mask (see masks.ts).
// No Vitess counterpart; the box format is the mysql client's (and vtgate's `show vitess_tablets`).

import type { MaskSet } from './masks.js';
import { ELECTION_TABLE, maskText } from './masks.js';

const BORDER = /^\+(?:-+\+)+$/;
const ROW = /^\|.*\|$/;

/** Splits text into lines, drops trailing whitespace on each and blank lines at both ends. */
export function cleanLines(text: string | readonly string[]): string[] {
  const lines = (typeof text === 'string' ? text.replace(/\r\n?/g, '\n').split('\n') : [...text]).map((l) =>
    l.replace(/\s+$/, ''),
  );
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === '') start++;
  while (end > start && lines[end - 1] === '') end--;
  return lines.slice(start, end);
}

interface Box {
  header: string[];
  rows: string[][];
}

function cells(line: string): string[] {
  return line
    .slice(1, -1)
    .split('|')
    .map((c) => c.trim());
}

/**
 * Reads a box starting at `lines[at]` (a border line): border, one header row, border, rows, border.
 * Returns the box and the index after it, or undefined when the lines are not a well-formed box
 * (then they are compared as plain text).
 */
function readBox(lines: readonly string[], at: number): { box: Box; next: number } | undefined {
  const isBorder = (i: number): boolean => BORDER.test(lines[i] ?? '');
  const isRow = (i: number): boolean => ROW.test(lines[i] ?? '');
  if (!isBorder(at) || !isRow(at + 1) || !isBorder(at + 2)) return undefined;
  const header = cells(lines[at + 1] ?? '');
  const rows: string[][] = [];
  let i = at + 3;
  while (isRow(i)) rows.push(cells(lines[i++] ?? ''));
  if (!isBorder(i)) return undefined;
  return { box: { header, rows }, next: i + 1 };
}

function renderBox(box: Box, masks: MaskSet): string[] {
  const { header } = box;
  const rows = box.rows.map((r) => r.map((c) => maskText(c, masks)));
  for (const col of masks.columns) {
    const idx = header.indexOf(col.column);
    if (idx < 0) continue;
    for (const row of rows) {
      const cell = row[idx];
      if (cell === undefined) continue;
      if (col.mode === 'value' || cell !== '') row[idx] = '<masked>';
    }
  }
  const notes = applyElectionMask(header, rows);
  const line = (cs: readonly string[]): string => `| ${cs.join(' | ')} |`;
  return ['+--+', line(header.map((h) => maskText(h, masks))), '+--+', ...rows.map(line), '+--+', ...notes];
}

/**
 * In a tablet listing, masks the alias of tablets that an election could have made PRIMARY and
 * returns one note line per keyspace/shard listing those aliases sorted (compared as a multiset).
 */
function applyElectionMask(header: readonly string[], rows: string[][]): string[] {
  const c = ELECTION_TABLE.columns;
  const ks = header.indexOf(c.keyspace);
  const shard = header.indexOf(c.shard);
  const type = header.indexOf(c.type);
  const alias = header.indexOf(c.alias);
  if (ks < 0 || shard < 0 || type < 0 || alias < 0) return [];
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    if (!ELECTION_TABLE.electableTypes.includes(row[type] ?? '')) continue;
    const key = `${row[ks] ?? ''}/${row[shard] ?? ''}`;
    const list = groups.get(key) ?? [];
    list.push(row[alias] ?? '');
    groups.set(key, list);
    row[alias] = '<elected>';
  }
  return [...groups].map(([key, aliases]) => `(electable tablets of ${key}: ${[...aliases].sort().join(' ')})`);
}

/** One line of `vtctldclient GetTablets` (awk format): alias, keyspace, shard, type, ports, tags, time. */
const AWK_TABLET = /^(\S+-\d{10}) (\S+) (\S+) (primary|replica|rdonly|\S+) (\S+):\d+ (\S+):\d+ (\[.*\]) (\S+)$/;

/**
 * A run of GetTablets lines: the election mask of tablet listings, for the awk format. The alias and
 * ports (derived from the uid) of primary and replica tablets are masked, one note per keyspace/shard
 * lists those aliases, and the lines are compared as a multiset, since which alias holds which line
 * follows the election.
 */
function normalizeAwkTablets(lines: readonly string[], masks: MaskSet): string[] {
  const groups = new Map<string, string[]>();
  const rows = lines.map((line) => {
    const m = AWK_TABLET.exec(line) as RegExpExecArray;
    const [, alias = '', ks = '', shard = '', type = '', host = '', mysqlHost = '', tags = '', time = ''] = m;
    const elected = ELECTION_TABLE.electableTypes.includes(type.toUpperCase());
    if (elected) {
      const key = `${ks}/${shard}`;
      groups.set(key, [...(groups.get(key) ?? []), alias]);
    }
    const shown = elected ? '<elected>' : alias;
    const port = elected ? '<port>' : '';
    const rest = elected ? `${host}:${port} ${mysqlHost}:${port}` : line.split(' ').slice(4, 6).join(' ');
    return maskText(`${shown} ${ks} ${shard} ${type} ${rest} ${tags} ${time}`, masks);
  });
  return [...rows.sort(), ...[...groups].map(([key, aliases]) => `(electable tablets of ${key}: ${aliases.sort().join(' ')})`)];
}

/** The normalised form of a text output (plain lines and boxes), one string per line. */
export function normalizeText(text: string | readonly string[], masks: MaskSet): string[] {
  const lines = cleanLines(text);
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (AWK_TABLET.test(line)) {
      let end = i;
      while (end < lines.length && AWK_TABLET.test(lines[end] ?? '')) end++;
      out.push(...normalizeAwkTablets(lines.slice(i, end), masks));
      i = end;
      continue;
    }
    if (BORDER.test(line)) {
      const read = readBox(lines, i);
      if (read) {
        out.push(...renderBox(read.box, masks));
        i = read.next;
        continue;
      }
    }
    out.push(maskText(line, masks));
    i++;
  }
  return out;
}

/** True when the text contains a mysql-style boxed table. */
export function hasBox(lines: readonly string[]): boolean {
  return lines.some((l) => BORDER.test(l));
}

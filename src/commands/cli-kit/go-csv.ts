// CSV as pflag's StringSlice reads and writes it: each `--tables "customer,corder"` occurrence is read as
// one CSV record (so `"a,b",c` is two values and a stray quote is an error), and defaults are printed
// as `[a,b]` with the same encoding.
// Mirrors Go's src/encoding/csv/reader.go (readRecord, with Go's error texts and 1-based byte columns)
// and writer.go (Write, fieldNeedsQuotes), as used by pflag's string_slice.go readAsCSV / writeAsCSV.

import { GoValueError } from '../../common/go-duration.js';

function byteLength(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

const ERR_BARE_QUOTE = 'bare " in non-quoted-field';
const ERR_QUOTE = 'extraneous or missing " in quoted-field';

function parseError(startLine: number, line: number, column: number, err: string): GoValueError {
  if (startLine !== line) {
    return new GoValueError(`record on line ${startLine}; parse error on line ${line}, column ${column}: ${err}`);
  }
  return new GoValueError(`parse error on line ${line}, column ${column}: ${err}`);
}

/** Reads lines the way csv.Reader.readLine does: each with its `\n`, `\r\n` folded to `\n`. */
class LineReader {
  private pos = 0;
  numLine = 0;
  constructor(private readonly text: string) {}

  /** The next line, or undefined at EOF. */
  next(): string | undefined {
    if (this.pos >= this.text.length) return undefined;
    const nl = this.text.indexOf('\n', this.pos);
    let line = nl < 0 ? this.text.slice(this.pos) : this.text.slice(this.pos, nl + 1);
    this.pos = nl < 0 ? this.text.length : nl + 1;
    if (nl < 0 && line.endsWith('\r')) line = line.slice(0, -1);
    if (line.endsWith('\r\n')) line = line.slice(0, -2) + '\n';
    this.numLine++;
    return line;
  }
}

const lengthNL = (s: string): number => (s.endsWith('\n') ? 1 : 0);

/**
 * Reads the first CSV record of `text` (what pflag's readAsCSV does with a flag value): `""` gives [],
 * blank leading lines are skipped, later records are ignored. Throws GoValueError with Go's message.
 */
export function readCsvRecord(text: string): string[] {
  if (text === '') return [];
  const reader = new LineReader(text);
  let line: string | undefined;
  do {
    line = reader.next();
    if (line === undefined) throw new GoValueError('EOF');
  } while (line.length === lengthNL(line));

  const recLine = reader.numLine;
  const fields: string[] = [];
  let pos = { line: reader.numLine, col: 1 };
  let eof = false;
  for (;;) {
    if (line.length === 0 || line[0] !== '"') {
      // Non-quoted field: up to the next comma or the end of the line.
      const i = line.indexOf(',');
      const field = i >= 0 ? line.slice(0, i) : line.slice(0, line.length - lengthNL(line));
      const j = field.indexOf('"');
      if (j >= 0) throw parseError(recLine, reader.numLine, pos.col + byteLength(field.slice(0, j)), ERR_BARE_QUOTE);
      fields.push(field);
      if (i < 0) return fields;
      pos = { line: pos.line, col: pos.col + byteLength(line.slice(0, i)) + 1 };
      line = line.slice(i + 1);
      continue;
    }
    // Quoted field: `""` is a quote; the field may span lines.
    let buf = '';
    line = line.slice(1);
    pos = { line: pos.line, col: pos.col + 1 };
    for (;;) {
      const i = line.indexOf('"');
      if (i >= 0) {
        buf += line.slice(0, i);
        pos = { line: pos.line, col: pos.col + byteLength(line.slice(0, i)) + 1 };
        line = line.slice(i + 1);
        const next = line[0];
        if (next === '"') {
          buf += '"';
          line = line.slice(1);
          pos = { line: pos.line, col: pos.col + 1 };
        } else if (next === ',') {
          line = line.slice(1);
          pos = { line: pos.line, col: pos.col + 1 };
          fields.push(buf);
          break;
        } else if (lengthNL(line) === line.length) {
          fields.push(buf);
          return fields;
        } else {
          throw parseError(recLine, reader.numLine, pos.col - 1, ERR_QUOTE);
        }
      } else if (line.length > 0 && !eof) {
        buf += line;
        pos = { line: pos.line, col: pos.col + byteLength(line) };
        const nextLine = reader.next();
        if (nextLine === undefined) eof = true;
        line = nextLine ?? '';
        if (line.length > 0) pos = { line: pos.line + 1, col: 1 };
      } else {
        // Abrupt end of input inside quotes.
        throw parseError(recLine, pos.line, pos.col, ERR_QUOTE);
      }
    }
  }
}

/** csv.Writer's fieldNeedsQuotes. */
function needsQuotes(field: string): boolean {
  if (field === '') return false;
  if (field === '\\.') return true;
  if (/[,"\r\n]/.test(field)) return true;
  return /^\s/u.test(field);
}

/** Writes one CSV record without its trailing newline (pflag's writeAsCSV). */
export function writeCsvRecord(values: readonly string[]): string {
  return values.map((v) => (needsQuotes(v) ? '"' + v.replace(/"/g, '""') + '"' : v)).join(',');
}

// Just enough shell lexing to cut a docs code block into command lines: where quotes open and close,
// where a `# comment` starts, and whether a line continues onto the next (`\`, an open quote, a
// `for ... do` without its `done`, or a here-document whose lines follow up to its delimiter).
// Running the command is the command layer's job; this only finds where each one ends.
// No Vitess counterpart.

import { openLoops } from '../commands/cli-kit/shell-loop.js';
import { readHereDocBodies, readHereDocOp } from '../commands/cli-kit/here-doc.js';
import type { HereDocOp } from '../commands/cli-kit/here-doc.js';
import { arithmeticEnd } from '../commands/cli-kit/shell-arith.js';

type Quote = "'" | '"';

export interface ShellScan {
  /** The quote still open at the end of the text, if any. */
  open: Quote | null;
  /** Index where a `# comment` starts (outside quotes, at the start of a word), or -1. */
  commentAt: number;
  /** True when the text ends with a backslash outside quotes (a line continuation). */
  continues: boolean;
  /** The here-document operators (`<<EOF`) in the text, before any comment. */
  hereDocs: HereDocOp[];
}

export function scanShell(text: string): ShellScan {
  let open: Quote | null = null;
  const hereDocs: HereDocOp[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (open === "'") {
      if (ch === "'") open = null;
    } else if (open === '"') {
      if (ch === '\\') i++;
      else if (ch === '"') open = null;
    } else if (ch === '\\') {
      if (i === text.length - 1) return { open: null, commentAt: -1, continues: true, hereDocs };
      i++;
    } else if (ch === "'" || ch === '"') {
      open = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      return { open: null, commentAt: i, continues: false, hereDocs };
    } else if (ch === '$' && text.startsWith('((', i + 1)) {
      i += arithmeticEnd(text, i) - 1;
    } else if (text.startsWith('<<<', i)) {
      i += 2; // a here-string: its word is on the line
    } else if (text.startsWith('<<', i)) {
      const doc = readHereDocOp(text, i);
      if (doc !== undefined) {
        hereDocs.push(doc.op);
        i = doc.end - 1;
      }
    }
  }
  return { open, commentAt: -1, continues: false, hereDocs };
}

export interface JoinedCommand {
  /** The command text: continuation lines joined, comment, trailing `&` and surrounding blanks removed. */
  text: string;
  /** Index of the first line after the command. */
  next: number;
}

/**
 * Reads the command starting with `first` (already stripped of its prompt) whose continuation lines,
 * if any, follow at `lines[from]`. A trailing backslash joins the next line with a space; an open
 * quote joins it with a newline, as the shell would keep it; a here-document's lines, up to its
 * delimiter line (or the end of the block, as bash reads to end-of-file), join with newlines.
 * Returns undefined for an unterminated quote.
 */
export function joinCommand(first: string, lines: readonly string[], from: number): JoinedCommand | undefined {
  // `done` holds the lines already read whole (here-documents included): only `text` is shell text
  // still to scan, so a quote or `#` in a document is never taken for shell syntax.
  let done = '';
  let text = first;
  let next = from;
  for (;;) {
    const scan = scanShell(text);
    if (scan.commentAt >= 0) text = text.slice(0, scan.commentAt);
    if (scan.open === null && !scan.continues && scan.hereDocs.length > 0) {
      const rest = lines.slice(next).join('\n');
      const read = readHereDocBodies(rest, 0, scan.hereDocs);
      const taken = rest.slice(0, read.end);
      next += taken === '' ? 0 : taken.split('\n').length;
      done = `${done}${text.trimEnd()}\n${taken}\n`;
      text = '';
      if (next < lines.length && openLoops(done) > 0) {
        text = (lines[next++] ?? '').replace(/^> /, '');
        continue;
      }
      break;
    }
    if (scan.commentAt >= 0) break;
    if (scan.open !== null) {
      if (next >= lines.length) return undefined;
      text = `${text}\n${lines[next++] ?? ''}`;
      continue;
    }
    if (scan.continues) {
      text = text.slice(0, -1).trimEnd();
      if (next >= lines.length) break;
      text = `${text} ${(lines[next++] ?? '').trimStart()}`;
      continue;
    }
    // A `for ... do` still waiting for its `done` goes on, a line at a time, as bash reads it. Pages
    // copied from a terminal show bash's continuation prompt (`> `) on those lines; it is not typed.
    if (next < lines.length && openLoops(done + text) > 0) {
      text = `${text}\n${(lines[next++] ?? '').replace(/^> /, '')}`;
      continue;
    }
    break;
  }
  // A trailing `&` (run in the background) means nothing in a simulation; `&&` is kept.
  text = text.trim();
  if (/(^|[^&])&$/.test(text)) text = text.slice(0, -1).trimEnd();
  return { text: `${done}${text}`.trim(), next };
}

/**
 * The file of a single `< FILE` input redirect in a command (outside quotes; `<<` here-documents
 * excluded), or undefined when there is none or more than one.
 */
export function inputRedirect(command: string): string | undefined {
  const found: string[] = [];
  let open: Quote | null = null;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i];
    if (open !== null) {
      if (ch === '\\' && open === '"') i++;
      else if (ch === open) open = null;
      continue;
    }
    if (ch === '\\') i++;
    else if (ch === "'" || ch === '"') open = ch;
    else if (ch === '<') {
      if (command[i + 1] === '<' || command[i + 1] === '(') return undefined;
      const m = /^\s*('([^']*)'|"([^"]*)"|([^\s;&|<>]+))/.exec(command.slice(i + 1));
      if (!m) return undefined;
      found.push(m[2] ?? m[3] ?? m[4] ?? '');
      i += m[0].length;
    }
  }
  return found.length === 1 ? found[0] : undefined;
}

// Cuts a multi-line script (stdin of `vtsim shell`, a lesson block) into command lines the way bash
// reads them: a line ends a command unless a quote is still open (a JSON `--vschema '{ ... }'` across
// lines), it ends with a backslash, it ends with `|`, `&&` or `||`, a `for ... do` still waits for
// its `done`, or a here-document (`<<EOF`) opened on it: then the document's lines, up to its
// delimiter, belong to the command. Blank and comment-only lines are dropped. Each command keeps its raw text (continuations included) for parseShellLine.
// No Vitess counterpart.

import { openLoops } from './shell-loop.js';
import { readHereDocBodies, readHereDocOp } from './here-doc.js';
import type { HereDocOp } from './here-doc.js';
import { arithmeticEnd } from './shell-arith.js';

/** Splits `text` into commands and says whether the last one still waits for more input. */
function scanScript(text: string): { commands: string[]; incomplete: boolean } {
  const src = text.replace(/\r\n?/g, '\n');
  const out: string[] = [];
  let start = 0;
  let quote: "'" | '"' | "$'" | null = null;
  let hasContent = false; // something other than blanks and comments since `start`
  let continues = false; // the last token was `|`, `&&` or `||`
  let wordStart = true; // a `#` here starts a comment
  let docs: HereDocOp[] = []; // here-documents whose lines come after this line
  let i = 0;
  const token = (advance: number, isContinuation: boolean, startsWord: boolean) => {
    hasContent = true;
    continues = isContinuation;
    wordStart = startsWord;
    i += advance;
  };
  while (i < src.length) {
    const c = src[i];
    if (quote !== null) {
      if (c === '\\' && quote !== "'") i += 2;
      else {
        if (c === quote[quote.length - 1]) quote = null;
        i++;
      }
      continue;
    }
    if (c === '\\') {
      if (src[i + 1] === '\n') i += 2;
      else if (i === src.length - 1) return { commands: [...out, src.slice(start).trim()], incomplete: true };
      else token(2, false, false);
    } else if (c === '\n' && docs.length > 0) {
      // The documents' lines are data: skip to the end of the last delimiter line, whose newline
      // then ends the command as this one would have.
      const read = readHereDocBodies(src, i + 1, docs);
      docs = [];
      if (read.unterminated !== undefined) return { commands: [...out, src.slice(start).trim()], incomplete: true };
      i = read.end;
    } else if (c === '\n') {
      if (!hasContent) start = i + 1;
      else if (!continues && openLoops(src.slice(start, i)) === 0) {
        out.push(src.slice(start, i).trim());
        start = i + 1;
        hasContent = false;
      }
      wordStart = true;
      i++;
    } else if (c === ' ' || c === '\t') {
      wordStart = true;
      i++;
    } else if (c === '#' && wordStart) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === "'" || c === '"') {
      quote = c;
      token(1, false, false);
    } else if (c === '$' && src[i + 1] === "'") {
      quote = "$'";
      token(2, false, false);
    } else if (c === '$' && src.startsWith('((', i + 1)) {
      // `$((1 << 2))` is arithmetic, not a here-document.
      token(arithmeticEnd(src, i), false, false);
    } else if (src.startsWith('<<<', i)) {
      token(3, false, true); // a here-string: its word is on the line
    } else if (src.startsWith('<<', i)) {
      const op = readHereDocOp(src, i);
      if (op === undefined) token(2, false, true);
      else {
        docs.push(op.op);
        token(op.end - i, false, true);
      }
    } else if (src.startsWith('&&', i) || src.startsWith('||', i) || src.startsWith('|&', i)) {
      token(2, true, true);
    } else if (c === '|') {
      token(1, true, true);
    } else if (c !== undefined && ';&<>()'.includes(c)) {
      token(1, false, true);
    } else {
      token(1, false, false);
    }
  }
  if (hasContent) out.push(src.slice(start).trim());
  const openLoop = hasContent && quote === null && openLoops(src.slice(start)) > 0;
  return { commands: out, incomplete: quote !== null || (hasContent && continues) || openLoop || docs.length > 0 };
}

/**
 * Cuts a script into its commands: one per line, except where bash would keep reading (open quote,
 * trailing backslash, trailing `|`/`&&`/`||`, an open loop, a here-document's lines). A document whose
 * delimiter never comes runs to the end of the script, as in bash. Blank and comment-only lines are dropped; each command
 * keeps its raw text, continuations included.
 */
export function splitScript(text: string): string[] {
  return scanScript(text).commands;
}

/**
 * True when bash would prompt for more (PS2) after `text`: a quote is open, it ends with a backslash,
 * `|`, `&&` or `||`, a loop waits for its `done`, or a here-document for its delimiter line. For an interactive shell that reads a command line by line.
 */
export function needsMoreInput(text: string): boolean {
  return scanScript(text).incomplete;
}

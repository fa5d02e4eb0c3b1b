// Cuts a multi-line script (stdin of `vtsim shell`, a lesson block) into command lines the way bash
// reads them: a line ends a command unless a quote is still open (a JSON `--vschema '{ ... }'` across
// lines), it ends with a backslash, it ends with `|`, `&&` or `||`, or a `for ... do` still waits for
// its `done`. Blank and comment-only lines are
// dropped. Each command keeps its raw text (continuations included) for parseShellLine.
// No Vitess counterpart.

import { openLoops } from './shell-loop.js';

/** Splits `text` into commands and says whether the last one still waits for more input. */
function scanScript(text: string): { commands: string[]; incomplete: boolean } {
  const src = text.replace(/\r\n?/g, '\n');
  const out: string[] = [];
  let start = 0;
  let quote: "'" | '"' | "$'" | null = null;
  let hasContent = false; // something other than blanks and comments since `start`
  let continues = false; // the last token was `|`, `&&` or `||`
  let wordStart = true; // a `#` here starts a comment
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
  return { commands: out, incomplete: quote !== null || (hasContent && continues) || openLoop };
}

/**
 * Cuts a script into its commands: one per line, except where bash would keep reading (open quote,
 * trailing backslash, trailing `|`/`&&`/`||`). Blank and comment-only lines are dropped; each command
 * keeps its raw text, continuations included.
 */
export function splitScript(text: string): string[] {
  return scanScript(text).commands;
}

/**
 * True when bash would prompt for more (PS2) after `text`: a quote is open, or it ends with a backslash,
 * `|`, `&&` or `||`. For an interactive shell that reads a command line by line.
 */
export function needsMoreInput(text: string): boolean {
  return scanScript(text).incomplete;
}

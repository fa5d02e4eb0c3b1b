// Token-level building blocks of the MySQL -> SQLite rewrite: rewritten tokens, synthetic tokens,
// and depth-aware search. Shared by the statement rewrite (dml-rewrite.ts) and the expression
// rewrite (expression-rewrite.ts).
// Mirrors nothing in Vitess (its SQL reaches MySQL unchanged).

import type { Token } from './lexer.js';
import { isOp } from './lexer.js';

/** A token in the rewrite: `out` is its SQLite spelling when it differs from the original. */
export interface W extends Token {
  out?: string;
}

export function syn(out: string, spaceBefore = true): W {
  return { type: 'word', text: out, value: out, start: -1, end: -1, spaceBefore, out };
}

/** An operator spelled as a word or several tokens: spaces on both sides keep it apart from operands. */
export function spaced(out: string): W {
  return syn(` ${out} `, false);
}

export function synOp(out: string, spaceBefore = false): W {
  return { type: 'op', text: out, value: out, start: -1, end: -1, spaceBefore, out };
}

/** Index of the first depth-0 token matching `pred` at or after `from`, or -1. */
export function findTop(ts: readonly W[], from: number, pred: (t: W, i: number) => boolean): number {
  let depth = 0;
  for (let i = from; i < ts.length; i++) {
    const t = ts[i] as W;
    if (depth === 0 && pred(t, i)) return i;
    if (isOp(t, '(')) depth++;
    else if (isOp(t, ')')) depth--;
  }
  return -1;
}

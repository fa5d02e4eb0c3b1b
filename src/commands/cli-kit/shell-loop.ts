// `for NAME in WORDS; do BODY; done`: the one compound command of bash that docs-style pages type.
// The local example's 101 script starts its tablets in such a loop, and a page that builds its own
// keyspace from the generic scripts copies it:
//   for i in 300 301 302; do CELL=zone1 TABLET_UID=$i ../common/scripts/mysqlctl-up.sh; done
// This module finds a loop at the top level of a command line (respecting quotes and comments), cuts
// it into its parts, and tells a reader of a multi-line script whether a `do` is still waiting for its
// `done`. Running the parts is the session's job: the body is expanded afresh for every value, as
// bash does. Other compound commands (while, until, if, case, functions) are reported as unsupported
// rather than as unknown commands.
// No Vitess counterpart.

import { ShellSyntaxError } from './shell-error.js';
import { readHereDocBodies, readHereDocOp } from './here-doc.js';
import type { HereDocOp } from './here-doc.js';
import { arithmeticEnd } from './shell-arith.js';

type Op = ';' | '\n' | '&&' | '||' | '|' | '&' | '(' | ')' | '<' | '>';

interface Word {
  kind: 'word';
  text: string;
  start: number;
  end: number;
  /** At the start of a command, where bash recognises reserved words. */
  commandPosition: boolean;
}

interface Operator {
  kind: 'op';
  op: Op;
  start: number;
  end: number;
}

type Tok = Word | Operator;

/** Reserved words after which the next word starts a command again. */
const OPENERS = new Set(['do', 'then', 'else', 'elif', '{', '!']);
const SEPARATORS = new Set<Op>([';', '\n', '&&', '||', '|', '&', '(']);
const UNSUPPORTED = new Set(['while', 'until', 'if', 'case', 'select', 'function']);

/**
 * Top-level words and operators of `src`. Quotes are kept in the words' text; an open quote ends the
 * scan. The lines of here-documents are skipped: they are data, and a `for` or `if` in them is no command.
 */
function tokens(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let commandPosition = true;
  let docs: HereDocOp[] = [];
  while (i < src.length) {
    const c = src[i] as string;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (src.startsWith('<<<', i)) {
      // A here-string: its word is on the line.
      out.push({ kind: 'op', op: '<', start: i, end: i + 3 });
      i += 3;
      commandPosition = false;
      continue;
    }
    if (src.startsWith('<<', i)) {
      const doc = readHereDocOp(src, i);
      if (doc !== undefined) docs.push(doc.op);
    }
    if (c === '\n' && docs.length > 0) {
      out.push({ kind: 'op', op: '\n', start: i, end: i + 1 });
      commandPosition = true;
      i = readHereDocBodies(src, i + 1, docs).end;
      docs = [];
      continue;
    }
    const two = src.slice(i, i + 2);
    const op: Op | undefined =
      two === '&&' || two === '||' ? two : c === '\n' || ';|&()<>'.includes(c) ? (c as Op) : undefined;
    if (op !== undefined) {
      // `>>`, `2>&1` and friends are redirections: they do not separate commands.
      const len = op.length === 2 ? 2 : src[i + 1] === '>' || src[i + 1] === '&' ? 2 : 1;
      out.push({ kind: 'op', op, start: i, end: i + (op === '<' || op === '>' ? len : op.length) });
      i += op === '<' || op === '>' ? len : op.length;
      commandPosition = SEPARATORS.has(op);
      continue;
    }
    const start = i;
    while (i < src.length) {
      const ch = src[i] as string;
      if (ch === ' ' || ch === '\t' || ch === '\n' || ';|&()<>'.includes(ch)) break;
      if (ch === '\\') i += 2;
      else if (ch === '$' && src.startsWith('((', i + 1)) i += arithmeticEnd(src, i);
      else if (ch === "'") {
        const close = src.indexOf("'", i + 1);
        i = close < 0 ? src.length : close + 1;
      } else if (ch === '"') {
        let j = i + 1;
        while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
        i = j + 1;
      } else i++;
    }
    const text = src.slice(start, Math.min(i, src.length));
    out.push({ kind: 'word', text, start, end: Math.min(i, src.length), commandPosition });
    commandPosition = commandPosition && OPENERS.has(text);
  }
  return out;
}

const isWord = (t: Tok | undefined, text?: string): t is Word =>
  t !== undefined && t.kind === 'word' && (text === undefined || t.text === text);
const isReserved = (t: Tok | undefined, text: string): boolean => isWord(t, text) && t.commandPosition;
const isBreak = (t: Tok | undefined): boolean => t !== undefined && t.kind === 'op' && (t.op === ';' || t.op === '\n');

/** How many `do` are still waiting for their `done` at the end of `text` (0 when balanced). */
export function openLoops(text: string): number {
  let depth = 0;
  for (const t of tokens(text)) {
    if (isReserved(t, 'do')) depth++;
    else if (isReserved(t, 'done') && depth > 0) depth--;
  }
  return depth;
}

/** A line cut around its first top-level for loop. */
export interface LoopLine {
  /** What comes before the loop (may be empty), and the operator joining it to the loop. */
  before: string;
  beforeOp: ';' | '&&' | '||';
  /** The loop variable. */
  name: string;
  /** The words after `in`, as written (expanded by the caller). */
  words: string[];
  /** The commands between `do` and `done`, as written. */
  body: string;
  /** The operator after `done` and what follows it (may be empty). */
  afterOp: ';' | '&&' | '||';
  after: string;
}

/**
 * Finds the first top-level `for` loop of a command line. Returns undefined when the line has none.
 * Throws ShellSyntaxError (bash's wording) for a malformed loop, and an unsupported error for the
 * other compound commands.
 */
export function findForLoop(line: string): LoopLine | undefined {
  const toks = tokens(line);
  const at = toks.findIndex((t) => isWord(t) && t.commandPosition && (t.text === 'for' || UNSUPPORTED.has(t.text)));
  if (at < 0) return undefined;
  const kw = toks[at] as Word;
  if (kw.text !== 'for') throw new ShellSyntaxError(`the compound command '${kw.text}' is not supported by vtsim (for loops are)`, true);
  const prev = toks[at - 1];
  let beforeOp: LoopLine['beforeOp'] = ';';
  if (prev !== undefined) {
    if (prev.kind !== 'op' || !(prev.op === ';' || prev.op === '\n' || prev.op === '&&' || prev.op === '||')) {
      throw new ShellSyntaxError(`a for loop after '${line.slice(prev.start, prev.end)}' is not supported by vtsim`, true);
    }
    beforeOp = prev.op === '&&' || prev.op === '||' ? prev.op : ';';
  }
  const nameTok = toks[at + 1];
  if (!isWord(nameTok)) throw new ShellSyntaxError(`syntax error near unexpected token '${nameTok === undefined ? 'newline' : line.slice(nameTok.start, nameTok.end)}'`);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(nameTok.text)) throw new ShellSyntaxError(`\`${nameTok.text}': not a valid identifier`);
  let k = at + 2;
  const words: string[] = [];
  if (isWord(toks[k], 'in')) {
    k++;
    for (let t = toks[k]; isWord(t); t = toks[++k]) words.push(t.text);
  }
  if (!isBreak(toks[k])) throw unexpected(line, toks[k]);
  while (isBreak(toks[k])) k++;
  const doTok = toks[k];
  if (!isWord(doTok, 'do')) throw unexpected(line, doTok);
  let depth = 1;
  let end = k + 1;
  for (; end < toks.length; end++) {
    const t = toks[end];
    if (isReserved(t, 'do')) depth++;
    else if (isReserved(t, 'done') && --depth === 0) break;
  }
  const doneTok = toks[end];
  if (doneTok === undefined) throw new ShellSyntaxError('syntax error: unexpected end of file');
  const next = toks[end + 1];
  let afterOp: LoopLine['afterOp'] = ';';
  let after = '';
  if (next !== undefined) {
    if (next.kind !== 'op' || !(next.op === ';' || next.op === '\n' || next.op === '&&' || next.op === '||')) {
      throw new ShellSyntaxError(`'${line.slice(next.start, next.end)}' after a for loop is not supported by vtsim`, true);
    }
    afterOp = next.op === '&&' || next.op === '||' ? next.op : ';';
    after = line.slice(next.end).trim();
  }
  return {
    before: prev === undefined ? '' : line.slice(0, prev.start).trim(),
    beforeOp,
    name: nameTok.text,
    words,
    body: line.slice(doTok.end, doneTok.start),
    afterOp,
    after,
  };
}

function unexpected(line: string, t: Tok | undefined): ShellSyntaxError {
  if (t === undefined) return new ShellSyntaxError('syntax error: unexpected end of file');
  const text = t.kind === 'op' && t.op === '\n' ? 'newline' : line.slice(t.start, t.end);
  return new ShellSyntaxError(`syntax error near unexpected token '${text}'`);
}

/**
 * Bash's brace expansion for the words of a loop: `{300..302}` and `{a,b}` (with a prefix and a
 * suffix), on unquoted words only. Other words are returned unchanged.
 */
export function expandBraces(word: string): string[] {
  if (/["'\\$]/.test(word)) return [word];
  const m = /^([^{}]*)\{([^{}]*)\}([^{}]*)$/.exec(word);
  if (!m) return [word];
  const [, pre = '', inner = '', post = ''] = m;
  const range = /^(-?\d+)\.\.(-?\d+)$/.exec(inner);
  let items: string[];
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (Math.abs(to - from) > 10000) return [word];
    const step = from <= to ? 1 : -1;
    items = [];
    for (let v = from; step > 0 ? v <= to : v >= to; v += step) items.push(String(v));
  } else if (inner.includes(',')) {
    items = inner.split(',');
  } else {
    return [word];
  }
  return items.map((v) => `${pre}${v}${post}`);
}

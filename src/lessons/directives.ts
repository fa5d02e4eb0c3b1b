// Lesson directives: HTML comments `<!-- vtsim: ... -->` on their own line that tell the runner what a
// docs page cannot say (expect an error, mask a value, wait, skip). Invisible when the page is
// rendered, so a lesson stays a plain docs page. The grammar is strict: anything that does not parse
// is an error with its line. Full reference: docs/LESSONS.md.
// No Vitess counterpart.

import type { Directive } from './types.js';
import type { MaskSpec } from './masks.js';

/** Which command(s) of the next code block a directive applies to. */
export type DirectiveTarget = { kind: 'next' } | { kind: 'block' } | { kind: 'command'; index: number };

export type ParsedDirective =
  | { scope: 'command'; target: DirectiveTarget; directive: Directive }
  | { scope: 'lesson'; kind: 'setup'; command: string | 'none'; line: number }
  | { scope: 'lesson'; kind: 'seed'; seed: number; line: number }
  | { scope: 'lesson'; kind: 'mask'; mask: MaskSpec; line: number };

/** A directive's problem, reported by the parser with the file name and line. */
export class DirectiveError extends Error {}

const NAMES = [
  'expect-error',
  'expect-success',
  'mask',
  'skip',
  'settle',
  'wait',
  'no-compare',
  'setup',
  'seed',
] as const;

/** Go-style durations as `vtsim sleep` takes them: 500ms, 10s, 2m, 1h30m, 1.5s. */
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Finds `<!-- vtsim: ... -->` comments in a piece of HTML; `offset` is where each starts. */
export function findDirectiveComments(html: string): Array<{ body: string; offset: number }> {
  const found: Array<{ body: string; offset: number }> = [];
  const opener = /<!--\s*vtsim\s*:/g;
  for (let m = opener.exec(html); m; m = opener.exec(html)) {
    const close = html.indexOf('-->', m.index + m[0].length);
    if (close < 0) throw new DirectiveError('a vtsim directive comment is not closed with -->');
    found.push({ body: html.slice(m.index + m[0].length, close), offset: m.index });
    opener.lastIndex = close + 3;
  }
  return found;
}

function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}

function parseMask(arg: string): MaskSpec {
  if (arg === '') throw new DirectiveError('mask needs a field name or a /regex/');
  const re = /^\/(.+)\/([a-z]*)$/.exec(arg);
  if (re) {
    const [, source = '', flags = ''] = re;
    if (!/^[imsu]*$/.test(flags)) throw new DirectiveError(`mask /regex/ flags may only be i, m, s, u (got "${flags}")`);
    try {
      return { kind: 'pattern', pattern: new RegExp(source, flags), source: arg };
    } catch (e) {
      throw new DirectiveError(`mask regex does not compile: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (!FIELD.test(arg)) throw new DirectiveError(`mask takes one field name (letters, digits, _) or a /regex/, got "${arg}"`);
  return { kind: 'field', field: arg };
}

/** Parses the text after `vtsim:` of one directive comment found at `line`. */
export function parseDirective(body: string, line: number): ParsedDirective {
  let rest = body.replace(/\s+/g, ' ').trim();
  if (rest === '') throw new DirectiveError('empty vtsim directive');

  let target: DirectiveTarget | 'lesson' = { kind: 'next' };
  const scope = /^(block|lesson|command (\d+))(?: |$)/.exec(rest);
  if (scope) {
    if (scope[1] === 'block') target = { kind: 'block' };
    else if (scope[1] === 'lesson') target = 'lesson';
    else {
      const index = Number(scope[2]);
      if (index < 1) throw new DirectiveError('command numbers start at 1');
      target = { kind: 'command', index };
    }
    rest = rest.slice(scope[0].length).trim();
  } else if (/^command(?: |$)/.test(rest)) {
    throw new DirectiveError('"command" needs a number: <!-- vtsim: command 2 expect-error -->');
  }

  const space = rest.indexOf(' ');
  const name = space < 0 ? rest : rest.slice(0, space);
  const arg = space < 0 ? '' : rest.slice(space + 1).trim();
  if (!(NAMES as readonly string[]).includes(name)) {
    throw new DirectiveError(`unknown vtsim directive "${name}" (known: ${NAMES.join(', ')})`);
  }
  const noArg = (): void => {
    if (arg !== '') throw new DirectiveError(`${name} takes no argument (got "${arg}")`);
  };
  const onlyNext = (): void => {
    if (target === 'lesson' || target.kind !== 'next') throw new DirectiveError(`${name} applies to the whole lesson; it takes no block/command/lesson prefix`);
  };

  if (name === 'setup') {
    onlyNext();
    if (arg === '') throw new DirectiveError('setup needs a command, or "none"');
    return { scope: 'lesson', kind: 'setup', command: arg === 'none' ? 'none' : arg, line };
  }
  if (name === 'seed') {
    onlyNext();
    if (!/^\d+$/.test(arg) || !Number.isSafeInteger(Number(arg))) throw new DirectiveError(`seed needs a non-negative integer, got "${arg}"`);
    return { scope: 'lesson', kind: 'seed', seed: Number(arg), line };
  }
  if (target === 'lesson') {
    if (name !== 'mask') throw new DirectiveError(`only mask can apply to the whole lesson, not ${name}`);
    return { scope: 'lesson', kind: 'mask', mask: parseMask(arg), line };
  }

  let directive: Directive;
  switch (name) {
    case 'expect-error':
      directive = arg === '' ? { kind: 'expect-error', line } : { kind: 'expect-error', substring: unquote(arg), line };
      break;
    case 'expect-success':
      noArg();
      directive = { kind: 'expect-success', line };
      break;
    case 'no-compare':
      noArg();
      directive = { kind: 'no-compare', line };
      break;
    case 'mask':
      directive = { kind: 'mask', mask: parseMask(arg), line };
      break;
    case 'skip':
      if (arg === '') throw new DirectiveError('skip needs a reason: <!-- vtsim: skip needs a real Kubernetes cluster -->');
      directive = { kind: 'skip', reason: arg, line };
      break;
    case 'settle':
      if (arg !== 'on' && arg !== 'off') throw new DirectiveError(`settle takes on or off, got "${arg}"`);
      if (target.kind === 'block') throw new DirectiveError('settle switches a mode from one command on; use it without "block"');
      directive = { kind: 'settle', on: arg === 'on', line };
      break;
    case 'wait':
      if (!DURATION.test(arg)) throw new DirectiveError(`wait needs a duration such as 500ms, 10s, 2m or 1h30m, got "${arg}"`);
      directive = { kind: 'wait', duration: arg, line };
      break;
    default:
      throw new DirectiveError(`unknown vtsim directive "${name}"`);
  }
  return { scope: 'command', target, directive };
}

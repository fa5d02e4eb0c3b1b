// The one place keys are mapped. The app asks this module what a key press means in the current
// mode (the panes, the `:` console, the help overlay) and the help overlay lists BINDINGS, so the
// keys on screen and the keys that work can never disagree. No Vitess counterpart.

import type { Key } from 'ink';

export type Action =
  | 'next'
  | 'back'
  | 'pause'
  | 'faster'
  | 'slower'
  | 'load'
  | 'console'
  | 'help'
  | 'quit'
  | 'scrollUp'
  | 'scrollDown'
  | 'pageUp'
  | 'pageDown'
  | 'lessonUp'
  | 'lessonDown'
  | 'zoom';

export interface Binding {
  readonly action: Action;
  /** The keys as the help overlay and the status line show them. */
  readonly keys: string;
  readonly help: string;
  /** Listed in the help under another binding's entry (a pair such as + and -). */
  readonly helpWith?: Action;
  /** Short label for the status line; absent for keys the status line does not advertise. */
  readonly hint?: string;
  /** Which hints survive a narrow status line: lower ranks are kept first. */
  readonly hintRank?: number;
  readonly matches: (input: string, key: Key) => boolean;
}

const isCtrlC = (input: string, key: Key): boolean => key.ctrl && input === 'c';

export const BINDINGS: readonly Binding[] = [
  {
    action: 'next',
    keys: 'n, Enter, →',
    help: 'run the next step of the lesson',
    hint: 'n next', hintRank: 0,
    matches: (i, k) => i === 'n' || k.return || k.rightArrow,
  },
  {
    action: 'back',
    keys: 'b, ←',
    help: 'go back one step (replays the lesson on a fresh cluster, same seed)',
    hint: 'b back', hintRank: 1,
    matches: (i, k) => i === 'b' || k.leftArrow,
  },
  {
    action: 'pause',
    keys: 'space',
    help: 'pause / resume simulated time',
    hint: '␣ pause', hintRank: 4,
    matches: (i) => i === ' ',
  },
  {
    action: 'faster',
    keys: '+ / -',
    help: 'simulated time runs faster / slower',
    hint: '+- speed',
    hintRank: 7,
    matches: (i) => i === '+' || i === '=',
  },
  { action: 'slower', keys: '-', help: 'simulated time runs slower', helpWith: 'faster', matches: (i) => i === '-' || i === '_' },
  {
    action: 'load',
    keys: 'w',
    help: 'start / stop a background write load on the moved tables',
    hint: 'w load', hintRank: 6,
    matches: (i) => i === 'w',
  },
  {
    action: 'console',
    keys: ':',
    help: 'type any command (mysql, vtctldclient, vtsim ...) at this point',
    hint: ': cmd', hintRank: 5,
    matches: (i) => i === ':',
  },
  {
    action: 'scrollUp',
    keys: '↑ ↓ (k j)',
    help: 'scroll the output (PgUp / PgDn: a page)',
    matches: (i, k) => k.upArrow || i === 'k',
  },
  { action: 'scrollDown', keys: '↓, j', help: 'scroll the output down', helpWith: 'scrollUp', matches: (i, k) => k.downArrow || i === 'j' },
  { action: 'pageUp', keys: 'PgUp', help: 'scroll the output up a page', helpWith: 'scrollUp', matches: (_i, k) => k.pageUp },
  { action: 'pageDown', keys: 'PgDn', help: 'scroll the output down a page', helpWith: 'scrollUp', matches: (_i, k) => k.pageDown },
  { action: 'lessonUp', keys: '[ / ]', help: 'scroll the lesson text up / down', matches: (i) => i === '[' },
  { action: 'lessonDown', keys: ']', help: 'scroll the lesson text down', helpWith: 'lessonUp', matches: (i) => i === ']' },
  { action: 'zoom', keys: 'z', help: 'show the output full screen / back', hint: 'z zoom', hintRank: 8, matches: (i) => i === 'z' },
  { action: 'help', keys: '?', help: 'show / hide this help', hint: '? help', hintRank: 2, matches: (i) => i === '?' },
  { action: 'quit', keys: 'q, Ctrl-C', help: 'quit', hint: 'q quit', hintRank: 3, matches: (i, k) => i === 'q' || isCtrlC(i, k) },
];

/** What a key means on the main screen. */
export function mainAction(input: string, key: Key): Action | undefined {
  return BINDINGS.find((b) => b.matches(input, key))?.action;
}

export type ConsoleAction =
  | { kind: 'insert'; text: string }
  | { kind: 'submit' }
  | { kind: 'cancel' }
  | { kind: 'backspace' }
  | { kind: 'historyPrev' }
  | { kind: 'historyNext' }
  | { kind: 'quit' };

/** The console's editing keys (everything printable is typed into the line). */
export const CONSOLE_KEYS: ReadonlyArray<{ keys: string; help: string }> = [
  { keys: 'Enter', help: 'runs the command' },
  { keys: 'Esc', help: 'closes the console' },
  { keys: '↑ / ↓', help: 'recall earlier commands' },
  { keys: 'Ctrl-C', help: 'quits' },
];

/** The entries of the help overlay: one per binding, pairs listed once. */
export function helpEntries(): Array<{ keys: string; help: string }> {
  return BINDINGS.filter((b) => b.helpWith === undefined).map((b) => ({ keys: b.keys, help: b.help }));
}

export function consoleAction(input: string, key: Key): ConsoleAction | undefined {
  if (isCtrlC(input, key)) return { kind: 'quit' };
  if (key.return) return { kind: 'submit' };
  if (key.escape) return { kind: 'cancel' };
  if (key.backspace || key.delete) return { kind: 'backspace' };
  if (key.upArrow) return { kind: 'historyPrev' };
  if (key.downArrow) return { kind: 'historyNext' };
  if (key.ctrl || key.meta || key.tab) return undefined;
  // A paste arrives as one string; keep its printable characters, newlines become spaces.
  const text = [...input.replace(/[\r\n]+/g, ' ')].filter((c) => c >= ' ' && c !== '\u007f').join('');
  return text === '' ? undefined : { kind: 'insert', text };
}

/** In the help overlay any key closes it; Ctrl-C still quits. */
export function helpAction(input: string, key: Key): 'close' | 'quit' {
  return isCtrlC(input, key) ? 'quit' : 'close';
}

/** The status line's key hints that fit in `width` columns (the most useful first), in binding order. */
export function statusHints(width: number): string {
  const hinted = BINDINGS.filter((b) => b.hint !== undefined);
  const byRank = [...hinted].sort((a, b) => (a.hintRank ?? 99) - (b.hintRank ?? 99));
  const kept = new Set<Binding>();
  let used = 0;
  for (const b of byRank) {
    const cost = (b.hint as string).length + (kept.size > 0 ? 2 : 0);
    if (used + cost > width) break;
    kept.add(b);
    used += cost;
  }
  return hinted
    .filter((b) => kept.has(b))
    .map((b) => b.hint)
    .join('  ');
}

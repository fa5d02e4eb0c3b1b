// Colours: on only when the output is a terminal and NO_COLOR is not set (https://no-color.org).
// Without colours every emphasis still shows as text (a `*` on changed rows, `+`/`-`/`~` on changes),
// so nothing depends on colour. No Vitess counterpart.

import type { Tone } from './text-layout.js';

/** Text style props for ink's <Text>. */
export interface ToneStyle {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
}

export function colorEnabled(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  const noColor = env['NO_COLOR'];
  return Boolean(stream.isTTY) && (noColor === undefined || noColor === '');
}

const STYLES: Record<Tone, ToneStyle> = {
  plain: {},
  heading: { bold: true },
  dim: { dimColor: true },
  changed: { color: 'yellow', bold: true },
  added: { color: 'green' },
  removed: { color: 'red' },
  error: { color: 'red' },
  ok: { color: 'green' },
  accent: { color: 'cyan' },
};

export function toneStyle(tone: Tone | undefined, color: boolean): ToneStyle {
  return color ? STYLES[tone ?? 'plain'] : {};
}

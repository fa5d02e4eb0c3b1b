// The output pane: what the last step or console command changed, then the real output of each command
// it ran (stdout, and stderr for errors), scrollable with ↑/↓ and PgUp/PgDn.
// No Vitess counterpart.

import React from 'react';
import type { Line } from './text-layout.js';
import { line, truncate, wrap } from './text-layout.js';
import { Pane, PANE_CHROME } from './pane.js';

/** The largest useful scroll offset for `total` lines in `rows` rows. */
export function maxOutputScroll(total: number, rows: number): number {
  return Math.max(0, total - rows);
}

/** The output as screen lines: lines marked `wrap` are word-wrapped (continuations indented), others cut. */
export function outputScreenLines(output: readonly Line[], width: number): Line[] {
  return output.flatMap((l) =>
    l.wrap
      ? wrap(l.text, width - 2).map((t, i) => ({ ...l, text: i === 0 ? t : `  ${t}` }))
      : [{ ...l, text: truncate(l.text, width) }],
  );
}

export function outputPaneLines(lines: readonly Line[], width: number, height: number, scroll: number): { lines: Line[]; info: string } {
  if (lines.length === 0) {
    return { lines: [line('Nothing yet: press n to run the first step.', 'dim')], info: '' };
  }
  const output = outputScreenLines(lines, width);
  const from = Math.min(Math.max(0, scroll), maxOutputScroll(output.length, height));
  const shown = output.slice(from, from + height);
  const info = output.length > height ? `${from + 1}-${from + shown.length}/${output.length} ↑↓` : '';
  return { lines: shown, info };
}

export interface OutputPaneProps {
  title: string;
  output: readonly Line[];
  scroll: number;
  width: number;
  height: number;
  color: boolean;
}

export function OutputPane({ title, output, scroll, width, height, color }: OutputPaneProps): React.JSX.Element {
  const { lines, info } = outputPaneLines(output, width - PANE_CHROME.columns, height - PANE_CHROME.rows, scroll);
  return <Pane title={title} info={info} width={width} height={height} lines={lines} color={color} />;
}

// The output pane: what the last step or console command changed, then the real output of each command
// it ran (stdout, and stderr for errors), scrollable with ↑/↓ and PgUp/PgDn.
// No Vitess counterpart.

import React from 'react';
import type { Line } from './text-layout.js';
import { line, truncate } from './text-layout.js';
import { Pane, PANE_CHROME } from './pane.js';

/** The largest useful scroll offset for `total` lines in `rows` rows. */
export function maxOutputScroll(total: number, rows: number): number {
  return Math.max(0, total - rows);
}

export function outputPaneLines(output: readonly Line[], width: number, height: number, scroll: number): { lines: Line[]; info: string } {
  if (output.length === 0) {
    return { lines: [line('Nothing yet: press n to run the first step.', 'dim')], info: '' };
  }
  const from = Math.min(Math.max(0, scroll), maxOutputScroll(output.length, height));
  const lines = output.slice(from, from + height).map((l) => ({ ...l, text: truncate(l.text, width) }));
  const info = output.length > height ? `${from + 1}-${from + lines.length}/${output.length} ↑↓` : '';
  return { lines, info };
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

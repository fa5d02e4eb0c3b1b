// The help overlay (`?`): every key binding, generated from key-bindings.ts, and what the panes show.
// Any key closes it. No Vitess counterpart.

import React from 'react';
import type { Line } from './text-layout.js';
import { fitLines, line, wrap } from './text-layout.js';
import { CONSOLE_KEYS, helpEntries } from './key-bindings.js';
import { Pane, PANE_CHROME } from './pane.js';

export function helpLines(width: number, seed: number): Line[] {
  const entries = helpEntries();
  const keyW = Math.max(...entries.map((e) => e.keys.length)) + 2;
  const entry = (keys: string, help: string): Line[] =>
    wrap(help, Math.max(10, width - keyW)).map((t, i) => line(`${(i === 0 ? keys : '').padEnd(keyW)}${t}`));
  return [
    ...entries.flatMap((e) => entry(e.keys, e.help)),
    line(''),
    ...wrap(`In the : console, ${CONSOLE_KEYS.map((k) => `${k.keys} ${k.help}`).join(', ')}.`, width).map((t) => line(t)),
    line(''),
    ...wrap(
      `Simulated time flows with the wall clock times the speed. The same seed (${seed}) and the same steps give the same cluster: going back replays the lesson's steps from the start (console commands are not replayed). Rows marked * changed in the last step.`,
      width,
    ).map((t) => line(t, 'dim')),
  ];
}

export function HelpOverlay({ width, height, seed, color }: { width: number; height: number; seed: number; color: boolean }): React.JSX.Element {
  const lines = fitLines(helpLines(width - PANE_CHROME.columns, seed), height - PANE_CHROME.rows);
  return <Pane title="Help · any key closes" width={width} height={height} lines={lines} color={color} />;
}

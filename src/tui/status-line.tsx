// The status line: whether simulated time runs and how fast, the step, the simulated clock, the
// write load, then either the latest notice or the key hints. One row, never wrapped.
// No Vitess counterpart.

import React from 'react';
import { Text } from 'ink';
import { padEnd } from './text-layout.js';
import { statusHints } from './key-bindings.js';
import { speedText } from './driver.js';
import type { WriteLoadStats } from './write-load.js';
import { toneStyle } from './theme.js';

export interface StatusModel {
  paused: boolean;
  speed: number;
  stepsRun: number;
  steps: number;
  nowMs: number;
  load: WriteLoadStats;
  notice: string;
}

/** `09:00:12`: the simulated time of day (UTC). */
export function clockText(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

export function statusText(m: StatusModel, width: number): string {
  const time = m.paused ? `paused ${clockText(m.nowMs)}` : `▶ ${speedText(m.speed)} ${clockText(m.nowMs)}`;
  const load = m.load.running ? ` · load ${m.load.ok} ok${m.load.errors > 0 ? ` ${m.load.errors} err` : ''}` : '';
  const left = ` ${time} · step ${m.stepsRun}/${m.steps}${load} │ `;
  const right = m.notice !== '' ? m.notice : statusHints(width - left.length);
  return padEnd(left + right, width);
}

export function StatusLine({ model, width, color }: { model: StatusModel; width: number; color: boolean }): React.JSX.Element {
  return (
    <Text {...toneStyle(model.notice !== '' ? 'changed' : 'dim', color)} wrap="truncate-end">
      {statusText(model, width)}
    </Text>
  );
}

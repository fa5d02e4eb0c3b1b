// A bordered pane drawn from prepared lines: the title sits in the top border, each line is padded to
// the content width (the pane's width less the borders and one space each side: PANE_CHROME), and the pane is always exactly `height` rows, so panes line up side by side at any
// terminal size. No Vitess counterpart.

import React from 'react';
import { Box, Text } from 'ink';
import type { Line } from './text-layout.js';
import { padEnd, truncate } from './text-layout.js';
import { toneStyle } from './theme.js';

/** Columns and rows a pane spends on its border and padding. */
export const PANE_CHROME = { columns: 4, rows: 2 } as const;

export interface PaneProps {
  title: string;
  /** Shown at the right end of the top border (scroll position, counts). */
  info?: string;
  width: number;
  height: number;
  lines: readonly Line[];
  color: boolean;
}

/** The top border: `┌─ Title ───── info ─┐`, the title cut to fit, the info dropped if nothing else fits. */
export function topBorder(title: string, info: string, width: number): string {
  const inner = Math.max(0, width - 2);
  const i = info === '' || info.length + 3 > inner - 8 ? '' : ` ${info} ─`;
  // "─ " + title + " " and at least one "─" before the info.
  const room = inner - i.length - 4;
  const t = title === '' || room < 1 ? '' : `─ ${truncate(title, room)} `;
  return `┌${t}${'─'.repeat(Math.max(0, inner - t.length - i.length))}${i}┐`;
}

export function Pane({ title, info = '', width, height, lines, color }: PaneProps): React.JSX.Element {
  const inner = Math.max(0, width - 2);
  const rows = Math.max(0, height - 2);
  const shown = lines.slice(0, rows);
  const blank = rows - shown.length;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text>{topBorder(title, info, width)}</Text>
      {shown.map((l, i) => (
        <Text key={i} wrap="truncate-end">
          │ <Text {...toneStyle(l.tone, color)}>{padEnd(l.text, Math.max(0, inner - 2))}</Text> │
        </Text>
      ))}
      {Array.from({ length: blank }, (_, i) => (
        <Text key={`b${i}`}>│{' '.repeat(inner)}│</Text>
      ))}
      <Text>{`└${'─'.repeat(inner)}┘`}</Text>
    </Box>
  );
}

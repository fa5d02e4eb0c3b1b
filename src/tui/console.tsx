// The `:` console: one command line typed at the bottom of the screen (any command of the shell:
// mysql, vtctldclient, vtsim ...). Editing keys come from key-bindings.ts; running the line is the
// app's job, and an error only shows in the output pane. No Vitess counterpart.

import React from 'react';
import { Text } from 'ink';
import { padEnd } from './text-layout.js';
import { toneStyle } from './theme.js';

/** What fits of the line being typed: its end, so the cursor stays visible. */
export function consoleText(text: string, width: number): string {
  const prompt = ': ';
  const room = Math.max(1, width - prompt.length - 1);
  const visible = text.length > room ? `…${text.slice(text.length - room + 1)}` : text;
  return padEnd(`${prompt}${visible}█`, width);
}

export function Console({ text, width, color }: { text: string; width: number; color: boolean }): React.JSX.Element {
  return (
    <Text {...toneStyle('accent', color)} wrap="truncate-end">
      {consoleText(text, width)}
    </Text>
  );
}

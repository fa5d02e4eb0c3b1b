// The lesson pane: the step on screen (its heading, its explanation, and the commands it ran with a
// mark for how each went), or, before the first step, what the lesson is and how to start.
// The commands stay visible at the bottom; the prose above them scrolls with [ and ].
// No Vitess counterpart.

import React from 'react';
import type { Step } from '../lessons/index.js';
import type { CommandOutcome } from './transcript.js';
import type { Line } from './text-layout.js';
import { fitLines, line, proseLines, truncate, wrap } from './text-layout.js';
import { Pane, PANE_CHROME } from './pane.js';

export interface LessonPaneModel {
  title: string;
  steps: readonly Step[];
  stepsRun: number;
  setup: readonly string[];
  /** The outcomes of the step on screen's commands, in order (empty before it ran). */
  stepOutcomes: readonly CommandOutcome[];
}

function mark(o: CommandOutcome | undefined): { text: string; tone: Line['tone'] } {
  if (!o) return { text: ' ', tone: 'plain' };
  if (o.status === 'skipped') return { text: '–', tone: 'dim' };
  // A lesson command is right when its output is what the page shows (an expected error included).
  const good = o.matchesPage ?? o.status === 'ok';
  return good ? { text: '✓', tone: 'ok' } : { text: '✗', tone: 'error' };
}

/** The parts of the step on screen: heading lines, prose and narration, command lines, footer. */
function stepParts(m: LessonPaneModel, width: number): { header: Line[]; body: Line[]; commands: Line[]; footer: Line } {
  const index = m.stepsRun - 1;
  const step = m.steps[index] as Step;
  const header = wrap(`Step ${m.stepsRun}/${m.steps.length} · ${step.heading}`, width)
    .slice(0, 2)
    .map((t) => line(t, 'heading'));
  const commands: Line[] = step.commands.map((c, i) => {
    const mk = mark(m.stepOutcomes[i]);
    return line(truncate(`${mk.text} $ ${c.line}`, width), mk.tone);
  });
  const nextStep = m.steps[m.stepsRun];
  const footer = line(truncate(nextStep ? `next: ${nextStep.heading}` : 'last step', width), 'dim');
  const prose: Line[] = proseLines(step.prose, width).map((t) => line(t));
  const narration = step.commands.flatMap((c) => c.narration.map((n) => line(truncate(`# ${n.replace(/^#\s*/, '')}`, width), 'dim')));
  const body = [...prose, ...(narration.length > 0 && prose.length > 0 ? [line('')] : []), ...narration];
  return { header, body, commands, footer };
}

/** The pane's lines for an inner size; `scroll` is the first prose line shown. */
export function lessonPaneLines(m: LessonPaneModel, width: number, height: number, scroll: number): { lines: Line[]; maxScroll: number } {
  if (m.stepsRun === 0) {
    const first = m.steps[0];
    const out: Line[] = [
      ...wrap(m.title, width).map((t) => line(t, 'heading')),
      line(''),
      ...wrap(
        first
          ? `${m.steps.length} ${m.steps.length === 1 ? 'step' : 'steps'}. Press n (or Enter) to run step 1: ${first.heading}.`
          : 'This lesson has no steps.',
        width,
      ).map((t) => line(t)),
    ];
    if (m.setup.length > 0) {
      out.push(line(''), ...wrap(`Step 1 first runs ${m.setup.join(', ')}: the lesson starts from a running cluster.`, width).map((t) => line(t, 'dim')));
    }
    out.push(line(''), ...wrap('Simulated time flows while you read; space pauses it. ? lists every key.', width).map((t) => line(t, 'dim')));
    return { lines: fitLines(out, height), maxScroll: 0 };
  }
  const { header, commands, footer, body } = stepParts(m, width);
  const fixed = header.length + commands.length + 1 + (commands.length > 0 ? 1 : 0);
  const room = height - fixed;
  if (room < 1) {
    return { lines: fitLines([...header, ...commands, footer], height), maxScroll: 0 };
  }
  const maxScroll = Math.max(0, body.length - room);
  const from = Math.min(Math.max(0, scroll), maxScroll);
  let shown = body.slice(from, from + room);
  if (from + room < body.length && shown.length > 0) {
    shown = [...shown.slice(0, -1), line(`… ${body.length - from - room + 1} more lines (] scrolls)`, 'dim')];
  }
  while (shown.length < room) shown.push(line(''));
  return {
    lines: [...header, ...shown, ...(commands.length > 0 ? [line('')] : []), ...commands, footer],
    maxScroll,
  };
}

/**
 * How many content rows the pane would like for the step on screen: everything but the prose, plus up
 * to four lines of prose (the rest scrolls). The layout grows the pane to that when it can.
 */
export function lessonPaneNeeds(m: LessonPaneModel, width: number): number {
  if (m.stepsRun === 0) return 0;
  const { header, body, commands } = stepParts(m, width);
  return header.length + Math.min(body.length, 4) + (commands.length > 0 ? commands.length + 1 : 0) + 1;
}

export interface LessonPaneProps {
  model: LessonPaneModel;
  width: number;
  height: number;
  scroll: number;
  color: boolean;
}

export function LessonPane({ model, width, height, scroll, color }: LessonPaneProps): React.JSX.Element {
  const { lines } = lessonPaneLines(model, width - PANE_CHROME.columns, height - PANE_CHROME.rows, scroll);
  return <Pane title={`Lesson · ${model.title}`} width={width} height={height} lines={lines} color={color} />;
}

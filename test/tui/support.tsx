// Test support for the TUI: the bundled MoveTables lesson, a Tutorial at a fixed seed, and the App
// rendered by ink-testing-library at a fixed terminal size, driven by key presses.
import React from 'react';
import { render } from 'ink-testing-library';
import { App } from '../../src/tui/app.js';
import { Tutorial } from '../../src/tui/tutorial.js';
import { parseLesson } from '../../src/lessons/index.js';
import type { Lesson } from '../../src/lessons/index.js';
import { BUNDLED_LESSONS } from '../../src/lessons/bundled-lessons.js';
import { loadSqlJs } from '../../src/tablets/sqlite/sqljs.js';
import type { Size } from '../../src/tui/layout.js';

export const SEED = 1;

export function moveTablesLesson(): Lesson {
  return parseLesson(BUNDLED_LESSONS['move-tables.md'] as string, 'scenarios/move-tables.md');
}

export async function newTutorial(lesson: Lesson = moveTablesLesson(), seed = SEED): Promise<Tutorial> {
  return new Tutorial({ lesson, seed, sql: await loadSqlJs() });
}

/** Named keys as a terminal sends them. */
export const KEYS = {
  enter: '\r',
  right: '\u001b[C',
  left: '\u001b[D',
  up: '\u001b[A',
  down: '\u001b[B',
  escape: '\u001b',
  ctrlC: '\u0003',
} as const;

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface TestApp {
  tutorial: Tutorial;
  frame(): string;
  /** Sends keys and waits for ink to process them and redraw. */
  press(...keys: string[]): Promise<void>;
  /** Types text (the console), one key at a time. */
  type(text: string): Promise<void>;
  /** Presses n until the step whose heading matches is on screen. */
  runUntilStep(heading: RegExp): Promise<void>;
  quits: number;
  framesWritten(): number;
  unmount(): void;
}

export async function startApp(
  options: { tutorial?: Tutorial; size?: Size; paused?: boolean; speed?: number; tickMs?: number } = {},
): Promise<TestApp> {
  const tutorial = options.tutorial ?? (await newTutorial());
  const app: TestApp = {
    tutorial,
    quits: 0,
    frame: () => inst.lastFrame() ?? '',
    press: async (...keys) => {
      for (const k of keys) {
        inst.stdin.write(k);
        await tick(k === KEYS.escape ? 30 : 10);
      }
      await tick(10);
    },
    type: async (text) => {
      for (const ch of text) inst.stdin.write(ch);
      await tick(10);
    },
    runUntilStep: async (heading) => {
      const steps = tutorial.getState().steps;
      const target = steps.findIndex((s) => heading.test(s.heading));
      if (target < 0) throw new Error(`no step matches ${heading}`);
      while (tutorial.getState().stepsRun < target + 1) await app.press('n');
    },
    framesWritten: () => inst.frames.length,
    unmount: () => {
      inst.unmount();
      tutorial.dispose();
    },
  };
  const inst = render(
    <App
      tutorial={tutorial}
      speed={options.speed ?? 1}
      paused={options.paused ?? true}
      color={false}
      size={options.size ?? { columns: 80, rows: 24 }}
      onQuit={() => {
        app.quits++;
      }}
      {...(options.tickMs !== undefined ? { tickMs: options.tickMs } : {})}
    />,
  );
  await tick(20);
  return app;
}

/** One column of a frame (the left or right panes), as drawn. */
export function paneText(frame: string, column: 'left' | 'right', width = 40): string {
  return frame
    .split('\n')
    .map((l) => (column === 'left' ? l.slice(0, width) : l.slice(width)))
    .join('\n');
}

/** A column's text without borders, wrapped lines joined by single spaces: what a reader reads. */
export function flatText(frame: string, column: 'left' | 'right', width = 40): string {
  return paneText(frame, column, width)
    .split('\n')
    .map((l) => l.replace(/^[│┌└]/, '').replace(/[│┐┘]$/, '').trim())
    .join(' ')
    .replace(/\s+/g, ' ');
}

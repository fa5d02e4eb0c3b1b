// `vtsim` / `vtsim tutorial [LESSON] [--seed N] [--speed X]`: loads a lesson (a file, or a bundled one
// by name; the MoveTables lesson by default), opens the TUI on the terminal's alternate screen, and
// restores the terminal however it ends (q, Ctrl-C, a signal, an error). Returns the exit status; the
// CLI decides what to do with it. No Vitess counterpart.

import React from 'react';
import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { render } from 'ink';
import { BUNDLED_LESSONS } from '../lessons/bundled-lessons.js';
import { parseLesson } from '../lessons/index.js';
import type { Lesson } from '../lessons/index.js';
import { loadSqlJs } from '../tablets/sqlite/sqljs.js';
import { Tutorial } from './tutorial.js';
import { App } from './app.js';
import { colorEnabled } from './theme.js';

export const DEFAULT_LESSON = 'move-tables.md';

export interface RunTutorialOptions {
  /** A lesson file, or the name of a bundled lesson (`move-tables`, `move-tables.md`). */
  lesson?: string;
  seed: number;
  speed: number;
}

/** Alternate screen on / off, cursor shown again (what full-screen terminal programs do). */
const ENTER_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_SCREEN = '\u001b[?1049l\u001b[?25h';

function readFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The lesson's text and where it came from: a file first, then a bundled lesson of that name. */
export function loadLessonText(name: string | undefined): { text: string; source: string; dir: string | undefined } | undefined {
  const wanted = name ?? DEFAULT_LESSON;
  if (name !== undefined) {
    const fromDisk = readFile(name);
    if (fromDisk !== undefined) return { text: fromDisk, source: name, dir: dirname(name) };
  }
  const base = basename(wanted);
  for (const key of [base, `${base}.md`]) {
    const text = BUNDLED_LESSONS[key];
    if (text !== undefined) return { text, source: `scenarios/${key}`, dir: undefined };
  }
  return undefined;
}

/** Files commands name resolve next to the lesson first, then in the working directory. */
function fileReader(lessonDir: string | undefined): (path: string) => string | undefined {
  return (path) => {
    if (isAbsolute(path)) return readFile(path);
    return (lessonDir !== undefined ? readFile(join(lessonDir, path)) : undefined) ?? readFile(path);
  };
}

export async function runTutorial(options: RunTutorialOptions): Promise<number> {
  const found = loadLessonText(options.lesson);
  if (!found) {
    process.stderr.write(`vtsim tutorial: cannot read lesson ${options.lesson ?? DEFAULT_LESSON}: no such file or bundled lesson\n`);
    return 1;
  }
  let lesson: Lesson;
  try {
    lesson = parseLesson(found.text, found.source);
  } catch (e) {
    process.stderr.write(`vtsim tutorial: ${(e as Error).message}\n`);
    return 1;
  }
  // For `npm run bench`: draw the first frame, report when it was drawn, and leave.
  const benchFirstFrame = process.env['VTSIM_BENCH_FIRST_FRAME'] === '1';
  if (!benchFirstFrame && (!process.stdin.isTTY || !process.stdout.isTTY)) {
    process.stderr.write('vtsim tutorial: the tutorial needs an interactive terminal; `vtsim run LESSON` runs a lesson without one.\n');
    return 1;
  }
  if (!Number.isFinite(options.speed) || options.speed <= 0) {
    process.stderr.write(`vtsim tutorial: --speed must be a positive number, not ${options.speed}\n`);
    return 1;
  }

  const sql = await loadSqlJs();
  const tutorial = new Tutorial({ lesson, seed: options.seed, sql, readFile: fileReader(found.dir) });
  const stdout = process.stdout;
  if (stdout.isTTY) stdout.write(ENTER_SCREEN);

  let restored = false;
  let firstFrameMs: number | undefined;
  let instance: ReturnType<typeof render> | undefined;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    try {
      instance?.unmount();
    } catch {
      // Unmounting a broken tree must not keep the terminal in the alternate screen.
    }
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    if (stdout.isTTY) stdout.write(LEAVE_SCREEN);
  };

  return await new Promise<number>((resolve) => {
    let done = false;
    const finish = (code: number, error?: unknown): void => {
      if (done) return;
      done = true;
      restore();
      for (const [signal, handler] of signalHandlers) process.off(signal, handler);
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
      tutorial.dispose();
      if (error !== undefined) {
        process.stderr.write(`vtsim tutorial: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      }
      resolve(code);
    };
    const onCrash = (e: unknown): void => finish(1, e);
    const signalHandlers: Array<[NodeJS.Signals, () => void]> = [
      ['SIGINT', () => finish(130)],
      ['SIGTERM', () => finish(143)],
      ['SIGHUP', () => finish(129)],
    ];
    for (const [signal, handler] of signalHandlers) process.on(signal, handler);
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);

    try {
      instance = render(
        React.createElement(App, {
          tutorial,
          speed: options.speed,
          color: colorEnabled(stdout, process.env),
        }),
        // Ctrl-C is a key binding (so it also quits from the console). Ink 6.8's incrementalRendering
        // lost track of the cursor on full-screen frames in tmux (stale lines stayed); whole-frame
        // redraws inside synchronized-output brackets do not flicker, and the app redraws only on change.
        {
          exitOnCtrlC: false,
          patchConsole: true,
          maxFps: 30,
          ...(benchFirstFrame
            ? {
                onRender: () => {
                  if (firstFrameMs !== undefined) return;
                  // performance.now() counts from the start of the process.
                  firstFrameMs = Math.round(performance.now());
                  process.stderr.write(`vtsim: first frame after ${firstFrameMs} ms\n`);
                  // The first render runs inside render(): leave once it has returned.
                  setImmediate(() => finish(0));
                },
              }
            : {}),
        },
      );
    } catch (e) {
      finish(1, e);
      return;
    }
    instance.waitUntilExit().then(
      () => finish(0),
      (e: unknown) => finish(1, e),
    );
  });
}

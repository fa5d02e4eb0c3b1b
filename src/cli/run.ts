// `vtsim run LESSON... [--seed N] [--json] [--verbose]`: the headless lesson runner / autograder.
// Each lesson runs on a fresh cluster; the report ends with `N passed, N failed, N skipped`; the exit
// status is 0 only when nothing failed.

import { readFileSync } from 'node:fs';
import { dirname, join, isAbsolute } from 'node:path';
import { Cluster } from '../cluster/cluster.js';
import { CommandSession } from '../commands/session.js';
import { loadSqlJs } from '../tablets/sqlite/sqljs.js';
import { formatReport, parseLesson, reportJson, runLesson } from '../lessons/index.js';
import type { LessonReport } from '../lessons/index.js';
import { BUNDLED_LESSONS } from '../lessons/bundled-lessons.js';
import { readUserFile } from './fs-reader.js';
import { DEFAULT_SEED } from '../engine/sim-env.js';

export interface RunOptions {
  lessons: string[];
  /** Undefined: the lesson's own `seed` directive, else the default seed. */
  seed: number | undefined;
  json: boolean;
  verbose: boolean;
  color: boolean;
}

/** A lesson path, or the name of a bundled lesson (`move-tables.md`, `scenarios/move-tables.md`). */
export function readLessonText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    const name = path.split('/').pop() ?? path;
    return BUNDLED_LESSONS[name] ?? BUNDLED_LESSONS[`${name}.md`];
  }
}

export async function runLessons(options: RunOptions): Promise<{ output: string; exitCode: number }> {
  const sql = await loadSqlJs();
  const reports: LessonReport[] = [];
  let errors = '';
  for (const path of options.lessons) {
    const text = readLessonText(path);
    if (text === undefined) {
      errors += `vtsim run: cannot read lesson ${path}: no such file\n`;
      continue;
    }
    let lesson;
    try {
      lesson = parseLesson(text, path);
    } catch (e) {
      errors += `vtsim run: ${(e as Error).message}\n`;
      continue;
    }
    // Files named in a lesson resolve next to the lesson first, then like the shell (cwd, bundled).
    const lessonDir = dirname(path);
    const readNearLesson = (p: string): string | undefined =>
      isAbsolute(p) ? readUserFile(p) : (readUserFile(join(lessonDir, p)) ?? readUserFile(p));
    const seed = options.seed ?? lesson.directives.seed ?? DEFAULT_SEED;
    const report = runLesson(
      lesson,
      (s) => new CommandSession(Cluster.createSync(sql, { seed: s }), { readFile: readNearLesson }),
      { seed, verbose: options.verbose },
    );
    reports.push(report);
  }
  const failed = reports.some((r) => r.failed > 0 || r.setupFailure) || errors !== '';
  const body = options.json ? reportJson(reports) : formatReport(reports, { verbose: options.verbose, color: options.color });
  return { output: errors + (body.endsWith('\n') ? body : `${body}\n`), exitCode: failed ? 1 : 0 };
}

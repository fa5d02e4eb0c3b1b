// Runs a lesson on a fresh simulated cluster: every command in page order through one CommandRunner,
// each result compared with what the page shows. Keeps going after a failure so one run reports
// every problem. The cluster comes from `makeRunner(seed)`, so the same seed replays the same run.
// No Vitess counterpart (the Vitess docs are checked by hand; this is their autograder).

import type { CommandResult, CommandRunner } from '../commands/types.js';
import { isVtError } from '../common/errors.js';
import type { Lesson, LessonCommand } from './types.js';
import type { MaskSpec } from './masks.js';
import type { CompareOptions, CompareResult } from './compare.js';
import { combinedOutput, compareOutput } from './compare.js';
import { stripEnvAssignments } from './skip-rules.js';
import { inputRedirect } from './shell-line.js';

export type CommandStatus = 'passed' | 'failed' | 'skipped';

export interface CommandReport {
  line: string;
  sourceLine: number;
  status: CommandStatus;
  /** Why it failed or was skipped. */
  reason?: string;
  /** Expected (`-`) versus actual (`+`), normalised, when the outputs differ. */
  diff?: string;
  /** What the command printed (stdout then stderr): on failures, and on every command when verbose. */
  actual?: string;
}

export interface StepReport {
  heading: string;
  level: number;
  commands: CommandReport[];
}

export interface LessonReport {
  /** The lesson's source (the path given to `vtsim run`). */
  lesson: string;
  title: string;
  seed: number;
  steps: StepReport[];
  passed: number;
  failed: number;
  skipped: number;
  /** The setup commands run before the lesson's own (not counted unless they fail). */
  setup: string[];
  /** True when `setup` is the implicit 101 step rather than the lesson's `setup` directives. */
  setupImplicit: boolean;
  /** The setup command that failed, if one did (the lesson's commands are then not run). */
  setupFailure?: CommandReport;
}

export interface RunLessonOptions {
  seed: number;
  /** Keep every command's output in the report. */
  verbose?: boolean;
  /**
   * Resolves a `< FILE` redirect the way the lesson's author meant it (e.g. next to the lesson file).
   * When it returns text, the command gets it as stdin; when undefined, the command layer resolves the
   * path itself (working directory, then the bundled example files).
   */
  readFile?: (path: string) => string | undefined;
}

/** What the Vitess user guides assume has already run: the local example's first step. */
export const IMPLICIT_SETUP = './101_initial_cluster.sh';

/** True for commands that build a cluster, so a lesson starting with one needs no implicit setup. */
export function isClusterBuilding(line: string): boolean {
  const command = stripEnvAssignments(line);
  const program = command.split(/\s+/)[0] ?? '';
  const base = program.split('/').pop() ?? '';
  if (base === '101_initial_cluster.sh' || /-up\.sh$/.test(base)) return true;
  if (program === 'vtsim') return true;
  return program === 'vtctldclient' && /(^|\s)CreateKeyspace(\s|$)/i.test(command);
}

/**
 * Commands that only prepare the shell (`cd vitess/examples/local`, `source ../common/env.sh`): the
 * local example's instructions type them before `./101_initial_cluster.sh`, so they do not decide
 * whether a lesson builds its own cluster.
 */
export function isShellPreparation(line: string): boolean {
  return /^(cd|source|\.|export|alias|unalias|unset|pushd|popd)(\s|$)/.test(stripEnvAssignments(line));
}

/** The commands to run before the lesson's own, and whether they come from the implicit rule. */
export function setupFor(lesson: Lesson): { commands: string[]; implicit: boolean } {
  const setup = lesson.directives.setup;
  if (setup === 'none') return { commands: [], implicit: false };
  if (setup) return { commands: [...setup], implicit: false };
  const first = lesson.steps
    .flatMap((s) => s.commands)
    .find((c) => c.skipReason === undefined && !isShellPreparation(c.line));
  if (!first || isClusterBuilding(first.line)) return { commands: [], implicit: false };
  return { commands: [IMPLICIT_SETUP], implicit: true };
}

/** Runs one line, turning a thrown VtError into what the tool would have printed. */
function runLine(runner: CommandRunner, line: string, stdin?: string): CommandResult {
  try {
    return stdin === undefined ? runner.run(line) : runner.run(line, stdin);
  } catch (e) {
    // Programmer errors (AssertionError) are not a lesson failure: they propagate with the seed.
    if (isVtError(e)) return { stdout: '', stderr: `${e.message}\n`, exitCode: 1 };
    throw e;
  }
}

function compareOptionsFor(cmd: LessonCommand, lessonMasks: readonly MaskSpec[]): CompareOptions & { noCompare: boolean } {
  const masks: MaskSpec[] = [...lessonMasks];
  const options: CompareOptions & { noCompare: boolean } = { noCompare: false };
  for (const d of cmd.directives) {
    if (d.kind === 'mask') masks.push(d.mask);
    else if (d.kind === 'expect-error') options.expectError = d.substring === undefined ? {} : { substring: d.substring };
    else if (d.kind === 'expect-success') options.expectSuccess = true;
    else if (d.kind === 'no-compare') options.noCompare = true;
  }
  options.masks = masks;
  return options;
}

export function runLesson(lesson: Lesson, makeRunner: (seed: number) => CommandRunner, options: RunLessonOptions): LessonReport {
  const runner = makeRunner(options.seed);
  const report: LessonReport = {
    lesson: lesson.source,
    title: lesson.title,
    seed: options.seed,
    steps: [],
    passed: 0,
    failed: 0,
    skipped: 0,
    setup: [],
    setupImplicit: false,
  };

  const setup = setupFor(lesson);
  report.setup = setup.commands;
  report.setupImplicit = setup.implicit;
  let setupFailed = false;
  for (const line of setup.commands) {
    const result = runLine(runner, line);
    if (result.exitCode !== 0) {
      const compared = compareOutput([], result);
      report.setupFailure = {
        line,
        sourceLine: 0,
        status: 'failed',
        reason: `setup failed: ${compared.reason ?? `exit code ${result.exitCode}`}`,
        actual: combinedOutput(result),
      };
      report.failed++;
      setupFailed = true;
      break;
    }
  }

  for (const step of lesson.steps) {
    const stepReport = { heading: step.heading, level: step.level, commands: [] as CommandReport[] };
    report.steps.push(stepReport);
    for (const cmd of step.commands) {
      const result = setupFailed
        ? skipped(cmd, 'not run: the setup failed')
        : runCommand(runner, cmd, lesson.directives.masks, options);
      stepReport.commands.push(result);
      report[result.status]++;
    }
  }
  return report;
}

function skipped(cmd: LessonCommand, reason: string): CommandReport {
  return { line: cmd.line, sourceLine: cmd.sourceLine, status: 'skipped', reason };
}

function runCommand(runner: CommandRunner, cmd: LessonCommand, lessonMasks: readonly MaskSpec[], options: RunLessonOptions): CommandReport {
  const base = { line: cmd.line, sourceLine: cmd.sourceLine };
  // `settle` switches a mode of the session, so it takes effect even when the command itself is skipped.
  for (const d of cmd.directives) {
    if (d.kind !== 'settle') continue;
    const pre = runLine(runner, `vtsim settle ${d.on ? 'on' : 'off'}`);
    if (pre.exitCode !== 0) return failedPre(base, `vtsim settle ${d.on ? 'on' : 'off'}`, pre);
  }
  if (cmd.skipReason !== undefined) return { ...base, status: 'skipped', reason: cmd.skipReason };
  for (const d of cmd.directives) {
    if (d.kind !== 'wait') continue;
    const pre = runLine(runner, `vtsim sleep ${d.duration}`);
    if (pre.exitCode !== 0) return failedPre(base, `vtsim sleep ${d.duration}`, pre);
  }

  const file = inputRedirect(cmd.line);
  const stdin = file !== undefined ? options.readFile?.(file) : undefined;
  const result = runLine(runner, cmd.line, stdin);

  const { noCompare, ...compareOptions } = compareOptionsFor(cmd, lessonMasks);
  const compared: CompareResult = noCompare
    ? compareOutput([], result, compareOptions.expectError ? compareOptions : { ...compareOptions, expectSuccess: true })
    : compareOutput(cmd.expected ?? [], result, compareOptions);
  const actual = combinedOutput(result);
  if (compared.ok) return { ...base, status: 'passed', ...(options.verbose ? { actual } : {}) };
  return {
    ...base,
    status: 'failed',
    ...(compared.reason !== undefined ? { reason: compared.reason } : {}),
    ...(compared.diff !== undefined ? { diff: compared.diff } : {}),
    actual,
  };
}

function failedPre(base: { line: string; sourceLine: number }, pre: string, result: CommandResult): CommandReport {
  return { ...base, status: 'failed', reason: `${pre} failed (exit code ${result.exitCode})`, actual: combinedOutput(result) };
}

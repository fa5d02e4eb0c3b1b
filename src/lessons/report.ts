// Renders lesson reports: a terminal report (per step, ✓ / ✗ / - per command, diffs under failures,
// a reproduce line, and the final `N passed, N failed, N skipped` line graders read) and a stable
// JSON document for machines. No Vitess counterpart.

import type { CommandReport, LessonReport } from './run-lesson.js';

export interface FormatOptions {
  /** Show every command's output, not only failures'. */
  verbose: boolean;
  /** ANSI colours (the CLI turns them on for terminals). */
  color: boolean;
}

const ANSI = { red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m', cyan: '\u001b[36m', dim: '\u001b[2m', bold: '\u001b[1m', reset: '\u001b[0m' };
type Paint = (color: keyof typeof ANSI, text: string) => string;

/** Lines of output shown for a failure that has no diff. */
const MAX_ACTUAL_LINES = 20;

/** Quotes a path for a shell command line when it needs it. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function reproduceCommand(report: LessonReport): string {
  return `vtsim run ${shellWord(report.lesson)} --seed ${report.seed}`;
}

/** The one-line form of a command: multi-line commands show their first line. */
function oneLine(command: string): string {
  const [first = '', ...rest] = command.split('\n');
  return rest.length > 0 ? `${first} …` : first;
}

function indent(text: string, prefix: string): string[] {
  return text.replace(/\n+$/, '').split('\n').map((l) => `${prefix}${l}`);
}

function commandLines(cmd: CommandReport, verbose: boolean, paint: Paint): string[] {
  const out: string[] = [];
  const where = paint('dim', `(line ${cmd.sourceLine})`);
  if (cmd.status === 'passed') out.push(`    ${paint('green', '✓')} ${oneLine(cmd.line)}`);
  else if (cmd.status === 'skipped') out.push(`    ${paint('yellow', '-')} ${oneLine(cmd.line)}  ${paint('dim', `(${cmd.reason ?? 'skipped'})`)}`);
  else {
    out.push(`    ${paint('red', '✗')} ${oneLine(cmd.line)}  ${where}`);
    if (cmd.reason) out.push(`        ${cmd.reason}`);
    if (cmd.diff) {
      for (const l of indent(cmd.diff, '')) {
        const color = l.startsWith('@@') ? 'cyan' : l.startsWith('-') ? 'red' : l.startsWith('+') ? 'green' : undefined;
        out.push(`        ${color ? paint(color, l) : l}`);
      }
    } else if (cmd.actual && !verbose) {
      const lines = indent(cmd.actual, '');
      out.push('        output:');
      for (const l of lines.slice(0, MAX_ACTUAL_LINES)) out.push(`          ${l}`);
      if (lines.length > MAX_ACTUAL_LINES) out.push(`          ... ${lines.length - MAX_ACTUAL_LINES} more lines`);
    }
  }
  if (verbose && cmd.actual !== undefined && cmd.actual !== '') {
    out.push(`        ${paint('dim', 'output:')}`);
    for (const l of indent(cmd.actual, '')) out.push(`          ${paint('dim', l)}`);
  }
  return out;
}

function lessonLines(report: LessonReport, options: FormatOptions, paint: Paint): string[] {
  const out: string[] = [paint('bold', `${report.title} — ${report.lesson} (seed ${report.seed})`)];
  for (const line of report.setup) {
    const failed = report.setupFailure?.line === line;
    const note = report.setupImplicit ? ' (implicit: the page assumes the local example\'s 101 step has run)' : '';
    out.push(`  setup: ${line}${paint('dim', note)}${failed ? ` ${paint('red', '✗')}` : ''}`);
  }
  if (report.setupFailure) {
    if (report.setupFailure.reason) out.push(`        ${report.setupFailure.reason}`);
    for (const l of indent(report.setupFailure.actual ?? '', '          ').slice(0, MAX_ACTUAL_LINES)) out.push(l);
  }
  for (const step of report.steps) {
    if (step.commands.length === 0) continue;
    out.push(`  ${step.level > 0 ? `${'#'.repeat(step.level)} ` : ''}${step.heading}`);
    for (const cmd of step.commands) out.push(...commandLines(cmd, options.verbose, paint));
  }
  const verdict = report.failed > 0 ? paint('red', 'FAILED') : paint('green', 'ok');
  out.push(`  lesson ${verdict}: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`);
  if (report.failed > 0) out.push(`  reproduce: ${reproduceCommand(report)}`);
  return out;
}

/** The terminal report for a run of one or more lessons; the last line is the totals line. */
export function formatReport(reports: readonly LessonReport[], options: FormatOptions): string {
  const paint: Paint = options.color ? (c, t) => `${ANSI[c]}${t}${ANSI.reset}` : (_c, t) => t;
  const out: string[] = [];
  for (const r of reports) {
    out.push(...lessonLines(r, options, paint), '');
  }
  const t = totals(reports);
  out.push(`${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
  return out.join('\n');
}

export function totals(reports: readonly LessonReport[]): { passed: number; failed: number; skipped: number } {
  return reports.reduce(
    (acc, r) => ({ passed: acc.passed + r.passed, failed: acc.failed + r.failed, skipped: acc.skipped + r.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
}

function commandJson(cmd: CommandReport): Record<string, unknown> {
  return {
    line: cmd.line,
    sourceLine: cmd.sourceLine,
    status: cmd.status,
    reason: cmd.reason ?? null,
    diff: cmd.diff ?? null,
    actual: cmd.actual ?? null,
  };
}

/**
 * The machine-readable report (shape documented in docs/LESSONS.md, "Grading"). Every key is always
 * present (absent values are null) and keys come in a fixed order, so graders can rely on the shape.
 */
export function reportJson(reports: readonly LessonReport[]): string {
  const t = totals(reports);
  const doc = {
    format: 'vtsim-lesson-report/1',
    ok: t.failed === 0,
    passed: t.passed,
    failed: t.failed,
    skipped: t.skipped,
    lessons: reports.map((r) => ({
      lesson: r.lesson,
      title: r.title,
      seed: r.seed,
      ok: r.failed === 0,
      passed: r.passed,
      failed: r.failed,
      skipped: r.skipped,
      reproduce: reproduceCommand(r),
      setup: {
        commands: r.setup,
        implicit: r.setupImplicit,
        failure: r.setupFailure ? commandJson(r.setupFailure) : null,
      },
      steps: r.steps.map((s) => ({ heading: s.heading, level: s.level, commands: s.commands.map(commandJson) })),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

// What the output pane shows after a step or a console command: what changed in the cluster (a diff,
// not a wall of JSON), then each command with what it printed, and whether that is what the lesson page
// shows (checked as `vtsim run` checks it). No Vitess counterpart.

import type { CompareOptions, CompareResult, LessonCommand, MaskSpec } from '../lessons/index.js';
import { compareOutput } from '../lessons/index.js';
import type { Line } from './text-layout.js';
import { line, sanitize } from './text-layout.js';
import type { ViewChange } from './view-diff.js';

export interface CommandOutcome {
  readonly line: string;
  readonly status: 'ok' | 'failed' | 'skipped';
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Why it was skipped. */
  readonly note?: string;
  /** For a lesson command: whether its output matches what the page shows (as `vtsim run` checks). */
  readonly matchesPage?: boolean;
  /** Why it does not match. */
  readonly pageReason?: string;
}

function textLines(s: string): string[] {
  const t = s.replace(/\n+$/, '');
  return t === '' ? [] : t.split('\n').map(sanitize);
}

/** Compares a lesson command's output with the page, honouring its directives as `vtsim run` does. */
export function compareWithPage(cmd: LessonCommand, outcome: CommandOutcome, lessonMasks: readonly MaskSpec[]): CompareResult {
  const masks: MaskSpec[] = [...lessonMasks];
  const options: CompareOptions = {};
  let noCompare = false;
  for (const d of cmd.directives) {
    if (d.kind === 'mask') masks.push(d.mask);
    else if (d.kind === 'expect-error') options.expectError = d.substring === undefined ? {} : { substring: d.substring };
    else if (d.kind === 'expect-success') options.expectSuccess = true;
    else if (d.kind === 'no-compare') noCompare = true;
  }
  options.masks = masks;
  const result = { stdout: outcome.stdout, stderr: outcome.stderr, exitCode: outcome.exitCode };
  if (noCompare) return compareOutput([], result, options.expectError ? options : { ...options, expectSuccess: true });
  return compareOutput(cmd.expected ?? [], result, options);
}

/** The output pane's text: what changed, then each command with what it printed. */
export function transcript(changes: readonly ViewChange[], outcomes: readonly CommandOutcome[]): Line[] {
  const out: Line[] = [];
  if (changes.length > 0) {
    out.push(line('What changed:', 'heading'));
    for (const c of changes) {
      out.push({ text: `${c.kind} ${c.text}`, tone: c.kind === '+' ? 'added' : c.kind === '-' ? 'removed' : 'changed', wrap: true });
    }
    out.push(line(''));
  }
  for (const o of outcomes) {
    out.push(line(`$ ${o.line}`, 'accent'));
    if (o.status === 'skipped') {
      out.push(line(`(skipped: ${o.note ?? 'not run'})`, 'dim'));
      continue;
    }
    for (const l of textLines(o.stdout)) out.push(line(l));
    // Error messages are long sentences: wrapped, where tables and JSON on stdout keep their shape.
    for (const l of textLines(o.stderr)) out.push({ text: l, tone: o.exitCode === 0 ? 'dim' : 'error', wrap: true });
    if (o.exitCode !== 0) out.push(line(`[exit status ${o.exitCode}]`, o.matchesPage ? 'dim' : 'error'));
    if (o.matchesPage === true && o.exitCode !== 0) out.push(line('(the lesson expects this error)', 'dim'));
    if (o.matchesPage === false) out.push({ text: `(differs from the lesson: ${o.pageReason ?? 'output differs'})`, tone: 'error', wrap: true });
  }
  return out;
}

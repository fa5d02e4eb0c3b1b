// Compares what a command printed with what a lesson page shows for it. Semantic where the output is
// structured (JSON, boxed tables), exact elsewhere, with volatile values masked field by field
// (masks.ts). An expected output that shows an error means the command must fail with that error.
// No Vitess counterpart.

import type { CommandResult } from '../commands/types.js';
import type { MaskSet, MaskSpec } from './masks.js';
import { buildMaskSet } from './masks.js';
import { normalizeJson, parseJsonOutput } from './compare-json.js';
import { cleanLines, normalizeText } from './compare-text.js';
import { unifiedDiff } from './text-diff.js';

export interface CompareOptions {
  /** Extra masks (from `mask` directives). */
  masks?: readonly MaskSpec[];
  /** From an `expect-error` directive: the command must fail, its output containing `substring` if given. */
  expectError?: { substring?: string };
  /** From an `expect-success` directive: the command must succeed even if the expected text looks like an error. */
  expectSuccess?: boolean;
  /** Diff size cap in lines (default 60). */
  maxDiffLines?: number;
}

export interface CompareResult {
  ok: boolean;
  /** A unified diff (expected `-`, actual `+`) of the normalised outputs, when they differ. */
  diff?: string;
  /** Why the comparison failed, in one line. */
  reason?: string;
}

/** Lines that show a command failing: mysql's ERROR line, a glog error line, cobra's `Error:`, utils.sh's `ERROR:`. */
const ERROR_LINES: readonly RegExp[] = [
  /^ERROR \d+ \([0-9A-Z]{5}\)/,
  /^[EF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ [^\s\]]+:\d+\] /,
  /^Error: /,
  /^ERROR: /,
];

/** True when the expected output shows the command failing. */
export function showsError(expected: readonly string[]): boolean {
  return expected.some((line) => ERROR_LINES.some((re) => re.test(line)));
}

/** stdout then stderr, as a terminal shows them. */
export function combinedOutput(actual: CommandResult): string {
  if (actual.stdout === '' || actual.stderr === '') return actual.stdout + actual.stderr;
  return actual.stdout.endsWith('\n') ? actual.stdout + actual.stderr : `${actual.stdout}\n${actual.stderr}`;
}

function firstLine(text: string): string {
  const line = cleanLines(text)[0] ?? '';
  return line.length > 400 ? `${line.slice(0, 397)}...` : line;
}

/**
 * Compares a command's result with the lines a lesson shows. An empty `expected` means the page shows
 * no output: only success (or the failure an `expect-error` directive asks for) is checked.
 */
export function compareOutput(expected: readonly string[], actual: CommandResult, options: CompareOptions = {}): CompareResult {
  const masks = buildMaskSet(options.masks);
  const wanted = cleanLines(expected);
  const combined = combinedOutput(actual);
  const mustFail = options.expectError !== undefined || (!options.expectSuccess && showsError(wanted));
  const diffOpts = { maxLines: options.maxDiffLines ?? 60 };

  if (mustFail) {
    if (actual.exitCode === 0) {
      return {
        ok: false,
        reason: 'expected the command to fail, but it succeeded (exit code 0)',
        ...diffOf(wanted, normalizeText(combined, masks), wanted.length > 0, masks, diffOpts),
      };
    }
    const sub = options.expectError?.substring;
    if (sub !== undefined && !combined.includes(sub)) {
      return {
        ok: false,
        reason: `the command failed as expected, but its output does not contain "${sub}"`,
        diff: unifiedDiff([sub], cleanLines(combined), diffOpts),
      };
    }
    if (wanted.length === 0) return { ok: true };
    const exp = normalizeText(wanted, masks);
    const act = normalizeText(combined, masks);
    if (sameLines(exp, act)) return { ok: true };
    return { ok: false, reason: 'the command failed as expected, but with different output', diff: unifiedDiff(exp, act, diffOpts) };
  }

  if (actual.exitCode !== 0) {
    const why = firstLine(actual.stderr) || firstLine(actual.stdout);
    return {
      ok: false,
      reason: `the command failed (exit code ${actual.exitCode})${why ? `: ${why}` : ''}`,
      ...diffOf(wanted, normalizeText(combined, masks), wanted.length > 0, masks, diffOpts),
    };
  }
  if (wanted.length === 0) return { ok: true };

  const json = parseJsonOutput(wanted.join('\n'));
  if (json) {
    const got = parseJsonOutput(actual.stdout);
    const exp = normalizeJson(json.value, masks);
    if (!got) {
      return {
        ok: false,
        reason: 'expected JSON output, but the command printed something else',
        diff: unifiedDiff(exp, normalizeText(actual.stdout, masks), diffOpts),
      };
    }
    const act = normalizeJson(got.value, masks);
    if (sameLines(exp, act)) return { ok: true };
    return { ok: false, reason: 'JSON output differs', diff: unifiedDiff(exp, act, diffOpts) };
  }

  const exp = normalizeText(wanted, masks);
  const act = normalizeText(actual.stdout, masks);
  if (sameLines(exp, act)) return { ok: true };
  return { ok: false, reason: 'output differs', diff: unifiedDiff(exp, act, diffOpts) };
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

/** A diff against the expected lines, when the page shows some. */
function diffOf(
  wanted: readonly string[],
  actualNormalized: readonly string[],
  show: boolean,
  masks: MaskSet,
  opts: { maxLines: number },
): { diff?: string } {
  if (!show) return {};
  const diff = unifiedDiff(normalizeText(wanted, masks), actualNormalized, opts);
  return diff ? { diff } : {};
}

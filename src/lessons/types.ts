// The shape of a parsed lesson: a Markdown page cut into steps (one per heading), each holding the
// shell commands its code blocks show and the output the page expects from them.
// No Vitess counterpart: Vitess's docs are read by people; vtsim also executes them.

import type { MaskSpec } from './masks.js';

/** A directive that applies to one command (see docs/LESSONS.md, "Directives"). */
export type Directive =
  | { kind: 'expect-error'; substring?: string; line: number }
  | { kind: 'expect-success'; line: number }
  | { kind: 'mask'; mask: MaskSpec; line: number }
  | { kind: 'skip'; reason: string; line: number }
  | { kind: 'settle'; on: boolean; line: number }
  | { kind: 'wait'; duration: string; line: number }
  | { kind: 'no-compare'; line: number };

export type DirectiveKind = Directive['kind'];

/** Directives that apply to the whole lesson. */
export interface LessonDirectives {
  /**
   * What runs before the lesson's first command: `undefined` = the implicit rule (the local example's
   * 101 step when the lesson does not build its own cluster), `'none'` = nothing, or these commands.
   */
  setup?: string[] | 'none';
  /** The seed the lesson was written for; the CLI uses it when no --seed is given. */
  seed?: number;
  /** Extra masks for every command of the lesson (`<!-- vtsim: lesson mask ... -->`). */
  masks: MaskSpec[];
}

export interface LessonCommand {
  /** The command as typed, without the `$ ` prompt, a trailing `&` or a trailing `# comment`. */
  line: string;
  /** The output lines the page shows for it; null when the page shows none (then only success is checked). */
  expected: string[] | null;
  /** The `# ...` lines written just before the command in its block. */
  narration: string[];
  /** The code block's language (`bash`, `json`, ... or '' when unlabelled). */
  blockLang: string;
  /** 1-based line of the command in the lesson file. */
  sourceLine: number;
  directives: Directive[];
  /** Set when the command is recognised but not run (operator commands, `skip` directive). */
  skipReason?: string;
}

export interface Step {
  /** The heading text; for text before the first heading, the lesson title. */
  heading: string;
  /** Heading level 1-6; 0 for the text before the first heading. */
  level: number;
  /** The step's Markdown text (paragraphs, lists, Hugo shortcodes, sample blocks), commands left out. */
  prose: string;
  commands: LessonCommand[];
}

export interface Lesson {
  title: string;
  /** What the lesson was loaded from (the path given to `vtsim run`). */
  source: string;
  steps: Step[];
  directives: LessonDirectives;
}

// The lessons module's public surface: parse a lesson page, run it against a cluster, compare
// outputs and render reports. The CLI and the TUI import from here.

export type { Directive, Lesson, LessonCommand, LessonDirectives, Step } from './types.js';
export type { MaskSpec } from './masks.js';
export { parseLesson, MAX_LESSON_BYTES } from './parse-lesson.js';
export { LessonParseError } from './lesson-error.js';
export { compareOutput, showsError } from './compare.js';
export type { CompareOptions, CompareResult } from './compare.js';
export { runLesson, setupFor, isClusterBuilding, isShellPreparation, IMPLICIT_SETUP } from './run-lesson.js';
export type { CommandReport, CommandStatus, LessonReport, RunLessonOptions, StepReport } from './run-lesson.js';
export { formatReport, reportJson, reproduceCommand, totals } from './report.js';
export type { FormatOptions } from './report.js';
export { skipReasonFor, SKIP_RULES, OPERATOR_REASON } from './skip-rules.js';

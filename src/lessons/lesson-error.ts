// The error a malformed lesson raises: names the file and the line, so a teacher can fix the page.
// No Vitess counterpart.

import { VtError } from '../common/errors.js';

export class LessonParseError extends VtError {
  /** 1-based line in the lesson file, when the problem has one. */
  readonly line: number | undefined;

  constructor(source: string, line: number | undefined, message: string) {
    super('INVALID_ARGUMENT', line === undefined ? `${source}: ${message}` : `${source}:${line}: ${message}`);
    this.name = 'LessonParseError';
    this.line = line;
  }
}

// Cuts one fenced code block of a lesson into commands and their expected output, following the
// conventions of the Vitess docs: `$ ` starts a command (with its continuation lines and the lines of
// its here-documents, see shell-line.ts), the lines after it are what it prints,
// `# ...` lines before a command narrate it; a block with no `$ ` holds bare commands (when it is a
// shell block) or is a sample the reader only looks at. See docs/LESSONS.md.
// No Vitess counterpart.

import { joinCommand } from './shell-line.js';

/** Languages whose blocks without `$ ` prompts hold bare commands, one a line. */
export const BARE_COMMAND_LANGS: readonly string[] = ['', 'bash', 'sh', 'shell', 'zsh'];

/** Languages whose blocks are never run, prompts or not: a Markdown sample shows a page, not a session. */
export const SAMPLE_ONLY_LANGS: readonly string[] = ['markdown', 'md'];

export interface BlockCommand {
  line: string;
  expected: string[] | null;
  narration: string[];
  /** 0-based index of the command's first line within the block's text. */
  offset: number;
}

/** A problem in a block, at a 0-based line of the block's text. */
export class BlockError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const PROMPT = /^\$ /;
const NARRATION = /^#/;

function trimBlank(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start++;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
  return lines.slice(start, end);
}

/**
 * Splits a block into commands. Returns undefined when the block holds no commands (a sample of
 * JSON, SQL or output, or an empty block).
 */
export function splitBlock(text: string, lang: string): BlockCommand[] | undefined {
  if (SAMPLE_ONLY_LANGS.includes(lang)) return undefined;
  const lines = text.split('\n');
  if (lines.some((l) => PROMPT.test(l))) return splitPrompted(lines);
  if (!BARE_COMMAND_LANGS.includes(lang)) return undefined;
  const commands = splitBare(lines);
  return commands.length > 0 ? commands : undefined;
}

/** `$ command` blocks: output follows each command up to the next prompt. */
function splitPrompted(lines: readonly string[]): BlockCommand[] {
  const commands: BlockCommand[] = [];
  let narration: string[] = [];
  let current: { line: string; offset: number; narration: string[]; output: string[] } | undefined;

  const finish = (): void => {
    if (!current) return;
    const output = trimBlank(current.output);
    commands.push({
      line: current.line,
      expected: output.length > 0 ? output : null,
      narration: current.narration,
      offset: current.offset,
    });
  };

  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (PROMPT.test(line)) {
      if (current) {
        // `# ...` lines (and blanks) right before the prompt narrate the next command; they are not output.
        let cut = current.output.length;
        while (cut > 0 && /^(#.*|\s*)$/.test(current.output[cut - 1] ?? '')) cut--;
        narration = current.output.slice(cut).filter((l) => NARRATION.test(l));
        current.output = current.output.slice(0, cut);
      }
      finish();
      const joined = joinCommand(line.slice(2), lines, i + 1);
      if (!joined) throw new BlockError(i, 'unterminated quote in command (the block ends before the quote closes)');
      current = { line: joined.text, offset: i, narration, output: [] };
      narration = [];
      i = joined.next;
      if (current.line === '') current = undefined;
      continue;
    }
    if (current) current.output.push(line);
    else if (NARRATION.test(line)) narration.push(line);
    else if (line.trim() !== '') {
      throw new BlockError(i, 'text before the first "$ " command of a block that uses "$ " prompts');
    }
    i++;
  }
  finish();
  return commands;
}

/** Blocks without prompts: each line is a command; nothing is expected but success. */
function splitBare(lines: readonly string[]): BlockCommand[] {
  const commands: BlockCommand[] = [];
  let narration: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (NARRATION.test(line.trim())) {
      narration.push(line.trim());
      i++;
      continue;
    }
    const joined = joinCommand(line, lines, i + 1);
    if (!joined) throw new BlockError(i, 'unterminated quote in command (the block ends before the quote closes)');
    if (joined.text !== '') commands.push({ line: joined.text, expected: null, narration, offset: i });
    narration = [];
    i = joined.next;
  }
  return commands;
}

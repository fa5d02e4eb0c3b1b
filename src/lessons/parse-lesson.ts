// Reads a lesson: a Markdown page written like the Vitess docs. The marked lexer finds headings, code
// blocks and HTML comments; code-block.ts cuts blocks into commands; directives.ts reads the
// `<!-- vtsim: ... -->` comments. The text arrives here already read (the CLI reads files), so this
// module stays free of I/O. Format reference: docs/LESSONS.md.
// No Vitess counterpart.

import { Lexer } from 'marked';
import type { MarkedToken, Token, Tokens } from 'marked';
import type { Directive, Lesson, LessonCommand, LessonDirectives, Step } from './types.js';
import type { DirectiveTarget, ParsedDirective } from './directives.js';
import { DirectiveError, findDirectiveComments, parseDirective } from './directives.js';
import { BlockError, splitBlock } from './code-block.js';
import { LessonParseError } from './lesson-error.js';
import { skipReasonFor } from './skip-rules.js';

/** Lessons are pages, not data sets: anything bigger is a mistake (or an attack on the parser). */
export const MAX_LESSON_BYTES = 5 * 1024 * 1024;

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The file name without folders and extension: the title of last resort. */
function baseName(source: string): string {
  const file = source.split(/[\\/]/).pop() ?? source;
  return file.replace(/\.(md|markdown)$/i, '') || source;
}

/** Front matter (`---` ... `---`): its title, and the page with those lines blanked (line numbers kept). */
function stripFrontMatter(text: string, source: string): { body: string; title?: string } {
  const lines = text.split('\n');
  if ((lines[0] ?? '').trimEnd() !== '---') return { body: text };
  const close = lines.findIndex((l, i) => i > 0 && (l.trimEnd() === '---' || l.trimEnd() === '...'));
  if (close < 0) throw new LessonParseError(source, 1, 'front matter opened here is not closed with ---');
  let title: string | undefined;
  for (const line of lines.slice(1, close)) {
    const m = /^title:\s*(.*)$/.exec(line);
    if (m) title = unquoteYaml((m[1] ?? '').trim());
  }
  for (let i = 0; i <= close; i++) lines[i] = '';
  return { body: lines.join('\n'), ...(title ? { title } : {}) };
}

function unquoteYaml(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** True when a fenced code token's raw text ends with a closing fence matching its opener. */
function isClosed(raw: string): boolean {
  const lines = raw.replace(/\n+$/, '').split('\n');
  const open = FENCE.exec(lines[0] ?? '')?.[1];
  if (!open || lines.length < 2) return false;
  const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lines[lines.length - 1] ?? '')?.[1];
  return close !== undefined && close[0] === open[0] && close.length >= open.length;
}

interface Pending {
  parsed: Extract<ParsedDirective, { scope: 'command' }>;
  line: number;
}

/** Walks the token tree, keeping track of where each token sits in the source. */
class LessonBuilder {
  private readonly lineStarts: number[] = [0];
  private readonly steps: Step[] = [];
  private current: Step;
  private prose: string[] = [];
  private pending: Pending[] = [];
  private sawCommand = false;
  /** Where the search for the next nested token starts (nested tokens come in source order). */
  private cursor = 0;
  private readonly setup: string[] = [];
  private setupNone = false;
  private readonly directives: LessonDirectives = { masks: [] };

  constructor(
    private readonly body: string,
    private readonly source: string,
    private readonly title: string,
  ) {
    for (let i = 0; i < body.length; i++) if (body[i] === '\n') this.lineStarts.push(i + 1);
    this.current = { heading: title, level: 0, prose: '', commands: [] };
  }

  /** 1-based line of a character offset. */
  private lineAt(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  private fail(line: number | undefined, message: string): never {
    throw new LessonParseError(this.source, line, message);
  }

  build(tokens: readonly Token[]): Lesson {
    let offset = 0;
    for (const token of tokens) {
      this.visit(token as MarkedToken, offset, true);
      offset += token.raw.length;
    }
    if (this.pending.length > 0) {
      const p = this.pending[0];
      this.fail(p?.line, 'this directive applies to no command: no code block with commands follows it');
    }
    this.closeStep();
    if (this.setupNone) this.directives.setup = 'none';
    else if (this.setup.length > 0) this.directives.setup = [...this.setup];
    return { title: this.title, source: this.source, steps: this.steps, directives: this.directives };
  }

  private closeStep(): void {
    this.current.prose = this.prose.join('\n\n');
    const empty = this.current.level === 0 && this.current.prose === '' && this.current.commands.length === 0;
    if (!empty) this.steps.push(this.current);
    this.prose = [];
  }

  /** `at` is the token's offset in the body when known exactly (top level), else a search start. */
  private visit(token: MarkedToken, at: number, exact: boolean): void {
    switch (token.type) {
      case 'heading':
        this.checkInline(token, this.locate(token.raw, at, exact));
        this.closeStep();
        this.current = { heading: token.text, level: token.depth, prose: '', commands: [] };
        return;
      case 'code':
        this.visitCode(token, this.locate(token.raw, at, exact));
        return;
      case 'html':
        this.visitHtml(token, this.locate(token.raw, at, exact));
        return;
      case 'list':
      case 'blockquote':
        if (!containsCommandsOrDirectives(token)) {
          this.checkInline(token, this.locate(token.raw, at, exact));
          this.addProse(token.raw);
          return;
        }
        // Containers with commands inside: visit their blocks; nested offsets are found by search.
        for (const child of children(token)) this.visit(child as MarkedToken, exact ? at : this.cursor, false);
        return;
      case 'list_item':
        for (const child of children(token)) this.visit(child as MarkedToken, at, false);
        return;
      case 'space':
        return;
      default:
        this.checkInline(token, this.locate(token.raw, at, exact));
        this.addProse(token.raw);
    }
  }

  /** Offset of a token in the body: exact for top-level tokens, searched from `from` for nested ones. */
  private locate(raw: string, from: number, exact: boolean): number {
    if (exact) {
      this.cursor = from;
      return from;
    }
    const start = Math.max(from, this.cursor);
    const firstLine = (raw.split('\n')[0] ?? '').trim();
    const found = firstLine === '' ? -1 : this.body.indexOf(firstLine, start);
    if (found < 0) return start;
    this.cursor = found + firstLine.length;
    return found;
  }

  private addProse(raw: string): void {
    const text = raw.trim();
    if (text !== '') this.prose.push(text);
  }

  /**
   * A directive must stand on its own line; one inside a paragraph (an inline HTML comment) is an
   * error, not silently ignored. Directive syntax quoted in `code spans` is just text.
   */
  private checkInline(token: MarkedToken, offset: number): void {
    const inline = findInlineDirective(token);
    if (inline === undefined) return;
    const at = token.raw.indexOf(inline);
    this.fail(this.lineAt(offset + Math.max(0, at)), 'a vtsim directive must be on its own line, separated from text');
  }

  private visitHtml(token: { raw: string }, offset: number): void {
    let comments: Array<{ body: string; offset: number }>;
    try {
      comments = findDirectiveComments(token.raw);
    } catch (e) {
      this.fail(this.lineAt(offset), (e as Error).message);
    }
    if (comments.length === 0) {
      this.addProse(token.raw);
      return;
    }
    for (const c of comments) {
      const line = this.lineAt(offset + c.offset);
      let parsed: ParsedDirective;
      try {
        parsed = parseDirective(c.body, line);
      } catch (e) {
        if (e instanceof DirectiveError) this.fail(line, e.message);
        throw e;
      }
      this.applyDirective(parsed, line);
    }
  }

  private applyDirective(parsed: ParsedDirective, line: number): void {
    if (parsed.scope === 'command') {
      this.pending.push({ parsed, line });
      return;
    }
    if (parsed.kind === 'mask') {
      this.directives.masks.push(parsed.mask);
      return;
    }
    if (this.sawCommand) this.fail(line, `${parsed.kind} must come before the lesson's first command`);
    if (parsed.kind === 'seed') {
      if (this.directives.seed !== undefined) this.fail(line, 'seed is given twice');
      this.directives.seed = parsed.seed;
      return;
    }
    if (parsed.command === 'none') {
      if (this.setup.length > 0 || this.setupNone) this.fail(line, '"setup none" cannot be combined with other setup directives');
      this.setupNone = true;
    } else {
      if (this.setupNone) this.fail(line, '"setup none" cannot be combined with other setup directives');
      this.setup.push(parsed.command);
    }
  }

  private visitCode(token: Tokens.Code, offset: number): void {
    const fenceLine = this.lineAt(offset);
    if (token.codeBlockStyle === 'indented') {
      // Indented blocks are quotations in docs pages; commands live in fenced blocks.
      this.addProse(token.raw);
      return;
    }
    if (!isClosed(token.raw)) this.fail(fenceLine, 'code block opened here is never closed (missing closing fence)');
    const lang = (token.lang ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    let split;
    try {
      split = splitBlock(token.text, lang);
    } catch (e) {
      if (e instanceof BlockError) this.fail(fenceLine + 1 + e.offset, e.message);
      throw e;
    }
    if (!split) {
      if (this.pending.length > 0) {
        this.fail(this.pending[0]?.line, `this directive is followed by a code block with no commands (line ${fenceLine})`);
      }
      this.addProse(token.raw);
      return;
    }
    const commands: LessonCommand[] = split.map((c) => ({
      line: c.line,
      expected: c.expected,
      narration: c.narration,
      blockLang: lang,
      sourceLine: fenceLine + 1 + c.offset,
      directives: [],
    }));
    for (const p of this.pending) {
      for (const cmd of this.targets(p.parsed.target, commands, p.line, fenceLine)) cmd.directives.push(p.parsed.directive);
    }
    this.pending = [];
    for (const cmd of commands) this.finishCommand(cmd);
    this.sawCommand = true;
    this.current.commands.push(...commands);
  }

  private targets(target: DirectiveTarget, commands: LessonCommand[], line: number, fenceLine: number): LessonCommand[] {
    switch (target.kind) {
      case 'next':
        return commands.slice(0, 1);
      case 'block':
        return commands;
      case 'command': {
        const cmd = commands[target.index - 1];
        if (!cmd) {
          this.fail(line, `command ${target.index} does not exist: the block at line ${fenceLine} has ${commands.length} command(s)`);
        }
        return [cmd];
      }
    }
  }

  /** Checks the directives of one command for conflicts and sets its skip reason. */
  private finishCommand(cmd: LessonCommand): void {
    const seen = new Map<Directive['kind'], Directive>();
    for (const d of cmd.directives) {
      const earlier = seen.get(d.kind);
      if (earlier && d.kind !== 'mask') {
        this.fail(d.line, `${d.kind} given twice for the command at line ${cmd.sourceLine} (first at line ${earlier.line})`);
      }
      seen.set(d.kind, d);
    }
    const err = seen.get('expect-error');
    const ok = seen.get('expect-success');
    if (err && ok) this.fail(ok.line, `expect-error (line ${err.line}) and expect-success cannot both apply to the command at line ${cmd.sourceLine}`);
    const skip = seen.get('skip');
    const reason = skip?.kind === 'skip' ? skip.reason : skipReasonFor(cmd.line);
    if (reason !== undefined) cmd.skipReason = reason;
  }
}

const DIRECTIVE_OPENER = /<!--\s*vtsim\s*:/;

/** The raw text of an inline HTML comment holding a directive, anywhere inside a token. */
function findInlineDirective(token: unknown): string | undefined {
  if (typeof token !== 'object' || token === null) return undefined;
  const t = token as { type?: unknown; raw?: unknown; block?: unknown };
  if (t.type === 'html' && t.block !== true && typeof t.raw === 'string' && DIRECTIVE_OPENER.test(t.raw)) return t.raw;
  for (const key of ['tokens', 'items', 'header', 'rows'] as const) {
    const value = (token as Record<string, unknown>)[key];
    if (!Array.isArray(value)) continue;
    for (const child of value.flat()) {
      const found = findInlineDirective(child);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function children(token: MarkedToken): Token[] {
  if (token.type === 'list') return token.items;
  if (token.type === 'list_item' || token.type === 'blockquote') return token.tokens;
  return [];
}

/** True when a container holds a code block or a directive comment somewhere inside. */
function containsCommandsOrDirectives(token: MarkedToken): boolean {
  return children(token).some((child) => {
    const t = child as MarkedToken;
    if (t.type === 'code' || (t.type === 'html' && DIRECTIVE_OPENER.test(t.raw))) return true;
    return containsCommandsOrDirectives(t);
  });
}

/**
 * Parses a lesson page. `sourceName` is used in error messages and as the title of last resort.
 * Throws LessonParseError (with the line) for an unterminated fence, a bad directive, unclosed front
 * matter, an unterminated quote in a command, or a file over 5 MB.
 */
export function parseLesson(markdown: string, sourceName: string): Lesson {
  const size = utf8Length(markdown);
  if (size > MAX_LESSON_BYTES) {
    throw new LessonParseError(sourceName, undefined, `the lesson is ${(size / 1024 / 1024).toFixed(1)} MB; lessons are limited to 5 MB`);
  }
  const text = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { body, title: frontTitle } = stripFrontMatter(text, sourceName);
  const tokens = new Lexer({ gfm: true }).lex(body);
  const firstHeading = tokens.find((t) => t.type === 'heading') as Tokens.Heading | undefined;
  const title = frontTitle ?? firstHeading?.text ?? baseName(sourceName);
  return new LessonBuilder(body, sourceName, title).build(tokens);
}

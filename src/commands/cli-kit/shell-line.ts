// The shell grammar of the command lines the Vitess docs type: words with bash quoting ('...', "...",
// $'...', backslashes), `$VAR` / `${VAR}` / `${VAR:-default}` / `$((a + b))` expansion with field
// splitting, leading
// `VAR=value` assignments, redirections (`< f`, `> f`, `>> f`, `2> f`, `2>&1`, `&> f`), here-documents
// (`<<EOF`, `<<'EOF'`, `<<-EOF`, see here-doc.ts), pipelines, `;`,
// `&&`, `||`, a trailing `&`, `# comments` and backslash-newline continuations; bash's error texts.
// No Vitess counterpart: this is the part of bash that `./201_customer_tablets.sh`, `mysql --table < f`
// and `CELL=zone1 KEYSPACE=crm ../common/scripts/vttablet-up.sh` need.
//
// shell-quote (installed) was measured and not used: it accepts unterminated quotes silently, treats a
// `#` inside a word (`a#b`) as a comment, cannot tell `"A=1" cmd` from `A=1 cmd`, turns a backslash-
// newline into an empty argument, keeps an unquoted empty `$X` as an empty argument, and reports no
// positions for bash-style errors. Bash's word rules are small enough to follow directly.

import { evalArithmetic } from './shell-arith.js';
import { ShellSyntaxError } from './shell-error.js';
import { readHereDocBodies, readHereDocOp, unterminatedWarning } from './here-doc.js';
import type { HereDocOp } from './here-doc.js';

export { needsMoreInput, splitScript } from './shell-script.js';
export { ShellSyntaxError } from './shell-error.js';

/** One command of a pipeline, after expansion. */
export interface SimpleCommand {
  /** Leading `VAR=value` assignments. With an empty argv they are plain shell assignments. */
  env: Record<string, string>;
  /** The command name and its arguments, quotes removed and variables expanded. Empty for `A=1` alone. */
  argv: string[];
  /** `< file` */
  stdinFile?: string;
  /** A here-document (`<<EOF`): the command's standard input, expanded unless its delimiter was quoted. */
  stdinText?: string;
  /** `> file`, `>> file`, `&> file` */
  stdoutFile?: string;
  /** True for `>>` (or `&>>`). */
  appendStdout?: boolean;
  /** `2> file`, `2>> file` (when stderr does not end up with stdout). */
  stderrFile?: string;
  appendStderr?: boolean;
  /** `2>&1` (or `&> f`, `|&`): stderr goes wherever stdout goes. */
  stderrToStdout?: boolean;
  /** `>&2` / `1>&2`: stdout goes to stderr. */
  stdoutToStderr?: boolean;
  /** A trailing `&` (run in the background); callers may ignore it. */
  background: boolean;
}

/** Commands joined by `|`. */
export interface Pipeline {
  commands: SimpleCommand[];
}

/** Pipelines in order; `op` is the operator after each one (`end` for the last). */
export interface CommandList {
  items: Array<{ pipeline: Pipeline; op: ';' | '&&' | '||' | 'end' }>;
  /** bash's warnings about the text (a here-document delimited by end-of-file), without the `bash: ` prefix. */
  warnings: string[];
}

/** A piece of a word: its text, and whether it came from an unquoted expansion (then it is split on blanks). */
interface Segment {
  text: string;
  split: boolean;
}

type Target = { kind: 'stdout' } | { kind: 'stderr' } | { kind: 'file'; path: string; append: boolean };

/** A here-document met on the current line; its text is filled in once its lines have been read. */
interface HereDoc {
  op: HereDocOp;
  text: string;
}

interface Building {
  env: Record<string, string>;
  argv: string[];
  /** The last input redirection wins, as in bash. */
  stdin?: { kind: 'file'; path: string } | { kind: 'doc'; doc: HereDoc };
  out: Target;
  err: Target;
  /** Anything seen (word, assignment or redirect): an operator may follow. */
  content: boolean;
}

const BLANK = new Set([' ', '\t']);
const META = new Set([' ', '\t', '\n', '|', '&', ';', '<', '>', '(', ')']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

const eofIn = (quote: string) => new ShellSyntaxError(`unexpected EOF while looking for matching '${quote}'`);
const nearToken = (token: string) => new ShellSyntaxError(`syntax error near unexpected token '${token}'`);
const unsupported = (what: string) => new ShellSyntaxError(`${what} is not supported by vtsim`, true);

/** Field splitting: unquoted expansion results break on blanks; an unquoted empty expansion vanishes. */
function fields(segments: readonly Segment[], quoted: boolean): string[] {
  const out: string[] = [];
  let cur = '';
  let has = quoted;
  for (const seg of segments) {
    if (!seg.split) {
      cur += seg.text;
      has = true;
      continue;
    }
    for (const ch of seg.text) {
      if (ch === ' ' || ch === '\t' || ch === '\n') {
        if (has) out.push(cur);
        cur = '';
        has = false;
      } else {
        cur += ch;
        has = true;
      }
    }
  }
  if (has) out.push(cur);
  return out;
}

const ANSI_C: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** Reads words, operators and expansions of one command line. */
class LineParser {
  private i = 0;
  /** Here-documents whose lines come after the current line. */
  private docsAwaiting: HereDoc[] = [];
  private readonly warnings: string[] = [];
  private readonly docCommands: Array<{ cmd: SimpleCommand; doc: HereDoc }> = [];

  constructor(
    private readonly src: string,
    private readonly vars: Record<string, string>,
    /** Inside `${VAR:-word}`: blanks and operators are ordinary characters. */
    private readonly nested = false,
  ) {}

  private at(k = 0): string | undefined {
    return this.src[this.i + k];
  }

  /** Reads one word; `quoted` is true when any part of it was quoted (so "" is an empty argument). */
  readWord(inDouble = false): { segments: Segment[]; quoted: boolean; raw: string } {
    const start = this.i;
    const segments: Segment[] = [];
    let quoted = false;
    const lit = (text: string) => segments.push({ text, split: false });
    while (this.i < this.src.length) {
      const c = this.src[this.i] as string;
      if (!this.nested && META.has(c)) break;
      if (c === '\\') {
        const n = this.at(1);
        if (n === undefined) {
          lit('\\');
          this.i++;
        } else if (n === '\n') {
          this.i += 2;
        } else if (inDouble && !'$`"\\'.includes(n)) {
          lit('\\');
          this.i++;
        } else {
          lit(n);
          quoted = true;
          this.i += 2;
        }
      } else if (c === "'" && !inDouble) {
        const end = this.src.indexOf("'", this.i + 1);
        if (end < 0) throw eofIn("'");
        lit(this.src.slice(this.i + 1, end));
        quoted = true;
        this.i = end + 1;
      } else if (c === '"' && !inDouble) {
        quoted = true;
        segments.push(...this.readDouble());
      } else if (c === '$') {
        const q = this.readDollar(segments, inDouble);
        quoted = quoted || q;
      } else if (c === '`') {
        throw unsupported('command substitution `...`');
      } else if (c === '~' && this.i === start && !inDouble && this.tildeEnds(this.i + 1) && this.vars.HOME !== undefined) {
        lit(this.vars.HOME);
        this.i++;
      } else {
        // Unquoted text of a `${VAR:-word}` word is split like the expansion it becomes.
        segments.push({ text: c, split: this.nested && !inDouble });
        this.i++;
      }
    }
    return { segments, quoted, raw: this.src.slice(start, this.i) };
  }

  private tildeEnds(j: number): boolean {
    const n = this.src[j];
    return n === undefined || n === '/' || (!this.nested && META.has(n));
  }

  /** A double-quoted string starting at `"`: expansions apply but nothing is split. */
  private readDouble(): Segment[] {
    const segments: Segment[] = [{ text: '', split: false }];
    this.i++;
    for (;;) {
      const c = this.at();
      if (c === undefined) throw eofIn('"');
      if (c === '"') {
        this.i++;
        return segments;
      }
      if (c === '\\') {
        const n = this.at(1);
        if (n === '\n') this.i += 2;
        else if (n !== undefined && '$`"\\'.includes(n)) {
          segments.push({ text: n, split: false });
          this.i += 2;
        } else {
          segments.push({ text: '\\', split: false });
          this.i++;
        }
      } else if (c === '$') {
        this.readDollar(segments, true);
      } else if (c === '`') {
        throw unsupported('command substitution `...`');
      } else {
        segments.push({ text: c, split: false });
        this.i++;
      }
    }
  }

  /** An expansion starting at `$`. Returns true when it was a quoting form ($'...', $"..."). */
  private readDollar(segments: Segment[], inDouble: boolean): boolean {
    const n = this.at(1);
    if (n === "'" && !inDouble) {
      segments.push({ text: this.readAnsiC(), split: false });
      return true;
    }
    if (n === '"' && !inDouble) {
      this.i++;
      segments.push(...this.readDouble());
      return true;
    }
    if (n === '(' && this.at(2) === '(') {
      segments.push({ text: this.readArithmetic(), split: !inDouble });
      return false;
    }
    if (n === '(') throw unsupported('command substitution $(...)');
    if (n === '{') {
      segments.push(...this.readBraced(inDouble));
      return false;
    }
    const name = NAME.exec(this.src.slice(this.i + 1))?.[0] ?? (n !== undefined && /[0-9?$#@*!-]/.test(n) ? n : '');
    if (name === '') {
      segments.push({ text: '$', split: false });
      this.i++;
      return false;
    }
    this.i += 1 + name.length;
    segments.push({ text: this.vars[name] ?? '', split: !inDouble });
    return false;
  }

  /** `$((expr))`: the value of the integer expression. */
  private readArithmetic(): string {
    let depth = 0;
    for (let k = this.i + 3; k < this.src.length; k++) {
      const c = this.src[k];
      if (c === '(') depth++;
      else if (c === ')' && depth > 0) depth--;
      else if (c === ')' && this.src[k + 1] === ')') {
        const expr = this.src.slice(this.i + 3, k);
        this.i = k + 2;
        try {
          return String(evalArithmetic(expr, this.vars));
        } catch (e) {
          throw new ShellSyntaxError(e instanceof Error ? e.message : String(e));
        }
      }
    }
    throw new ShellSyntaxError(`unexpected EOF while looking for matching ')'`);
  }

  /** $'...' (ANSI-C quoting). */
  private readAnsiC(): string {
    let out = '';
    this.i += 2;
    for (;;) {
      const c = this.at();
      if (c === undefined) throw eofIn("'");
      this.i++;
      if (c === "'") return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.at() ?? '';
      const simple = ANSI_C[e];
      let m: RegExpExecArray | null;
      const rest = this.src.slice(this.i);
      if (simple !== undefined) {
        out += simple;
        this.i++;
      } else if ((m = /^[0-7]{1,3}/.exec(rest))) {
        out += String.fromCharCode(parseInt(m[0], 8) & 0xff);
        this.i += m[0].length;
      } else if ((m = /^x([0-9a-fA-F]{1,2})/.exec(rest)) || (m = /^u([0-9a-fA-F]{1,4})/.exec(rest)) || (m = /^U([0-9a-fA-F]{1,8})/.exec(rest))) {
        out += String.fromCodePoint(Math.min(parseInt(m[1] ?? '0', 16), 0x10ffff));
        this.i += m[0].length;
      } else if (e === 'c' && this.at(1) !== undefined) {
        out += String.fromCharCode((this.at(1) ?? '').charCodeAt(0) & 0x1f);
        this.i += 2;
      } else {
        out += '\\';
      }
    }
  }

  /** `${...}`: a name, optionally with :- - := = :+ + :? ? and a word, or `${#NAME}`. */
  private readBraced(inDouble: boolean): Segment[] {
    const open = this.i;
    let j = this.i + 2;
    let depth = 1;
    while (j < this.src.length && depth > 0) {
      const c = this.src[j];
      if (c === '\\') j++;
      else if (c === "'" && !inDouble) {
        const end = this.src.indexOf("'", j + 1);
        if (end < 0) throw eofIn("'");
        j = end;
      } else if (c === '$' && this.src[j + 1] === '{') {
        depth++;
        j++;
      } else if (c === '}') depth--;
      j++;
    }
    if (depth > 0) throw new ShellSyntaxError(`unexpected EOF while looking for matching '}'`);
    const inner = this.src.slice(open + 2, j - 1);
    this.i = j;
    const text = this.src.slice(open, j);
    const value = (name: string): Segment => ({ text: this.vars[name] ?? '', split: !inDouble });
    const length = /^#([A-Za-z_][A-Za-z0-9_]*)$/.exec(inner)?.[1];
    if (length !== undefined) return [{ text: String((this.vars[length] ?? '').length), split: false }];
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*!-])([\s\S]*)$/.exec(inner);
    if (m === null) throw new ShellSyntaxError(`${text}: bad substitution`);
    const name = m[1] ?? '';
    const rest = m[2] ?? '';
    if (rest === '') return [value(name)];
    const op = /^(:?[-=+?])/.exec(rest)?.[1];
    if (op === undefined) {
      if (/^(%|#|\/|\^|,|:)/.test(rest)) throw unsupported(`the expansion ${text}`);
      throw new ShellSyntaxError(`${text}: bad substitution`);
    }
    const wordText = rest.slice(op.length);
    const sub = new LineParser(wordText, this.vars, true);
    const word = sub.readWord(inDouble).segments.map((s) => (inDouble ? { text: s.text, split: false } : s));
    const joined = word.map((s) => s.text).join('');
    const current = this.vars[name];
    const trigger = op.startsWith(':') ? current === undefined || current === '' : current === undefined;
    switch (op.replace(':', '')) {
      case '-':
        return trigger ? word : [value(name)];
      case '=':
        if (!trigger) return [value(name)];
        this.vars[name] = joined;
        return word;
      case '+':
        return trigger ? [] : word;
      default:
        if (trigger) throw new ShellSyntaxError(`${name}: ${joined || 'parameter null or not set'}`);
        return [value(name)];
    }
  }

  /** The next operator at the cursor (without consuming it), or undefined. */
  private operator(): string | undefined {
    const three = this.src.slice(this.i, this.i + 3);
    const two = this.src.slice(this.i, this.i + 2);
    for (const op of ['&>>', '<<<', ';;&']) if (three === op) return op;
    for (const op of ['||', '&&', ';;', ';&', '|&', '>>', '>&', '>|', '&>', '<<', '<&', '<>', '<(', '>(']) if (two === op) return op;
    const c = this.at();
    return c !== undefined && '|&;<>()'.includes(c) ? c : undefined;
  }

  /** Parses the whole line. */
  parse(): CommandList {
    const items: CommandList['items'] = [];
    let pipeline: SimpleCommand[] = [];
    let cmd = this.newCommand();
    let pending: string | null = null; // an operator that requires a command after it
    let andOrStart = 0;

    const endSimple = () => {
      pipeline.push(this.finish(cmd));
      cmd = this.newCommand();
    };
    const endPipeline = (op: ';' | '&&' | '||' | 'end') => {
      endSimple();
      const only = pipeline.length === 1 ? pipeline[0] : undefined;
      // A bare `A=1` sets a shell variable that later commands on the line see.
      if (only !== undefined && only.argv.length === 0) Object.assign(this.vars, only.env);
      items.push({ pipeline: { commands: pipeline }, op });
      pipeline = [];
    };
    const requireCommand = (token: string) => {
      if (!cmd.content || pending !== null) throw nearToken(token);
    };

    for (;;) {
      while (BLANK.has(this.at() ?? '')) this.i++;
      const c = this.at();
      if (c === undefined) break;
      if (c === '\\' && this.at(1) === '\n') {
        this.i += 2;
        continue;
      }
      if (c === '#') {
        while (this.i < this.src.length && this.at() !== '\n') this.i++;
        continue;
      }
      if (c === '\n' && this.docsAwaiting.length > 0) {
        this.readDocuments(this.i + 1);
        continue;
      }
      if (c === '\n') {
        this.i++;
        if (pending === null && cmd.content) {
          endPipeline(';');
          andOrStart = items.length;
        }
        continue;
      }
      const fd = /^[0-9]+(?=[<>])/.exec(this.src.slice(this.i))?.[0];
      const op = fd === undefined ? this.operator() : undefined;
      if (fd !== undefined || (op !== undefined && (op[0] === '<' || op[0] === '>' || op === '&>' || op === '&>>'))) {
        if (fd !== undefined) this.i += fd.length;
        this.readRedirect(cmd, fd === undefined ? undefined : Number(fd));
        pending = null;
        continue;
      }
      if (op !== undefined) {
        this.i += op.length;
        switch (op) {
          case '|':
          case '|&':
            requireCommand(op);
            if (op === '|&') cmd.err = cmd.out;
            endSimple();
            pending = op;
            continue;
          case '&&':
          case '||':
            requireCommand(op);
            endPipeline(op);
            pending = op;
            continue;
          case ';':
          case '&':
            requireCommand(op);
            endPipeline(';');
            if (op === '&') {
              for (const item of items.slice(andOrStart)) for (const sc of item.pipeline.commands) sc.background = true;
            }
            andOrStart = items.length;
            continue;
          case '(':
            if (!cmd.content) throw unsupported('a subshell ( ... )');
            throw nearToken(op);
          default:
            throw nearToken(op);
        }
      }
      this.readCommandWord(cmd);
      pending = null;
    }
    // A `<<EOF` on the text's last line: the document is empty, delimited by end-of-file.
    if (this.docsAwaiting.length > 0) this.readDocuments(this.src.length);
    if (pending !== null) throw new ShellSyntaxError('syntax error: unexpected end of file');
    if (cmd.content) endPipeline('end');
    const last = items[items.length - 1];
    if (last !== undefined) last.op = 'end';
    for (const { cmd: c, doc } of this.docCommands) c.stdinText = doc.text;
    return { items, warnings: this.warnings };
  }

  /**
   * Reads the lines of the awaited here-documents from `from` and leaves the cursor at the newline
   * that ends the last delimiter line (or at the end of the text): that newline ends the command line.
   */
  private readDocuments(from: number): void {
    const docs = this.docsAwaiting;
    this.docsAwaiting = [];
    const read = readHereDocBodies(this.src, from, docs.map((d) => d.op));
    if (read.unterminated !== undefined) this.warnings.push(unterminatedWarning(this.src, read.unterminated));
    docs.forEach((d, k) => {
      const body = read.bodies[k] ?? '';
      d.text = d.op.quoted ? body : new LineParser(body, this.vars).expandDocument();
    });
    this.i = read.end;
  }

  /**
   * The text of an unquoted here-document after expansion: `$VAR`, `${...}` and `$((...))` expand;
   * a backslash quotes only `$`, `` ` `` and `\` (and joins lines before a newline); quotes are text.
   */
  expandDocument(): string {
    const segments: Segment[] = [];
    while (this.i < this.src.length) {
      const c = this.src[this.i] as string;
      const n = this.at(1);
      if (c === '\\' && n === '\n') this.i += 2;
      else if (c === '\\' && n !== undefined && '$`\\'.includes(n)) {
        segments.push({ text: n, split: false });
        this.i += 2;
      } else if (c === '$') this.readDollar(segments, true);
      else if (c === '`') throw unsupported('command substitution `...`');
      else {
        segments.push({ text: c, split: false });
        this.i++;
      }
    }
    return segments.map((s) => s.text).join('');
  }

  private newCommand(): Building {
    return { env: {}, argv: [], out: { kind: 'stdout' }, err: { kind: 'stderr' }, content: false };
  }

  /** A word of a command: an assignment while no command name has been seen, else arguments. */
  private readCommandWord(cmd: Building): void {
    const assignment = cmd.argv.length === 0 ? ASSIGNMENT.exec(this.src.slice(this.i))?.[0] : undefined;
    if (assignment !== undefined) {
      this.i += assignment.length;
      const value = this.readWord().segments.map((s) => s.text).join('');
      cmd.env[assignment.slice(0, -1)] = value;
    } else {
      const word = this.readWord();
      cmd.argv.push(...fields(word.segments, word.quoted));
    }
    cmd.content = true;
  }

  /** A redirection at the cursor (after any fd number). */
  private readRedirect(cmd: Building, fd: number | undefined): void {
    const op = this.operator() ?? '';
    if (op === '<<<') throw unsupported('a here-string (<<<)');
    if (op === '<<') {
      if (fd !== undefined && fd !== 0) throw unsupported(`the redirection ${fd}<<`);
      this.readHereDocOperator(cmd);
      return;
    }
    if (['<&', '<>', '<(', '>('].includes(op)) throw unsupported(`the redirection ${op}`);
    if (fd !== undefined && fd > 2) throw unsupported(`redirecting file descriptor ${fd}`);
    this.i += op.length;
    while (BLANK.has(this.at() ?? '')) this.i++;
    const next = this.at();
    if (next === undefined || next === '\n') throw nearToken('newline');
    const nextOp = this.operator();
    if (nextOp !== undefined) throw nearToken(nextOp);
    const word = this.readWord();
    const targets = fields(word.segments, word.quoted);
    if (targets.length !== 1) throw new ShellSyntaxError(`${word.raw}: ambiguous redirect`);
    const target = targets[0] as string;
    const file = (append: boolean): Target => ({ kind: 'file', path: target, append });
    cmd.content = true;
    switch (op) {
      case '<':
        if (fd !== undefined && fd !== 0) throw unsupported(`the redirection ${fd}<`);
        cmd.stdin = { kind: 'file', path: target };
        return;
      case '&>':
      case '&>>':
        cmd.out = file(op === '&>>');
        cmd.err = cmd.out;
        return;
      case '>&':
        if (target === '1' || target === '2') {
          const dup = target === '1' ? cmd.out : cmd.err;
          if (fd === 2) cmd.err = dup;
          else cmd.out = dup;
          return;
        }
        if (fd !== undefined) throw unsupported(`the redirection ${fd}>&${target}`);
        cmd.out = file(false);
        cmd.err = cmd.out;
        return;
      default: {
        const t = file(op === '>>');
        if (fd === 2) cmd.err = t;
        else if (fd === 0) throw unsupported(`the redirection 0${op}`);
        else cmd.out = t;
      }
    }
  }

  /** `<<WORD`: the document is read when the line ends (see readDocuments). */
  private readHereDocOperator(cmd: Building): void {
    const read = readHereDocOp(this.src, this.i);
    if (read === undefined) {
      this.i += 2;
      while (BLANK.has(this.at() ?? '')) this.i++;
      if (this.at() === '-') this.i++;
      while (BLANK.has(this.at() ?? '')) this.i++;
      const next = this.at();
      if (next === undefined || next === '\n') throw nearToken('newline');
      const nextOp = this.operator();
      if (nextOp !== undefined) throw nearToken(nextOp);
      // Only an unclosed quote in the word is left; reading it reports bash's error.
      this.readWord();
      throw nearToken('newline');
    }
    const doc: HereDoc = { op: read.op, text: '' };
    this.docsAwaiting.push(doc);
    cmd.stdin = { kind: 'doc', doc };
    cmd.content = true;
    this.i = read.end;
  }

  /** Turns the redirection targets into the SimpleCommand fields. */
  private finish(b: Building): SimpleCommand {
    const cmd: SimpleCommand = { env: b.env, argv: b.argv, background: false };
    if (b.stdin?.kind === 'file') cmd.stdinFile = b.stdin.path;
    // The document's lines come after the line ends, when this command may be finished already:
    // its text is set once the whole text is read.
    else if (b.stdin?.kind === 'doc') this.docCommands.push({ cmd, doc: b.stdin.doc });
    if (b.out.kind === 'file') {
      cmd.stdoutFile = b.out.path;
      if (b.out.append) cmd.appendStdout = true;
    }
    if (b.err === b.out || (b.err.kind === 'stdout' && b.out.kind === 'stdout')) cmd.stderrToStdout = true;
    else if (b.err.kind === 'file') {
      cmd.stderrFile = b.err.path;
      if (b.err.append) cmd.appendStderr = true;
    }
    if (b.out.kind === 'stderr' && b.err.kind === 'stderr') cmd.stdoutToStderr = true;
    return cmd;
  }
}

/**
 * Parses one command line (possibly spanning lines through continuations or open quotes). `vars` are
 * the shell variables `$VAR` expands from (unknown ones expand to nothing, as in sh); bare `A=1`
 * commands on the line update a copy of them for the commands after it. Throws ShellSyntaxError.
 */
export function parseShellLine(line: string, vars: Record<string, string> = {}): CommandList {
  return new LineParser(line, { ...vars }).parse();
}

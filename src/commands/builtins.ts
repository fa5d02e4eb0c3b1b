// The few shell utilities docs pages pipe through or pause with: echo, sleep (advances simulated
// time), cat, grep (several -e patterns, -vwxicqFE), wc -l, head, tail, true, false. Enough for lines like
// `vtctldclient GetTablets --keyspace customer | grep -w primary | awk ...`-free checks and
// `sleep 5` between steps; anything else is "command not found", as a shell would say.

import type { CommandResult } from './types.js';
import type { CommandSession } from './session.js';
import { parseGoDuration } from '../common/go-duration.js';

const BUILTINS = new Set(['echo', 'sleep', 'cat', 'grep', 'wc', 'head', 'tail', 'true', 'false', 'clear']);

export function isBuiltin(name: string): boolean {
  return BUILTINS.has(name);
}

function ok(stdout = ''): CommandResult {
  return { stdout, stderr: '', exitCode: 0 };
}

function fail(stderr: string, exitCode = 1): CommandResult {
  return { stdout: '', stderr, exitCode };
}

function lines(text: string): string[] {
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

export function runBuiltin(session: CommandSession, name: string, args: string[], stdin: string | undefined): CommandResult {
  switch (name) {
    case 'true':
    case 'clear':
      return ok();
    case 'false':
      return fail('', 1);
    case 'echo': {
      const noNewline = args[0] === '-n';
      const text = (noNewline ? args.slice(1) : args).join(' ');
      return ok(noNewline ? text : `${text}\n`);
    }
    case 'sleep': {
      const arg = args[0] ?? '';
      // sleep takes seconds (`sleep 5`, `sleep 0.5`) or Go-style durations (`sleep 5s`) here.
      const ms = /^\d+(\.\d+)?$/.test(arg) ? Math.round(Number(arg) * 1000) : safeDuration(arg);
      if (ms === undefined) return fail(`sleep: invalid time interval '${arg}'\n`);
      session.cluster.env.scheduler.advance(ms);
      return ok();
    }
    case 'cat': {
      if (args.length === 0) return ok(stdin ?? '');
      let out = '';
      for (const f of args) {
        const text = session.readFile(f);
        if (text === undefined) return fail(`cat: ${f}: No such file or directory\n`);
        out += text;
      }
      return ok(out);
    }
    case 'grep':
      return grep(args, stdin);
    case 'wc': {
      const text = stdin ?? '';
      if (args.includes('-l')) return ok(`${lines(text).length}\n`);
      if (args.includes('-c')) return ok(`${new TextEncoder().encode(text).length}\n`);
      const words = text.split(/\s+/).filter((w) => w !== '').length;
      return ok(`${lines(text).length} ${words} ${text.length}\n`);
    }
    case 'head':
    case 'tail': {
      const nArg = args.find((a) => /^-n?\d+$/.test(a));
      const n = nArg ? Number(nArg.replace(/^-n?/, '')) : 10;
      const l = lines(stdin ?? '');
      const picked = name === 'head' ? l.slice(0, n) : l.slice(Math.max(0, l.length - n));
      return ok(picked.map((x) => `${x}\n`).join(''));
    }
    default:
      return fail(`bash: ${name}: command not found\n`, 127);
  }
}

interface GrepOptions {
  patterns: string[];
  invert: boolean;
  word: boolean;
  line: boolean;
  icase: boolean;
  count: boolean;
  quiet: boolean;
  fixed: boolean;
}

/**
 * grep over standard input: patterns given as the first operand or with `-e` (any number; a line
 * matching any of them is selected), and the options docs pages use: -v -w -x -i -c -q -F -E.
 * Patterns are read as extended regular expressions.
 */
function grep(args: string[], stdin: string | undefined): CommandResult {
  const o: GrepOptions = { patterns: [], invert: false, word: false, line: false, icase: false, count: false, quiet: false, fixed: false };
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a === '-e' || a === '--regexp') {
      const p = args[++i];
      if (p === undefined) return fail("grep: option requires an argument -- 'e'\nUsage: grep [OPTION]... PATTERNS [FILE]...\n", 2);
      o.patterns.push(p);
      continue;
    }
    if (a.startsWith('--regexp=')) {
      o.patterns.push(a.slice('--regexp='.length));
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j] as string;
        if (f === 'e') {
          // -epattern, or -e as the last letter of a group takes the next argument.
          const rest = a.slice(j + 1);
          const p = rest !== '' ? rest : args[++i];
          if (p === undefined) return fail("grep: option requires an argument -- 'e'\nUsage: grep [OPTION]... PATTERNS [FILE]...\n", 2);
          o.patterns.push(p);
          break;
        }
        if (f === 'v') o.invert = true;
        else if (f === 'w') o.word = true;
        else if (f === 'x') o.line = true;
        else if (f === 'i') o.icase = true;
        else if (f === 'c') o.count = true;
        else if (f === 'q') o.quiet = true;
        else if (f === 'F') o.fixed = true;
        else if (f === 'E' || f === 'G') continue;
        else return fail(`grep: invalid option -- '${f}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\n`, 2);
      }
      continue;
    }
    operands.push(a);
  }
  if (o.patterns.length === 0) {
    const p = operands.shift();
    if (p === undefined) return fail('Usage: grep [OPTION]... PATTERNS [FILE]...\n', 2);
    // A pattern operand holding newlines is one pattern per line, as in grep.
    o.patterns.push(...p.split('\n'));
  }
  const escape = (p: string): string => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const res = o.patterns.map((p) => {
    const body = o.fixed ? escape(p) : p;
    const src = o.line ? `^(?:${body})$` : o.word ? `\\b(?:${body})\\b` : body;
    try {
      return new RegExp(src, o.icase ? 'i' : '');
    } catch {
      return new RegExp(o.line ? `^${escape(p)}$` : escape(p), o.icase ? 'i' : '');
    }
  });
  const matched = lines(stdin ?? '').filter((l) => res.some((re) => re.test(l)) !== o.invert);
  const exitCode = matched.length > 0 ? 0 : 1;
  if (o.quiet) return { stdout: '', stderr: '', exitCode };
  if (o.count) return { stdout: `${matched.length}\n`, stderr: '', exitCode };
  return { stdout: matched.map((l) => `${l}\n`).join(''), stderr: '', exitCode };
}

function safeDuration(s: string): number | undefined {
  try {
    return parseGoDuration(s);
  } catch {
    return undefined;
  }
}

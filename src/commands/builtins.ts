// The few shell utilities docs pages pipe through or pause with: echo, sleep (advances simulated
// time), cat, grep, wc -l, head, tail, true, false. Enough for lines like
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
    case 'grep': {
      const flags = args.filter((a) => a.startsWith('-'));
      const rest = args.filter((a) => !a.startsWith('-'));
      const pattern = rest[0];
      if (pattern === undefined) return fail('Usage: grep [OPTION]... PATTERNS [FILE]...\n', 2);
      const invert = flags.some((f) => f.includes('v'));
      const word = flags.some((f) => f.includes('w'));
      const icase = flags.some((f) => f.includes('i'));
      const count = flags.some((f) => f.includes('c'));
      const src = word ? `\\b(?:${pattern})\\b` : pattern;
      let re: RegExp;
      try {
        re = new RegExp(src, icase ? 'i' : '');
      } catch {
        re = new RegExp(src.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), icase ? 'i' : '');
      }
      const matched = lines(stdin ?? '').filter((l) => re.test(l) !== invert);
      if (count) return { stdout: `${matched.length}\n`, stderr: '', exitCode: matched.length > 0 ? 0 : 1 };
      return { stdout: matched.map((l) => `${l}\n`).join(''), stderr: '', exitCode: matched.length > 0 ? 0 : 1 };
    }
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

function safeDuration(s: string): number | undefined {
  try {
    return parseGoDuration(s);
  } catch {
    return undefined;
  }
}

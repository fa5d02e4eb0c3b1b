// `vtsim shell`: the command language at a prompt. On a terminal it is interactive (readline, history);
// with stdin not a terminal it reads one command per line (backslash and open-quote continuations
// joined), prints each output, carries on after errors, and exits 0 at the end of input.

import { createInterface } from 'node:readline';
import { Cluster } from '../cluster/cluster.js';
import { CommandSession } from '../commands/session.js';
import { splitScript } from '../commands/cli-kit/shell-script.js';
import { readUserFile } from './fs-reader.js';
import { reportCrash } from './crash.js';

export interface ShellOptions {
  seed: number;
}

const BANNER = `vtsim shell: a simulated Vitess cluster (seed %SEED%).
Type the commands of the Vitess docs: ./101_initial_cluster.sh, mysql ..., vtctldclient ...
'vtsim help' lists the simulator's own commands; 'exit' or Ctrl-D quits.
`;

export async function runShell(options: ShellOptions): Promise<number> {
  const cluster = await Cluster.create({ seed: options.seed });
  const session = new CommandSession(cluster, { readFile: readUserFile });
  const runLine = (line: string): void => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    try {
      const r = session.run(trimmed);
      if (r.stdout) process.stdout.write(r.stdout);
      if (r.stderr) process.stderr.write(r.stderr);
    } catch (e) {
      reportCrash(e, cluster.env.seed, trimmed);
    }
  };

  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    try {
      for await (const c of process.stdin) chunks.push(c as Buffer);
    } catch (e) {
      process.stderr.write(`vtsim: cannot read standard input: ${(e as Error).message}\n`);
      return 1;
    }
    for (const line of splitScript(Buffer.concat(chunks).toString('utf8'))) runLine(line);
    return 0;
  }

  process.stdout.write(BANNER.replace('%SEED%', String(options.seed)));
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'vtsim> ', historySize: 500 });
  let pending = '';
  rl.prompt();
  for await (const line of rl) {
    const text = pending ? `${pending}\n${line}` : line;
    const parts = splitScript(text);
    // An unfinished line (trailing backslash or open quote) waits for more input.
    if (/\\$/.test(line) || (parts.length === 1 && hasOpenQuote(text))) {
      pending = text;
      rl.setPrompt('> ');
      rl.prompt();
      continue;
    }
    pending = '';
    rl.setPrompt('vtsim> ');
    for (const p of parts) {
      if (p.trim() === 'exit' || p.trim() === 'quit') {
        rl.close();
        return 0;
      }
      runLine(p);
    }
    rl.prompt();
  }
  return 0;
}

function hasOpenQuote(text: string): boolean {
  let q: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '\\' && q === '"') i++;
      else if (c === q) q = null;
    } else if (c === '\\') i++;
    else if (c === "'" || c === '"') q = c;
  }
  return q !== null;
}

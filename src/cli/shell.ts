// `vtsim shell`: the command language at a prompt. On a terminal it is interactive (readline, history);
// with stdin not a terminal it reads one command per line (backslash and open-quote continuations
// joined, a here-document's lines kept with its command), prints each output, carries on after errors, and exits 0 at the end of input.

import { createInterface } from 'node:readline';
import { Cluster } from '../cluster/cluster.js';
import { CommandSession } from '../commands/session.js';
import { needsMoreInput, splitScript } from '../commands/cli-kit/shell-script.js';
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
    for (const line of splitScript(Buffer.concat(chunks).toString('utf8'))) {
      const code = exitCode(line);
      if (code !== undefined) return code;
      runLine(line);
    }
    return 0;
  }

  process.stdout.write(BANNER.replace('%SEED%', String(options.seed)));
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'vtsim> ', historySize: 500 });
  let pending = '';
  rl.prompt();
  for await (const line of rl) {
    const text = pending ? `${pending}\n${line}` : line;
    // An unfinished command (open quote, trailing backslash, | or &&, a `for` without its `done`)
    // waits for more input, as bash's PS2 prompt does.
    if (needsMoreInput(text)) {
      pending = text;
      rl.setPrompt('> ');
      rl.prompt();
      continue;
    }
    pending = '';
    rl.setPrompt('vtsim> ');
    for (const p of splitScript(text)) {
      const code = exitCode(p);
      if (code !== undefined) {
        rl.close();
        return code;
      }
      runLine(p);
    }
    rl.prompt();
  }
  // Ctrl-D while a command waits for more: bash runs what it has, warning about a here-document
  // delimited by end-of-file or reporting the open quote.
  for (const p of pending === '' ? [] : splitScript(pending)) {
    const code = exitCode(p);
    if (code !== undefined) return code;
    runLine(p);
  }
  return 0;
}

/** `exit`, `exit N` or `quit`: the status to end the shell with (bash keeps the low 8 bits). */
function exitCode(line: string): number | undefined {
  const m = /^(?:exit|quit)(?:\s+(\d+))?\s*;?$/.exec(line.trim());
  if (!m) return undefined;
  return m[1] === undefined ? 0 : Number(m[1]) & 255;
}

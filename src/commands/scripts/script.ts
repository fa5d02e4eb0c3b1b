// A script of the local example: a name (matched by file name, so `./101_initial_cluster.sh` and
// `../common/scripts/vttablet-up.sh` both work) and what it does, in terms of other commands.

import type { CommandResult } from '../types.js';
import type { CommandSession } from '../session.js';

export interface Script {
  /** File name, e.g. '101_initial_cluster.sh' or 'vttablet-up.sh'. */
  name: string;
  /** Environment variables the script reads, for --help and errors. */
  usage: string;
  run(session: CommandSession, args: string[], env: Record<string, string>): CommandResult;
}

/** Accumulates the output of a script's steps and stops at the first failure, like `set -e`. */
export class ScriptOutput {
  stdout = '';
  stderr = '';
  exitCode = 0;

  print(line: string): void {
    this.stdout += `${line}\n`;
  }

  /** Runs one step; returns false (and records the failure) if it failed. */
  step(r: CommandResult): boolean {
    this.stdout += r.stdout;
    this.stderr += r.stderr;
    if (r.exitCode !== 0) this.exitCode = r.exitCode;
    return r.exitCode === 0;
  }

  fail(message: string): CommandResult {
    this.stdout += `ERROR: ${message}\n`;
    this.exitCode = 1;
    return this.result();
  }

  result(): CommandResult {
    return { stdout: this.stdout, stderr: this.stderr, exitCode: this.exitCode };
  }
}

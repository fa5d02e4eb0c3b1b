// CommandSession: the command language of vtsim (DESIGN.md §1) over one simulated cluster. It parses a
// shell-like line, runs each command (mysql, vtctldclient, the local example's scripts, vtsim's own
// commands, a few shell builtins), wires pipes and redirects, and lets simulated time settle after
// each line the way a reader pauses between commands. The shell, the lesson runner, the TUI console
// and the control port all run commands through this one class.

import type { CommandResult, CommandRunner } from './types.js';
import type { Cluster } from '../cluster/cluster.js';
import { errorMessage, isVtError } from '../common/errors.js';
import { parseShellLine } from './cli-kit/shell-line.js';
import { expandBraces, findForLoop } from './cli-kit/shell-loop.js';
import type { LoopLine } from './cli-kit/shell-loop.js';
import type { SimpleCommand } from './cli-kit/shell-line.js';
import type { FileReader } from './files.js';
import { resolveFile } from './files.js';
import { runBuiltin, isBuiltin } from './builtins.js';
import { findScript } from './scripts/registry.js';
import { runVtctldclient } from './vtctldclient/dispatch.js';
import { runMysqlCommand } from './mysql-command.js';
import { runVtsim } from './vtsim-command.js';
import { settle } from '../cluster/settle.js';

export interface SessionOptions {
  /** Reads files from the user's file system (injected by the CLI; tests may omit it). */
  readFile?: FileReader;
  /** Let time pass after each command until the cluster is quiet (default on). */
  settle?: boolean;
}

/** Commands of the Kubernetes operator path: recognised, not simulated. */
const OPERATOR_COMMANDS = new Set(['kubectl', 'helm', 'minikube', 'kind', 'pf.sh', 'killall']);

const SHELL_NOOPS = new Set(['source', '.', 'cd', 'pushd', 'popd', 'alias']);

export class CommandSession implements CommandRunner {
  readonly vars: Record<string, string> = { VTDATAROOT: '/vt/vtdataroot', CELL: 'zone1' };
  /** Files written with `>` during this session (the core has no real file system). */
  readonly virtualFiles = new Map<string, string>();
  settleEnabled: boolean;

  constructor(
    readonly cluster: Cluster,
    private readonly options: SessionOptions = {},
  ) {
    this.settleEnabled = options.settle ?? true;
  }

  /** Reads a file named by a command: files written in this session, the user's files, then bundled ones. */
  readFile(path: string): string | undefined {
    return this.virtualFiles.get(path) ?? resolveFile(path, this.options.readFile);
  }

  /** Runs a line, then lets the cluster settle (when settling is on). */
  run(line: string, stdin?: string): CommandResult {
    const r = this.exec(line, stdin);
    if (this.settleEnabled) settle(this.cluster);
    return r;
  }

  /** Runs a line without settling afterwards (scripts run their steps back to back). */
  exec(line: string, stdin?: string): CommandResult {
    let loop: LoopLine | undefined;
    try {
      loop = findForLoop(line);
    } catch (e) {
      return { stdout: '', stderr: `bash: ${errorMessage(e)}\n`, exitCode: 2 };
    }
    if (loop !== undefined) return this.execLoop(loop, stdin);
    const out: CommandResult = { stdout: '', stderr: '', exitCode: 0 };
    let list;
    try {
      list = parseShellLine(line, this.vars);
    } catch (e) {
      return { stdout: '', stderr: `bash: ${errorMessage(e)}\n`, exitCode: 2 };
    }
    // bash warns while reading the line, before anything on it runs.
    for (const w of list.warnings) out.stderr += `bash: ${w}\n`;
    let skipNext = false;
    for (const item of list.items) {
      if (!skipNext) {
        let input = stdin;
        let r: CommandResult = { stdout: '', stderr: '', exitCode: 0 };
        for (const cmd of item.pipeline.commands) {
          r = this.runSimple(cmd, input);
          input = r.stdout;
          out.stderr += r.stderr;
        }
        out.stdout += r.stdout;
        out.exitCode = r.exitCode;
      }
      skipNext = (item.op === '&&' && out.exitCode !== 0) || (item.op === '||' && out.exitCode === 0);
    }
    return out;
  }

  /**
   * A line holding a for loop: what comes before it, the body once per value (expanded afresh each
   * time, with the loop variable set as a shell variable, as bash leaves it), then the rest.
   */
  private execLoop(loop: LoopLine, stdin: string | undefined): CommandResult {
    const out: CommandResult = { stdout: '', stderr: '', exitCode: 0 };
    const add = (r: CommandResult): void => {
      out.stdout += r.stdout;
      out.stderr += r.stderr;
      out.exitCode = r.exitCode;
    };
    if (loop.before !== '') add(this.exec(loop.before, stdin));
    const skip = (op: string): boolean => (op === '&&' && out.exitCode !== 0) || (op === '||' && out.exitCode === 0);
    if (!skip(loop.beforeOp)) {
      let values: string[];
      try {
        // Brace expansion ({300..302}) comes first in bash, then the usual expansions of each word.
        const words = loop.words.flatMap(expandBraces).join(' ');
        values = words === '' ? [] : (parseShellLine(`for ${words}`, this.vars).items[0]?.pipeline.commands[0]?.argv.slice(1) ?? []);
      } catch (e) {
        return { stdout: out.stdout, stderr: `${out.stderr}bash: ${errorMessage(e)}\n`, exitCode: 2 };
      }
      out.exitCode = 0;
      for (const v of values) {
        this.vars[loop.name] = v;
        add(this.exec(loop.body, stdin));
      }
    }
    if (loop.after !== '' && !skip(loop.afterOp)) add(this.exec(loop.after, stdin));
    return out;
  }

  private runSimple(cmd: SimpleCommand, pipedInput: string | undefined): CommandResult {
    if (cmd.argv.length === 0) {
      Object.assign(this.vars, cmd.env);
      return { stdout: '', stderr: '', exitCode: 0 };
    }
    let stdin = cmd.stdinText ?? pipedInput;
    if (cmd.stdinFile !== undefined) {
      stdin = this.readFile(cmd.stdinFile);
      if (stdin === undefined) {
        return { stdout: '', stderr: `bash: ${cmd.stdinFile}: No such file or directory\n`, exitCode: 1 };
      }
    }
    const env = { ...this.vars, ...cmd.env };
    let r: CommandResult;
    try {
      r = this.dispatch(cmd.argv, env, stdin);
    } catch (e) {
      if (!isVtError(e)) throw e;
      r = { stdout: '', stderr: `${e.message}\n`, exitCode: 1 };
    }
    if (cmd.stdoutFile !== undefined) {
      const prev = cmd.appendStdout ? (this.virtualFiles.get(cmd.stdoutFile) ?? '') : '';
      this.virtualFiles.set(cmd.stdoutFile, prev + r.stdout);
      r = { ...r, stdout: '' };
    }
    return r;
  }

  private dispatch(argv: string[], env: Record<string, string>, stdin: string | undefined): CommandResult {
    const name = argv[0] as string;
    const args = argv.slice(1);
    const base = name.split('/').pop() ?? name;
    if (base === 'mysql') return runMysqlCommand(this, args, stdin);
    if (base === 'vtctldclient') return runVtctldclient(this, args);
    if (base === 'vtsim') return runVtsim(this, args);
    // The shell-preparing lines of the docs (`cd vitess/examples/local`, `source ../common/env.sh`,
    // `alias ...`): the session already stands in examples/local with env.sh's aliases, so they succeed.
    if (SHELL_NOOPS.has(base)) return { stdout: '', stderr: '', exitCode: 0 };
    if (base === 'unset') {
      for (const a of args) delete this.vars[a];
      return { stdout: '', stderr: '', exitCode: 0 };
    }
    if (base === 'export') {
      for (const a of args) {
        const eq = a.indexOf('=');
        if (eq > 0) this.vars[a.slice(0, eq)] = a.slice(eq + 1);
      }
      return { stdout: '', stderr: '', exitCode: 0 };
    }
    const script = findScript(name);
    if (script) return script.run(this, args, env);
    if (OPERATOR_COMMANDS.has(base)) {
      return {
        stdout: '',
        stderr: `vtsim: ${name} is not simulated (Kubernetes operator path); vtsim follows the local example.\n`,
        exitCode: 0,
      };
    }
    if (isBuiltin(base)) return runBuiltin(this, base, args, stdin);
    return { stdout: '', stderr: `bash: ${name}: command not found\n`, exitCode: 127 };
  }
}

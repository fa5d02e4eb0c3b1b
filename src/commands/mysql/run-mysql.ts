// The `mysql` command: the MySQL command-line client connected to vtgate. It reads SQL from -e or
// from stdin (a `<` redirect or a pipe), runs each statement on a new connection's session, and
// prints what the real client prints: boxes for --table (and for -e on a terminal), tab-separated
// rows with a header in batch mode, `\! echo` output, and `ERROR nnnn (SQLSTATE) at line N: ...` on
// stderr, stopping at the first error unless --force.
// Mirrors client/mysql.cc: main() (batch when stdin or stdout is not a terminal, or with -e; silent
// when either is not a terminal), com_go (print_table_data / print_tab_data / vertical), put_info /
// put_error (errors with the statement's first line in batch mode), com_use, com_shell.

import type { CommandResult } from '../types.js';
import type { VTGate } from '../../router/vtgate.js';
import type { Session } from '../../router/session.js';
import type { QueryResult } from '../../common/sql-types.js';
import { isVtError } from '../../common/errors.js';
import { MysqlArgsError, parseMysqlArgs } from '../cli-kit/mysql-args.js';
import type { MysqlOptions } from '../cli-kit/mysql-args.js';
import { parseShellLine } from '../cli-kit/shell-line.js';
import {
  emptySetLine,
  formatMysqlError,
  okPacketLine,
  renderBatch,
  renderBox,
  renderVertical,
  rowsInSetLine,
} from '../render/mysql-output.js';
import type { ResultSet } from '../render/result-set.js';
import type { ClientAction } from './client-reader.js';
import { readClientInput, useArgument } from './client-reader.js';

export interface MysqlContext {
  vtgate: VTGate;
  /** Whether stdout is a terminal (in the shell and lessons it is, so `-e` prints boxes). */
  stdoutIsTerminal: boolean;
  /**
   * An interactive prompt (`mysql>`): statements come from the user one by one, errors print
   * without "at line N", and the client prints its status lines (Query OK, N rows in set).
   */
  interactive?: boolean;
  /** Reused across calls for an interactive console; a command line always opens a new connection. */
  session?: Session;
}

/** The version line of `mysql --version` (the Oracle 8.0 client the local example uses). */
export const MYSQL_CLIENT_VERSION = 'mysql  Ver 8.0.40 for Linux on x86_64 (MySQL Community Server - GPL)';

interface Output {
  stdout: string;
  stderr: string;
  errors: number;
}

/** Runs `mysql <argv>` with optional stdin. Never throws for SQL or usage errors. */
export function runMysql(argv: readonly string[], stdin: string | undefined, ctx: MysqlContext): CommandResult {
  let opts: MysqlOptions;
  try {
    opts = parseMysqlArgs(argv);
  } catch (e) {
    if (e instanceof MysqlArgsError) return { stdout: '', stderr: `${e.message}\n`, exitCode: e.exitCode };
    throw e;
  }
  const out: Output = { stdout: '', stderr: opts.warnings.map((w) => `${w}\n`).join(''), errors: 0 };
  if (opts.version) return { stdout: `${MYSQL_CLIENT_VERSION}\n`, stderr: out.stderr, exitCode: 0 };
  if (opts.help) return { stdout: `${MYSQL_CLIENT_VERSION}\nUsage: mysql [OPTIONS] [database]\n`, stderr: out.stderr, exitCode: 0 };

  const input = opts.execute ?? stdin;
  const interactive = ctx.interactive === true && opts.execute === undefined;
  // main(): input from -e or a non-terminal stdin is batch mode; silent when stdin or stdout is not
  // a terminal (stdin is a file or pipe whenever it is given here).
  const batch = !interactive && (opts.execute !== undefined || stdin !== undefined || opts.batch);
  const stdinIsTerminal = opts.execute !== undefined || stdin === undefined || interactive;
  const silent = Math.max(opts.silentLevel, !stdinIsTerminal || !ctx.stdoutIsTerminal ? 1 : 0);
  if (input === undefined) return { stdout: '', stderr: out.stderr, exitCode: 0 };

  const session = ctx.session ?? ctx.vtgate.newSession(opts.database ?? '');
  const columnNames = opts.columnNames && !opts.skipColumnNames;
  const ignoreErrors = opts.force || interactive;

  const onError = (e: { errno: number; sqlState: string; message: string }, line: number): boolean => {
    out.errors++;
    out.stderr += formatMysqlError(e, { batch, line: opts.lineNumbers ? line : undefined }) + '\n';
    return ignoreErrors;
  };

  const print = (r: QueryResult, vertical: boolean): void => {
    if (r.fields.length === 0) {
      if (interactive) out.stdout += `${okPacketLine(r.rowsAffected, 0)}\n\n`;
      return;
    }
    const rs: ResultSet = { fields: r.fields, rows: r.rows };
    if (r.rows.length === 0) {
      if (interactive) out.stdout += `${emptySetLine(0)}\n\n`;
      return;
    }
    if (vertical || opts.vertical) out.stdout += renderVertical(rs, { columnNames });
    else if (silent > 0 && opts.verbose < 3 && !opts.table) {
      out.stdout += renderBatch(rs, { columnNames: columnNames && silent < 2, raw: opts.raw });
    } else out.stdout += renderBox(rs, { columnNames });
    if (interactive) out.stdout += `${rowsInSetLine(r.rows.length, 0)}\n\n`;
  };

  const handle = (a: ClientAction): boolean => {
    if (a.kind === 'command') {
      switch (a.command) {
        case 'quit':
          return false;
        case 'system':
          out.stdout += systemCommand(a.arg, out);
          return true;
        case 'use': {
          const db = useArgument(a.arg);
          if (db === '') return onError({ errno: 0, sqlState: '', message: 'USE must be followed by a database name' }, a.line);
          // com_use: COM_INIT_DB (vtgate runs it as `use`), then the client's own status line.
          return execute(`use \`${db.replace(/`/g, '``')}\``, a.line, false, () => {
            if (interactive) out.stdout += 'Database changed\n';
          }, false);
        }
        case 'source':
          return onError({ errno: 0, sqlState: '', message: `Failed to open file '${a.arg}', error: 2` }, a.line);
        default:
          return true;
      }
    }
    return execute(a.sql, a.line, a.vertical);
  };

  const execute = (sql: string, line: number, vertical: boolean, after?: () => void, show = true): boolean => {
    let r: QueryResult;
    try {
      r = ctx.vtgate.execute(session, sql);
    } catch (e) {
      if (!isVtError(e)) throw e;
      return onError(e, line);
    }
    if (show) print(r, vertical);
    after?.();
    return true;
  };

  readClientInput(input, handle);
  if (ctx.session === undefined) ctx.vtgate.closeSession(session);
  return { stdout: out.stdout, stderr: out.stderr, exitCode: out.errors > 0 ? 1 : 0 };
}

/**
 * `\! <command>`: the client runs it with the shell. vtsim runs `echo` (the example's SQL files use it
 * to print headings) and refuses anything else.
 */
function systemCommand(arg: string, out: Output): string {
  let argv: string[];
  try {
    const list = parseShellLine(arg);
    argv = list.items[0]?.pipeline.commands[0]?.argv ?? [];
  } catch {
    argv = [];
  }
  if (argv.length === 0) return '';
  if (argv[0] !== 'echo') {
    out.stderr += `sh: 1: ${argv[0]}: not simulated (vtsim's mysql runs only echo)\n`;
    return '';
  }
  let words = argv.slice(1);
  let newline = true;
  if (words[0] === '-n') {
    newline = false;
    words = words.slice(1);
  }
  return words.join(' ') + (newline ? '\n' : '');
}

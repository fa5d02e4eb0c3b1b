// The `mysql` command as the local example's alias runs it (`mysql -h 127.0.0.1 -P 15306`): a client
// connection to vtgate. Connecting needs vtgate to be running, as it would on a real machine.

import type { CommandResult } from './types.js';
import type { CommandSession } from './session.js';
import { runMysql } from './mysql/run-mysql.js';

export function runMysqlCommand(session: CommandSession, args: string[], stdin: string | undefined): CommandResult {
  const vtgate = session.cluster.vtgate;
  if (!vtgate) {
    return {
      stdout: '',
      stderr: "ERROR 2003 (HY000): Can't connect to MySQL server on '127.0.0.1:15306' (111)\n",
      exitCode: 1,
    };
  }
  // -e, -eSQL, bundled short options ending in e (-tBe), --execute[=SQL].
  const executes = args.some((a) => /^-[a-zA-Z]*e/.test(a) || a.startsWith('--execute'));
  const asksHelp = args.some((a) => a === '--help' || a === '-?' || a === '-I' || a === '-V' || a === '--version');
  if (stdin === undefined && !executes && !asksHelp) {
    // A line-by-line command language cannot host the client's own interactive prompt.
    return {
      stdout: '',
      stderr:
        'vtsim: the interactive mysql prompt is not available here; use mysql -e "SQL", mysql < file.sql,\n' +
        'or run `vtsim serve` and connect a real mysql client to 127.0.0.1:15306.\n',
      exitCode: 1,
    };
  }
  return runMysql(args, stdin, { vtgate, stdoutIsTerminal: true });
}

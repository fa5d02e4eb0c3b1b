// How the mysql client reads its input: line by line, cutting statements at the delimiter (`;`
// unless changed with `delimiter`), aware of quoted strings and comments (which it strips before
// sending, as the client does without --comments), and recognising its own commands: `\! cmd`
// (system), `use db`, `\G` / `\g`, `\c`, `delimiter`, `quit` / `exit` / `\q`, `source` / `\.`.
// Mirrors client/mysql.cc (read_and_execute, add_line, find_command, com_use's get_arg): named
// commands without a backslash count only at the start of a line while no statement is pending;
// each statement remembers the line it started on, for "ERROR ... at line N".

/** What the reader found, in input order. */
export type ClientAction =
  | { kind: 'statement'; sql: string; line: number; vertical: boolean }
  | { kind: 'command'; command: ClientCommand; arg: string; line: number };

export type ClientCommand = 'system' | 'use' | 'quit' | 'delimiter' | 'source' | 'ignored';

/** Named commands (mysql.cc commands[]), by the word that starts them. */
const NAMED: Record<string, ClientCommand> = {
  use: 'use',
  system: 'system',
  quit: 'quit',
  exit: 'quit',
  delimiter: 'delimiter',
  source: 'source',
  // Accepted and ignored: nothing in vtsim to show or change.
  clear: 'ignored',
  status: 'ignored',
  help: 'ignored',
  charset: 'ignored',
  warnings: 'ignored',
  nowarning: 'ignored',
  rehash: 'ignored',
  prompt: 'ignored',
  pager: 'ignored',
  nopager: 'ignored',
  tee: 'ignored',
  notee: 'ignored',
  print: 'ignored',
  go: 'ignored',
  ego: 'ignored',
};

/** Backslash commands: the letter after `\` (ones that take the rest of the line as argument). */
const SHORT_WITH_ARG: Record<string, ClientCommand> = {
  '!': 'system',
  u: 'use',
  d: 'delimiter',
  '.': 'source',
  C: 'ignored',
  T: 'ignored',
  P: 'ignored',
  R: 'ignored',
  W: 'ignored',
  w: 'ignored',
};
const SHORT_NO_ARG = new Set(['q', 'G', 'g', 'c', 's', 'h', '?', 'p', 't', 'n', 'e', 'r', '#', 'x', 'X']);

/**
 * Reads mysql client input and calls `emit` for each statement or client command, in order. `emit`
 * returns false to stop reading (quit, or an error without --force).
 */
export function readClientInput(input: string, emit: (a: ClientAction) => boolean): void {
  let delimiter = ';';
  let buf = '';
  let startLine = 0;
  let inString: string | undefined;
  let inComment = false;
  /** A kept comment (/*! or /*+) being copied into the statement. */
  let keepComment = false;
  const lines = input.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '' && input.endsWith('\n')) lines.pop();

  const flush = (vertical: boolean): boolean => {
    const sql = buf.trim();
    buf = '';
    const line = startLine;
    startLine = 0;
    if (sql === '') return true;
    // A statement that is a client command (`use commerce;`, `quit;`) runs as that command.
    const m = /^([A-Za-z]+)(?:\s+([\s\S]*))?$/.exec(sql);
    const cmd = m ? NAMED[(m[1] as string).toLowerCase()] : undefined;
    if (m && cmd !== undefined) return emit({ kind: 'command', command: cmd, arg: (m[2] ?? '').trim(), line });
    return emit({ kind: 'statement', sql, line, vertical });
  };

  for (let n = 0; n < lines.length; n++) {
    const lineNo = n + 1;
    const line = (lines[n] as string).replace(/\r$/, '');
    // Named commands: at the start of a line, when no statement is pending, and (except `delimiter`)
    // only on a line without the delimiter or \g; otherwise the line is read as SQL and the command
    // is recognised when its statement ends (find_command).
    if (buf.trim() === '' && inString === undefined && !inComment) {
      const m = /^\s*([A-Za-z]+)(?=\s|;|$)(.*)$/.exec(line);
      const cmd = m ? NAMED[(m[1] as string).toLowerCase()] : undefined;
      const standalone = cmd === 'delimiter' || (!line.includes(delimiter) && !line.includes('\\g'));
      if (m && cmd !== undefined && standalone) {
        // `delimiter` takes the rest verbatim; the others drop a trailing delimiter.
        let arg = (m[2] as string).trim();
        if (cmd !== 'delimiter' && arg.endsWith(delimiter)) arg = arg.slice(0, -delimiter.length).trim();
        if (cmd === 'delimiter') {
          const d = arg.split(/\s+/)[0] ?? '';
          if (d !== '') delimiter = d;
        }
        if (!emit({ kind: 'command', command: cmd, arg, line: lineNo })) return;
        if (cmd === 'quit') return;
        buf = '';
        continue;
      }
    }
    let i = 0;
    for (; i < line.length; i++) {
      const c = line[i] as string;
      if (inComment) {
        if (c === '*' && line[i + 1] === '/') {
          inComment = false;
          if (keepComment) buf += '*/';
          keepComment = false;
          i++;
        } else if (keepComment) buf += c;
        continue;
      }
      if (inString !== undefined) {
        buf += c;
        if (c === '\\' && inString !== '`' && i + 1 < line.length) {
          buf += line[i + 1];
          i++;
        } else if (c === inString) inString = undefined;
        continue;
      }
      if (line.startsWith(delimiter, i)) {
        if (!flush(false)) return;
        i += delimiter.length - 1;
        continue;
      }
      if (c === '\\' && i + 1 < line.length) {
        const letter = line[i + 1] as string;
        const withArg = SHORT_WITH_ARG[letter];
        if (withArg !== undefined) {
          let arg = line.slice(i + 2).trim();
          if (withArg !== 'delimiter' && withArg !== 'system' && arg.endsWith(delimiter)) arg = arg.slice(0, -delimiter.length).trim();
          if (withArg === 'delimiter') {
            const d = arg.split(/\s+/)[0] ?? '';
            if (d !== '') delimiter = d;
          }
          if (!emit({ kind: 'command', command: withArg, arg, line: lineNo })) return;
          break; // the command took the rest of the line
        }
        if (SHORT_NO_ARG.has(letter)) {
          if (letter === 'G' || letter === 'g') {
            if (!flush(letter === 'G')) return;
          } else if (letter === 'c') {
            buf = '';
            startLine = 0;
          } else if (letter === 'q') {
            emit({ kind: 'command', command: 'quit', arg: '', line: lineNo });
            return;
          }
          i++;
          continue;
        }
      }
      // `#` and `-- ` (dash dash, then a space or control character) comment out the rest of the line.
      if (c === '#' || (c === '-' && line[i + 1] === '-' && (i + 2 >= line.length || (line.charCodeAt(i + 2) <= 32)))) break;
      if (c === '/' && line[i + 1] === '*') {
        inComment = true;
        keepComment = line[i + 2] === '!' || line[i + 2] === '+';
        if (keepComment) buf += '/*';
        i++;
        continue;
      }
      if (c === "'" || c === '"' || c === '`') inString = c;
      if (startLine === 0 && !/\s/.test(c)) startLine = lineNo;
      buf += c;
    }
    if (buf !== '' && (buf.trim() !== '' || inString !== undefined)) buf += '\n';
  }
  flush(false);
}

/** The database name `use` / `\u` was given: the first word, unquoted (com_use / get_arg). */
export function useArgument(arg: string): string {
  const t = arg.trim();
  const q = t[0];
  if (q === '`' || q === "'" || q === '"') {
    const end = t.indexOf(q, 1);
    return end > 0 ? t.slice(1, end) : t.slice(1);
  }
  return t.split(/\s+/)[0] ?? '';
}

// Splits SQL text into statements at `;`, aware of strings, quoted identifiers and comments, and
// remembers the line each statement starts on (the mysql client reports errors "at line N").
// Used by `mysql` for files and -e, and by ApplySchema for --sql-file.

export interface SqlStatement {
  sql: string;
  /** 1-based line of the statement's first non-blank character in the input. */
  line: number;
}

export function splitSqlStatements(text: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let cur = '';
  let line = 1;
  let startLine = 0;
  let i = 0;
  const push = () => {
    const sql = cur.trim();
    if (sql !== '' && !/^(--[^\n]*\n?|#[^\n]*\n?|\/\*[\s\S]*?\*\/|\s)*$/.test(sql)) out.push({ sql, line: startLine || line });
    cur = '';
    startLine = 0;
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (startLine === 0 && !/\s/.test(c)) startLine = line;
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && c !== '`') j++;
        else if (text[j] === '\n') line++;
        j++;
      }
      cur += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if ((c === '-' && text[i + 1] === '-' && /\s/.test(text[i + 2] ?? ' ')) || c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      if (cur.trim() === '') startLine = 0;
      continue;
    }
    if (c === '/' && text[i + 1] === '*' && text[i + 2] !== '!') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (let k = i; k < stop; k++) if (text[k] === '\n') line++;
      i = stop;
      if (cur.trim() === '') startLine = 0;
      continue;
    }
    if (c === ';') {
      push();
      i++;
      continue;
    }
    if (c === '\n') line++;
    cur += c;
    i++;
  }
  push();
  return out;
}

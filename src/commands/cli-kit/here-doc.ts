// Here-documents (`cat > vschema.json <<EOF` ... `EOF`): the docs write setup files with them. Bash
// reads a here-document's lines after the newline that ends the command line holding its `<<`, up
// to a line that is exactly its delimiter; those lines are data, not shell text. Every reader of
// shell text (the script splitter, the loop finder, the line parser, the lesson block reader) uses
// these two functions so that none of them takes a document's `#`, quote or `for` for shell syntax.
// No Vitess counterpart.

/** One `<<WORD` / `<<-WORD` operator. */
export interface HereDocOp {
  /** The delimiter after quote removal (`'EOF'` -> EOF). */
  delimiter: string;
  /** Any part of the word was quoted: the document is taken literally, no `$VAR` expansion. */
  quoted: boolean;
  /** `<<-`: leading tabs are stripped from the document's lines and from the delimiter line. */
  stripTabs: boolean;
  /** Index of the `<<` in the text it was read from. */
  at: number;
}

const WORD_END = new Set([' ', '\t', '\n', '|', '&', ';', '<', '>', '(', ')']);

/**
 * Reads the operator whose `<<` starts at `at` (the caller has checked it is not `<<<`): an optional
 * `-`, blanks, then the delimiter word with bash's quote removal. Returns undefined when no word
 * follows (bash: syntax error) or a quote in the word is never closed (left for the quote checks).
 */
export function readHereDocOp(src: string, at: number): { op: HereDocOp; end: number } | undefined {
  let i = at + 2;
  const stripTabs = src[i] === '-';
  if (stripTabs) i++;
  while (src[i] === ' ' || src[i] === '\t') i++;
  let delimiter = '';
  let quoted = false;
  while (i < src.length && !WORD_END.has(src[i] as string)) {
    const c = src[i] as string;
    if (c === "'") {
      const close = src.indexOf("'", i + 1);
      if (close < 0) return undefined;
      delimiter += src.slice(i + 1, close);
      quoted = true;
      i = close + 1;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < src.length && src[j] !== '"'; j++) {
        if (src[j] === '\\' && '$`"\\'.includes(src[j + 1] ?? '')) j++;
        delimiter += src[j];
      }
      if (j >= src.length) return undefined;
      quoted = true;
      i = j + 1;
    } else if (c === '\\' && i + 1 < src.length) {
      delimiter += src[i + 1];
      quoted = true;
      i += 2;
    } else {
      delimiter += c;
      i++;
    }
  }
  if (delimiter === '' && !quoted) return undefined;
  return { op: { delimiter, quoted, stripTabs, at }, end: i };
}

/** The documents of a command line, read from the text after it. */
export interface HereDocBodies {
  /** Each document's text (its lines, tabs stripped for `<<-`, each ending in a newline), in operator order. */
  bodies: string[];
  /** Index just past the last delimiter line (at its newline, or the end of the text). */
  end: number;
  /** The operator whose delimiter never came: its document runs to the end of the text. */
  unterminated?: HereDocOp;
}

/** Reads the documents of `ops`, one after the other, from the line starting at `from`. */
export function readHereDocBodies(src: string, from: number, ops: readonly HereDocOp[]): HereDocBodies {
  const bodies: string[] = [];
  let i = from;
  for (const op of ops) {
    let body = '';
    for (;;) {
      if (i >= src.length) {
        bodies.push(body);
        for (let k = bodies.length; k < ops.length; k++) bodies.push('');
        return { bodies, end: src.length, unterminated: op };
      }
      const nl = src.indexOf('\n', i);
      const lineEnd = nl < 0 ? src.length : nl;
      let line = src.slice(i, lineEnd);
      if (op.stripTabs) line = line.replace(/^\t+/, '');
      const next = nl < 0 ? src.length : nl + 1;
      if (line === op.delimiter) {
        // The last document ends at its delimiter line's newline: that newline ends the command.
        i = op === ops[ops.length - 1] ? lineEnd : next;
        break;
      }
      body += `${line}\n`;
      i = next;
    }
    bodies.push(body);
  }
  return { bodies, end: i };
}

/** bash's warning for a document whose delimiter never came (line counted from the command's start). */
export function unterminatedWarning(src: string, op: HereDocOp): string {
  let line = 1;
  for (let k = 0; k < op.at; k++) if (src[k] === '\n') line++;
  return `warning: here-document at line ${line} delimited by end-of-file (wanted '${op.delimiter}')`;
}

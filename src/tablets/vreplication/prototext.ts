// A small reader and writer for protobuf text format (prototext), the form Vitess stores messages in
// its sidecar tables: `_vt.vreplication.source` (BinlogSource), `_vt.copy_state.lastpk` (QueryResult)
// and `_vt.resharding_journal.val` (Journal).
// Mirrors what google.golang.org/protobuf/encoding/prototext does for the messages vtsim uses; only
// scalars, strings, enums and nested messages (no maps, no Any), which is all these tables hold.

/** A parsed message: each field name maps to its values in order (repeated fields have several). */
export type ProtoMessage = Map<string, ProtoValue[]>;
export type ProtoValue = string | ProtoMessage;

/** A quoted prototext string: `"` and `\` escaped, control characters as Go prints them. */
export function quoteProto(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

interface Token {
  kind: 'ident' | 'string' | 'punct';
  text: string;
}

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === ',' || c === ';') {
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      while (j < s.length && s[j] !== c) {
        if (s[j] === '\\' && j + 1 < s.length) {
          const n = s[j + 1] as string;
          if (n === 'x' && /^[0-9a-fA-F]{2}$/.test(s.slice(j + 2, j + 4))) {
            text += String.fromCharCode(parseInt(s.slice(j + 2, j + 4), 16));
            j += 4;
            continue;
          }
          if (/[0-7]/.test(n) && /^[0-7]{3}$/.test(s.slice(j + 1, j + 4))) {
            text += String.fromCharCode(parseInt(s.slice(j + 1, j + 4), 8));
            j += 4;
            continue;
          }
          text += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
          j += 2;
        } else {
          text += s[j];
          j++;
        }
      }
      out.push({ kind: 'string', text });
      i = j + 1;
    } else if ('{}:<>[]'.includes(c)) {
      out.push({ kind: 'punct', text: c });
      i++;
    } else {
      let j = i;
      while (j < s.length && /[A-Za-z0-9_.+-]/.test(s[j] as string)) j++;
      if (j === i) j++;
      out.push({ kind: 'ident', text: s.slice(i, j) });
      i = j;
    }
  }
  return out;
}

function parseMessage(tokens: Token[], pos: { i: number }, end: string | undefined): ProtoMessage {
  const m: ProtoMessage = new Map();
  while (pos.i < tokens.length) {
    const t = tokens[pos.i] as Token;
    if (end !== undefined && t.kind === 'punct' && t.text === end) {
      pos.i++;
      return m;
    }
    const name = t.text;
    pos.i++;
    if (tokens[pos.i]?.text === ':') pos.i++;
    const values: ProtoValue[] = [];
    const v = tokens[pos.i];
    if (v?.kind === 'punct' && v.text === '[') {
      // A list of values: `name:[a, b]`.
      pos.i++;
      while (pos.i < tokens.length && tokens[pos.i]?.text !== ']') values.push(parseValue(tokens, pos));
      pos.i++;
    } else {
      values.push(parseValue(tokens, pos));
    }
    const list = m.get(name) ?? [];
    list.push(...values);
    m.set(name, list);
  }
  if (end !== undefined) throw new Error(`proto: syntax error: unexpected end of input, want "${end}"`);
  return m;
}

function parseValue(tokens: Token[], pos: { i: number }): ProtoValue {
  const v = tokens[pos.i];
  if (v?.kind === 'punct' && (v.text === '{' || v.text === '<')) {
    pos.i++;
    return parseMessage(tokens, pos, v.text === '{' ? '}' : '>');
  }
  pos.i++;
  if (v?.kind !== 'string') return v?.text ?? '';
  // Adjacent string literals concatenate, as in C.
  let s = v.text;
  while (tokens[pos.i]?.kind === 'string') s += (tokens[pos.i++] as Token).text;
  return s;
}

/** Parses prototext into a field map; throws on unbalanced braces. */
export function parseProto(text: string): ProtoMessage {
  return parseMessage(tokenize(text), { i: 0 }, undefined);
}

/** The first scalar value of a field, or ''. */
export function protoString(m: ProtoMessage, field: string): string {
  const v = m.get(field)?.[0];
  return typeof v === 'string' ? v : '';
}

/** Every scalar value of a repeated field. */
export function protoStrings(m: ProtoMessage, field: string): string[] {
  return (m.get(field) ?? []).filter((v): v is string => typeof v === 'string');
}

/** Every nested message of a repeated field. */
export function protoMessages(m: ProtoMessage, field: string): ProtoMessage[] {
  return (m.get(field) ?? []).filter((v): v is ProtoMessage => v instanceof Map);
}

/** The first nested message of a field, if any. */
export function protoMessage(m: ProtoMessage, field: string): ProtoMessage | undefined {
  return protoMessages(m, field)[0];
}

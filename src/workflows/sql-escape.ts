// Quoting values and identifiers in the SQL the workflow server sends to tablets.
// Mirrors go/sqltypes/value.go (EncodeStringSQL: MySQL string literal with backslash escapes) and
// go/sqlescape/ids.go (EscapeID: backquoted identifiers, doubling embedded backquotes).

const ESCAPES: Record<string, string> = {
  '\0': '\\0',
  "'": "\\'",
  '"': '\\"',
  '\b': '\\b',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\x1a': '\\Z',
  '\\': '\\\\',
};

/** A MySQL single-quoted string literal, escaped the way Vitess's EncodeStringSQL does. */
export function encodeString(s: string): string {
  let out = "'";
  for (const ch of s) out += ESCAPES[ch] ?? ch;
  return out + "'";
}

/** `name` in backquotes, as sqlescape.EscapeID writes it. */
export function escapeId(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

/** Like sqlescape.EnsureEscaped: leaves an already backquoted name alone. */
export function ensureEscaped(name: string): string {
  return /^`.*`$/.test(name) ? name : escapeId(name);
}

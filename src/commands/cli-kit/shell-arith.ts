// Bash arithmetic expansion `$((...))` for the integer sums the example scripts use
// (`--mysql_port $((17000 + uid))`): decimal integers, variables (unset or empty = 0), `$VAR`,
// + - * / % with C precedence, unary + and -, and parentheses. Bash's 64-bit wrap-around and its
// other operators (bitwise, comparison, assignment, ternary) are not implemented.
// No Vitess counterpart.

/** Evaluates `expr`; throws Error with bash-like wording on a malformed expression. */
export function evalArithmetic(expr: string, vars: Record<string, string>): bigint {
  const tokens = expr.match(/\s+|\d+|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|[A-Za-z_][A-Za-z0-9_]*|\S/g) ?? [];
  const toks = tokens.filter((t) => !/^\s+$/.test(t));
  let pos = 0;
  const fail = (): Error => {
    const rest = toks.slice(pos).join('');
    return new Error(`${expr.trim()}: syntax error: ${rest === '' ? 'operand expected' : 'invalid arithmetic operator'} (error token is "${rest}")`);
  };
  const variable = (name: string): bigint => {
    const v = (vars[name] ?? '').trim();
    if (v === '') return 0n;
    if (!/^[+-]?\d+$/.test(v)) throw new Error(`${v}: syntax error: invalid arithmetic operator (error token is "${v}")`);
    return BigInt(v);
  };
  const primary = (): bigint => {
    const t = toks[pos];
    if (t === undefined) throw fail();
    if (t === '(') {
      pos++;
      const v = sum();
      if (toks[pos] !== ')') throw fail();
      pos++;
      return v;
    }
    if (t === '-' || t === '+') {
      pos++;
      const v = primary();
      return t === '-' ? -v : v;
    }
    if (/^\d+$/.test(t)) {
      pos++;
      return BigInt(t);
    }
    const name = /^\$?\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(t)?.[1];
    if (name !== undefined) {
      pos++;
      return variable(name);
    }
    throw fail();
  };
  const product = (): bigint => {
    let v = primary();
    for (;;) {
      const op = toks[pos];
      if (op !== '*' && op !== '/' && op !== '%') return v;
      pos++;
      const r = primary();
      if (op !== '*' && r === 0n) throw new Error(`${expr.trim()}: division by 0 (error token is "${toks.slice(pos - 1).join('')}")`);
      v = op === '*' ? v * r : op === '/' ? v / r : v % r;
    }
  };
  function sum(): bigint {
    let v = product();
    for (;;) {
      const op = toks[pos];
      if (op !== '+' && op !== '-') return v;
      pos++;
      const r = product();
      v = op === '+' ? v + r : v - r;
    }
  }
  if (toks.length === 0) return 0n;
  const v = sum();
  if (pos !== toks.length) throw fail();
  return v;
}

/**
 * How many characters the `$((...))` starting at `i` spans (to the end of the text if never
 * closed); the shell-text scanners skip it so that `$((1 << 2))` is not read as a here-document.
 */
export function arithmeticEnd(src: string, i: number): number {
  let depth = 0;
  for (let k = i + 3; k < src.length; k++) {
    const c = src[k];
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (c === ')' && src[k + 1] === ')') return k + 2 - i;
  }
  return src.length - i;
}

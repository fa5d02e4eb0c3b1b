// The normalizer: replaces the literals of a SELECT / INSERT / UPDATE / DELETE with typed bind
// variables, so every `select * from customer where customer_id = N` shares one plan, and rewrites
// the functions and variables vtgate answers itself (database(), last_insert_id(), @x, @@version) into
// bind variables it fills from the session.
// Mirrors go/vt/sqlparser/normalizer.go and reserved_vars.go:
// - `col <op> literal` becomes `:col` (the column's name; `tbl_col` when qualified; suffixed 1, 2...
//   when taken), other literals `:vtg1`, `:vtg2`...;
// - inside a SELECT an equal literal reuses its variable (convertLiteralDedup); in DML each literal gets
//   a new one, except comparisons, which always reuse;
// - a variable is printed with its type as Vitess does: `:vtg1 /* INT64 */`.
// Simplifications (see docs/FIDELITY.md): literals in the select list, ORDER BY, GROUP BY and LIMIT
// stay as written (Vitess binds select-list and LIMIT literals too); IN lists get one variable per
// value instead of a single list variable (`::vtg1`), which the tablets' parser could not read; hex,
// bit, typed (date '...') and introduced (_utf8mb4 '...') literals stay as written.

import type { BindVars, SqlValue } from '../../common/sql-types.js';
import type { Token } from './lexer.js';
import { isName, isOp, isWord } from './lexer.js';

export type StatementKindForNormalize = 'select' | 'insert' | 'update' | 'delete';

/** What vtgate must add to the bind variables before executing (executor.go addNeededBindVars). */
export interface BindVarNeeds {
  /** database() / schema(): the session's target string. */
  dbName: boolean;
  /** last_insert_id(). */
  lastInsertId: boolean;
  /** row_count() and found_rows(), which vtgate answers from the session. */
  rowCount?: boolean;
  foundRows?: boolean;
  /** @x user variables (lower-case names). */
  userVars: string[];
  /** @@version and friends (lower-case names). */
  sysVars: string[];
}

export interface Normalized {
  /** The statement with its literals replaced by bind variables: the plan cache key. */
  sql: string;
  /** The values of the new bind variables. */
  bindVars: BindVars;
  needs: BindVarNeeds;
}

/** Bind variable names of the session-filled values (sqlparser constants). */
export const DB_VAR_NAME = '__vtdbname';
export const LAST_INSERT_ID_NAME = '__lastInsertId';
/** sqlparser.RowCountName / FoundRowsName: the bind variables of row_count() and found_rows(). */
export const ROW_COUNT_NAME = '__vtrcount';
export const FOUND_ROWS_NAME = '__vtfrows';
export const USER_VAR_PREFIX = '__vtudv';
export const SYS_VAR_PREFIX = '__vt';

/** System variables vtgate answers itself (normalizer.go sysVarRewrite). */
const VTGATE_SYS_VARS = new Set([
  'autocommit',
  'client_found_rows',
  'ddl_strategy',
  'migration_context',
  'transaction_mode',
  'workload',
  'version',
  'version_comment',
  'sql_select_limit',
  'session_uuid',
  'skip_query_plan_cache',
  'socket',
  'query_timeout',
  'read_after_write_gtid',
  'read_after_write_timeout',
  'session_track_gtids',
  'enable_system_settings',
  'charset',
  'names',
]);

type Clause = 'head' | 'selectlist' | 'from' | 'where' | 'groupby' | 'having' | 'orderby' | 'limit' | 'values' | 'set' | 'on' | 'other';

interface Frame {
  isSelect: boolean;
  /** Pushed for `(select ...)`: counts towards the select depth until its ')'. */
  subquery: boolean;
  clause: Clause;
  /** The word right before this frame's '(' (a function or type name), lower-case. */
  opener: string;
}

const COMPARISON_OPS = new Set(['=', '<', '>', '<=', '>=', '<>', '!=', '<=>']);
const COMPARISON_WORDS = new Set(['like', 'regexp', 'rlike']);
/** Operators that bind tighter than a comparison: a literal next to one is not a whole operand. */
const ARITH_OPS = new Set(['+', '-', '*', '/', '%', '||', '|', '&', '^', '<<', '>>', '->', '->>', '~', '!']);
const ARITH_WORDS = new Set(['div', 'mod', 'collate', 'binary']);
/** Words after which a literal is part of a type or another construct, never bound. */
const NO_BIND_BEFORE = new Set(['date', 'time', 'timestamp', 'interval', 'escape', 'n', 'binary']);
/** Type names whose parenthesised arguments are lengths, never bound (cast(x as decimal(10,2))). */
const TYPE_WORDS = new Set(['char', 'varchar', 'decimal', 'numeric', 'binary', 'varbinary', 'float', 'double', 'datetime', 'time', 'timestamp', 'nchar', 'dec', 'real']);
/** Clauses whose literals are bound. */
const BOUND_CLAUSES = new Set<Clause>(['where', 'having', 'on', 'values', 'set']);

const MAX_DEDUP_LENGTH = 256;

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Vitess's ReservedVars: hands out vtgN and column-named variables that do not collide. */
class ReservedVars {
  private counter = 0;
  private readonly fast: boolean;

  constructor(
    private readonly reserved: Set<string>,
    anyVtgName: boolean,
  ) {
    this.fast = !anyVtgName;
  }

  nextUnusedVar(): string {
    for (;;) {
      this.counter++;
      const name = `vtg${this.counter}`;
      if (this.fast) return name;
      if (!this.reserved.has(name)) {
        this.reserved.add(name);
        return name;
      }
    }
  }

  reserveColName(qualifier: string | undefined, column: string): string {
    let base = (qualifier ? `${compliantName(qualifier)}_` : '') + compliantName(column);
    if (this.fast && base.startsWith('vtg')) base = `_${base}`;
    let name = base;
    for (let i = 1; this.reserved.has(name); i++) name = `${base}${i}`;
    this.reserved.add(name);
    return name;
  }
}

/** sqlparser compliantName: letters, digits and '_' kept, anything else becomes '_'. */
function compliantName(s: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    out += /[A-Za-z0-9_]/.test(ch) && !(i === 0 && /[0-9]/.test(ch)) ? ch : '_';
  }
  return out;
}

interface LiteralValue {
  key: string;
  value: SqlValue;
  type: 'INT64' | 'DECIMAL' | 'FLOAT64' | 'VARCHAR';
}

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

function literalValue(t: Token, negative: boolean): LiteralValue | undefined {
  if (t.kind === 'string') return { key: `s:${t.value}`, value: t.value, type: 'VARCHAR' };
  if (t.kind !== 'number') return undefined;
  const text = negative ? `-${t.value}` : t.value;
  if (t.numberType === 'int') {
    if (text.length < 16) return { key: `i:${text}`, value: Number(text), type: 'INT64' };
    const big = BigInt(text);
    if (big > INT64_MAX || big < INT64_MIN) return undefined; // Vitess leaves it as written.
    const n = Number(text);
    return { key: `i:${text}`, value: Number.isSafeInteger(n) ? n : big, type: 'INT64' };
  }
  return {
    key: `${t.numberType === 'float' ? 'f' : 'd'}:${text}`,
    value: Number(text),
    type: t.numberType === 'float' ? 'FLOAT64' : 'DECIMAL',
  };
}

/** The statement kinds the normalizer applies to, from the first word. */
export function normalizeKindOf(tokens: readonly Token[]): StatementKindForNormalize | undefined {
  const first = tokens[0];
  if (first === undefined) return undefined;
  if (isOp(first, '(')) return 'select';
  if (first.kind !== 'ident') return undefined;
  switch (first.lower) {
    case 'select':
    case 'with':
      return 'select';
    case 'insert':
    case 'replace':
      return 'insert';
    case 'update':
      return 'update';
    case 'delete':
      return 'delete';
    default:
      return undefined;
  }
}

/** Functions vtgate answers from the session, and the bind variable each becomes. */
const SESSION_FUNCTIONS = new Map<string, string>([
  ['database', DB_VAR_NAME],
  ['schema', DB_VAR_NAME],
  ['last_insert_id', LAST_INSERT_ID_NAME],
  ['row_count', ROW_COUNT_NAME],
  ['found_rows', FOUND_ROWS_NAME],
]);

const NO_NEEDS: BindVarNeeds = { dbName: false, lastInsertId: false, userVars: [], sysVars: [] };

/**
 * Normalizes one statement. `tokens` must come from tokenize(sql). Statements of other kinds (DDL,
 * SHOW ...) are returned unchanged.
 */
export function normalize(sql: string, tokens: readonly Token[], kind: StatementKindForNormalize | undefined): Normalized {
  if (kind === undefined) return { sql, bindVars: {}, needs: NO_NEEDS };
  const reservedNames = new Set<string>();
  let anyVtgName = false;
  for (const t of tokens) {
    if (t.kind === 'param') {
      reservedNames.add(t.value);
      if (t.value.startsWith('vtg')) anyVtgName = true;
    }
  }
  const reserved = new ReservedVars(reservedNames, anyVtgName);
  const bindVars: BindVars = {};
  const vals = new Map<string, string>();
  const needs: BindVarNeeds = { dbName: false, lastInsertId: false, userVars: [], sysVars: [] };
  const edits: Edit[] = [];
  const stack: Frame[] = [{ isSelect: false, subquery: false, clause: 'head', opener: '' }];
  let selectDepth = 0;

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const frame = stack[stack.length - 1] as Frame;

    if (t.kind === 'op') {
      respace(sql, tokens, i, edits);
      if (t.value === '(') {
        const next = tokens[i + 1];
        const prev = tokens[i - 1];
        const opener = prev !== undefined && prev.kind === 'ident' ? prev.lower : '';
        if (isWord(next, 'select') || isWord(next, 'with')) {
          stack.push({ isSelect: true, subquery: true, clause: 'other', opener });
          selectDepth++;
        } else {
          stack.push({ isSelect: frame.isSelect, subquery: false, clause: frame.clause, opener });
        }
      } else if (t.value === ')') {
        if (stack.length > 1) {
          const popped = stack.pop() as Frame;
          if (popped.subquery) selectDepth--;
        }
      }
      continue;
    }

    if (t.kind === 'ident') {
      if (t.lower === 'select' && !frame.isSelect) {
        frame.isSelect = true;
        selectDepth++;
      }
      switchClause(t, tokens, i, frame, kind);
      if (KEYWORD_NAMES.has(t.lower) && isNamePosition(tokens, i)) edits.push({ start: t.start, end: t.end, text: `\`${t.value}\`` });
      else if (t.value !== t.lower && (RESERVED_WORDS.has(t.lower) || (AGGREGATES.has(t.lower) && isOp(tokens[i + 1], '(')))) {
        edits.push({ start: t.start, end: t.end, text: t.lower });
      }
      // Functions vtgate answers itself.
      if (isOp(tokens[i + 1], '(') && isOp(tokens[i + 2], ')') && !isOp(tokens[i - 1], '.')) {
        const fn = t.lower;
        const fromSession = SESSION_FUNCTIONS.get(fn);
        if (fromSession !== undefined) {
          const name = fromSession;
          if (fn === 'last_insert_id') needs.lastInsertId = true;
          else if (fn === 'row_count') needs.rowCount = true;
          else if (fn === 'found_rows') needs.foundRows = true;
          else needs.dbName = true;
          edits.push({ start: t.start, end: (tokens[i + 2] as Token).end, text: `:${name}` });
          aliasIfSelectListItem(sql, tokens, i, i + 2, frame, edits);
          i += 2;
        }
      }
      continue;
    }

    if (t.kind === 'uservar') {
      const name = compliantName(t.lower);
      if (!needs.userVars.includes(name)) needs.userVars.push(name);
      edits.push({ start: t.start, end: t.end, text: `:${USER_VAR_PREFIX}${name}` });
      aliasIfSelectListItem(sql, tokens, i, i, frame, edits);
      continue;
    }

    if (t.kind === 'sysvar') {
      const lower = t.lower.replace(/^session\./, '');
      if (VTGATE_SYS_VARS.has(lower) && !lower.includes('.')) {
        if (!needs.sysVars.includes(lower)) needs.sysVars.push(lower);
        edits.push({ start: t.start, end: t.end, text: `:${SYS_VAR_PREFIX}${lower}` });
        aliasIfSelectListItem(sql, tokens, i, i, frame, edits);
      }
      continue;
    }

    if (t.kind !== 'string' && t.kind !== 'number') continue;
    if (!BOUND_CLAUSES.has(frame.clause)) continue;
    if (frame.clause === 'set' && kind === 'select') continue;
    if (TYPE_WORDS.has(frame.opener)) continue;

    // A unary minus in front of a number belongs to the literal.
    let litStart = i;
    let negative = false;
    const prev = tokens[i - 1];
    if (t.kind === 'number' && isOp(prev, '-') && isUnaryPosition(tokens[i - 2])) {
      negative = true;
      litStart = i - 1;
    }
    const before = tokens[litStart - 1];
    if (before !== undefined && before.kind === 'ident' && (NO_BIND_BEFORE.has(before.lower) || before.lower.startsWith('_'))) continue;

    const lit = literalValue(t, negative);
    if (lit === undefined) continue;

    const col = comparisonColumn(tokens, litStart, i, frame.clause);
    let name: string;
    if (col !== undefined) {
      const known = t.value.length <= MAX_DEDUP_LENGTH ? vals.get(lit.key) : undefined;
      if (known !== undefined) name = known;
      else {
        name = reserved.reserveColName(col.qualifier, col.column);
        vals.set(lit.key, name);
        bindVars[name] = lit.value;
      }
    } else if (selectDepth > 0 && t.value.length <= MAX_DEDUP_LENGTH) {
      const known = vals.get(lit.key);
      if (known !== undefined) name = known;
      else {
        name = reserved.nextUnusedVar();
        vals.set(lit.key, name);
        bindVars[name] = lit.value;
      }
    } else {
      name = reserved.nextUnusedVar();
      bindVars[name] = lit.value;
    }
    edits.push({ start: (tokens[litStart] as Token).start, end: t.end, text: `:${name} /* ${lit.type} */` });
  }

  return { sql: applyEdits(sql, edits), bindVars, needs };
}

function switchClause(
  t: Token,
  tokens: readonly Token[],
  i: number,
  frame: Frame,
  kind: StatementKindForNormalize | undefined,
): void {
  switch (t.lower) {
    case 'select':
      frame.clause = 'selectlist';
      return;
    case 'from':
      if (frame.clause !== 'set') frame.clause = 'from';
      return;
    case 'join':
    case 'straight_join':
    case 'using':
      frame.clause = 'from';
      return;
    case 'where':
      frame.clause = 'where';
      return;
    case 'group':
      if (isWord(tokens[i + 1], 'by')) frame.clause = 'groupby';
      return;
    case 'order':
      if (isWord(tokens[i + 1], 'by')) frame.clause = 'orderby';
      return;
    case 'having':
      frame.clause = 'having';
      return;
    case 'limit':
      frame.clause = 'limit';
      return;
    case 'values':
    case 'value':
      if (kind === 'insert' && frame.clause !== 'set' && !isOp(tokens[i - 1], '=')) frame.clause = 'values';
      return;
    case 'set':
      if (kind === 'update' || kind === 'insert') frame.clause = 'set';
      return;
    case 'on':
      frame.clause = isWord(tokens[i + 1], 'duplicate') ? 'set' : 'on';
      return;
    case 'union':
    case 'into':
    case 'for':
    case 'lock':
    case 'window':
      frame.clause = 'other';
      return;
    default:
      return;
  }
}

/** True when a '-' after this token is a sign, not a subtraction. */
const UNARY_AFTER_WORDS = new Set(['and', 'or', 'not', 'xor', 'in', 'like', 'regexp', 'rlike', 'between', 'is', 'select', 'where', 'having', 'on', 'values', 'value', 'set', 'when', 'then', 'else', 'by', 'limit', 'offset', 'return', 'case']);

function isUnaryPosition(t: Token | undefined): boolean {
  if (t === undefined) return true;
  if (t.kind === 'op') return t.value !== ')';
  if (t.kind === 'ident') return UNARY_AFTER_WORDS.has(t.lower);
  return false;
}

/**
 * When the literal spanning tokens [litStart..litEnd] is the whole right side of `col <op> literal`,
 * the column (and its table qualifier) naming the bind variable.
 */
function comparisonColumn(
  tokens: readonly Token[],
  litStart: number,
  litEnd: number,
  clause: Clause,
): { qualifier: string | undefined; column: string } | undefined {
  const next = tokens[litEnd + 1];
  if (next !== undefined) {
    if (next.kind === 'op' && (ARITH_OPS.has(next.value) || COMPARISON_OPS.has(next.value) || next.value === '.')) return undefined;
    if (next.kind === 'ident' && (ARITH_WORDS.has(next.lower) || next.lower === 'escape')) return undefined;
  }
  let k = litStart - 1;
  const op = tokens[k];
  if (op === undefined) return undefined;
  if (clause === 'set' || clause === 'values') {
    if (!isOp(op, '=')) return undefined;
  } else if (!(op.kind === 'op' && COMPARISON_OPS.has(op.value)) && !(op.kind === 'ident' && COMPARISON_WORDS.has(op.lower))) {
    return undefined;
  }
  if (clause === 'values') return undefined;
  k--;
  // `not like`: the column precedes `not`.
  if (isWord(tokens[k], 'not') && op.kind === 'ident') k--;
  const colTok = tokens[k];
  if (!isName(colTok) || colTok === undefined || isKeywordValue(colTok)) return undefined;
  let qualifier: string | undefined;
  let first = k;
  if (isOp(tokens[k - 1], '.') && isName(tokens[k - 2])) {
    qualifier = (tokens[k - 2] as Token).value;
    first = k - 2;
    if (isOp(tokens[k - 3], '.') && isName(tokens[k - 4])) first = k - 4;
  }
  const before = tokens[first - 1];
  if (before !== undefined) {
    if (before.kind === 'op' && (ARITH_OPS.has(before.value) || before.value === '.')) return undefined;
    if (before.kind === 'ident' && ARITH_WORDS.has(before.lower)) return undefined;
  }
  return { qualifier, column: colTok.value };
}

/**
 * Column and table names that are keywords of Vitess's grammar (go/vt/sqlparser/keywords.go), among
 * those commonly used as names. vtgate prints statements from its AST, back-quoting every identifier
 * that is a keyword, so `insert into t(id, name)` reaches the tablet (and error messages) as
 * ``insert into t(id, `name`)``. Words that are also types, time units or function names in DML
 * (date, day, year, ...) are left out: telling those uses apart needs the AST.
 */
const KEYWORD_NAMES = new Set([
  'action', 'code', 'comment', 'data', 'event', 'first', 'format', 'full', 'language', 'last', 'level', 'list',
  'mode', 'name', 'names', 'option', 'password', 'path', 'point', 'query', 'rank', 'read', 'row', 'rows', 'schema',
  'status', 'storage', 'text', 'user', 'view', 'work', 'write',
]); // prettier-ignore

/**
 * MySQL's reserved words of DML (never names unless back-quoted) and the aggregates vtgate's AST
 * spells itself: vtgate prints them lower-case, so `SELECT COUNT(*) FROM t WHERE ...` reaches the
 * tablet (and its column name and error text) as `select count(*) from t where ...`.
 */
const RESERVED_WORDS = new Set([
  'select', 'from', 'where', 'and', 'or', 'not', 'null', 'is', 'in', 'like', 'between', 'order', 'by', 'group',
  'having', 'limit', 'as', 'join', 'inner', 'left', 'right', 'outer', 'cross', 'natural', 'on', 'using', 'union',
  'all', 'distinct', 'insert', 'into', 'values', 'update', 'set', 'delete', 'replace', 'ignore', 'case', 'when',
  'then', 'else', 'exists', 'true', 'false', 'for', 'interval', 'div', 'mod', 'xor', 'regexp', 'rlike', 'escape',
  'asc', 'desc', 'key', 'lock', 'straight_join', 'low_priority', 'high_priority', 'with', 'recursive', 'over',
  'partition', 'window',
]); // prettier-ignore
const AGGREGATES = new Set(['count', 'sum', 'min', 'max', 'avg', 'group_concat']);

/** Binary operators vtgate prints with one space on each side (`<>` as `!=`). */
const SPACED_OPS = new Set(['=', '<', '>', '<=', '>=', '!=', '<>', '<=>', '->', '->>']);

/**
 * vtgate prints lists with ", " and comparisons as `a = b`, whatever the user typed: `where id=1`
 * reaches the tablet as `where id = :id`, and `concat(a,b)` is named `concat(a, b)`.
 */
function respace(sql: string, tokens: readonly Token[], i: number, edits: Edit[]): void {
  const t = tokens[i] as Token;
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  if (prev === undefined || next === undefined) return;
  const set = (start: number, end: number, text: string): void => {
    if (sql.slice(start, end) !== text) edits.push({ start, end, text });
  };
  if (t.value === ',') {
    set(prev.end, t.start, '');
    set(t.end, next.start, ' ');
  } else if (SPACED_OPS.has(t.value) || (ARITHMETIC_OPS.has(t.value) && endsOperand(prev))) {
    set(prev.end, next.start, ` ${t.value === '<>' ? '!=' : t.value} `);
  }
}

/** Arithmetic operators: spaced when binary (`a + 1`), never as a sign (`-1`) or a star (`count(*)`). */
const ARITHMETIC_OPS = new Set(['+', '-', '*', '/', '%']);

/** Whether a token can end an operand, so that an operator after it is binary. */
function endsOperand(t: Token): boolean {
  if (t.kind === 'op') return t.value === ')';
  if (t.kind === 'ident') return !RESERVED_WORDS.has(t.lower);
  return true;
}

/** Tokens after which a word is a name (a column, a table or an alias), not part of the syntax. */
const NAME_AFTER_OPS = new Set([',', '(', '.', '=', '<', '>', '<=', '>=', '<>', '!=', '<=>', '+', '-', '*', '/', '%']);
const NAME_AFTER_WORDS = new Set(['select', 'where', 'and', 'or', 'by', 'set', 'on', 'distinct', 'not', 'having', 'when', 'then', 'else', 'as', 'from', 'join', 'into', 'update']);

/** True when the word at `i` is used as a name: after a separator or clause word, not called, not a typed literal. */
function isNamePosition(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1];
  if (next !== undefined && ((next.kind === 'op' && next.value === '(') || next.kind === 'string')) return false;
  const prev = tokens[i - 1];
  if (prev === undefined) return false;
  if (prev.kind === 'op') return NAME_AFTER_OPS.has(prev.value);
  return prev.kind === 'ident' && NAME_AFTER_WORDS.has(prev.lower);
}

/** Words that look like names but are values or keywords, never a column on the left of `=`. */
const KEYWORD_VALUES = new Set(['null', 'true', 'false', 'and', 'or', 'not', 'where', 'set', 'on', 'when', 'then', 'else']);

function isKeywordValue(t: Token): boolean {
  return t.kind === 'ident' && KEYWORD_VALUES.has(t.lower);
}

/**
 * When tokens [first..last] are a whole select-list item without an alias, adds `as \`<text>\`` so
 * the column keeps the name MySQL would give it after the expression is rewritten (normalizer.go
 * noteAliasedExprName).
 */
function aliasIfSelectListItem(sql: string, tokens: readonly Token[], first: number, last: number, frame: Frame, edits: Edit[]): void {
  if (frame.clause !== 'selectlist') return;
  const before = tokens[first - 1];
  const after = tokens[last + 1];
  const startsItem = before === undefined || isOp(before, ',') || isWord(before, 'select') || isWord(before, 'distinct');
  const endsItem = after === undefined || isOp(after, ',') || isWord(after, 'from') || isOp(after, ')') || isOp(after, ';') || isWord(after, 'where') || isWord(after, 'limit') || isWord(after, 'order') || isWord(after, 'union');
  if (!startsItem || !endsItem) return;
  const text = sql.slice((tokens[first] as Token).start, (tokens[last] as Token).end);
  const at = (tokens[last] as Token).end;
  edits.push({ start: at, end: at, text: ` as \`${text.replace(/`/g, '``')}\`` });
}

const NEEDS_COMPACTING = /\s\s|[\n\r\t\f\v]|\/\*|#|--/;

/**
 * The statement on one line: comments dropped and every run of whitespace between tokens made one
 * space. vtgate re-prints statements from its AST, so a tablet never sees the user's line breaks or
 * comments; vtsim keeps the user's spelling otherwise. Returns the text unchanged when it is already
 * compact.
 */
export function compactStatement(sql: string, tokens: readonly Token[]): string {
  if (!NEEDS_COMPACTING.test(sql)) return sql;
  let out = '';
  let prevEnd = -1;
  for (const t of tokens) {
    if (prevEnd >= 0 && t.start > prevEnd) out += ' ';
    out += sql.slice(t.start, t.end);
    prevEnd = t.end;
  }
  return out;
}

/** Applies non-overlapping edits (sorted by position) to the text. */
export function applyEdits(sql: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return sql;
  let ordered = true;
  for (let k = 1; k < edits.length; k++) {
    const a = edits[k - 1] as Edit;
    const b = edits[k] as Edit;
    if (b.start < a.start || (b.start === a.start && b.end < a.end)) ordered = false;
  }
  const sorted = ordered ? edits : [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) continue;
    out += sql.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + sql.slice(at);
}

export type { Edit };

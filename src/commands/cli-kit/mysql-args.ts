// The `mysql` command-line client's own option syntax, as MySQL 8.0's client reads it with my_getopt:
// long options exactly as named (`-` and `_` interchangeable; no abbreviations), `--opt=value` or
// `--opt value`, the skip-/disable-/enable-/loose- prefixes, bundled short options (`-tBe 'select 1'`,
// `-eSQL`), `-p[password]` attached only, a positional database name, and the client's error lines.
// Messages are MySQL 8.0's (`mysql: [ERROR] unknown option '--foo'.`); MariaDB's client words them
// differently, but the Vitess examples run Oracle's client.
// Mirrors mysql-server client/mysql.cc (my_long_options, get_one_option, get_options) and
// mysys/my_getopt.cc (my_handle_options, setval, eval_num_suffix) with mysys/errors.cc texts;
// --no-defaults and friends are handled by my_load_defaults in the real client (first position only),
// accepted anywhere here.

import { DEFAULTS_OPTIONS, OPTIONS, type OptionDef } from './mysql-options.js';

/** The options a simulated client acts on; everything else accepted is kept in `other`. */
export interface MysqlOptions {
  /** SQL from -e/--execute (several -e are joined with a space, as the client does). */
  execute?: string;
  table: boolean;
  /** -B/--batch was given (note -e also puts the real client in batch mode, without --silent). */
  batch: boolean;
  skipColumnNames: boolean;
  vertical: boolean;
  /** -f/--force; the first -e resets it (the client's "-e disables --force"), so `-f -e` ends up false. */
  force: boolean;
  /** True when -s or -B was given (opt_silent > 0). */
  silent: boolean;
  /** How many times -s was given (-B counts as at least 1). */
  silentLevel: number;
  /** How many times -v was given. */
  verbose: number;
  host?: string;
  port?: number;
  user?: string;
  /** The password from -pPW / --password=PW ('' for --password= or --skip-password). */
  password?: string;
  /** -p or --password without a value: the real client would prompt on the terminal. */
  passwordPrompt: boolean;
  /** From -D/--database or the positional argument (which wins, being read last). */
  database?: string;
  socket?: string;
  html: boolean;
  xml: boolean;
  raw: boolean;
  comments: boolean;
  /** --binary-as-hex[=bool]; undefined when not given (the client then decides by terminal). */
  binaryAsHex?: boolean;
  showWarnings: boolean;
  lineNumbers: boolean;
  columnNames: boolean;
  /** --no-defaults (and --defaults-file=..., --login-path=...) seen. */
  noDefaults: boolean;
  /** -?/-I/--help: the client prints its help and exits 0; parsing stopped there. */
  help: boolean;
  /** -V/--version: the client prints its version line and exits 0; parsing stopped there. */
  version: boolean;
  /** Other accepted options by canonical name: string values, or booleans for switches. */
  other: Record<string, string | boolean>;
  /** Lines the client prints on stderr while reading options (`mysql: [Warning] ...`). */
  warnings: string[];
}

/** An option error: `message` holds the stderr line(s) the client prints; it exits with `exitCode`. */
export class MysqlArgsError extends Error {
  readonly exitCode: number;
  /** True for too many positional arguments: the client prints its full --help text instead of a message. */
  readonly showUsage: boolean;

  constructor(message: string, exitCode: number, showUsage = false) {
    super(message);
    this.name = 'MysqlArgsError';
    this.exitCode = exitCode;
    this.showUsage = showUsage;
  }
}

// my_getopt.h exit codes.
const EXIT_UNKNOWN_OPTION = 2;
const EXIT_NO_ARGUMENT_ALLOWED = 4;
const EXIT_ARGUMENT_REQUIRED = 5;
const EXIT_UNKNOWN_VARIABLE = 7;
const EXIT_UNKNOWN_SUFFIX = 9;
const EXIT_NO_PTR_TO_VARIABLE = 10;
const EXIT_OPTION_DISABLED = 12;

const PROG = 'mysql';
const error = (text: string) => `${PROG}: [ERROR] ${text}`;
const warning = (text: string) => `${PROG}: [Warning] ${text}`;

const SPECIAL_PREFIXES = ['skip', 'disable', 'enable', 'maximum', 'loose'] as const;
type Prefix = (typeof SPECIAL_PREFIXES)[number];

const sameName = (a: string, b: string) => a.replace(/-/g, '_') === b.replace(/-/g, '_');

function findOption(name: string): OptionDef | undefined {
  return OPTIONS.find((o) => sameName(o.name, name));
}

/** get_bool_argument: true/on/1 and false/off/0, case-insensitively; undefined otherwise. */
function boolArgument(value: string): boolean | undefined {
  const v = value.toLowerCase();
  if (v === 'true' || v === 'on' || v === '1') return true;
  if (v === 'false' || v === 'off' || v === '0') return false;
  return undefined;
}

const UINT_MAX = 4294967295;
const SUFFIX_SHIFT: Record<string, number> = { k: 10, m: 20, g: 30, t: 40, p: 50, e: 60 };

/** getopt_ull for GET_UINT options: a decimal number with an optional k/m/g/t/p/e multiplier. */
function readUint(opt: OptionDef, value: string, warnings: string[]): number {
  if (value === '') throw new MysqlArgsError(error(`${PROG}: Empty value for '${opt.name}' specified.`), EXIT_ARGUMENT_REQUIRED);
  if (/^\s*-/.test(value)) {
    warnings.push(warning(`option '${opt.name}': value ${value} adjusted to 0.`));
    return 0;
  }
  const m = /^\s*\+?(\d*)/.exec(value) ?? ['', ''];
  const digits = m[1] ?? '';
  let n = digits === '' ? 0 : Number(digits);
  const endChar = value.slice(m[0].length, m[0].length + 1);
  if (endChar !== '') {
    const shift = SUFFIX_SHIFT[endChar.toLowerCase()];
    if (shift === undefined) {
      throw new MysqlArgsError(
        [
          error(`Unknown suffix '${endChar}' used for variable '${opt.name}' (value '${value}').`),
          error(`${PROG}: Error while setting value '${value}' to '${opt.name}'.`),
        ].join('\n'),
        EXIT_UNKNOWN_SUFFIX,
      );
    }
    n *= 2 ** shift;
  }
  if (n > UINT_MAX) {
    warnings.push(warning(`option '${opt.name}': unsigned value ${n} adjusted to ${UINT_MAX}.`));
    n = UINT_MAX;
  }
  return n;
}

function defaults(): MysqlOptions {
  return {
    table: false,
    batch: false,
    skipColumnNames: false,
    vertical: false,
    force: false,
    silent: false,
    silentLevel: 0,
    verbose: 0,
    passwordPrompt: false,
    html: false,
    xml: false,
    raw: false,
    comments: false,
    showWarnings: false,
    lineNumbers: true,
    columnNames: true,
    noDefaults: false,
    help: false,
    version: false,
    other: {},
    warnings: [],
  };
}

/** Thrown inside the parse to stop at --help/--version the way the client exits there. */
class StopParsing extends Error {}

/**
 * Reads the `mysql` client's arguments (the words after `mysql`). Throws MysqlArgsError with the
 * client's stderr line(s) and exit code.
 */
export function parseMysqlArgs(argv: readonly string[]): MysqlOptions {
  const o = defaults();
  let passwordWarned = false;
  let executeSeen = false;
  const positional: string[] = [];

  /**
   * get_one_option plus setval for one option. `value` is the argument (undefined when none was given);
   * `disabled` marks a skip-/disable- form (my_getopt's disabled_my_option).
   */
  const apply = (opt: OptionDef, value: string | undefined, disabled: boolean): void => {
    // Even --skip-password warns: my_getopt sees an argument ("0") on a password option.
    if (opt.name === 'password' && value !== undefined && !passwordWarned) {
      o.warnings.push(warning('Using a password on the command line interface can be insecure.'));
      passwordWarned = true;
    }
    switch (opt.name) {
      case 'help':
        o.help = true;
        throw new StopParsing();
      case 'version':
        o.version = true;
        throw new StopParsing();
      case 'execute':
        o.force = executeSeen ? o.force : false;
        executeSeen = true;
        o.execute = o.execute === undefined ? (value ?? '') : `${o.execute} ${value ?? ''}`;
        return;
      case 'batch':
        o.batch = true;
        o.silentLevel = Math.max(o.silentLevel, 1);
        o.silent = true;
        return;
      case 'silent':
        o.silentLevel = disabled ? 0 : o.silentLevel + 1;
        o.silent = o.silentLevel > 0;
        return;
      case 'verbose':
        o.verbose = disabled ? 0 : o.verbose + 1;
        return;
      case 'skip-column-names':
        o.columnNames = false;
        o.skipColumnNames = true;
        return;
      case 'skip-line-numbers':
        o.lineNumbers = false;
        return;
      case 'password':
        if (disabled) {
          o.password = '';
          o.passwordPrompt = false;
        } else if (value !== undefined) {
          o.password = value;
          o.passwordPrompt = false;
        } else {
          o.passwordPrompt = true;
        }
        return;
      case 'port':
        if (value !== undefined) o.port = readUint(opt, value, o.warnings);
        return;
    }
    if (opt.kind === 'bool' || opt.kind === 'optbool') {
      const on = value === undefined ? true : (boolArgument(value) ?? true);
      switch (opt.name) {
        case 'table':
          o.table = on;
          return;
        case 'vertical':
          o.vertical = on;
          return;
        case 'force':
          o.force = on;
          return;
        case 'html':
          o.html = on;
          return;
        case 'xml':
          o.xml = on;
          return;
        case 'raw':
          o.raw = on;
          return;
        case 'comments':
          o.comments = on;
          return;
        case 'binary-as-hex':
          o.binaryAsHex = on;
          return;
        case 'show-warnings':
          o.showWarnings = on;
          return;
        case 'line-numbers':
          o.lineNumbers = on;
          return;
        case 'column-names':
          o.columnNames = on;
          o.skipColumnNames = !on;
          return;
        default:
          o.other[opt.name] = on;
          return;
      }
    }
    if (opt.kind === 'uint') {
      if (value !== undefined) o.other[opt.name] = String(readUint(opt, value, o.warnings));
      return;
    }
    // Strings (a skip-/disable- form stores my_getopt's "0", except where get_one_option checks for it).
    switch (opt.name) {
      case 'host':
        o.host = value;
        return;
      case 'user':
        o.user = value;
        return;
      case 'database':
        o.database = value;
        return;
      case 'socket':
        o.socket = value;
        return;
      default:
        o.other[opt.name] = disabled ? false : (value ?? true);
    }
  };

  const disabledOption = (shown: string): MysqlArgsError =>
    new MysqlArgsError(error(`${PROG}: Option '${shown}' was used, but is disabled.`), EXIT_OPTION_DISABLED);

  /** A long option (`s` without its leading dashes); returns how many extra words it consumed. */
  const long = (s: string, next: string | undefined): number => {
    const eq = s.indexOf('=');
    let name = eq >= 0 ? s.slice(0, eq) : s;
    let value: string | undefined = eq >= 0 ? s.slice(eq + 1) : undefined;
    if (DEFAULTS_OPTIONS.some((d) => sameName(d, name))) {
      o.noDefaults = true;
      return 0;
    }
    let opt = findOption(name);
    let loose = false;
    let disabled = false;
    while (opt === undefined) {
      const prefix = SPECIAL_PREFIXES.find((p) => name.length > p.length + 1 && name.startsWith(p) && '-_'.includes(name[p.length] ?? ''));
      if (prefix === undefined) break;
      name = name.slice(prefix.length + 1);
      if (prefix === 'loose') loose = true;
      opt = findOption(name);
      if (opt !== undefined && prefix === 'maximum') {
        throw new MysqlArgsError(error(`${PROG}: Maximum value of '${opt.name}' cannot be set.`), EXIT_NO_PTR_TO_VARIABLE);
      }
      if (opt !== undefined) ({ value, disabled } = prefixed(prefix, value));
    }
    if (opt === undefined) {
      if (loose) {
        o.warnings.push(warning(`unknown option '--${s}'.`));
        return 0;
      }
      if (eq >= 0) throw new MysqlArgsError(error(`unknown variable '${s}'.`), EXIT_UNKNOWN_VARIABLE);
      throw new MysqlArgsError(error(`unknown option '--${s}'.`), EXIT_UNKNOWN_OPTION);
    }
    switch (opt.kind) {
      case 'disabled':
        throw disabledOption(name);
      case 'noarg':
        if (value !== undefined) {
          throw new MysqlArgsError(error(`${PROG}: option '--${opt.name}' cannot take an argument.`), EXIT_NO_ARGUMENT_ALLOWED);
        }
        apply(opt, undefined, disabled);
        return 0;
      case 'bool':
      case 'optbool':
        if (value !== undefined && boolArgument(value) === undefined) {
          o.warnings.push(warning(`${PROG}: ignoring option '--${opt.name}' due to invalid value '${value}'.`));
          return 0;
        }
        apply(opt, value, false);
        return 0;
      case 'optstr':
        apply(opt, value, disabled);
        return 0;
      default:
        if (value === undefined) {
          if (next === undefined) {
            throw new MysqlArgsError(error(`${PROG}: option '--${opt.name}' requires an argument.`), EXIT_ARGUMENT_REQUIRED);
          }
          apply(opt, next, disabled);
          return 1;
        }
        apply(opt, value, disabled);
        return 0;
    }
  };

  /** Bundled short options (`s` without its dash); returns how many extra words it consumed. */
  const short = (s: string, next: string | undefined): number => {
    for (let i = 0; i < s.length; i++) {
      const c = s[i] ?? '';
      const opt = OPTIONS.find((d) => d.short === c);
      if (opt === undefined) throw new MysqlArgsError(error(`${PROG}: unknown option '-${c}'.`), EXIT_UNKNOWN_OPTION);
      if (opt.kind === 'disabled') throw disabledOption(`-${c}`);
      if (opt.kind === 'bool' || opt.kind === 'noarg') {
        apply(opt, undefined, false);
        continue;
      }
      const rest = s.slice(i + 1);
      if (rest !== '') {
        apply(opt, rest, false);
        return 0;
      }
      if (opt.kind === 'optstr' || opt.kind === 'optbool') {
        apply(opt, undefined, false);
        return 0;
      }
      if (next === undefined) {
        throw new MysqlArgsError(error(`${PROG}: option '-${c}' requires an argument.`), EXIT_ARGUMENT_REQUIRED);
      }
      apply(opt, next, false);
      return 1;
    }
    return 0;
  };

  try {
    let endOfOptions = false;
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i] ?? '';
      const next = argv[i + 1];
      if (endOfOptions || arg.length < 2 || arg[0] !== '-') positional.push(arg);
      else if (arg === '--') endOfOptions = true;
      else if (arg[1] === '-') i += long(arg.slice(2), next);
      else i += short(arg.slice(1), next);
    }
  } catch (e) {
    if (e instanceof StopParsing) return o;
    throw e;
  }
  if (positional.length > 1) throw new MysqlArgsError('', 1, true);
  if (positional.length === 1) o.database = positional[0];
  return o;
}

/** The value my_getopt substitutes for a skip-/disable-/enable- prefixed option. */
function prefixed(prefix: Prefix, value: string | undefined): { value: string | undefined; disabled: boolean } {
  const zero = value === '0';
  switch (prefix) {
    case 'skip':
    case 'disable':
      // --skip-x=0 is a double negation: enabled again.
      return zero ? { value: '1', disabled: false } : { value: '0', disabled: true };
    case 'enable':
      return zero ? { value: '0', disabled: true } : { value: '1', disabled: false };
    default:
      return { value, disabled: false };
  }
}

// pflag's FlagSet.Parse over one flag set: `--flag value`, `--flag=value`, `-c value`, `-cvalue`, `-c=value`,
// bundled bool shorthands (`-ab`), bools without a value, `--` ending the flags, positional words
// interspersed, and pflag's exact error texts.
// Mirrors spf13/pflag flag.go (parseArgs, parseLongArg, parseSingleShortArg, Set).

import type { FlagEntry } from './command-tree.js';
import { invalidArgumentMessage, isBoolFlag, readFlagValue } from './flag-values.js';
import { goQuoteRune } from './go-strconv.js';
import type { FlagValue } from './spec.js';

/** Flag values being accumulated across the levels of a command line (flags are shared down the tree). */
export interface FlagState {
  values: Map<string, FlagValue>;
  changed: Set<string>;
}

/** A parse error with pflag's message. */
export class PflagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PflagError';
  }
}

/** `--help`/`-h` met while no help flag is defined: pflag returns flag.ErrHelp ("pflag: help requested"). */
export class PflagHelpRequested extends Error {
  constructor() {
    super('pflag: help requested');
    this.name = 'PflagHelpRequested';
  }
}

export interface PflagResult {
  /** Positional words, in order (those after `--` included). */
  args: string[];
  /** Deprecation lines pflag wrote while parsing (cobra prints them only when the parse succeeds). */
  warnings: string[];
}

/** Parses `argv` against `flagset`, updating `state`. Throws PflagError or PflagHelpRequested. */
export function pflagParse(flagset: readonly FlagEntry[], argv: readonly string[], state: FlagState): PflagResult {
  const byName = new Map(flagset.map((e) => [e.name, e]));
  const byShort = new Map(flagset.filter((e) => !e.isVariant && e.spec.shorthand).map((e) => [e.spec.shorthand, e]));
  const args: string[] = [];
  const warnings: string[] = [];
  const rest = [...argv];

  const set = (entry: FlagEntry, raw: string): void => {
    const name = entry.spec.name;
    let value: FlagValue;
    try {
      value = readFlagValue(entry.spec, raw, state.values.get(name) ?? [], state.changed.has(name));
    } catch (e) {
      throw new PflagError(invalidArgumentMessage(entry.spec, entry.name, raw, e));
    }
    state.values.set(name, value);
    state.changed.add(name);
    if (entry.isVariant) warnings.push(`Flag --${entry.name} has been deprecated, use ${name} instead`);
    else if (entry.spec.deprecated) warnings.push(`Flag --${name} has been deprecated, ${entry.spec.deprecated}`);
  };

  const parseLong = (s: string): void => {
    const body = s.slice(2);
    if (body.length === 0 || body[0] === '-' || body[0] === '=') throw new PflagError(`bad flag syntax: ${s}`);
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const entry = byName.get(name);
    if (entry === undefined) {
      if (name === 'help') throw new PflagHelpRequested();
      throw new PflagError(`unknown flag: --${name}`);
    }
    let value: string;
    if (eq >= 0) value = body.slice(eq + 1);
    else if (isBoolFlag(entry.spec)) value = 'true';
    else if (rest.length > 0) value = rest.shift() ?? '';
    else throw new PflagError(`flag needs an argument: ${s}`);
    set(entry, value);
  };

  const parseShort = (s: string): void => {
    let shorthands = s.slice(1);
    while (shorthands.length > 0) {
      const c = shorthands[0] ?? '';
      const entry = byShort.get(c);
      if (entry === undefined) {
        if (c === 'h') throw new PflagHelpRequested();
        throw new PflagError(`unknown shorthand flag: ${goQuoteRune(c)} in -${shorthands}`);
      }
      let value: string;
      if (shorthands.length > 2 && shorthands[1] === '=') {
        value = shorthands.slice(2);
        shorthands = '';
      } else if (isBoolFlag(entry.spec)) {
        value = 'true';
        shorthands = shorthands.slice(1);
      } else if (shorthands.length > 1) {
        value = shorthands.slice(1);
        shorthands = '';
      } else if (rest.length > 0) {
        value = rest.shift() ?? '';
        shorthands = '';
      } else {
        throw new PflagError(`flag needs an argument: ${goQuoteRune(c)} in -${shorthands}`);
      }
      set(entry, value);
    }
  };

  while (rest.length > 0) {
    const s = rest.shift() ?? '';
    if (s.length <= 1 || s[0] !== '-') {
      args.push(s);
    } else if (s[1] === '-') {
      if (s.length === 2) {
        args.push(...rest.splice(0));
        break;
      }
      parseLong(s);
    } else {
      parseShort(s);
    }
  }
  return { args, warnings };
}

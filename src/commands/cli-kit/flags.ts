// Parses a vtctldclient-style command line against a CommandSpec tree with cobra's semantics, as
// vtctldclient configures cobra (TraverseChildren on the root, SilenceErrors): flags may come before a
// subcommand name (`MoveTables --workflow wf --target-keyspace ks create ...`) and are parsed by that
// level's flag set; the rest is parsed by the command that runs, then its positional arguments and
// required flags are checked. Errors carry cobra's and pflag's exact texts, and say whether cobra prints
// the command's usage with them.
// Mirrors spf13/cobra command.go (ExecuteC, Traverse, execute, ValidateArgs, ValidateRequiredFlags, Find,
// the default help command) and args.go (NoArgs, ExactArgs, MinimumNArgs, MaximumNArgs, RangeArgs);
// go/cmd/vtctldclient/command/root.go for the root's `unknown command: <word>`.

import { compareBytes, goQuote } from '../render/go-string.js';
import {
  COBRA_HELP,
  commandName,
  commandPath,
  findChild,
  hasSubcommands,
  isRunnable,
  parseFlagSet,
  type FlagEntry,
} from './command-tree.js';
import { defaultFlagValue, isBoolFlag } from './flag-values.js';
import { PflagError, PflagHelpRequested, pflagParse, type FlagState } from './pflag-parse.js';
import type { CommandSpec, FlagValue, ParsedCommand } from './spec.js';

export { durationString, parseGoDuration } from '../../common/go-duration.js';

/**
 * A command-line error, with the text cobra/pflag produce. vtctldclient's main logs it on stderr as a glog
 * error line (`E... main.go:NN] <message>`) and exits 1; before that, when `showUsage` is set, cobra prints
 * the usage of `path` on stderr (see formatCliError in help.ts).
 */
export class CliUsageError extends Error {
  /** The command that was executing: cobra prints its usage. Root first. */
  readonly path: CommandSpec[];
  /**
   * False for errors raised while passing through a parent on the way to a subcommand (a bad flag before
   * the subcommand name): cobra returns those before executing anything and prints no usage.
   */
  readonly showUsage: boolean;
  /** Deprecation warnings pflag printed (on stderr) before the error. */
  readonly warnings: string[];

  constructor(message: string, path: CommandSpec[], showUsage: boolean, warnings: string[] = []) {
    super(message);
    this.name = 'CliUsageError';
    this.path = path;
    this.showUsage = showUsage;
    this.warnings = warnings;
  }
}

function isFlagArg(arg: string): boolean {
  return (arg.length >= 3 && arg.startsWith('--')) || (arg.length >= 2 && arg[0] === '-' && arg[1] !== '-');
}

function lookupIsBool(flagset: readonly FlagEntry[], name: string, short: boolean): boolean {
  const entry = flagset.find((e) => (short ? !e.isVariant && e.spec.shorthand === name : e.name === name));
  return entry !== undefined && isBoolFlag(entry.spec);
}

/** cobra's positional-argument validators, chosen from the spec's bounds. */
function validateArgs(path: CommandSpec[], args: string[], rootName: string): string | undefined {
  const bounds = path[path.length - 1]?.args;
  if (bounds === undefined) return undefined;
  const { min, max } = bounds;
  const n = args.length;
  if (min === 0 && max === 0) {
    // cobra.NoArgs, which Vitess uses for commands without arguments.
    return n > 0 ? `unknown command ${goQuote(args[0] ?? '')} for ${goQuote(commandPath(path, rootName))}` : undefined;
  }
  if (max === undefined) return n < min ? `requires at least ${min} arg(s), only received ${n}` : undefined;
  if (min === max) return n !== min ? `accepts ${min} arg(s), received ${n}` : undefined;
  if (min === 0) return n > max ? `accepts at most ${max} arg(s), received ${n}` : undefined;
  return n < min || n > max ? `accepts between ${min} and ${max} arg(s), received ${n}` : undefined;
}

/** Go's strconv.CanBackquote: no back quote, no control character other than tab, no BOM. */
function canBackquote(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '`' || cp === 0xfeff || cp === 0x7f || (cp < 0x20 && ch !== '\t')) return false;
  }
  return true;
}

/** Go's %#q for a []string: [`a` `b`] (back-quoted when possible). */
function goBackquoteList(words: string[]): string {
  return '[' + words.map((w) => (canBackquote(w) ? '`' + w + '`' : goQuote(w))).join(' ') + ']';
}

/**
 * cobra's Find, used by its `help [command]`: flags are skipped (with their values), each remaining word
 * must name a child. Returns undefined when the topic is unknown.
 */
function findTopic(root: CommandSpec, words: string[], rootName: string): CommandSpec[] | undefined {
  const path: CommandSpec[] = [root];
  let rest = words;
  for (;;) {
    const cmd = path[path.length - 1] as CommandSpec;
    const flagset = parseFlagSet(path, rootName, true);
    // stripFlags: the words that are not flags or flag values.
    const plain: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const s = rest[i] ?? '';
      if (s === '--') break;
      if (s.startsWith('--') && !s.includes('=') && !lookupIsBool(flagset, s.slice(2), false)) i++;
      else if (s.startsWith('-') && !s.includes('=') && s.length === 2 && !lookupIsBool(flagset, s.slice(1), true)) i++;
      else if (s !== '' && !s.startsWith('-')) plain.push(s);
    }
    const next = plain[0] === undefined ? undefined : findChild(cmd, plain[0], path.length === 1);
    if (next === undefined || next === COBRA_HELP) {
      // cobra's legacyArgs: only a root with subcommands rejects leftover words.
      if (path.length === 1 && cmd.args === undefined && hasSubcommands(cmd) && plain.length > 0) return undefined;
      return path;
    }
    path.push(next);
    const at = rest.indexOf(plain[0] ?? '');
    rest = [...rest.slice(0, at), ...rest.slice(at + 1)];
  }
}

/** True when `name` is cobra's own flag here (help, version) rather than one the specs declare. */
function isCobraFlag(path: CommandSpec[], name: string, rootName: string): boolean {
  return (name === 'help' || name === 'version') && !parseFlagSet(path, rootName, false).some((e) => e.spec.name === name);
}

function result(path: CommandSpec[], state: FlagState, args: string[], warnings: string[], rootName: string): ParsedCommand {
  const flags: Record<string, FlagValue> = {};
  for (const e of parseFlagSet(path, rootName, false)) {
    if (!e.isVariant) flags[e.spec.name] = state.values.get(e.spec.name) ?? defaultFlagValue(e.spec);
  }
  // Flags set on a parent that are local to it (not inherited) still count as given.
  for (const [name, value] of state.values) {
    if (!(name in flags) && !isCobraFlag(path, name, rootName)) flags[name] = value;
  }
  const changed = new Set([...state.changed].filter((name) => !isCobraFlag(path, name, rootName)));
  return { path, flags, changed, args, help: false, warnings };
}

/**
 * Parses `argv` (the words after the program name) against `root`, the way vtctldclient's cobra does.
 * `rootName` is the program name shown in messages and help (defaults to the root's name).
 * Returns the matched command path, flag values (defaults filled in), changed flags, positional
 * arguments, and whether help must be printed instead. Throws CliUsageError.
 */
export function parseCommand(root: CommandSpec, argv: string[], rootName: string = commandName(root)): ParsedCommand {
  const path: CommandSpec[] = [root];
  const state: FlagState = { values: new Map(), changed: new Set() };
  const warnings: string[] = [];
  let rest = [...argv];

  // Traverse: at each level, the flags before the first word that names a child belong to this level.
  for (;;) {
    const cmd = path[path.length - 1] as CommandSpec;
    const levelSet = parseFlagSet(path, rootName, false);
    const flagWords: string[] = [];
    let inFlag = false;
    let childAt = -1;
    let child: CommandSpec | undefined;
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i] ?? '';
      if (arg.startsWith('--') && !arg.includes('=')) {
        inFlag = !lookupIsBool(levelSet, arg.slice(2), false);
        flagWords.push(arg);
      } else if (arg.startsWith('-') && !arg.includes('=') && arg.length === 2 && !lookupIsBool(levelSet, arg.slice(1), true)) {
        inFlag = true;
        flagWords.push(arg);
      } else if (inFlag) {
        inFlag = false;
        flagWords.push(arg);
      } else if (isFlagArg(arg)) {
        flagWords.push(arg);
      } else {
        child = findChild(cmd, arg, path.length === 1);
        childAt = i;
        break;
      }
    }
    if (child === undefined) break;
    try {
      warnings.push(...pflagParse(levelSet, flagWords, state).warnings);
    } catch (e) {
      if (e instanceof PflagError || e instanceof PflagHelpRequested) {
        throw new CliUsageError(e.message, [...path], false, warnings);
      }
      throw e;
    }
    path.push(child);
    rest = rest.slice(childAt + 1);
  }

  // Execute: the command reached parses everything left, with cobra's -h/--help (and --version) added.
  const cmd = path[path.length - 1] as CommandSpec;
  const usageError = (message: string) => new CliUsageError(message, [...path], !cmd.silenceUsage && !root.silenceUsage, warnings);
  let args: string[];
  try {
    const parsed = pflagParse(parseFlagSet(path, rootName, true), rest, state);
    warnings.push(...parsed.warnings);
    args = parsed.args;
  } catch (e) {
    if (e instanceof PflagError) throw usageError(e.message);
    throw e;
  }
  const out = result(path, state, args, warnings, rootName);
  const builtin = (name: string) => state.values.get(name) === true && isCobraFlag(path, name, rootName);
  if (builtin('help')) return { ...out, help: true };
  if (path.length === 1 && cmd.version !== undefined && builtin('version')) return { ...out, version: true };

  if (cmd === COBRA_HELP) {
    const topic = findTopic(root, args, rootName);
    if (topic === undefined) {
      return { ...out, path: [root], help: true, unknownHelpTopic: `Unknown help topic ${goBackquoteList(args)}` };
    }
    return { ...out, path: topic, help: true };
  }
  if (!isRunnable(cmd)) return { ...out, help: true };

  const argsError = validateArgs(path, args, rootName);
  if (argsError !== undefined) throw usageError(argsError);
  if (cmd.args === undefined && hasSubcommands(cmd) && args.length > 0) {
    // vtctldclient's root RunE: words left over on a runnable parent name a command that does not exist.
    throw usageError(`unknown command: ${args[0]}`);
  }
  const missing = parseFlagSet(path, rootName, false)
    .filter((e) => !e.isVariant && e.spec.required && !state.changed.has(e.spec.name))
    .map((e) => e.spec.name)
    .sort(compareBytes);
  if (missing.length > 0) {
    throw usageError(`required flag(s) "${missing.join('", "')}" not set`);
  }
  return out;
}

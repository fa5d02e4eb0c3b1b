// The cobra command tree as the parser and the help renderer both see it: a command's name, whether it
// is runnable or listed, its children in cobra's order (with cobra's own `help` and `completion` on the
// root), and its flag sets (local, inherited, and the full set a parse uses, including `-h, --help`).
// Mirrors spf13/cobra command.go (Name, Runnable, IsAvailableCommand, Commands, LocalFlags,
// InheritedFlags, InitDefaultHelpFlag, InitDefaultVersionFlag, InitDefaultHelpCmd) and completions.go.

import { compareBytes } from '../render/go-string.js';
import type { CommandSpec, FlagSpec } from './spec.js';

/** The command's name: the first word of its use line. */
export function commandName(cmd: CommandSpec): string {
  const i = cmd.use.indexOf(' ');
  return i >= 0 ? cmd.use.slice(0, i) : cmd.use;
}

export function isRunnable(cmd: CommandSpec): boolean {
  return cmd.runnable ?? !(cmd.subcommands && cmd.subcommands.length > 0);
}

export function hasSubcommands(cmd: CommandSpec): boolean {
  return (cmd.subcommands?.length ?? 0) > 0;
}

/** cobra's IsAvailableCommand: listed in help (not hidden, and runnable or with listed children). */
export function isAvailable(cmd: CommandSpec): boolean {
  if (cmd.hidden || cmd === COBRA_HELP) return false;
  return isRunnable(cmd) || (cmd.subcommands ?? []).some(isAvailable);
}

/** cobra's default `help [command]`, added to a root with subcommands. */
export const COBRA_HELP: CommandSpec = {
  use: 'help [command]',
  short: 'Help about any command',
  flags: [],
  runnable: true,
};

/** cobra's default `completion` command (itself with bash/fish/powershell/zsh children). */
export const COBRA_COMPLETION: CommandSpec = {
  use: 'completion',
  short: 'Generate the autocompletion script for the specified shell',
  flags: [],
  runnable: false,
  subcommands: ['bash', 'fish', 'powershell', 'zsh'].map((shell) => ({
    use: shell,
    short: `Generate the autocompletion script for ${shell}`,
    flags: [],
  })),
};

/**
 * The children cobra knows for `cmd`, sorted by name in byte order (cobra's EnableCommandSorting).
 * A root with subcommands also gets cobra's `completion` and `help` unless the spec defines them.
 */
export function childCommands(cmd: CommandSpec, isRoot: boolean): CommandSpec[] {
  const children = [...(cmd.subcommands ?? [])];
  if (isRoot && children.length > 0) {
    const names = new Set(children.map(commandName));
    if (!names.has('completion')) children.push(COBRA_COMPLETION);
    if (!names.has('help')) children.push(COBRA_HELP);
  }
  return children.sort((a, b) => compareBytes(commandName(a), commandName(b)));
}

/** cobra's findNext: the child named `word` (by name or alias; case-insensitively if the child allows). */
export function findChild(cmd: CommandSpec, word: string, isRoot: boolean): CommandSpec | undefined {
  for (const child of childCommands(cmd, isRoot)) {
    const names = [commandName(child), ...(child.aliases ?? [])];
    const match = child.caseInsensitive
      ? names.some((n) => n.toLowerCase() === word.toLowerCase())
      : names.includes(word);
    if (match) return child;
  }
  return undefined;
}

/** A flag as a parse sees it: the spec, and the name it was registered under (an underscore variant). */
export interface FlagEntry {
  spec: FlagSpec;
  /** The registered long name (spec.name, or its underscore spelling for a Vitess alias). */
  name: string;
  /** True for the hidden, deprecated underscore alias of a Vitess flag. */
  isVariant: boolean;
}

/** The flags one spec list registers, including Vitess underscore aliases. */
function entries(specs: readonly FlagSpec[]): FlagEntry[] {
  const out: FlagEntry[] = [];
  for (const spec of specs) {
    out.push({ spec, name: spec.name, isVariant: false });
    const underscored = spec.name.replace(/-/g, '_');
    if (spec.underscoreVariant && underscored !== spec.name) out.push({ spec, name: underscored, isVariant: true });
  }
  return out;
}

/** cobra's help flag for a command: `-h, --help   help for <name>`. */
export function helpFlag(cmd: CommandSpec, displayName: string): FlagSpec {
  return { name: 'help', shorthand: 'h', type: 'bool', usage: `help for ${displayName || commandName(cmd)}` };
}

/** cobra's version flag for a root with a version: `-v, --version` (no shorthand if -v is taken). */
export function versionFlag(cmd: CommandSpec, displayName: string, taken: readonly FlagSpec[]): FlagSpec {
  const usage = `version for ${displayName || commandName(cmd)}`;
  const vTaken = taken.some((f) => f.shorthand === 'v');
  return vTaken ? { name: 'version', type: 'bool', usage } : { name: 'version', shorthand: 'v', type: 'bool', usage };
}

/** The persistent flags the ancestors of path[last] pass down, nearest ancestor first. */
function ancestorPersistent(path: readonly CommandSpec[]): FlagSpec[] {
  const out: FlagSpec[] = [];
  for (let i = path.length - 2; i >= 0; i--) out.push(...(path[i]?.persistentFlags ?? []));
  return out;
}

/**
 * The flags declared on path[last] itself (its own flags and persistent flags), plus cobra's help flag
 * and, on a root with a version, the version flag when `withCobraFlags` is set (cobra adds them when the
 * command executes, not while it only passes through on the way to a subcommand).
 */
export function localFlags(path: readonly CommandSpec[], rootName: string, withCobraFlags: boolean): FlagSpec[] {
  const cmd = path[path.length - 1];
  if (cmd === undefined) return [];
  const displayName = path.length === 1 ? rootName : commandName(cmd);
  const own = [...cmd.flags, ...(cmd.persistentFlags ?? [])];
  if (withCobraFlags) {
    if (!own.some((f) => f.name === 'help')) own.push(helpFlag(cmd, displayName));
    if (path.length === 1 && cmd.version !== undefined && !own.some((f) => f.name === 'version')) {
      own.push(versionFlag(cmd, displayName, own));
    }
  }
  return own;
}

/** cobra's InheritedFlags: ancestors' persistent flags not shadowed by a local flag of the same name. */
export function inheritedFlags(path: readonly CommandSpec[], rootName: string): FlagSpec[] {
  const local = new Set(localFlags(path, rootName, true).map((f) => f.name));
  const seen = new Set<string>();
  const out: FlagSpec[] = [];
  for (const f of ancestorPersistent(path)) {
    if (local.has(f.name) || seen.has(f.name)) continue;
    seen.add(f.name);
    out.push(f);
  }
  return out;
}

/** The full flag set a parse at path[last] uses (cobra's c.Flags() after mergePersistentFlags). */
export function parseFlagSet(path: readonly CommandSpec[], rootName: string, withCobraFlags: boolean): FlagEntry[] {
  const byName = new Map<string, FlagEntry>();
  for (const e of entries([...localFlags(path, rootName, withCobraFlags), ...ancestorPersistent(path)])) {
    if (!byName.has(e.name)) byName.set(e.name, e);
  }
  return [...byName.values()];
}

/** cobra's CommandPath: the display name of the root and the names of the commands below it. */
export function commandPath(path: readonly CommandSpec[], rootName: string): string {
  return path.map((c, i) => (i === 0 ? rootName || commandName(c) : commandName(c))).join(' ');
}

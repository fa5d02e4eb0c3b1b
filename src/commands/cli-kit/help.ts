// cobra's default help and usage texts for a CommandSpec, byte for byte: the Long (or Short) text, then
// `Usage:`, `Aliases:`, `Examples:`, `Available Commands:`, `Flags:` and `Global Flags:` in pflag's
// FlagUsages layout, and the `Use "... [command] --help"` hint; plus what vtctldclient prints for a
// command-line error.
// Mirrors spf13/cobra command.go (defaultUsageFunc, defaultHelpFunc, UseLine, NamePadding, the version
// template) and spf13/pflag flag.go (FlagUsagesWrapped with no wrapping); go/cmd/vtctldclient/main.go
// and command/root.go (SilenceErrors) for how errors reach the user.

import { compareBytes } from '../render/go-string.js';
import {
  childCommands,
  commandName,
  commandPath,
  hasSubcommands,
  inheritedFlags,
  isAvailable,
  isRunnable,
  localFlags,
} from './command-tree.js';
import { defaultSuffix, unquoteUsage } from './flag-values.js';
import type { CliUsageError } from './flags.js';
import type { CommandSpec, FlagSpec } from './spec.js';

const MIN_NAME_PADDING = 11;
const MIN_COMMAND_PATH_PADDING = 11;

function rpad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

function trimRight(s: string): string {
  return s.replace(/\s+$/u, '');
}

/** pflag's FlagUsages: one line per visible flag, sorted by name, usage texts aligned in one column. */
export function flagUsages(flags: readonly FlagSpec[]): string {
  const visible = flags.filter((f) => !f.hidden && !f.deprecated).sort((a, b) => compareBytes(a.name, b.name));
  const lines = visible.map((f) => {
    const { varname, usage } = unquoteUsage(f);
    let head = f.shorthand ? `  -${f.shorthand}, --${f.name}` : `      --${f.name}`;
    if (varname !== '') head += ' ' + varname;
    return { head, text: usage + defaultSuffix(f) };
  });
  // pflag measures each head plus a separator character and pads to the longest.
  const maxlen = Math.max(0, ...lines.map((l) => l.head.length + 1));
  const indent = '\n' + ' '.repeat(maxlen + 2);
  return lines.map((l) => `${l.head} ${' '.repeat(maxlen - l.head.length)} ${l.text.replace(/\n/g, indent)}\n`).join('');
}

/** cobra's IsAdditionalHelpTopicCommand: not runnable, not hidden, and nothing runnable below it. */
function isHelpTopic(cmd: CommandSpec): boolean {
  if (isRunnable(cmd) || cmd.hidden) return false;
  return (cmd.subcommands ?? []).every(isHelpTopic);
}

/** cobra's UseLine: the parents' path, the use line, and ` [flags]` unless disabled or already there. */
function useLine(path: readonly CommandSpec[], rootName: string): string {
  const cmd = path[path.length - 1] as CommandSpec;
  let line: string;
  if (path.length === 1) {
    const name = commandName(cmd);
    line = rootName ? cmd.use.replace(name, rootName) : cmd.use;
  } else {
    line = commandPath(path.slice(0, -1), rootName) + ' ' + cmd.use;
  }
  // Every command has at least cobra's help flag, so HasAvailableFlags always holds.
  if (!cmd.disableFlagsInUseLine && !line.includes('[flags]')) line += ' [flags]';
  return line;
}

/** cobra's UsageString() for the last command of `path` (root first), ending with a newline. */
export function renderUsage(path: readonly CommandSpec[], rootName: string): string {
  const cmd = path[path.length - 1];
  if (cmd === undefined) return '';
  const isRoot = path.length === 1;
  const cmdPath = commandPath(path, rootName);
  const children = childCommands(cmd, isRoot);
  const hasAvailableChildren = children.some(isAvailable);
  let out = 'Usage:';
  if (isRunnable(cmd)) out += `\n  ${useLine(path, rootName)}`;
  if (hasAvailableChildren) out += `\n  ${cmdPath} [command]`;
  if (cmd.aliases && cmd.aliases.length > 0) out += `\n\nAliases:\n  ${[commandName(cmd), ...cmd.aliases].join(', ')}`;
  if (cmd.example) out += `\n\nExamples:\n${cmd.example}`;
  if (hasAvailableChildren) {
    const padding = Math.max(MIN_NAME_PADDING, ...children.map((c) => commandName(c).length));
    out += '\n\nAvailable Commands:';
    for (const child of children) {
      if (isAvailable(child) || commandName(child) === 'help') out += `\n  ${rpad(commandName(child), padding)} ${child.short}`;
    }
  }
  const local = localFlags(path, rootName, true);
  if (local.some((f) => !f.hidden && !f.deprecated)) out += `\n\nFlags:\n${trimRight(flagUsages(local))}`;
  const inherited = inheritedFlags(path, rootName);
  if (inherited.some((f) => !f.hidden && !f.deprecated)) out += `\n\nGlobal Flags:\n${trimRight(flagUsages(inherited))}`;
  const topics = children.filter(isHelpTopic);
  if (topics.length > 0) {
    const paths = children.map((c) => commandPath([...path, c], rootName));
    const padding = Math.max(MIN_COMMAND_PATH_PADDING, ...paths.map((p) => p.length));
    // cobra 1.9's defaultUsageFunc spells this heading "topcis"; vtctldclient is built with it.
    out += '\n\nAdditional help topcis:';
    for (const topic of topics) out += `\n  ${rpad(commandPath([...path, topic], rootName), padding)} ${topic.short}`;
  }
  if (hasAvailableChildren) out += `\n\nUse "${cmdPath} [command] --help" for more information about a command.`;
  return out + '\n';
}

/** cobra's help for the last command of `path`: Long (or Short), a blank line, then its usage. */
export function renderHelp(path: readonly CommandSpec[], rootName: string): string {
  const cmd = path[path.length - 1];
  if (cmd === undefined) return '';
  const text = trimRight(cmd.long || cmd.short);
  let out = text ? `${text}\n\n` : '';
  if (isRunnable(cmd) || hasSubcommands(cmd)) out += renderUsage(path, rootName);
  return out;
}

/** cobra's version template: `vtctldclient version <version>`. */
export function renderVersion(root: CommandSpec, rootName: string): string {
  return `${rootName || commandName(root)} version ${root.version ?? ''}\n`;
}

/**
 * What vtctldclient prints on stderr for a command-line error. vtctldclient silences cobra's own error
 * line (SilenceErrors) and logs the error itself with glog in main.go, so:
 * - `usage`: everything printed before the log line: pflag's deprecation warnings, then, for errors
 *   cobra treats as usage errors (`err.showUsage`), the command's usage followed by a blank line
 *   (cobra's `Println(UsageString())`). Empty when there is nothing to print.
 * - `message`: the bare error text; the caller prints it as the glog line
 *   (`E1008 18:52:57.525791   19246 main.go:60] <message>`) and exits 1.
 */
export function formatCliError(err: CliUsageError, rootName: string): { usage: string; message: string } {
  const warnings = err.warnings.map((w) => w + '\n').join('');
  const usage = err.showUsage ? renderUsage(err.path, rootName) + '\n' : '';
  return { usage: warnings + usage, message: err.message };
}

// Declarative descriptions of CLI commands and their flags, in the shape of cobra/pflag (which
// vtctldclient is built on): a command has a `use` line, short/long help, examples, flags with
// types and defaults, positional-argument bounds and subcommands. The flag parser (flags.ts) and the
// help renderer (help.ts) work from these specs, so every command gets real `--help` text and
// cobra-style errors from one description.

/**
 * pflag value types used by vtctldclient. 'float' is pflag's Float64; 'strings' is StringSlice (values are
 * read as one CSV record per occurrence and accumulate). Help shows pflag's type names: int64 and uint64
 * print as `int`/`uint`, float as `float`, bool as nothing.
 */
export type FlagType =
  | 'string'
  | 'bool'
  | 'int'
  | 'int32'
  | 'int64'
  | 'uint'
  | 'uint32'
  | 'uint64'
  | 'float'
  | 'float32'
  | 'duration'
  | 'strings'
  /** pflag StringArray: repeatable, each value kept whole (no comma splitting). */
  | 'stringArray';

export type FlagValue = string | boolean | number | string[];

export interface FlagSpec {
  /** Long name without dashes, as cobra defines it (e.g. 'target-keyspace'). */
  name: string;
  /** One-letter shorthand, if any (e.g. 'c' for --cells). */
  shorthand?: string;
  type: FlagType;
  /** Default value; durations are given in milliseconds. */
  default?: FlagValue;
  /** The usage text printed in help. */
  usage: string;
  /**
   * The type name help shows, for flags whose pflag Value is a custom type (`--v Level`,
   * `--stderrthreshold severityFlag`); the value is then read as `type` says. Defaults are quoted in
   * help only when this name is `string`, as pflag does.
   */
  typeName?: string;
  /** Required flags fail with cobra's `required flag(s) "x" not set`. */
  required?: boolean;
  hidden?: boolean;
  /**
   * Marks a deprecated flag; the string is the deprecation message. As with pflag's MarkDeprecated the
   * flag still works, is hidden from help, and using it warns `Flag --x has been deprecated, <msg>`.
   */
  deprecated?: string;
  /**
   * The flag was registered with Vitess's utils.SetFlag*Var (go/vt/utils/flags.go), which also registers
   * the underscore spelling (`--ddl_strategy` for `--ddl-strategy`) as a hidden, deprecated alias. Plain
   * pflag flags have no such alias: vtctldclient rejects `--tablet_types` with `unknown flag`.
   */
  underscoreVariant?: boolean;
}

export interface ArgsSpec {
  min: number;
  /** Maximum number of positional args; undefined = unbounded. */
  max?: number;
}

export interface CommandSpec {
  /** cobra's Use line, e.g. 'GetTablets [--cell $cell ...]'. The first word is the command name. */
  use: string;
  aliases?: string[];
  short: string;
  long?: string;
  example?: string;
  flags: FlagSpec[];
  /** Flags inherited by every subcommand (cobra persistent flags). */
  persistentFlags?: FlagSpec[];
  args?: ArgsSpec;
  subcommands?: CommandSpec[];
  /** Accept the command name case-insensitively (vtctldclient accepts `switchtraffic`). */
  caseInsensitive?: boolean;
  /**
   * cobra's Runnable(): the command has a Run function. Defaults to true for a leaf and false for a command
   * with subcommands. Reaching a command that is not runnable prints its help and exits 0 (cobra), which is
   * what `vtctldclient MoveTables --workflow w --target-keyspace k typo` does. A runnable command with
   * subcommands and no `args` rejects leftover words with `unknown command: <word>`, as vtctldclient's root
   * RunE does (go/cmd/vtctldclient/command/root.go).
   */
  runnable?: boolean;
  /**
   * cobra's SilenceUsage: errors of this command print no usage text (Vitess sets it on MoveTables create,
   * Reshard create, VDiff create...). Other commands print their usage with flag/argument errors.
   */
  silenceUsage?: boolean;
  /** Hidden commands work but are not listed under "Available Commands". */
  hidden?: boolean;
  /** cobra's DisableFlagsInUseLine: do not append ` [flags]` to the usage line (Vitess sets it almost everywhere). */
  disableFlagsInUseLine?: boolean;
  /** cobra's Version (root only): adds `-v, --version`; the parse then reports `version: true`. */
  version?: string;
}

/** Result of parsing a command line against a spec. */
export interface ParsedCommand {
  /** The chain of matched commands, root first. */
  path: CommandSpec[];
  /** Flag values by long name, defaults filled in. */
  flags: Record<string, FlagValue>;
  /** Long names of the flags the user actually set. */
  changed: Set<string>;
  /** Positional arguments. */
  args: string[];
  /**
   * True when the caller must print renderHelp(path) on stdout and exit 0 instead of running: --help / -h was
   * given, the command is not runnable, or cobra's `help [command]` was used.
   */
  help: boolean;
  /** True when `--version` was given on a root with `version`: cobra prints `<name> version <version>`. */
  version?: boolean;
  /**
   * Set when `help <topic>` names no command: cobra prints this line (`Unknown help topic [\`foo\`]`)
   * and the root's usage on stderr, and exits 0. `help` is true and `path` is the root.
   */
  unknownHelpTopic?: string;
  /** Lines pflag prints on stderr while parsing (deprecated flags), each without its newline. */
  warnings: string[];
}

// The error of a command line the shell cannot run, shared by the line parser and the loop reader.
// No Vitess counterpart.

/**
 * A line the shell cannot run. `message` is bash's wording without the `bash: ` prefix, e.g.
 * `syntax error near unexpected token '|'`. `unsupported` marks valid bash that vtsim does not
 * implement (command substitution, subshells, here-documents).
 */
export class ShellSyntaxError extends Error {
  readonly unsupported: boolean;
  constructor(message: string, unsupported = false) {
    super(message);
    this.name = 'ShellSyntaxError';
    this.unsupported = unsupported;
  }
}

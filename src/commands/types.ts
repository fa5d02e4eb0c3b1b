// The command layer's contract: one command line in, what the real tool would print out.
// The shell, the lesson runner, the TUI console and the control port all go through this, so a
// command behaves the same wherever it is typed.

/** What running one command line produced. */
export interface CommandResult {
  /** What the command printed on standard output. */
  stdout: string;
  /** What it printed on standard error (Vitess tools print errors here, glog style). */
  stderr: string;
  /** 0 on success, as the real tool's exit status. */
  exitCode: number;
}

/** Runs command lines against one simulated cluster. */
export interface CommandRunner {
  /**
   * Runs one line of the command language (mysql, vtctldclient, the example's scripts, vtsim ...).
   * `stdin` is what a `<` redirect or a pipe would feed the command; redirects in the line itself are
   * resolved by the runner.
   */
  run(line: string, stdin?: string): CommandResult;
}

// Errors at the process edge: the only place that decides exit codes.

/** An error that ends the process with a given exit status and message. */
export class FatalError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'FatalError';
  }
}

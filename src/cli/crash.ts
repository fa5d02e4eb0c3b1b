// What the user sees when the simulator itself breaks (a [BUG] assertion or a stuck simulation):
// the error, and the exact command line that reproduces it.

export function reportCrash(e: unknown, seed: number, line: string): void {
  const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
  process.stderr.write(`vtsim: internal error while running: ${line}\n${msg}\n`);
  process.stderr.write(`reproduce: run the same commands with vtsim shell --seed ${seed}\n`);
}

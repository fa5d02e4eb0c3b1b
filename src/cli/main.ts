// The vtsim command line (yargs): tutorial (the TUI, default), run (headless lessons), shell.
// This is the only module that decides exit codes.

// Must stay the first import: it prepares the environment before ink loads.
import './interactive-env.js';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { DEFAULT_SEED } from '../engine/sim-env.js';
import { runShell } from './shell.js';
import { runTutorial } from '../tui/run-tui.js';
import { runLessons } from './run.js';
import { FatalError } from './errors.js';
import { registerServeCommands, runRemoteCommand } from './serve-commands.js';

function seedOption(y: ReturnType<typeof yargs>) {
  return y.option('seed', { type: 'number', default: DEFAULT_SEED, describe: 'seed of the simulation: the same seed and commands give the same output' });
}

async function main(argv: string[]): Promise<number> {
  // `vtsim vtctldclient ...` / `vtsim exec ...` pass their arguments on untouched (not parsed by yargs).
  const remote = runRemoteCommand(argv);
  if (remote) return remote;
  let exitCode = 0;
  const program = yargs(argv)
    .scriptName('vtsim')
    .usage('vtsim: a Vitess cluster simulated in one process, for learning MoveTables.\n\nUsage: $0 <command> [options]')
    .command(
      ['tutorial [lesson]', '$0'],
      'replay a lesson step by step in the terminal UI (default: the bundled MoveTables lesson)',
      (y) => seedOption(y).positional('lesson', { type: 'string', describe: 'lesson file (Markdown)' }).option('speed', { type: 'number', default: 1, describe: 'simulated time per real time (2 = twice as fast)' }),
      async (args) => {
        exitCode = await runTutorial({
          lesson: args.lesson as string | undefined,
          seed: Number(args.seed),
          speed: Number(args.speed),
        });
      },
    )
    .command(
      'run <lessons..>',
      'run lessons headless and compare every output with the page (autograder)',
      (y) =>
        y
          .option('seed', { type: 'number', describe: "seed of the simulation (default: the lesson's seed directive, else 1)" })
          .positional('lessons', { type: 'string', array: true, describe: 'lesson files (Markdown) or bundled lesson names' })
          .option('json', { type: 'boolean', default: false, describe: 'print a machine-readable report' })
          .option('verbose', { type: 'boolean', default: false, describe: 'show every command and its output' }),
      async (args) => {
        const r = await runLessons({
          lessons: (args.lessons as string[]) ?? [],
          seed: args.seed === undefined ? undefined : Number(args.seed),
          json: Boolean(args.json),
          verbose: Boolean(args.verbose),
          color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
        });
        process.stdout.write(r.output);
        exitCode = r.exitCode;
      },
    )
    .command(
      'shell',
      'a prompt for the commands of the Vitess docs (reads commands from stdin when it is not a terminal)',
      (y) => seedOption(y),
      async (args) => {
        exitCode = await runShell({ seed: Number(args.seed) });
      },
    );
  await registerServeCommands(program, (code) => {
    exitCode = code;
  })
    .strict()
    .demandCommand(0)
    .help()
    .version(false)
    .fail((msg, err) => {
      throw new FatalError(err ? err.message : `${msg}\nRun 'vtsim --help' for usage.`, 2);
    })
    .parseAsync();
  return exitCode;
}

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof FatalError) {
      process.stderr.write(`vtsim: ${e.message}\n`);
      process.exitCode = e.exitCode;
      return;
    }
    process.stderr.write(`vtsim: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);

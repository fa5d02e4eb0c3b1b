// The tutorial controller: one lesson replayed step by step on a simulated cluster, plus what the
// panes show (the ClusterView, the last step's output, what it changed). It is an external store for
// React (subscribe / getState, a new immutable state object on every change) and holds no timers:
// the driver (driver.ts) moves simulated time, the key bindings call next / back / console.
// Going back replays the lesson from the start on a fresh cluster with the same seed, so a step
// always shows what a straight run would show. No Vitess counterpart.

import type { SqlJsStatic } from '../tablets/sqlite/sqljs.js';
import { Cluster } from '../cluster/cluster.js';
import type { ClusterView } from '../cluster/cluster-view.js';
import { buildClusterView, viewKey } from '../cluster/cluster-view.js';
import { CommandSession } from '../commands/session.js';
import type { CommandResult } from '../commands/types.js';
import type { FileReader } from '../commands/files.js';
import type { Lesson, LessonCommand, Step } from '../lessons/index.js';
import { setupFor } from '../lessons/index.js';
import { errorMessage, isVtError } from '../common/errors.js';
import type { Line } from './text-layout.js';
import type { Highlight, ViewChange } from './view-diff.js';
import { diffViews, NO_HIGHLIGHT } from './view-diff.js';
import type { WriteLoadStats } from './write-load.js';
import { WriteLoad } from './write-load.js';
import type { CommandOutcome } from './transcript.js';
import { compareWithPage, transcript } from './transcript.js';

export type { CommandOutcome } from './transcript.js';

export interface TutorialState {
  readonly title: string;
  readonly source: string;
  readonly seed: number;
  /** The lesson's steps worth showing (those with commands or prose). */
  readonly steps: readonly Step[];
  /** How many steps have run; the step on screen is steps[stepsRun - 1]. */
  readonly stepsRun: number;
  /** Commands run before the lesson's own (the implicit ./101_initial_cluster.sh), if any. */
  readonly setup: readonly string[];
  /** What the last action ran: setup and the current step's commands, or a console command. */
  readonly outcomes: readonly CommandOutcome[];
  /** The outcomes of the step on screen's own commands, in order (the lesson pane marks them). */
  readonly stepOutcomes: readonly CommandOutcome[];
  readonly outputTitle: string;
  /** The changes, then the transcript of the commands. */
  readonly output: readonly Line[];
  readonly changes: readonly ViewChange[];
  readonly highlight: Highlight;
  readonly view: ClusterView;
  readonly load: WriteLoadStats;
  /** A short notice for the status line ("end of the lesson", "rewound to step 3"). */
  readonly notice: string;
}

export interface TutorialOptions {
  lesson: Lesson;
  seed: number;
  /** sql.js, already loaded (loadSqlJs()). */
  sql: SqlJsStatic;
  /** Reads files commands name (`mysql < file`): near the lesson, then the working directory. */
  readFile?: FileReader;
}

type Listener = () => void;

/** Tables a lesson moves, from its `MoveTables ... create ... --tables` commands. */
export function lessonTables(lesson: Lesson): string[] {
  const out = new Set<string>();
  for (const cmd of lesson.steps.flatMap((s) => s.commands)) {
    if (!/\bMoveTables\b/i.test(cmd.line) || !/\bcreate\b/i.test(cmd.line)) continue;
    const m = /--tables(?:=|\s+)(?:'([^']*)'|"([^"]*)"|(\S+))/.exec(cmd.line);
    const list = m?.[1] ?? m?.[2] ?? m?.[3] ?? '';
    for (const t of list.split(',')) if (t.trim() !== '') out.add(t.trim());
  }
  return [...out].sort();
}

/**
 * What decides whether the screen must be redrawn: the view without its millisecond clock, plus the
 * clock to the second (the status line shows seconds), so an idle cluster redraws at most once a second
 * while time flows, and never while paused.
 */
export function displayKey(view: ClusterView): string {
  return `${Math.floor(view.nowMs / 1000)}|${viewKey(view, { ignoreTime: true })}`;
}

export class Tutorial {
  private cluster!: Cluster;
  private session!: CommandSession;
  private load: WriteLoad | undefined;
  private state: TutorialState;
  private lastViewKey = '';
  private readonly listeners = new Set<Listener>();
  private readonly steps: Step[];
  private readonly setup: string[];
  private setupDone = false;
  private readonly tablesToLoad: string[];

  constructor(private readonly options: TutorialOptions) {
    this.steps = options.lesson.steps.filter((s) => s.commands.length > 0 || s.prose.trim() !== '');
    this.setup = setupFor(options.lesson).commands;
    this.tablesToLoad = lessonTables(options.lesson);
    this.freshCluster();
    const view = this.buildView();
    this.state = {
      title: options.lesson.title,
      source: options.lesson.source,
      seed: options.seed,
      steps: this.steps,
      stepsRun: 0,
      setup: this.setup,
      outcomes: [],
      stepOutcomes: [],
      outputTitle: 'Output',
      output: [],
      changes: [],
      highlight: NO_HIGHLIGHT,
      view,
      load: { running: false, ok: 0, errors: 0, lastError: '' },
      notice: '',
    };
  }

  // ---- the store ----

  getState = (): TutorialState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<TutorialState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l();
  }

  /** The cluster on screen (replaced when going back). */
  currentCluster(): Cluster {
    return this.cluster;
  }

  // ---- actions ----

  /** Runs the next step of the lesson. */
  next(): void {
    const n = this.state.stepsRun;
    if (n >= this.steps.length) {
      this.set({ notice: 'This is the end of the lesson (b goes back, q quits).' });
      return;
    }
    const before = this.buildView();
    const setup = this.ensureSetup();
    const stepOutcomes = this.runStep(this.steps[n] as Step);
    this.showResult(n + 1, before, [...setup, ...stepOutcomes], stepOutcomes, this.stepTitle(n + 1), '');
  }

  /** Goes back one step: replays the lesson up to the previous step on a fresh cluster. */
  back(): void {
    const n = this.state.stepsRun;
    if (n === 0) {
      this.set({ notice: 'Already at the start of the lesson.' });
      return;
    }
    this.goTo(n - 1);
  }

  /** Rebuilds the state after `count` steps from scratch (same seed, so the same cluster). */
  goTo(count: number): void {
    const target = Math.max(0, Math.min(count, this.steps.length));
    const loadWasOn = this.load?.running ?? false;
    this.disposeCluster();
    this.freshCluster();
    this.setupDone = false;
    if (target === 0) {
      const view = this.buildView();
      this.lastViewKey = displayKey(view);
      this.set({
        stepsRun: 0,
        outcomes: [],
        stepOutcomes: [],
        output: [],
        outputTitle: 'Output',
        changes: [],
        highlight: NO_HIGHLIGHT,
        view,
        notice: 'Back at the start: a fresh cluster.',
      });
    } else {
      // The view before the step on screen is taken after setup only for step 1, as next() does.
      let before = this.buildView();
      const setup = this.ensureSetup();
      for (let i = 0; i < target - 1; i++) this.runStep(this.steps[i] as Step);
      if (target > 1) before = this.buildView();
      const stepOutcomes = this.runStep(this.steps[target - 1] as Step);
      // Only the step on screen shows its output; setup output belongs to step 1.
      const outcomes = target === 1 ? [...setup, ...stepOutcomes] : stepOutcomes;
      const notice = `Replayed steps 1-${target} on a fresh cluster (seed ${this.options.seed}).`;
      this.showResult(target, before, outcomes, stepOutcomes, this.stepTitle(target), notice);
    }
    // The replay ran without the load (so every replay is the same); it resumes on the new cluster.
    if (loadWasOn) {
      this.startLoad();
      this.set({ load: this.load?.stats() ?? this.state.load });
    }
  }

  /** Runs any command line at the current point (the `:` console). Errors are shown, never thrown. */
  runConsole(commandLine: string): void {
    const lineText = commandLine.trim();
    if (lineText === '') return;
    const before = this.buildView();
    const outcome = this.runLine(lineText);
    this.showResult(this.state.stepsRun, before, [outcome], this.state.stepOutcomes, `Console: ${lineText}`, '');
  }

  /** Turns the background write load on or off. */
  toggleLoad(): void {
    if (this.load?.running) {
      this.load.stop();
      this.set({ load: this.load.stats(), notice: 'Write load stopped.' });
      return;
    }
    this.startLoad();
    this.set({
      load: this.load?.stats() ?? this.state.load,
      notice: `Write load on: inserts and updates on ${this.loadTables().join(', ') || '(no tables yet)'}.`,
    });
  }

  private startLoad(): void {
    this.load ??= new WriteLoad(this.cluster, () => this.loadTables(), { seed: this.options.seed });
    this.load.start();
  }

  /** Lets simulated time pass (the driver calls this), then refreshes the view if it changed. */
  advance(ms: number): void {
    if (ms > 0) {
      try {
        this.cluster.env.scheduler.advance(Math.floor(ms));
      } catch (e) {
        this.set({ notice: `Simulation error: ${errorMessage(e)}` });
      }
    }
    this.refresh();
  }

  /** Rebuilds the cluster view; notifies only when something on screen changed. */
  refresh(): void {
    const view = this.buildView();
    const key = displayKey(view);
    const load = this.load?.stats();
    const loadChanged = load !== undefined && JSON.stringify(load) !== JSON.stringify(this.state.load);
    if (key === this.lastViewKey && !loadChanged) return;
    this.lastViewKey = key;
    this.set(loadChanged ? { view, load } : { view });
  }

  clearNotice(): void {
    if (this.state.notice !== '') this.set({ notice: '' });
  }

  dispose(): void {
    this.disposeCluster();
  }

  // ---- internals ----

  private stepTitle(stepsRun: number): string {
    return `Output of step ${stepsRun}/${this.steps.length}`;
  }

  private freshCluster(): void {
    this.cluster = Cluster.createSync(this.options.sql, { seed: this.options.seed });
    this.session = new CommandSession(this.cluster, this.options.readFile ? { readFile: this.options.readFile } : {});
    this.load = undefined;
  }

  private disposeCluster(): void {
    this.load?.stop();
    this.load = undefined;
    // Frees the tablets' databases: every cluster of the process shares one WASM heap.
    this.cluster.reset();
  }

  private buildView(): ClusterView {
    return buildClusterView(this.cluster);
  }

  private loadTables(): string[] {
    const view = this.state.view;
    const tables = new Set<string>(this.tablesToLoad);
    for (const r of view.routes) tables.add(r.table);
    return [...tables].sort();
  }

  private ensureSetup(): CommandOutcome[] {
    if (this.setupDone) return [];
    this.setupDone = true;
    return this.setup.map((l) => this.runLine(l));
  }

  /** Runs a step's commands the way `vtsim run` does (directives honoured), settling after each. */
  private runStep(step: Step): CommandOutcome[] {
    return step.commands.map((cmd) => this.runCommand(cmd));
  }

  private runCommand(cmd: LessonCommand): CommandOutcome {
    for (const d of cmd.directives) {
      if (d.kind === 'settle') this.session.settleEnabled = d.on;
    }
    if (cmd.skipReason !== undefined) {
      return { line: cmd.line, status: 'skipped', exitCode: 0, stdout: '', stderr: '', note: cmd.skipReason };
    }
    for (const d of cmd.directives) {
      if (d.kind === 'wait') this.runLine(`vtsim sleep ${d.duration}`);
    }
    const outcome = this.runLine(cmd.line);
    const compared = compareWithPage(cmd, outcome, this.options.lesson.directives.masks);
    return { ...outcome, matchesPage: compared.ok, ...(compared.reason !== undefined ? { pageReason: compared.reason } : {}) };
  }

  private runLine(commandLine: string): CommandOutcome {
    let r: CommandResult;
    try {
      r = this.session.run(commandLine);
    } catch (e) {
      // A command must never end the TUI: tool errors and simulator failures are shown as output.
      const message = isVtError(e) ? e.message : `vtsim: internal error: ${errorMessage(e)}`;
      r = { stdout: '', stderr: `${message}\n`, exitCode: 1 };
    }
    return { line: commandLine, status: r.exitCode === 0 ? 'ok' : 'failed', exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
  }

  private showResult(
    stepsRun: number,
    before: ClusterView,
    outcomes: readonly CommandOutcome[],
    stepOutcomes: readonly CommandOutcome[],
    title: string,
    notice: string,
  ): void {
    const view = this.buildView();
    this.lastViewKey = displayKey(view);
    const { changes, highlight } = diffViews(before, view);
    this.set({
      stepsRun,
      outcomes,
      stepOutcomes,
      output: transcript(changes, outcomes),
      outputTitle: title,
      changes,
      highlight,
      view,
      load: this.load?.stats() ?? this.state.load,
      notice,
    });
  }
}

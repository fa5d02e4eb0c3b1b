// The tutorial's terminal UI: the lesson, cluster, workflow and output panes with a status line (or
// the help overlay, or a message when the terminal is too small), keys mapped in key-bindings.ts,
// simulated time moved by the driver. All state about the cluster lives in the Tutorial store; this
// component only keeps UI state (speed, pause, scroll positions, the console line).
// No Vitess counterpart.

import React, { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Box, Text, useApp, useInput, useStdin, useStdout } from 'ink';
import type { Key } from 'ink';
import type { Tutorial, TutorialState } from './tutorial.js';
import { computeLayout, MIN_COLUMNS, MIN_ROWS } from './layout.js';
import type { Size } from './layout.js';
import { consoleAction, helpAction, mainAction } from './key-bindings.js';
import { fasterSpeed, slowerSpeed, useSimulationDriver } from './driver.js';
import { LessonPane, lessonPaneLines, lessonPaneNeeds } from './lesson-pane.js';
import { ClusterPane, clusterPaneLines } from './cluster-pane.js';
import { WorkflowPane } from './workflow-pane.js';
import { OutputPane, maxOutputScroll, outputScreenLines } from './output-pane.js';
import { StatusLine } from './status-line.js';
import { HelpOverlay } from './help-overlay.js';
import { Console } from './console.js';
import { PANE_CHROME } from './pane.js';
import { wrap } from './text-layout.js';

export interface AppProps {
  tutorial: Tutorial;
  speed: number;
  /** Start with simulated time stopped (tests; also a teacher who wants to talk first). */
  paused?: boolean;
  color: boolean;
  /** A fixed size (tests); by default the terminal's, following resizes. */
  size?: Size;
  /** Called once when the user quits. */
  onQuit?: () => void;
  /** Real milliseconds between two driver ticks. */
  tickMs?: number;
}

type Mode = 'main' | 'console' | 'help';

/** The Key ink would report for one plain character (Enter, Backspace and Esc included). */
function plainKey(ch: string): Key {
  return {
    upArrow: false,
    downArrow: false,
    leftArrow: false,
    rightArrow: false,
    pageDown: false,
    pageUp: false,
    home: false,
    end: false,
    return: ch === '\r' || ch === '\n',
    escape: ch === '\u001b',
    ctrl: false,
    shift: false,
    tab: ch === '\t',
    backspace: ch === '\b',
    delete: ch === '\u007f',
    meta: false,
    super: false,
    hyper: false,
    capsLock: false,
    numLock: false,
  };
}

/** What the UI itself remembers (the cluster and lesson state live in the Tutorial store). */
interface UiState {
  speed: number;
  paused: boolean;
  mode: Mode;
  zoom: boolean;
  /** Scroll positions belong to what they scroll: another step or output starts at the top. */
  lessonScroll: { step: number; offset: number };
  outputScroll: { output: unknown; offset: number };
  consoleLine: string;
  history: string[];
  historyIndex: number;
}

function useTerminalSize(fixed: Size | undefined): Size {
  const { stdout } = useStdout();
  const read = (): Size => ({ columns: stdout.columns || MIN_COLUMNS, rows: stdout.rows || MIN_ROWS });
  const [size, setSize] = useState<Size>(read);
  useEffect(() => {
    if (fixed) return undefined;
    const onResize = (): void => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  return fixed ?? size;
}

/** Everything the screen's geometry decides: pane boxes, scroll positions and their limits. */
function screen(state: TutorialState, ui: UiState, size: Size) {
  const first = computeLayout(size, 0);
  const clusterLines =
    first.kind === 'panes'
      ? clusterPaneLines(state.view, state.highlight, first.cluster.width - PANE_CHROME.columns).filter((l) => (l.priority ?? 0) === 0).length
      : 0;
  const lessonModel = { title: state.title, steps: state.steps, stepsRun: state.stepsRun, setup: state.setup, stepOutcomes: state.stepOutcomes };
  const lessonLines = first.kind === 'panes' ? lessonPaneNeeds(lessonModel, first.lesson.width - PANE_CHROME.columns) : 0;
  const layout = computeLayout(size, clusterLines, lessonLines);
  const outputBox = layout.kind === 'panes' ? (ui.zoom ? layout.zoom : layout.output) : { width: MIN_COLUMNS, height: 10 };
  const outputRows = outputBox.height - PANE_CHROME.rows;
  const outputMax = maxOutputScroll(outputScreenLines(state.output, outputBox.width - PANE_CHROME.columns).length, outputRows);
  const lessonMax =
    layout.kind === 'panes'
      ? lessonPaneLines(lessonModel, layout.lesson.width - PANE_CHROME.columns, layout.lesson.height - PANE_CHROME.rows, 0).maxScroll
      : 0;
  return {
    layout,
    lessonModel,
    outputBox,
    outputRows,
    outputMax,
    lessonMax,
    lessonOffset: ui.lessonScroll.step === state.stepsRun ? ui.lessonScroll.offset : 0,
    outputOffset: ui.outputScroll.output === state.output ? ui.outputScroll.offset : 0,
  };
}

export function App({ tutorial, speed: initialSpeed, paused: initiallyPaused = false, color, size: fixedSize, onQuit, tickMs }: AppProps): React.JSX.Element {
  const state = useSyncExternalStore(tutorial.subscribe, tutorial.getState);
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const size = useTerminalSize(fixedSize);
  // Keys can arrive faster than React re-renders (a paste, tmux send-keys): handlers read and write
  // the UI state through a ref, so each key sees what the previous one did, and a render follows.
  const ui = useRef<UiState>({
    speed: initialSpeed,
    paused: initiallyPaused,
    mode: 'main',
    zoom: false,
    lessonScroll: { step: -1, offset: 0 },
    outputScroll: { output: undefined, offset: 0 },
    consoleLine: '',
    history: [],
    historyIndex: -1,
  });
  const [, setRenders] = useState(0);
  const update = (patch: Partial<UiState>): void => {
    ui.current = { ...ui.current, ...patch };
    setRenders((n) => n + 1);
  };
  const u = ui.current;

  useSimulationDriver({ advance: (ms) => tutorial.advance(ms), speed: u.speed, paused: u.paused, ...(tickMs !== undefined ? { tickMs } : {}) });

  const { layout, lessonModel, outputBox, lessonOffset, outputOffset } = screen(state, u, size);

  const quitting = useRef(false);
  const quit = (): void => {
    if (quitting.current) return;
    quitting.current = true;
    onQuit?.();
    exit();
  };
  const scrollOutput = (delta: number | 'page' | '-page'): void => {
    const live = tutorial.getState();
    const g = screen(live, ui.current, size);
    const d = delta === 'page' ? Math.max(1, g.outputRows - 1) : delta === '-page' ? -Math.max(1, g.outputRows - 1) : delta;
    update({ outputScroll: { output: live.output, offset: Math.max(0, Math.min(g.outputMax, g.outputOffset + d)) } });
  };
  const scrollLesson = (delta: number): void => {
    const live = tutorial.getState();
    const g = screen(live, ui.current, size);
    update({ lessonScroll: { step: live.stepsRun, offset: Math.max(0, Math.min(g.lessonMax, g.lessonOffset + delta)) } });
  };

  const onMainKey = (input: string, key: Key): void => {
    const action = mainAction(input, key);
    if (action === undefined) return;
    if (action !== 'quit') tutorial.clearNotice();
    switch (action) {
      case 'next':
        tutorial.next();
        break;
      case 'back':
        tutorial.back();
        break;
      case 'pause':
        update({ paused: !ui.current.paused });
        break;
      case 'faster':
        update({ speed: fasterSpeed(ui.current.speed) });
        break;
      case 'slower':
        update({ speed: slowerSpeed(ui.current.speed) });
        break;
      case 'load':
        tutorial.toggleLoad();
        break;
      case 'console':
        update({ mode: 'console', consoleLine: '', historyIndex: -1 });
        break;
      case 'help':
        update({ mode: 'help' });
        break;
      case 'quit':
        quit();
        break;
      case 'scrollUp':
        scrollOutput(-1);
        break;
      case 'scrollDown':
        scrollOutput(1);
        break;
      case 'pageUp':
        scrollOutput('-page');
        break;
      case 'pageDown':
        scrollOutput('page');
        break;
      case 'lessonUp':
        scrollLesson(-3);
        break;
      case 'lessonDown':
        scrollLesson(3);
        break;
      case 'zoom':
        update({ zoom: !ui.current.zoom });
        break;
    }
  };

  const onConsoleKey = (input: string, key: Key): void => {
    const a = consoleAction(input, key);
    if (!a) return;
    const { consoleLine, history, historyIndex } = ui.current;
    switch (a.kind) {
      case 'quit':
        quit();
        break;
      case 'cancel':
        update({ mode: 'main' });
        break;
      case 'insert':
        update({ consoleLine: consoleLine + a.text });
        break;
      case 'backspace':
        update({ consoleLine: consoleLine.slice(0, -1) });
        break;
      case 'historyPrev': {
        if (history.length === 0) break;
        const i = historyIndex < 0 ? history.length - 1 : Math.max(0, historyIndex - 1);
        update({ historyIndex: i, consoleLine: history[i] ?? '' });
        break;
      }
      case 'historyNext': {
        if (historyIndex < 0) break;
        const i = historyIndex + 1;
        update({ historyIndex: i >= history.length ? -1 : i, consoleLine: i >= history.length ? '' : (history[i] ?? '') });
        break;
      }
      case 'submit': {
        const text = consoleLine.trim();
        update({
          mode: 'main',
          consoleLine: '',
          historyIndex: -1,
          ...(text !== '' ? { history: [...history.filter((x) => x !== text), text].slice(-50) } : {}),
        });
        if (text !== '') tutorial.runConsole(text);
        break;
      }
    }
  };

  const onKey = (input: string, key: Key): void => {
    const mode = ui.current.mode;
    if (mode === 'console') onConsoleKey(input, key);
    else if (mode === 'help') {
      if (helpAction(input, key) === 'quit') quit();
      else update({ mode: 'main' });
    } else onMainKey(input, key);
  };

  useInput(
    (input, key) => {
      // Keys typed faster than the terminal is read arrive together ("nn", ":vtsim time\r"); ink
      // reports them as one paste. Each is handled as a key of its own, in the mode the one before
      // left (so a `:` turns the rest into console text, and Enter runs it).
      if (input.length > 1 && !key.ctrl && !key.meta) {
        for (const ch of input) {
          const code = ch.charCodeAt(0);
          // Ctrl-A .. Ctrl-Z arrive as codes 1-26 (Enter, Tab and Backspace among them).
          if (code >= 1 && code <= 26 && !'\r\n\t\b'.includes(ch)) onKey(String.fromCharCode(code + 96), { ...plainKey(ch), ctrl: true });
          else onKey(ch, plainKey(ch));
        }
        return;
      }
      onKey(input, key);
    },
    { isActive: isRawModeSupported === true },
  );

  if (layout.kind === 'too-small') {
    const message = `vtsim needs a terminal of at least ${MIN_COLUMNS}x${MIN_ROWS}; this one is ${size.columns}x${size.rows}. Make the window bigger, or press q to quit.`;
    return (
      <Box flexDirection="column">
        {wrap(message, Math.max(20, size.columns - 1)).map((l, i) => (
          <Text key={i}>{l}</Text>
        ))}
      </Box>
    );
  }

  const statusModel = {
    paused: u.paused,
    speed: u.speed,
    stepsRun: state.stepsRun,
    steps: state.steps.length,
    nowMs: state.view.nowMs,
    load: state.load,
    notice: state.notice,
  };
  const bottom =
    u.mode === 'console' ? (
      <Console text={u.consoleLine} width={size.columns} color={color} />
    ) : (
      <StatusLine model={statusModel} width={size.columns} color={color} />
    );

  if (u.mode === 'help') {
    return (
      <Box flexDirection="column" width={size.columns}>
        <HelpOverlay width={size.columns} height={layout.zoom.height} seed={state.seed} color={color} />
        {bottom}
      </Box>
    );
  }

  const output = (
    <OutputPane
      title={state.outputTitle}
      output={state.output}
      scroll={outputOffset}
      width={outputBox.width}
      height={outputBox.height}
      color={color}
    />
  );
  if (u.zoom) {
    return (
      <Box flexDirection="column" width={size.columns}>
        {output}
        {bottom}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={size.columns}>
      <Box flexDirection="row">
        <Box flexDirection="column" width={layout.lesson.width}>
          <LessonPane
            model={lessonModel}
            width={layout.lesson.width}
            height={layout.lesson.height}
            scroll={lessonOffset}
            color={color}
          />
          {output}
        </Box>
        <Box flexDirection="column" width={layout.cluster.width}>
          <ClusterPane view={state.view} highlight={state.highlight} width={layout.cluster.width} height={layout.cluster.height} color={color} />
          <WorkflowPane view={state.view} highlight={state.highlight} width={layout.workflow.width} height={layout.workflow.height} color={color} />
        </Box>
      </Box>
      {bottom}
    </Box>
  );
}

// The tutorial's terminal UI: the lesson, cluster, workflow and output panes with a status line (or
// the help overlay, or a message when the terminal is too small), keys mapped in key-bindings.ts,
// simulated time moved by the driver. All state about the cluster lives in the Tutorial store; this
// component only keeps UI state (speed, pause, scroll positions, the console line).
// No Vitess counterpart.

import React, { useEffect, useState, useSyncExternalStore } from 'react';
import { Box, Text, useApp, useInput, useStdin, useStdout } from 'ink';
import type { Key } from 'ink';
import type { Tutorial } from './tutorial.js';
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

export function App({ tutorial, speed: initialSpeed, paused: initiallyPaused = false, color, size: fixedSize, onQuit, tickMs }: AppProps): React.JSX.Element {
  const state = useSyncExternalStore(tutorial.subscribe, tutorial.getState);
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const size = useTerminalSize(fixedSize);
  const [speed, setSpeed] = useState(initialSpeed);
  const [paused, setPaused] = useState(initiallyPaused);
  const [mode, setMode] = useState<Mode>('main');
  const [zoom, setZoom] = useState(false);
  const [lessonScroll, setLessonScroll] = useState({ step: -1, offset: 0 });
  const [outputScroll, setOutputScroll] = useState<{ output: unknown; offset: number }>({ output: undefined, offset: 0 });
  const [consoleLine, setConsoleLine] = useState('');
  const [history, setHistory] = useState<string[]>([]);
  const [historyIndex, setHistoryIndex] = useState(-1);

  useSimulationDriver({ advance: (ms) => tutorial.advance(ms), speed, paused, ...(tickMs !== undefined ? { tickMs } : {}) });

  const clusterWidth = computeLayout(size, 0);
  const clusterLines =
    clusterWidth.kind === 'panes' ? clusterPaneLines(state.view, state.highlight, clusterWidth.cluster.width - PANE_CHROME.columns).length : 0;
  const lessonModel = { title: state.title, steps: state.steps, stepsRun: state.stepsRun, setup: state.setup, stepOutcomes: state.stepOutcomes };
  const lessonLines = clusterWidth.kind === 'panes' ? lessonPaneNeeds(lessonModel, clusterWidth.lesson.width - PANE_CHROME.columns) : 0;
  const layout = computeLayout(size, clusterLines, lessonLines);

  // Scroll positions belong to what they scroll: a new step or a new output starts at the top.
  const lessonOffset = lessonScroll.step === state.stepsRun ? lessonScroll.offset : 0;
  const outputOffset = outputScroll.output === state.output ? outputScroll.offset : 0;
  const outputBox = layout.kind === 'panes' ? (zoom ? layout.zoom : layout.output) : { width: MIN_COLUMNS, height: 10 };
  const outputRows = outputBox.height - PANE_CHROME.rows;
  const lessonMax =
    layout.kind === 'panes'
      ? lessonPaneLines(
          lessonModel,
          layout.lesson.width - PANE_CHROME.columns,
          layout.lesson.height - PANE_CHROME.rows,
          0,
        ).maxScroll
      : 0;

  const quit = (): void => {
    onQuit?.();
    exit();
  };
  const scrollOutput = (delta: number): void => {
    const max = maxOutputScroll(outputScreenLines(state.output, outputBox.width - PANE_CHROME.columns).length, outputRows);
    setOutputScroll({ output: state.output, offset: Math.max(0, Math.min(max, outputOffset + delta)) });
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
        setPaused((p) => !p);
        break;
      case 'faster':
        setSpeed((s) => fasterSpeed(s));
        break;
      case 'slower':
        setSpeed((s) => slowerSpeed(s));
        break;
      case 'load':
        tutorial.toggleLoad();
        break;
      case 'console':
        setMode('console');
        setConsoleLine('');
        setHistoryIndex(-1);
        break;
      case 'help':
        setMode('help');
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
        scrollOutput(-Math.max(1, outputRows - 1));
        break;
      case 'pageDown':
        scrollOutput(Math.max(1, outputRows - 1));
        break;
      case 'lessonUp':
        setLessonScroll({ step: state.stepsRun, offset: Math.max(0, lessonOffset - 3) });
        break;
      case 'lessonDown':
        setLessonScroll({ step: state.stepsRun, offset: Math.min(lessonMax, lessonOffset + 3) });
        break;
      case 'zoom':
        setZoom((z) => !z);
        break;
    }
  };

  const onConsoleKey = (input: string, key: Key): void => {
    const a = consoleAction(input, key);
    if (!a) return;
    switch (a.kind) {
      case 'quit':
        quit();
        break;
      case 'cancel':
        setMode('main');
        break;
      case 'insert':
        setConsoleLine((l) => l + a.text);
        break;
      case 'backspace':
        setConsoleLine((l) => l.slice(0, -1));
        break;
      case 'historyPrev': {
        if (history.length === 0) break;
        const i = historyIndex < 0 ? history.length - 1 : Math.max(0, historyIndex - 1);
        setHistoryIndex(i);
        setConsoleLine(history[i] ?? '');
        break;
      }
      case 'historyNext': {
        if (historyIndex < 0) break;
        const i = historyIndex + 1;
        setHistoryIndex(i >= history.length ? -1 : i);
        setConsoleLine(i >= history.length ? '' : (history[i] ?? ''));
        break;
      }
      case 'submit': {
        const text = consoleLine.trim();
        setMode('main');
        setConsoleLine('');
        setHistoryIndex(-1);
        if (text === '') break;
        setHistory((h) => [...h.filter((x) => x !== text), text].slice(-50));
        tutorial.runConsole(text);
        break;
      }
    }
  };

  useInput(
    (input, key) => {
      if (mode === 'console') onConsoleKey(input, key);
      else if (mode === 'help') {
        if (helpAction(input, key) === 'quit') quit();
        else setMode('main');
      } else onMainKey(input, key);
    },
    { isActive: isRawModeSupported },
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
    paused,
    speed,
    stepsRun: state.stepsRun,
    steps: state.steps.length,
    nowMs: state.view.nowMs,
    load: state.load,
    notice: state.notice,
  };
  const bottom =
    mode === 'console' ? (
      <Console text={consoleLine} width={size.columns} color={color} />
    ) : (
      <StatusLine model={statusModel} width={size.columns} color={color} />
    );

  if (mode === 'help') {
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
  if (zoom) {
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

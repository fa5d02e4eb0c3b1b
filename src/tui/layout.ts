// Where the panes go for a terminal size. Two columns: on the left what you do (the lesson, then the
// output of its commands), on the right what the cluster looks like (tablets and routes, then the
// workflows); a status line at the bottom. 80x24 is the smallest size that works; bigger terminals
// give every pane more room, the right column's split following what the cluster pane needs.
// No Vitess counterpart.

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

export interface Size {
  columns: number;
  rows: number;
}

export interface PaneBox {
  width: number;
  height: number;
}

export type Layout =
  | { kind: 'too-small'; size: Size }
  | {
      kind: 'panes';
      size: Size;
      lesson: PaneBox;
      output: PaneBox;
      cluster: PaneBox;
      workflow: PaneBox;
      /** The output pane alone (z). */
      zoom: PaneBox;
    };

/**
 * The layout for a size. `clusterLines` is how many content lines the cluster pane would like, so the
 * right column gives it that (within limits) and the workflow pane the rest; `lessonLines` is the least
 * the lesson pane needs to show its step's commands and some prose, likewise on the left.
 */
export function computeLayout(size: Size, clusterLines: number, lessonLines = 0): Layout {
  if (size.columns < MIN_COLUMNS || size.rows < MIN_ROWS) return { kind: 'too-small', size };
  // The status line takes one row, and the frame stays one row short of the terminal: ink redraws a
  // frame as tall as the terminal by clearing the whole screen (flicker); a shorter one it updates
  // line by line.
  const avail = size.rows - 2;
  const left = size.columns >= 120 ? Math.floor(size.columns * 0.45) : Math.floor(size.columns / 2);
  const right = size.columns - left;
  const lessonH = Math.max(Math.ceil(avail / 2), Math.min(lessonLines + 2, avail - 8));
  const minWorkflow = Math.min(10, Math.floor(avail * 0.4));
  const clusterH = Math.max(Math.min(clusterLines + 2, avail - minWorkflow), Math.min(8, avail - minWorkflow));
  return {
    kind: 'panes',
    size,
    lesson: { width: left, height: lessonH },
    output: { width: left, height: avail - lessonH },
    cluster: { width: right, height: clusterH },
    workflow: { width: right, height: avail - clusterH },
    zoom: { width: size.columns, height: avail },
  };
}

// Plain-text layout for the panes: every pane is drawn as a list of lines the UI computes itself
// (wrapped, truncated and padded to an exact width), so frames are predictable at any terminal size and
// ink only has to stack them. Also turns a lesson's Markdown prose into readable terminal lines.
// No Vitess counterpart.

/** How a line is emphasised; mapped to colours only when colours are on (see theme.ts). */
export type Tone = 'plain' | 'heading' | 'dim' | 'changed' | 'added' | 'removed' | 'error' | 'ok' | 'accent';

export interface Line {
  readonly text: string;
  readonly tone?: Tone;
  /** Lower numbers are dropped last when a pane has too little room (0 = essential). */
  readonly priority?: number;
  /** Word-wrap this line to the pane's width (prose); otherwise it is cut (tables keep their shape). */
  readonly wrap?: boolean;
}

export function line(text: string, tone: Tone = 'plain', priority = 0): Line {
  return { text, tone, priority };
}

/** Cuts a string to `width` columns, marking the cut with an ellipsis. */
export function truncate(s: string, width: number): string {
  if (width <= 0) return '';
  if (s.length <= width) return s;
  if (width === 1) return '…';
  return `${s.slice(0, width - 1)}…`;
}

export function padEnd(s: string, width: number): string {
  const t = truncate(s, width);
  return t + ' '.repeat(Math.max(0, width - t.length));
}

/** Word-wraps one paragraph to `width` columns; words longer than a line are split. */
export function wrap(s: string, width: number): string[] {
  if (width <= 0) return [];
  const out: string[] = [];
  let cur = '';
  for (let w of s.split(/\s+/).filter((x) => x !== '')) {
    if (cur !== '' && cur.length + 1 + w.length <= width) {
      cur += ` ${w}`;
      continue;
    }
    if (cur !== '') out.push(cur);
    while (w.length > width) {
      out.push(w.slice(0, width));
      w = w.slice(width);
    }
    cur = w;
  }
  if (cur !== '') out.push(cur);
  return out;
}

/** Expands tabs and removes control characters, so a line's length is its width on screen. */
export function sanitize(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch === '\t') out += ' '.repeat(8 - (out.length % 8));
    else if (ch === '\r') continue;
    else if (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) continue;
    else out += ch;
  }
  return out;
}

/**
 * Keeps the lines that fit in `height`: drops the least important lines (highest priority number,
 * from the bottom) first, and if that is not enough, cuts the end with a `… N more` line.
 */
export function fitLines(lines: readonly Line[], height: number): Line[] {
  if (height <= 0) return [];
  let kept = [...lines];
  const maxPriority = Math.max(0, ...kept.map((l) => l.priority ?? 0));
  for (let p = maxPriority; p > 0 && kept.length > height; p--) {
    for (let i = kept.length - 1; i >= 0 && kept.length > height; i--) {
      if ((kept[i]?.priority ?? 0) === p) kept.splice(i, 1);
    }
  }
  if (kept.length > height) {
    const hidden = kept.length - (height - 1);
    kept = [...kept.slice(0, height - 1), line(`… ${hidden} more line${hidden === 1 ? '' : 's'}`, 'dim')];
  }
  return kept;
}

/**
 * A lesson step's Markdown prose as terminal lines: paragraphs wrapped, list items bulleted, code
 * blocks indented as they are, inline Markdown (`code`, **bold**, [links](url)) reduced to its text,
 * Hugo shortcodes (`{{< info >}}`) turned into a label or dropped.
 */
export function proseLines(markdown: string, width: number): string[] {
  const out: string[] = [];
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  let para: string[] = [];
  let inFence = false;
  const flush = (): void => {
    if (para.length === 0) return;
    const joined = para.join(' ');
    const bullet = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/.exec(joined);
    if (bullet) {
      const mark = /\d/.test(bullet[2] ?? '') ? `${bullet[2]} ` : '• ';
      const body = wrap(inline(bullet[3] ?? ''), width - mark.length);
      body.forEach((l, i) => out.push((i === 0 ? mark : ' '.repeat(mark.length)) + l));
    } else {
      out.push(...wrap(inline(joined), width));
    }
    para = [];
  };
  for (const raw of lines) {
    if (/^\s*(```|~~~)/.test(raw)) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out.push(truncate(`  ${sanitize(raw)}`, width));
      continue;
    }
    const shortcode = /^\s*\{\{[<%]\s*(\/?)\s*([\w-]+)[^}]*[>%]\}\}\s*$/.exec(raw);
    if (shortcode) {
      flush();
      if (shortcode[1] === '' && /^(info|warning|note|tip|caution)$/i.test(shortcode[2] ?? '')) {
        out.push(`${(shortcode[2] ?? '').replace(/^./, (c) => c.toUpperCase())}:`);
      }
      continue;
    }
    if (raw.trim() === '') {
      flush();
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      continue;
    }
    if (/^\s*([-*+]|\d+[.)])\s+/.test(raw)) flush();
    if (/^\s*<!--.*-->\s*$/.test(raw)) continue;
    if (/^#{1,6}\s/.test(raw)) {
      flush();
      out.push(...wrap(inline(raw.replace(/^#{1,6}\s+/, '')), width));
      continue;
    }
    para.push(raw.trim());
  }
  flush();
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  while (out.length > 0 && out[0] === '') out.shift();
  return out;
}

/** Inline Markdown reduced to what a terminal shows. */
function inline(s: string): string {
  return sanitize(
    s
      .replace(/\{\{[<%][^}]*[>%]\}\}/g, '')
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/\*\*([^*]+)\*\*/g, '$1')
      .replace(/__([^_]+)__/g, '$1')
      .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1$2')
      .replace(/`([^`]+)`/g, '$1')
      .replace(/<\/?[a-z][^>]*>/gi, ''),
  );
}

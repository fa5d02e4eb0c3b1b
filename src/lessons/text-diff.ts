// A unified-style line diff (expected `-`, actual `+`, a few lines of context), capped so a failing
// lesson step stays readable in a terminal. No Vitess counterpart.

export interface DiffOptions {
  /** Unchanged lines shown around each change. */
  context?: number;
  /** The most diff lines printed (headers excluded); the rest is summarised. */
  maxLines?: number;
}

type Op = { kind: ' ' | '-' | '+'; text: string; a: number; b: number };

/** Above this many DP cells the middle of the texts is shown as one replaced region. */
const MAX_LCS_CELLS = 4_000_000;

/** The edit script turning `a` into `b` (LCS on the part between the common prefix and suffix). */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: Op[] = [];
  for (let i = 0; i < start; i++) ops.push({ kind: ' ', text: a[i] ?? '', a: i, b: i });
  const n = endA - start;
  const m = endB - start;
  if (n * m > MAX_LCS_CELLS) {
    for (let i = 0; i < n; i++) ops.push({ kind: '-', text: a[start + i] ?? '', a: start + i, b: start });
    for (let j = 0; j < m; j++) ops.push({ kind: '+', text: b[start + j] ?? '', a: endA, b: start + j });
  } else {
    // lcs[i][j] = LCS length of a[start+i..endA) and b[start+j..endB), flattened.
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] =
          a[start + i] === b[start + j]
            ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1
            : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i] === b[start + j]) {
        ops.push({ kind: ' ', text: a[start + i] ?? '', a: start + i, b: start + j });
        i++;
        j++;
      } else if (i < n && (j === m || (lcs[(i + 1) * w + j] ?? 0) >= (lcs[i * w + j + 1] ?? 0))) {
        // On ties, removals go first so a replaced line reads "-old" then "+new", as in diff -u.
        ops.push({ kind: '-', text: a[start + i] ?? '', a: start + i, b: start + j });
        i++;
      } else {
        ops.push({ kind: '+', text: b[start + j] ?? '', a: start + i, b: start + j });
        j++;
      }
    }
  }
  for (let k = 0; k < a.length - endA; k++) {
    ops.push({ kind: ' ', text: a[endA + k] ?? '', a: endA + k, b: endB + k });
  }
  return ops;
}

/**
 * Returns a unified diff of two texts given as lines, or '' when they are equal.
 */
export function unifiedDiff(expected: readonly string[], actual: readonly string[], options: DiffOptions = {}): string {
  const context = options.context ?? 3;
  const maxLines = options.maxLines ?? 60;
  const ops = editScript(expected, actual);
  const changed = ops.map((op, i) => (op.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return '';

  // Group changes whose context windows touch into hunks.
  const hunks: Array<[number, number]> = [];
  for (const i of changed) {
    const from = Math.max(0, i - context);
    const to = Math.min(ops.length - 1, i + context);
    const last = hunks[hunks.length - 1];
    if (last && from <= last[1] + 1) last[1] = to;
    else hunks.push([from, to]);
  }

  const body: string[] = [];
  for (const [from, to] of hunks) {
    const slice = ops.slice(from, to + 1);
    const first = slice[0];
    const aCount = slice.filter((o) => o.kind !== '+').length;
    const bCount = slice.filter((o) => o.kind !== '-').length;
    const aStart = first ? first.a + (aCount > 0 ? 1 : 0) : 0;
    const bStart = first ? first.b + (bCount > 0 ? 1 : 0) : 0;
    body.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`);
    for (const op of slice) body.push(`${op.kind}${op.text}`);
  }
  const shown = body.slice(0, maxLines);
  if (body.length > maxLines) shown.push(`... ${body.length - maxLines} more diff lines`);
  return ['--- expected', '+++ actual', ...shown].join('\n');
}

import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LESSON, loadLessonText } from '../../src/tui/run-tui.js';
import { colorEnabled } from '../../src/tui/theme.js';
import { BUNDLED_LESSONS } from '../../src/lessons/bundled-lessons.js';

describe('runTutorial helpers', () => {
  it('opens the bundled MoveTables lesson by default, bundled lessons by name, and files from disk', () => {
    expect(DEFAULT_LESSON).toBe('move-tables.md');
    expect(loadLessonText(undefined)).toMatchObject({ text: BUNDLED_LESSONS['move-tables.md'], source: 'scenarios/move-tables.md' });
    expect(loadLessonText('switch-by-tablet-type')?.source).toBe('scenarios/switch-by-tablet-type.md');
    expect(loadLessonText('scenarios/when-things-go-wrong.md')?.text).toContain('When things go wrong');
    const dir = mkdtempSync(join(tmpdir(), 'vtsim-lesson-'));
    const path = join(dir, 'mine.md');
    writeFileSync(path, '# Mine\n\n```bash\n$ vtsim time\n```\n');
    expect(loadLessonText(path)).toEqual({ text: '# Mine\n\n```bash\n$ vtsim time\n```\n', source: path, dir });
    expect(loadLessonText(join(dir, 'missing.md'))).toBeUndefined();
  });

  it('uses colours only on a terminal and never with NO_COLOR', () => {
    expect(colorEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorEnabled({}, {})).toBe(false);
  });
});

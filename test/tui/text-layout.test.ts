import { describe, it, expect } from 'vitest';
import { fitLines, line, proseLines, sanitize, truncate, wrap } from '../../src/tui/text-layout.js';

describe('text layout', () => {
  it('wraps words to the width and splits words longer than a line', () => {
    expect(wrap('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
    expect(wrap('abcdefghijklmnop', 6)).toEqual(['abcdef', 'ghijkl', 'mnop']);
    expect(wrap('   ', 10)).toEqual([]);
  });

  it('truncates with an ellipsis', () => {
    expect(truncate('commerce2customer', 8)).toBe('commerc…');
    expect(truncate('short', 8)).toBe('short');
  });

  it('expands tabs and drops control characters so length is screen width', () => {
    expect(sanitize('a\tb')).toBe('a       b');
    expect(sanitize('x\u001b[31my\r')).toBe('x[31my');
  });

  it('drops the least important lines first, then cuts with a count', () => {
    const lines = [line('a'), line('log 1', 'dim', 2), line('b'), line('pos', 'dim', 1), line('log 2', 'dim', 2)];
    expect(fitLines(lines, 3).map((l) => l.text)).toEqual(['a', 'b', 'pos']);
    expect(fitLines(lines, 2).map((l) => l.text)).toEqual(['a', 'b']);
    expect(fitLines([line('1'), line('2'), line('3'), line('4')], 3).map((l) => l.text)).toEqual(['1', '2', '… 2 more lines']);
  });

  it('turns lesson Markdown into terminal text', () => {
    const md = [
      'Now both keyspaces have a `customer` table. See **routing rules** and [the docs](https://vitess.io).',
      '',
      '{{< info >}}',
      'Shortcodes are prose.',
      '{{< /info >}}',
      '',
      '- first item',
      '- second item',
      '',
      '```json',
      '{"rules": []}',
      '```',
    ].join('\n');
    expect(proseLines(md, 40)).toEqual([
      'Now both keyspaces have a customer',
      'table. See routing rules and the docs.',
      '',
      'Info:',
      'Shortcodes are prose.',
      '',
      '• first item',
      '• second item',
      '',
      '  {"rules": []}',
    ]);
  });
});

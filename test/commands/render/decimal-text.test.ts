import { describe, expect, it } from 'vitest';
import { decimalText } from '../../../src/commands/render/decimal-text.js';
import { cellText } from '../../../src/commands/render/result-set.js';

describe('decimalText', () => {
  it('prints exactly scale digits, rounding the written value half away from zero', () => {
    const cases: Array<[number | bigint, number, string]> = [
      [100, 2, '100.00'],
      [0.5, 2, '0.50'],
      [0, 3, '0.000'],
      [3.5, 4, '3.5000'],
      [2 / 3, 4, '0.6667'],
      [2.675, 2, '2.68'],
      [-2.675, 2, '-2.68'],
      [0.1 + 0.2, 1, '0.3'],
      [9.995, 2, '10.00'],
      [-0.001, 2, '0.00'],
      [1e-7, 8, '0.00000010'],
      [12, 0, '12'],
      [12345678901234567890n, 2, '12345678901234567890.00'],
    ];
    for (const [v, scale, text] of cases) expect(decimalText(v, scale), `${v}@${scale}`).toBe(text);
  });

  it('applies to DECIMAL cells with a scale only', () => {
    expect(cellText(100, 'DECIMAL', 2)).toBe('100.00');
    expect(cellText(100, 'DECIMAL')).toBe('100');
    expect(cellText('1.5', 'DECIMAL', 2)).toBe('1.5');
    expect(cellText(100, 'INT64', 2)).toBe('100');
  });
});

import { describe, it, expect } from 'vitest';
import { cellText, isNumericType, isRightAligned } from '../../../src/commands/render/result-set.js';
import { formatMysqlDouble } from '../../../src/commands/render/mysql-double.js';
import { mysqlNumCells, utf8ByteLength } from '../../../src/commands/render/mysql-width.js';

describe('cellText', () => {
  it('prints values as the mysql client does', () => {
    expect(cellText(null)).toBeNull();
    expect(cellText('alice@domain.com')).toBe('alice@domain.com');
    expect(cellText(100)).toBe('100');
    expect(cellText(-7)).toBe('-7');
    expect(cellText(9007199254740993n)).toBe('9007199254740993');
    expect(cellText(18446744073709551615n)).toBe('18446744073709551615');
    expect(cellText(2 ** 70)).toBe('1180591620717411303424');
    expect(cellText(0.1)).toBe('0.1');
    expect(cellText(new TextEncoder().encode('SKU-1001'))).toBe('SKU-1001');
    expect(cellText(new TextEncoder().encode('café'))).toBe('café');
  });

  it('formats numbers of a FLOAT64 column as doubles', () => {
    expect(cellText(1e20, 'FLOAT64')).toBe('1e20');
    expect(cellText(1e20, 'INT64')).toBe('100000000000000000000');
    expect(cellText(3, 'FLOAT64')).toBe('3');
  });
});

describe('formatMysqlDouble', () => {
  it('uses fixed notation up to 15 integer digits and down to 1e-15', () => {
    expect(formatMysqlDouble(100)).toBe('100');
    expect(formatMysqlDouble(48.57)).toBe('48.57');
    expect(formatMysqlDouble(-2.5)).toBe('-2.5');
    expect(formatMysqlDouble(123456789012345)).toBe('123456789012345');
    expect(formatMysqlDouble(1234567890123456.8)).toBe('1234567890123456.8');
    expect(formatMysqlDouble(0.0001)).toBe('0.0001');
    expect(formatMysqlDouble(1e-15)).toBe('0.000000000000001');
    expect(formatMysqlDouble(0)).toBe('0');
  });

  it('switches to a compact exponent form otherwise', () => {
    expect(formatMysqlDouble(1e15)).toBe('1e15');
    expect(formatMysqlDouble(1.2345678901234568e20)).toBe('1.2345678901234568e20');
    expect(formatMysqlDouble(1e-16)).toBe('1e-16');
    expect(formatMysqlDouble(-2.5e-20)).toBe('-2.5e-20');
    expect(formatMysqlDouble(1.7976931348623157e308)).toBe('1.7976931348623157e308');
  });
});

describe('types', () => {
  it('classifies numeric types, and aligns NULL columns right as IS_NUM does', () => {
    expect(['INT64', 'UINT64', 'INT32', 'FLOAT64', 'DECIMAL'].every((t) => isNumericType(t as never))).toBe(true);
    expect(isNumericType('VARCHAR')).toBe(false);
    expect(isNumericType('TIMESTAMP')).toBe(false);
    expect(isNumericType('NULL_TYPE')).toBe(false);
    expect(isRightAligned('NULL_TYPE')).toBe(true);
    expect(isRightAligned('DATETIME')).toBe(false);
  });
});

describe('mysql widths', () => {
  it('counts UTF-8 bytes', () => {
    expect(utf8ByteLength('abc')).toBe(3);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('中')).toBe(3);
    expect(utf8ByteLength('😀')).toBe(4);
  });

  it('counts screen cells with the utr11 table', () => {
    expect(mysqlNumCells('café')).toBe(4);
    expect(mysqlNumCells('中文')).toBe(4);
    expect(mysqlNumCells('ｶﾀｶﾅ')).toBe(4); // halfwidth katakana are narrow
    expect(mysqlNumCells('ＡＢ')).toBe(4); // fullwidth latin is wide
    expect(mysqlNumCells('한')).toBe(2);
    expect(mysqlNumCells('e\u0301')).toBe(2); // combining marks still count one cell
    expect(mysqlNumCells('😀')).toBe(0);
  });
});

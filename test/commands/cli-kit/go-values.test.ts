import { describe, expect, it } from 'vitest';
import { durationString, parseGoDuration } from '../../../src/commands/cli-kit/flags.js';
import { durationStringNs, parseGoDurationNs } from '../../../src/common/go-duration.js';
import { readCsvRecord, writeCsvRecord } from '../../../src/commands/cli-kit/go-csv.js';
import { formatGoFloat, parseGoBool, parseGoFloat, parseGoInt, parseGoUint } from '../../../src/commands/cli-kit/go-strconv.js';

describe('Go durations', () => {
  it.each([
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['1h', 3_600_000],
    ['1.5h', 5_400_000],
    ['-2m', -120_000],
    ['+5s', 5_000],
    ['0', 0],
    ['1h2m3s4ms', 3_723_004],
    ['.5s', 500],
    ['1.s', 1_000],
    ['250us', 0.25],
    ['250µs', 0.25],
    ['100ns', 0.0001],
  ])('parses %s', (text, ms) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms, 9);
  });

  it.each([
    ['abc', 'time: invalid duration "abc"'],
    ['', 'time: invalid duration ""'],
    ['30', 'time: missing unit in duration "30"'],
    ['3x', 'time: unknown unit "x" in duration "3x"'],
    ['1 s', 'time: unknown unit " s" in duration "1 s"'],
    ['.s', 'time: invalid duration ".s"'],
    ['-', 'time: invalid duration "-"'],
    ['3µx', 'time: unknown unit "\\xc2\\xb5x" in duration "3\\xc2\\xb5x"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
    ['3000000h', 'time: invalid duration "3000000h"'],
  ])('rejects %j with Go\'s message', (text, message) => {
    expect(() => parseGoDuration(text)).toThrow(message);
  });

  it('accepts the int64 limits exactly', () => {
    expect(parseGoDurationNs('9223372036854775807ns')).toBe(9223372036854775807n);
    expect(parseGoDurationNs('-9223372036854775808ns')).toBe(-9223372036854775808n);
  });

  it.each([
    [30_000, '30s'],
    [60_000, '1m0s'],
    [3_600_000, '1h0m0s'],
    [500, '500ms'],
    [90_000, '1m30s'],
    [1_500, '1.5s'],
    [0, '0s'],
    [-120_000, '-2m0s'],
    [0.0015, '1.5µs'],
    [0.000001, '1ns'],
    [1.000001, '1.000001ms'],
    [86_400_000, '24h0m0s'],
  ])('prints %d ms as %s', (ms, text) => {
    expect(durationString(ms)).toBe(text);
  });

  it('prints the int64 extremes like Go', () => {
    expect(durationStringNs(9223372036854775807n)).toBe('2562047h47m16.854775807s');
    expect(durationStringNs(-9223372036854775808n)).toBe('-2562047h47m16.854775808s');
  });
});

describe('Go strconv', () => {
  it('parses integers with Go literal syntax', () => {
    expect(parseGoInt('42', 64)).toBe(42n);
    expect(parseGoInt('-0x1F', 64)).toBe(-31n);
    expect(parseGoInt('0o17', 64)).toBe(15n);
    expect(parseGoInt('017', 64)).toBe(15n);
    expect(parseGoInt('0b101', 64)).toBe(5n);
    expect(parseGoInt('1_000', 64)).toBe(1000n);
    expect(parseGoInt('-9223372036854775808', 64)).toBe(-9223372036854775808n);
    expect(parseGoUint('18446744073709551615', 64)).toBe(18446744073709551615n);
  });

  it.each([
    [() => parseGoInt('abc', 64), 'strconv.ParseInt: parsing "abc": invalid syntax'],
    [() => parseGoInt('', 64), 'strconv.ParseInt: parsing "": invalid syntax'],
    [() => parseGoInt('1.5', 64), 'strconv.ParseInt: parsing "1.5": invalid syntax'],
    [() => parseGoInt('08', 64), 'strconv.ParseInt: parsing "08": invalid syntax'],
    [() => parseGoInt('0o', 64), 'strconv.ParseInt: parsing "0o": invalid syntax'],
    [() => parseGoInt('_1', 64), 'strconv.ParseInt: parsing "_1": invalid syntax'],
    [() => parseGoInt('9223372036854775808', 64), 'strconv.ParseInt: parsing "9223372036854775808": value out of range'],
    [() => parseGoInt('2147483648', 32), 'strconv.ParseInt: parsing "2147483648": value out of range'],
    [() => parseGoUint('-1', 64), 'strconv.ParseUint: parsing "-1": invalid syntax'],
    [() => parseGoUint('4294967296', 32), 'strconv.ParseUint: parsing "4294967296": value out of range'],
    [() => parseGoBool('yes'), 'strconv.ParseBool: parsing "yes": invalid syntax'],
    [() => parseGoFloat('1,5', 64), 'strconv.ParseFloat: parsing "1,5": invalid syntax'],
    [() => parseGoFloat('1e999', 64), 'strconv.ParseFloat: parsing "1e999": value out of range'],
    [() => parseGoFloat('1e39', 32), 'strconv.ParseFloat: parsing "1e39": value out of range'],
  ])('%#: Go error text', (fn, message) => {
    expect(fn).toThrow(message);
  });

  it('parses bools and floats', () => {
    expect(['1', 't', 'T', 'TRUE', 'true', 'True'].map(parseGoBool)).toEqual(Array(6).fill(true));
    expect(['0', 'f', 'F', 'FALSE', 'false', 'False'].map(parseGoBool)).toEqual(Array(6).fill(false));
    expect(parseGoFloat('2.5', 64)).toBe(2.5);
    expect(parseGoFloat('.5e1', 64)).toBe(5);
    expect(parseGoFloat('0x1p-2', 64)).toBe(0.25);
    expect(parseGoFloat('-Inf', 64)).toBe(-Infinity);
    expect(parseGoFloat('0.1', 32)).toBe(Math.fround(0.1));
  });

  it.each([
    [1, '1'],
    [0.5, '0.5'],
    [123456, '123456'],
    [1e6, '1e+06'],
    [1234567, '1.234567e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-2.5, '-2.5'],
    [1e21, '1e+21'],
    [100.25, '100.25'],
  ])('formats %d like FormatFloat(g, -1)', (v, text) => {
    expect(formatGoFloat(v)).toBe(text);
  });
});

describe('Go CSV as pflag string slices read it', () => {
  it('reads one record', () => {
    expect(readCsvRecord('customer,corder')).toEqual(['customer', 'corder']);
    expect(readCsvRecord('rdonly,replica')).toEqual(['rdonly', 'replica']);
    expect(readCsvRecord('')).toEqual([]);
    expect(readCsvRecord('a,')).toEqual(['a', '']);
    expect(readCsvRecord(' a , b')).toEqual([' a ', ' b']);
    expect(readCsvRecord('"a,b",c')).toEqual(['a,b', 'c']);
    expect(readCsvRecord('"say ""hi""",x')).toEqual(['say "hi"', 'x']);
    expect(readCsvRecord('"multi\nline",z')).toEqual(['multi\nline', 'z']);
    expect(readCsvRecord('first\nsecond')).toEqual(['first']);
    expect(readCsvRecord('\n\nlater')).toEqual(['later']);
  });

  it.each([
    ['a"b', 'parse error on line 1, column 2: bare " in non-quoted-field'],
    ['x,ab"c', 'parse error on line 1, column 5: bare " in non-quoted-field'],
    ['"a"b', 'parse error on line 1, column 3: extraneous or missing " in quoted-field'],
    ['"abc', 'parse error on line 1, column 5: extraneous or missing " in quoted-field'],
    ['"ab\ncd', 'record on line 1; parse error on line 2, column 3: extraneous or missing " in quoted-field'],
    ['\n', 'EOF'],
  ])('%j fails like encoding/csv', (text, message) => {
    expect(() => readCsvRecord(text)).toThrow(message);
  });

  it('writes records, quoting only when needed', () => {
    expect(writeCsvRecord(['REPLICA', 'PRIMARY'])).toBe('REPLICA,PRIMARY');
    expect(writeCsvRecord(['a,b', 'say "hi"', ' lead', ''])).toBe('"a,b","say ""hi"""," lead",');
    expect(writeCsvRecord([])).toBe('');
  });
});

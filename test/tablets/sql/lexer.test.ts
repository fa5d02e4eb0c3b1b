// The MySQL lexer under the dialect layer: literal values, comments, parameters.

import { describe, expect, it } from 'vitest';
import { lex, LexError } from '../../../src/tablets/sql/lexer.js';
import { newTablet } from './harness.js';

const kinds = (sql: string): string[] => lex(sql).map((t) => `${t.type}:${t.value}`);

describe('lex', () => {
  it('decodes MySQL string literals', () => {
    const strings = kinds(String.raw`'a\'b', "c""d", 'e\\f', 'g\%h', 'x' 'y', _binary'z', N'n'`).filter((k) => k !== 'op:,');
    expect(strings).toEqual(["string:a'b", 'string:c"d', 'string:e\\f', 'string:g\\%h', 'string:xy', 'string:z', 'string:n']);
  });

  it('drops comments but runs executable comments, and keeps `a--1` arithmetic', () => {
    expect(kinds('select /* c */ 1 # tail\n, 2 -- tail\n, /*!40101 3 */ 4')).toEqual([
      'word:select',
      'number:1',
      'op:,',
      'number:2',
      'op:,',
      'number:3',
      'number:4',
    ]);
    expect(kinds('select 5--1')).toEqual(['word:select', 'number:5', 'op:-', 'op:-', 'number:1']);
    expect(newTablet().exec('select 5--1, 5 - -1')).toEqual([[6, 6]]);
  });

  it('reads bind variables, user and system variables', () => {
    expect(kinds('a = :vtg1 and b in ::list and c = ? and @x = @@session.sql_mode and d := 1')).toEqual([
      'word:a',
      'op:=',
      'param:vtg1',
      'word:and',
      'word:b',
      'word:in',
      'listparam:list',
      'word:and',
      'word:c',
      'op:=',
      'param:?',
      'word:and',
      'uservar:x',
      'op:=',
      'sysvar:session.sql_mode',
      'word:and',
      'word:d',
      'op::=',
      'number:1',
    ]);
  });

  it('reports unterminated literals and comments with their offset', () => {
    for (const [sql, at] of [
      ["select 'abc", 7],
      ['select `abc', 7],
      ['select /* abc', 7],
      ["select x'41", 7],
    ] as const) {
      expect(() => lex(sql)).toThrow(LexError);
      try {
        lex(sql);
      } catch (e) {
        expect((e as LexError).offset, sql).toBe(at);
      }
    }
  });
});

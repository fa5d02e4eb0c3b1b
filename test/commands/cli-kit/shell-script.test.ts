import { describe, expect, it } from 'vitest';
import { needsMoreInput, splitScript } from '../../../src/commands/cli-kit/shell-line.js';

describe('splitScript', () => {
  it('returns one command per line, dropping blank and comment-only lines', () => {
    expect(splitScript('# On local and operator installs:\nmysql < ../common/insert_commerce_data.sql\n\n  \nmysql --table < x.sql\n')).toEqual([
      'mysql < ../common/insert_commerce_data.sql',
      'mysql --table < x.sql',
    ]);
  });

  it('keeps a command whose quote spans lines together (a JSON vschema)', () => {
    const text = `vtctldclient ApplyVSchema --vschema '{\n  "sharded": true,\n  "tables": {}\n}' customer\nvtctldclient GetVSchema customer`;
    expect(splitScript(text)).toEqual([
      `vtctldclient ApplyVSchema --vschema '{\n  "sharded": true,\n  "tables": {}\n}' customer`,
      'vtctldclient GetVSchema customer',
    ]);
  });

  it('joins backslash continuations, keeping the raw text for parseShellLine', () => {
    expect(splitScript('vtctldclient MoveTables \\\n  --workflow wf \\\n  show\necho done')).toEqual([
      'vtctldclient MoveTables \\\n  --workflow wf \\\n  show',
      'echo done',
    ]);
  });

  it('continues after a trailing |, && or ||, across blank and comment lines', () => {
    expect(splitScript('a |\n  b &&\n\n# why\n c ||\nd\ne')).toEqual(['a |\n  b &&\n\n# why\n c ||\nd', 'e']);
  });

  it('ignores quotes inside comments and comments inside quotes', () => {
    expect(splitScript("echo hi # don't\necho 'a # b\nc'\n")).toEqual(["echo hi # don't", "echo 'a # b\nc'"]);
  });

  it('handles CRLF line ends and double-quoted escapes', () => {
    expect(splitScript('echo "a\\"b\r\nc"\r\necho x\r\n')).toEqual(['echo "a\\"b\nc"', 'echo x']);
  });

  it('returns an unterminated quote as the last command (parseShellLine then reports it)', () => {
    expect(splitScript(`echo 'abc\nmore`)).toEqual([`echo 'abc\nmore`]);
  });

  it('keeps a for loop together until its done, nested loops included', () => {
    const text = 'for i in 1 2; do\n  echo $i\n  for j in a; do\n    echo $j\n  done\ndone\necho after';
    expect(splitScript(text)).toEqual(['for i in 1 2; do\n  echo $i\n  for j in a; do\n    echo $j\n  done\ndone', 'echo after']);
    // `do` and `done` as arguments are words, not keywords.
    expect(splitScript('echo do\necho done')).toEqual(['echo do', 'echo done']);
  });

  it('splits every command of the acceptance page block', () => {
    const block = '$ killall kubectl\n./pf.sh &\n';
    expect(splitScript(block)).toEqual(['$ killall kubectl', './pf.sh &']);
  });
});

describe('needsMoreInput', () => {
  it('is true while a quote is open or the text ends with \\, |, && or ||', () => {
    expect(needsMoreInput("vtctldclient ApplyVSchema --vschema '{")).toBe(true);
    expect(needsMoreInput('echo "a')).toBe(true);
    expect(needsMoreInput('vtctldclient MoveTables \\')).toBe(true);
    expect(needsMoreInput('a |')).toBe(true);
    expect(needsMoreInput('a &&\n')).toBe(true);
    expect(needsMoreInput('a ||  # why')).toBe(true);
    expect(needsMoreInput('for i in 1 2; do\n  echo $i')).toBe(true);
  });

  it('is false for complete lines, comments and blank text', () => {
    expect(needsMoreInput("echo 'a'")).toBe(false);
    expect(needsMoreInput('a | b')).toBe(false);
    expect(needsMoreInput('./pf.sh &')).toBe(false);
    expect(needsMoreInput("# it's")).toBe(false);
    expect(needsMoreInput('echo \\\\')).toBe(false);
    expect(needsMoreInput('')).toBe(false);
    expect(needsMoreInput('for i in 1 2; do\n  echo $i\ndone')).toBe(false);
  });
});

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

describe('splitScript and needsMoreInput: here-documents', () => {
  const vschema = 'cat > vschema_sales.json <<EOF\n{\n  "tables": { "orders": {} }\n}\nEOF';

  it('keeps a document with its command up to the delimiter line; its quotes, # and for are data', () => {
    expect(splitScript(`${vschema}\nvtctldclient ApplyVSchema --vschema-file vschema_sales.json sales\n`)).toEqual([
      vschema,
      'vtctldclient ApplyVSchema --vschema-file vschema_sales.json sales',
    ]);
    const text = "mysql <<'SQL'\n# it's not a comment\nfor x in a; do\n\nSQL\necho after";
    expect(splitScript(text)).toEqual(["mysql <<'SQL'\n# it's not a comment\nfor x in a; do\n\nSQL", 'echo after']);
    expect(splitScript('cat <<-EOF\n\tx\n\tEOF\necho y')).toEqual(['cat <<-EOF\n\tx\n\tEOF', 'echo y']);
    // A pipe after the operator goes on after the document, as in bash.
    expect(splitScript('cat <<EOF |\na\nEOF\ngrep a\necho z')).toEqual(['cat <<EOF |\na\nEOF\ngrep a', 'echo z']);
  });

  it('runs a document whose delimiter never comes to the end of the script', () => {
    expect(splitScript('echo a\ncat <<EOF\nb\necho c\n')).toEqual(['echo a', 'cat <<EOF\nb\necho c']);
  });

  it('does not take <<< or $((a << b)) for a document', () => {
    expect(splitScript('echo $((1 << 2))\necho b')).toEqual(['echo $((1 << 2))', 'echo b']);
    expect(splitScript('cat <<<word\necho b')).toEqual(['cat <<<word', 'echo b']);
  });

  it('needs more input until the delimiter line', () => {
    expect(needsMoreInput('cat > f <<EOF')).toBe(true);
    expect(needsMoreInput('cat > f <<EOF\n{')).toBe(true);
    expect(needsMoreInput('cat > f <<EOF\n{\n EOF')).toBe(true);
    expect(needsMoreInput('cat > f <<EOF\n{\nEOF')).toBe(false);
    expect(needsMoreInput("cat <<'E O'\nx\nE O")).toBe(false);
  });
});

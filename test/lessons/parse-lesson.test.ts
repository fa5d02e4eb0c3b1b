import { describe, expect, it } from 'vitest';
import { ACCEPTANCE_PAGE, HAS_ACCEPTANCE } from '../support/acceptance-page.js';
import { parseLesson, MAX_LESSON_BYTES } from '../../src/lessons/parse-lesson.js';
import { LessonParseError } from '../../src/lessons/lesson-error.js';
import { OPERATOR_REASON } from '../../src/lessons/skip-rules.js';
import type { Lesson, LessonCommand } from '../../src/lessons/types.js';

const page = ACCEPTANCE_PAGE;
const pageLines = page.split('\n');

function allCommands(lesson: Lesson): LessonCommand[] {
  return lesson.steps.flatMap((s) => s.commands);
}

function parseError(markdown: string): LessonParseError {
  try {
    parseLesson(markdown, 'lessons/bad.md');
  } catch (e) {
    if (e instanceof LessonParseError) return e;
    throw e;
  }
  throw new Error('expected a LessonParseError');
}

describe.skipIf(!HAS_ACCEPTANCE)('parseLesson on the acceptance page', () => {
  const lesson = parseLesson(page, 'scenarios/move-tables.md');
  const commands = allCommands(lesson);

  it('takes the title from the front matter and cuts one step per heading', () => {
    expect(lesson.title).toBe('Move Tables');
    expect(lesson.source).toBe('scenarios/move-tables.md');
    expect(lesson.steps).toHaveLength(16);
    expect(lesson.steps.map((s) => s.heading)).toEqual([
      'Move Tables',
      'Planning to Move Tables',
      'Show our current tablets',
      'Create New Tablets',
      'Using Operator',
      'Using a Local Deployment',
      'Show All Tablets',
      'Start the Move',
      'Check Routing Rules (Optional)',
      'Monitoring Progress (Optional)',
      'Validate Correctness (Optional)',
      'Switching Traffic',
      'Check the Routing Rules (Optional)',
      'Reverting the Switch (Optional)',
      'Finalize and Cleanup',
      'Next Steps',
    ]);
    expect(lesson.steps.map((s) => s.level)).toEqual([0, 2, 2, 2, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
  });

  it('finds 22 commands, each at its line in the file', () => {
    expect(commands).toHaveLength(22);
    for (const cmd of commands) {
      const source = pageLines[cmd.sourceLine - 1] ?? '';
      expect(source.replace(/^\$ /, '').trim()).toBe(cmd.line);
    }
  });

  it('skips the operator commands with the operator reason', () => {
    const skipped = commands.filter((c) => c.skipReason !== undefined);
    expect(skipped.map((c) => c.line)).toEqual(['kubectl apply -f 201_customer_tablets.yaml', 'kubectl get pods', 'killall kubectl']);
    expect(skipped.every((c) => c.skipReason === OPERATOR_REASON)).toBe(true);
  });

  it('treats the bare MoveTables create block as a command checked only for success', () => {
    const create = commands.find((c) => c.line.includes('create --source-keyspace'));
    expect(create).toBeDefined();
    expect(create?.line).toBe(
      "vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer create --source-keyspace commerce --tables 'customer,corder'",
    );
    expect(create?.expected).toBeNull();
    expect(create?.blockLang).toBe('bash');
  });

  it('captures the GetRoutingRules JSON exactly', () => {
    const rr = commands.find((c) => c.line === 'vtctldclient GetRoutingRules');
    expect(rr?.blockLang).toBe('json');
    const at = rr?.sourceLine ?? 0;
    // The output runs from the line after the command to the line before the closing fence.
    const closing = pageLines.indexOf('```', at);
    expect(rr?.expected).toEqual(pageLines.slice(at, closing));
    expect(rr?.expected?.[0]).toBe('{');
    expect(rr?.expected?.[rr.expected.length - 1]).toBe('}');
    expect(rr?.expected).toHaveLength(100);
  });

  it('keeps narration apart from output, and trailing spaces in output', () => {
    const insert = commands[0];
    expect(insert?.narration).toEqual(['# On local and operator installs:']);
    expect(insert?.expected).toBeNull();
    const last = lesson.steps[14]?.commands ?? [];
    expect(last.map((c) => c.narration)).toEqual([
      [],
      ['# Expected to fail!'],
      ['# Expected to be empty'],
      ['# Workflow is gone'],
      ['# Reverse workflow is also gone'],
    ]);
    expect(last[1]?.expected).toHaveLength(3);
    expect(last[1]?.expected?.[2]).toMatch(/^ERROR 1146 \(42S02\) at line 4: /);
    expect(last[2]?.expected).toEqual(['{', '  "rules": []', '}']);
    const reverse = commands.find((c) => c.line.includes('commerce2customer_reverse'));
    expect(reverse?.expected?.[reverse.expected.length - 1]).toBe('} ');
  });

  it('keeps Hugo shortcodes as prose and leaves front matter and commands out of it', () => {
    const intro = lesson.steps[0]?.prose ?? '';
    expect(intro).toContain('{{< info >}}');
    expect(intro).not.toContain('weight: 2');
    expect(intro).not.toContain('insert_commerce_data');
    expect(lesson.steps[1]?.prose).toContain('In this scenario');
    expect(lesson.directives).toEqual({ masks: [] });
  });

  it('gives the same lesson for CRLF line endings', () => {
    const crlf = parseLesson(page.replace(/\n/g, '\r\n'), 'scenarios/move-tables.md');
    expect(crlf).toEqual(lesson);
  });
});

describe.skipIf(!HAS_ACCEPTANCE)('parseLesson: blocks and commands', () => {
  it('reports an unterminated fence with the line that opened it', () => {
    const e = parseError('# T\n\ntext\n\n```bash\n$ mysql -e "select 1"\n1\n');
    expect(e.message).toBe('lessons/bad.md:5: code block opened here is never closed (missing closing fence)');
    expect(e.line).toBe(5);
    expect(e.code).toBe('INVALID_ARGUMENT');
  });

  it('ignores empty blocks and treats non-shell blocks without prompts as samples', () => {
    const lesson = parseLesson('# T\n\n```bash\n```\n\n```\n\n```\n\n```json\n{"a": 1}\n```\n\n```sql\nselect 1;\n```\n', 'x.md');
    expect(allCommands(lesson)).toHaveLength(0);
    expect(lesson.steps[0]?.prose).toContain('{"a": 1}');
  });

  it('never runs Markdown samples, even with prompts in them', () => {
    const lesson = parseLesson('# T\n\n````markdown\n```bash\n$ ls\n```\n````\n', 'x.md');
    expect(allCommands(lesson)).toHaveLength(0);
  });

  it('runs bare commands of shell and unlabelled blocks, skipping blank and # lines', () => {
    const lesson = parseLesson('# T\n\n```\n# make it\n./101_initial_cluster.sh\n\nmysql -e "select 1"\n```\n\n```sh\nls\n```\n', 'x.md');
    const cmds = allCommands(lesson);
    expect(cmds.map((c) => [c.line, c.expected, c.narration, c.blockLang, c.sourceLine])).toEqual([
      ['./101_initial_cluster.sh', null, ['# make it'], '', 5],
      ['mysql -e "select 1"', null, [], '', 7],
      ['ls', null, [], 'sh', 11],
    ]);
  });

  it('joins continued lines, strips trailing & and # comments outside quotes', () => {
    const md = [
      '```bash',
      '$ vtctldclient MoveTables \\',
      '    --target-keyspace customer \\',
      '    --workflow wf create',
      'ok',
      '$ mysql -e "select 1;',
      'select \'#\' from t" # run two statements',
      '$ ./pf.sh &',
      '$ a && b',
      '$ echo x#y',
      '```',
    ].join('\n');
    const cmds = allCommands(parseLesson(md, 'x.md'));
    expect(cmds.map((c) => c.line)).toEqual([
      'vtctldclient MoveTables --target-keyspace customer --workflow wf create',
      'mysql -e "select 1;\nselect \'#\' from t"',
      './pf.sh',
      'a && b',
      'echo x#y',
    ]);
    expect(cmds[0]?.expected).toEqual(['ok']);
    expect(cmds[1]?.expected).toBeNull();
    expect(cmds.map((c) => c.sourceLine)).toEqual([2, 6, 8, 9, 10]);
  });

  it('reports an unterminated quote in a command', () => {
    const e = parseError('text\n\n```bash\n$ mysql -e "select 1\n```\n');
    expect(e.message).toBe('lessons/bad.md:4: unterminated quote in command (the block ends before the quote closes)');
  });

  it('rejects text before the first prompt of a prompted block', () => {
    const e = parseError('```bash\noops\n$ ls\n```\n');
    expect(e.line).toBe(2);
  });

  it('finds commands in code blocks nested in lists, with their lines', () => {
    const md = '# T\n\n1. First:\n\n   ```bash\n   $ ls\n   a\n   ```\n\n2. Then:\n\n   ```bash\n   $ ls -l\n   ```\n';
    const cmds = allCommands(parseLesson(md, 'x.md'));
    expect(cmds.map((c) => [c.line, c.sourceLine, c.expected])).toEqual([
      ['ls', 6, ['a']],
      ['ls -l', 13, null],
    ]);
  });

  it('takes the title from the first heading, else from the file name', () => {
    expect(parseLesson('intro\n\n## First\n\ntext\n', 'a/b/my-lesson.md').title).toBe('First');
    expect(parseLesson('just text\n', 'a/b/my-lesson.md').title).toBe('my-lesson');
    const noTitle = parseLesson('---\nweight: 1\n---\n\n# Heading\n', 'x.md');
    expect(noTitle.title).toBe('Heading');
  });

  it('reports front matter that is never closed', () => {
    expect(parseError('---\ntitle: x\n\n# T\n').line).toBe(1);
  });

  it('refuses files over 5 MB', () => {
    const huge = `# T\n\n${'x'.repeat(MAX_LESSON_BYTES)}\n`;
    const e = parseError(huge);
    expect(e.message).toMatch(/^lessons\/bad\.md: the lesson is 5\.0 MB; lessons are limited to 5 MB$/);
    // The limit counts bytes, not characters.
    expect(() => parseLesson('é'.repeat(MAX_LESSON_BYTES / 2 + 1), 'x.md')).toThrow(LessonParseError);
  });
});

describe.skipIf(!HAS_ACCEPTANCE)('parseLesson: directives', () => {
  const base = (directives: string, block = '```bash\n$ one\n$ two\n$ three\n```'): Lesson =>
    parseLesson(`# T\n\nSome text.\n\n${directives}\n${block}\n`, 'x.md');

  it('applies a directive to the next command by default', () => {
    const cmds = allCommands(base('<!-- vtsim: expect-error Table \'vt_commerce.customer\' doesn\'t exist -->'));
    expect(cmds[0]?.directives).toEqual([{ kind: 'expect-error', substring: "Table 'vt_commerce.customer' doesn't exist", line: 5 }]);
    expect(cmds[1]?.directives).toEqual([]);
  });

  it('applies "block" directives to every command and "command N" to one', () => {
    const cmds = allCommands(base('<!-- vtsim: block mask time_updated -->\n<!-- vtsim: command 3 skip needs a real cluster -->'));
    for (const c of cmds) expect(c.directives[0]).toEqual({ kind: 'mask', mask: { kind: 'field', field: 'time_updated' }, line: 5 });
    expect(cmds[2]?.skipReason).toBe('needs a real cluster');
    expect(cmds[0]?.skipReason).toBeUndefined();
  });

  it('parses every directive kind', () => {
    const md = [
      '<!-- vtsim: setup ./101_initial_cluster.sh -->',
      '<!-- vtsim: setup ./201_customer_tablets.sh -->',
      '<!-- vtsim: seed 42 -->',
      '<!-- vtsim: lesson mask /id=\\d+/i -->',
      '',
      '<!-- vtsim: expect-success -->',
      '<!-- vtsim: command 2 settle off -->',
      '<!-- vtsim: command 2 wait 1m30s -->',
      '<!-- vtsim: command 3 no-compare -->',
      '<!-- vtsim: command 3 expect-error -->',
    ].join('\n');
    const lesson = base(md);
    expect(lesson.directives.setup).toEqual(['./101_initial_cluster.sh', './201_customer_tablets.sh']);
    expect(lesson.directives.seed).toBe(42);
    const pattern = lesson.directives.masks[0];
    expect(pattern?.kind === 'pattern' && pattern.pattern.flags).toBe('i');
    const [c1, c2, c3] = allCommands(lesson);
    expect(c1?.directives.map((d) => d.kind)).toEqual(['expect-success']);
    expect(c2?.directives).toEqual([
      { kind: 'settle', on: false, line: 11 },
      { kind: 'wait', duration: '1m30s', line: 12 },
    ]);
    expect(c3?.directives.map((d) => d.kind)).toEqual(['no-compare', 'expect-error']);
    expect(base('<!-- vtsim: setup none -->').directives.setup).toBe('none');
  });

  it('does not read directives inside code blocks or ordinary comments', () => {
    const lesson = base('<!-- a note for editors -->', '```bash\n$ one\n<!-- vtsim: skip x -->\n```');
    expect(allCommands(lesson)[0]?.expected).toEqual(['<!-- vtsim: skip x -->']);
    expect(allCommands(lesson)[0]?.directives).toEqual([]);
  });

  it.each([
    ['<!-- vtsim: frobnicate -->', 5, /unknown vtsim directive "frobnicate"/],
    ['<!-- vtsim: wait soon -->', 5, /wait needs a duration/],
    ['<!-- vtsim: settle maybe -->', 5, /settle takes on or off/],
    ['<!-- vtsim: skip -->', 5, /skip needs a reason/],
    ['<!-- vtsim: expect-success please -->', 5, /takes no argument/],
    ['<!-- vtsim: mask a b -->', 5, /mask takes one field name/],
    ['<!-- vtsim: mask /(/ -->', 5, /mask regex does not compile/],
    ['<!-- vtsim: seed -1 -->', 5, /seed needs a non-negative integer/],
    ['<!-- vtsim: block seed 1 -->', 5, /applies to the whole lesson/],
    ['<!-- vtsim: lesson skip x -->', 5, /only mask can apply to the whole lesson/],
    ['<!-- vtsim: block settle off -->', 5, /without "block"/],
    ['<!-- vtsim: command 4 skip x -->', 5, /command 4 does not exist: the block at line 6 has 3 command\(s\)/],
    ['<!-- vtsim: command skip -->', 5, /"command" needs a number/],
    ['<!-- vtsim: skip x\n', 5, /not closed with -->/],
    ['<!-- vtsim: skip a -->\n<!-- vtsim: skip b -->', 6, /skip given twice/],
    ['<!-- vtsim: expect-error -->\n<!-- vtsim: expect-success -->', 6, /cannot both apply/],
    ['<!-- vtsim: setup none -->\n<!-- vtsim: setup ls -->', 6, /cannot be combined/],
  ])('rejects %j', (directive, line, message) => {
    const e = parseError(`# T\n\nSome text.\n\n${directive}\n\`\`\`bash\n$ one\n$ two\n$ three\n\`\`\`\n`);
    expect(e.line).toBe(line);
    expect(e.message).toMatch(message);
    expect(e.message.startsWith(`lessons/bad.md:${line}: `)).toBe(true);
  });

  it('rejects a directive that applies to nothing', () => {
    expect(parseError('# T\n\n<!-- vtsim: skip x -->\n\nThe end.\n').line).toBe(3);
    expect(parseError('# T\n\n<!-- vtsim: skip x -->\n\n```json\n{}\n```\n').message).toMatch(/followed by a code block with no commands \(line 5\)/);
  });

  it('rejects directives inside a paragraph', () => {
    const e = parseError('# T\n\nSome text <!-- vtsim: skip x --> more.\n\n```bash\n$ ls\n```\n');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/must be on its own line/);
  });

  it('allows directive syntax quoted in code spans, but not in headings or table cells', () => {
    const lesson = parseLesson('# T\n\nWrite `<!-- vtsim: skip why -->` before a block.\n\n```bash\n$ ls\n```\n', 'x.md');
    expect(allCommands(lesson)[0]?.directives).toEqual([]);
    expect(parseError('# T\n\n## Step <!-- vtsim: skip x -->\n\n```bash\n$ ls\n```\n').line).toBe(3);
    expect(parseError('# T\n\n| a | b |\n| - | - |\n| 1 | <!-- vtsim: skip x --> |\n\n```bash\n$ ls\n```\n').line).toBe(5);
  });

  it('rejects lesson-wide setup and seed after the first command', () => {
    const e = parseError('```bash\n$ ls\n```\n\n<!-- vtsim: seed 3 -->\n');
    expect(e.line).toBe(5);
    expect(e.message).toMatch(/seed must come before the lesson's first command/);
  });
});

describe('parseLesson: for loops across lines', () => {
  it('reads a loop as one command until its done, in bare and prompted blocks', () => {
    const bare = ['# T', '```bash', 'for i in 300 301; do', '\tCELL=zone1 TABLET_UID=$i ../common/scripts/mysqlctl-up.sh', 'done', 'echo next', '```'].join('\n');
    const cmds = allCommands(parseLesson(bare, 'x.md'));
    expect(cmds.map((c) => [c.line, c.sourceLine])).toEqual([
      ['for i in 300 301; do\n\tCELL=zone1 TABLET_UID=$i ../common/scripts/mysqlctl-up.sh\ndone', 3],
      ['echo next', 6],
    ]);
    // Copied from a terminal: bash's `> ` continuation prompt is not part of the command.
    const prompted = ['# T', '```bash', '$ for t in a b; do', '>   echo "t=$t"', '> done', 't=a', 't=b', '```'].join('\n');
    const [loop] = allCommands(parseLesson(prompted, 'y.md'));
    expect(loop?.line).toBe('for t in a b; do\n  echo "t=$t"\ndone');
    expect(loop?.expected).toEqual(['t=a', 't=b']);
  });
});

describe('parseLesson: here-documents', () => {
  it('gives the document lines to the command, not to its expected output', () => {
    const md = [
      '# T',
      '```bash',
      '# Write the vschema',
      '$ cat > vschema_sales.json <<EOF',
      '{',
      '  "tables": { "orders": {} }',
      '}',
      'EOF',
      '$ cat <<\'EOF\' # show it',
      "it's $HOME",
      '$ not a prompt inside',
      'EOF',
      "it's $HOME",
      '$ echo next',
      'next',
      '```',
    ].join('\n');
    const cmds = allCommands(parseLesson(md, 'h.md'));
    expect(cmds.map((c) => [c.line, c.expected, c.sourceLine])).toEqual([
      ['cat > vschema_sales.json <<EOF\n{\n  "tables": { "orders": {} }\n}\nEOF', null, 4],
      ["cat <<'EOF'\nit's $HOME\n$ not a prompt inside\nEOF", ["it's $HOME"], 9],
      ['echo next', ['next'], 14],
    ]);
    expect(cmds[0]?.narration).toEqual(['# Write the vschema']);
  });

  it('keeps a document together in a block of bare commands, tabs and loops included', () => {
    const md = [
      '# T',
      '```sh',
      'mysql <<EOF',
      '# a line of SQL, not narration',
      'select 1;',
      'EOF',
      'for i in 1 2; do',
      '\tcat <<-END >> out.txt',
      '\t\tif $i',
      '\tEND',
      'done',
      'echo after',
      '```',
    ].join('\n');
    const cmds = allCommands(parseLesson(md, 'b.md'));
    expect(cmds.map((c) => [c.line, c.sourceLine])).toEqual([
      ['mysql <<EOF\n# a line of SQL, not narration\nselect 1;\nEOF', 3],
      ['for i in 1 2; do\n\tcat <<-END >> out.txt\n\t\tif $i\n\tEND\ndone', 7],
      ['echo after', 12],
    ]);
  });

  it('runs a document whose delimiter never comes to the end of its block', () => {
    const md = ['# T', '```bash', '$ cat <<EOF', 'a', '$ b', '```', '```bash', '$ echo c', '```'].join('\n');
    expect(allCommands(parseLesson(md, 'u.md')).map((c) => [c.line, c.expected])).toEqual([
      ['cat <<EOF\na\n$ b', null],
      ['echo c', null],
    ]);
  });
});

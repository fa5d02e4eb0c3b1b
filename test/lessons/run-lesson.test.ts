import { describe, expect, it } from 'vitest';
import { ACCEPTANCE_PAGE, HAS_ACCEPTANCE } from '../support/acceptance-page.js';
import { parseLesson } from '../../src/lessons/parse-lesson.js';
import { IMPLICIT_SETUP, isClusterBuilding, runLesson, setupFor } from '../../src/lessons/run-lesson.js';
import type { LessonReport } from '../../src/lessons/run-lesson.js';
import { formatReport, reportJson } from '../../src/lessons/report.js';
import type { CommandResult, CommandRunner } from '../../src/commands/types.js';
import { VtError } from '../../src/common/errors.js';

// The real cluster does not exist yet: this stand-in replays canned outputs and records every call.
class FakeRunner implements CommandRunner {
  readonly calls: Array<{ line: string; stdin: string | undefined }> = [];

  constructor(private readonly outputs: (line: string) => CommandResult | undefined) {}

  run(line: string, stdin?: string): CommandResult {
    this.calls.push({ line, stdin });
    return this.outputs(line) ?? { stdout: '', stderr: '', exitCode: 0 };
  }
}

const PAGE = ACCEPTANCE_PAGE;
const lesson = parseLesson(PAGE, 'scenarios/move-tables.md');

/** Outputs as the page shows them: a perfect cluster, with `override` for some commands. */
function pageOutputs(override: (line: string) => CommandResult | undefined = () => undefined) {
  const canned = new Map<string, CommandResult[]>();
  for (const cmd of lesson.steps.flatMap((s) => s.commands)) {
    const expected = cmd.expected ?? [];
    const error = expected.findIndex((l) => l.startsWith('ERROR '));
    const result =
      error >= 0
        ? { stdout: `${expected.slice(0, error).join('\n')}\n`, stderr: `${expected.slice(error).join('\n')}\n`, exitCode: 1 }
        : { stdout: expected.length > 0 ? `${expected.join('\n')}\n` : '', stderr: '', exitCode: 0 };
    canned.set(cmd.line, [...(canned.get(cmd.line) ?? []), result]);
  }
  return (line: string): CommandResult | undefined => override(line) ?? canned.get(line)?.shift();
}

describe.skipIf(!HAS_ACCEPTANCE)('runLesson on the acceptance page', () => {
  it('runs the implicit 101 setup, every simulated command in order, and skips the operator path', () => {
    let runner: FakeRunner | undefined;
    const report = runLesson(
      lesson,
      (seed) => {
        expect(seed).toBe(7);
        runner = new FakeRunner(pageOutputs());
        return runner;
      },
      { seed: 7 },
    );
    expect(report.setup).toEqual([IMPLICIT_SETUP]);
    expect(report.setupImplicit).toBe(true);
    expect([report.passed, report.failed, report.skipped]).toEqual([19, 0, 3]);
    const lines = runner?.calls.map((c) => c.line) ?? [];
    expect(lines[0]).toBe('./101_initial_cluster.sh');
    expect(lines).toHaveLength(20);
    expect(lines.some((l) => l.includes('kubectl'))).toBe(false);
    expect(lines[1]).toBe('mysql < ../common/insert_commerce_data.sql');
    expect(lines[lines.length - 1]).toBe('vtctldclient Workflow --keyspace commerce list');
    expect(report.steps).toHaveLength(16);
    expect(report.steps[4]?.commands.map((c) => c.status)).toEqual(['skipped', 'skipped', 'skipped']);

    const text = formatReport([report], { verbose: false, color: false });
    expect(text.split('\n').pop()).toBe('19 passed, 0 failed, 3 skipped');
    expect(text).toContain('    - kubectl get pods  (not simulated: Kubernetes operator path)');
    expect(text).toContain('    ✓ vtctldclient GetRoutingRules');
    expect(text).not.toContain('reproduce:');
  });

  it('keeps going after failures and reports each one with a diff and a reproduce line', () => {
    const outputs = pageOutputs((line) => {
      if (line === 'vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer SwitchTraffic') {
        return { stdout: '', stderr: 'E0115 09:00:03.000000 1 main.go:60] rpc error: code = Unknown desc = cannot switch traffic for workflow commerce2customer at this time: copy is still in progress\n', exitCode: 1 };
      }
      if (line === 'vtctldclient Workflow --keyspace customer list') return { stdout: '[\n  "commerce2customer"\n]\n', stderr: '', exitCode: 0 };
      return undefined;
    });
    const report = runLesson(lesson, () => new FakeRunner(outputs), { seed: 3 });
    expect([report.passed, report.failed, report.skipped]).toEqual([17, 2, 3]);
    const failed = report.steps.flatMap((s) => s.commands).filter((c) => c.status === 'failed');
    expect(failed.map((c) => c.sourceLine)).toEqual([496, 818]);
    expect(failed[0]?.reason).toMatch(/^the command failed \(exit code 1\): E0115 .*copy is still in progress$/);
    expect(failed[0]?.actual).toContain('copy is still in progress');
    expect(failed[1]?.diff).toContain('+  "commerce2customer"');

    const text = formatReport([report], { verbose: false, color: false });
    expect(text).toContain('    ✗ vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer SwitchTraffic  (line 496)');
    expect(text).toContain('        -SwitchTraffic was successful for workflow customer.commerce2customer');
    expect(text).toContain('  reproduce: vtsim run scenarios/move-tables.md --seed 3');
    expect(text.split('\n').pop()).toBe('17 passed, 2 failed, 3 skipped');

    const colored = formatReport([report], { verbose: false, color: true });
    expect(colored).toContain('\u001b[31m✗\u001b[0m');
  });

  it('is deterministic: the same lesson, seed and outputs give the same report', () => {
    const a = reportJson([runLesson(lesson, () => new FakeRunner(pageOutputs()), { seed: 1 })]);
    const b = reportJson([runLesson(lesson, () => new FakeRunner(pageOutputs()), { seed: 1 })]);
    expect(a).toBe(b);
  });
});

describe.skipIf(!HAS_ACCEPTANCE)('runLesson: setup', () => {
  const md = (body: string): string => `# L\n\n${body}\n`;

  it('needs no implicit setup when the lesson builds its own cluster', () => {
    for (const first of [
      './101_initial_cluster.sh',
      'CELL=zone1 KEYSPACE=ks SHARD=0 TABLET_UID=300 ../common/scripts/vttablet-up.sh',
      'vtctldclient --server localhost:15999 CreateKeyspace ks',
      'vtsim cluster create',
    ]) {
      expect(isClusterBuilding(first)).toBe(true);
      expect(setupFor(parseLesson(md(`\`\`\`bash\n$ ${first}\n\`\`\``), 'x.md'))).toEqual({ commands: [], implicit: false });
    }
    expect(isClusterBuilding('mysql -e "select 1"')).toBe(false);
    expect(isClusterBuilding('vtctldclient GetKeyspaces')).toBe(false);
  });

  it('looks past shell preparation (cd, source, export) for the first real command', () => {
    const own = parseLesson(md('```bash\n$ cd vitess/examples/local\n$ source ../common/env.sh\n$ ./101_initial_cluster.sh\n```'), 'x.md');
    expect(setupFor(own)).toEqual({ commands: [], implicit: false });
    const guide = parseLesson(md('```bash\n$ source ../common/env.sh\n$ mysql -e "select 1"\n```'), 'x.md');
    expect(setupFor(guide)).toEqual({ commands: [IMPLICIT_SETUP], implicit: true });
  });

  it('looks past skipped commands for the first runnable one', () => {
    const l = parseLesson(md('```bash\n$ kubectl apply -f 101_initial_cluster.yaml\n$ mysql -e "select 1"\n```'), 'x.md');
    expect(setupFor(l)).toEqual({ commands: [IMPLICIT_SETUP], implicit: true });
  });

  it('follows setup directives', () => {
    const none = parseLesson(md('<!-- vtsim: setup none -->\n\n```bash\n$ mysql -e "select 1"\n```'), 'x.md');
    const runner = new FakeRunner(() => undefined);
    const report = runLesson(none, () => runner, { seed: 1 });
    expect(report.setup).toEqual([]);
    expect(runner.calls.map((c) => c.line)).toEqual(['mysql -e "select 1"']);

    const custom = parseLesson(md('<!-- vtsim: setup ./101_initial_cluster.sh -->\n<!-- vtsim: setup ./201_customer_tablets.sh -->\n\n```bash\n$ ls\n```'), 'x.md');
    const runner2 = new FakeRunner(() => undefined);
    const report2 = runLesson(custom, () => runner2, { seed: 1 });
    expect(report2.setupImplicit).toBe(false);
    expect(runner2.calls.map((c) => c.line)).toEqual(['./101_initial_cluster.sh', './201_customer_tablets.sh', 'ls']);
    expect(formatReport([report2], { verbose: false, color: false })).toContain('  setup: ./201_customer_tablets.sh\n');
  });

  it('fails the lesson when the setup fails, and runs nothing else', () => {
    const l = parseLesson(md('```bash\n$ mysql -e "select 1"\n$ ls\n```'), 'x.md');
    const runner = new FakeRunner((line) => (line === IMPLICIT_SETUP ? { stdout: '', stderr: 'boom\n', exitCode: 2 } : undefined));
    const report = runLesson(l, () => runner, { seed: 1 });
    expect(runner.calls).toHaveLength(1);
    expect([report.passed, report.failed, report.skipped]).toEqual([0, 1, 2]);
    expect(report.setupFailure?.reason).toBe('setup failed: the command failed (exit code 2): boom');
    const text = formatReport([report], { verbose: false, color: false });
    expect(text).toContain('  setup: ./101_initial_cluster.sh');
    expect(text).toContain('not run: the setup failed');
    expect(text.split('\n').pop()).toBe('0 passed, 1 failed, 2 skipped');
  });
});

describe.skipIf(!HAS_ACCEPTANCE)('runLesson: directives and inputs', () => {
  it('runs settle and wait before their command, and honours expect-error, no-compare and skip', () => {
    const l = parseLesson(
      [
        '<!-- vtsim: setup none -->',
        '',
        '<!-- vtsim: settle off -->',
        '<!-- vtsim: command 2 wait 5s -->',
        '<!-- vtsim: command 2 no-compare -->',
        '<!-- vtsim: command 3 expect-error not found -->',
        '<!-- vtsim: command 4 skip shown for reading only -->',
        '```bash',
        '$ vtctldclient MoveTables --target-keyspace customer --workflow wf create --source-keyspace commerce --tables customer',
        '$ vtctldclient MoveTables --target-keyspace customer --workflow wf status',
        'something the page author saw',
        '$ vtctldclient GetKeyspace nope',
        '$ vtctldclient GetKeyspace other',
        '```',
      ].join('\n'),
      'x.md',
    );
    const runner = new FakeRunner((line) =>
      line.includes('nope') ? { stdout: '', stderr: 'E0115 09:00:00.000000 1 main.go:60] rpc error: code = NotFound desc = keyspace not found\n', exitCode: 1 } : { stdout: 'other output\n', stderr: '', exitCode: 0 },
    );
    const report = runLesson(l, () => runner, { seed: 1 });
    expect(runner.calls.map((c) => c.line)).toEqual([
      'vtsim settle off',
      'vtctldclient MoveTables --target-keyspace customer --workflow wf create --source-keyspace commerce --tables customer',
      'vtsim sleep 5s',
      'vtctldclient MoveTables --target-keyspace customer --workflow wf status',
      'vtctldclient GetKeyspace nope',
    ]);
    expect(report.steps[0]?.commands.map((c) => c.status)).toEqual(['passed', 'passed', 'passed', 'skipped']);
    expect(report.steps[0]?.commands[3]?.reason).toBe('shown for reading only');
  });

  it('passes a redirected file as stdin when readFile resolves it, and turns thrown VtErrors into failures', () => {
    const l = parseLesson('<!-- vtsim: setup none -->\n\n```bash\n$ mysql < ./my.sql\n$ mysql < ../common/other.sql\n$ vtctldclient Boom\n```\n', 'x.md');
    const runner = new FakeRunner(() => undefined);
    runner.run = function (line: string, stdin?: string): CommandResult {
      this.calls.push({ line, stdin });
      if (line.includes('Boom')) throw new VtError('UNIMPLEMENTED', 'unknown command "Boom" for "vtctldclient"');
      return { stdout: '', stderr: '', exitCode: 0 };
    };
    const report = runLesson(l, () => runner, { seed: 1, readFile: (p) => (p === './my.sql' ? 'select 1;\n' : undefined) });
    expect(runner.calls.map((c) => c.stdin)).toEqual(['select 1;\n', undefined, undefined]);
    const boom = report.steps[0]?.commands[2];
    expect(boom?.status).toBe('failed');
    expect(boom?.actual).toBe('unknown command "Boom" for "vtctldclient"\n');
  });

  it('lets programmer errors propagate instead of counting them as lesson failures', () => {
    const l = parseLesson('<!-- vtsim: setup none -->\n\n```bash\n$ ls\n```\n', 'x.md');
    const runner: CommandRunner = {
      run: () => {
        throw new TypeError('bug');
      },
    };
    expect(() => runLesson(l, () => runner, { seed: 1 })).toThrow(TypeError);
  });

  it('keeps every output in verbose mode', () => {
    const l = parseLesson('<!-- vtsim: setup none -->\n\n```bash\n$ echo hi\nhi\n```\n', 'x.md');
    const report = runLesson(l, () => new FakeRunner(() => ({ stdout: 'hi\n', stderr: '', exitCode: 0 })), { seed: 1, verbose: true });
    expect(report.steps[0]?.commands[0]).toEqual({ line: 'echo hi', sourceLine: 4, status: 'passed', actual: 'hi\n' });
    expect(formatReport([report], { verbose: true, color: false })).toContain('        output:\n          hi');
  });
});

describe.skipIf(!HAS_ACCEPTANCE)('reportJson', () => {
  it('has a fixed shape with totals over every lesson', () => {
    const l = parseLesson('<!-- vtsim: setup none -->\n\n## Step\n\n```bash\n$ a\n$ b\nwanted\n$ kubectl get pods\n```\n', 'lessons/x.md');
    const reports: LessonReport[] = [
      runLesson(l, () => new FakeRunner(() => ({ stdout: 'got\n', stderr: '', exitCode: 0 })), { seed: 5 }),
      runLesson(l, () => new FakeRunner(() => ({ stdout: 'wanted\n', stderr: '', exitCode: 0 })), { seed: 6 }),
    ];
    const doc = JSON.parse(reportJson(reports)) as Record<string, unknown> & { lessons: Array<Record<string, unknown>> };
    expect(Object.keys(doc)).toEqual(['format', 'ok', 'passed', 'failed', 'skipped', 'lessons']);
    expect([doc['ok'], doc['passed'], doc['failed'], doc['skipped']]).toEqual([false, 3, 1, 2]);
    const first = doc.lessons[0] ?? {};
    expect(Object.keys(first)).toEqual(['lesson', 'title', 'seed', 'ok', 'passed', 'failed', 'skipped', 'reproduce', 'setup', 'steps']);
    expect(first['reproduce']).toBe('vtsim run lessons/x.md --seed 5');
    expect(first['setup']).toEqual({ commands: [], implicit: false, failure: null });
    const steps = first['steps'] as Array<{ heading: string; commands: Array<Record<string, unknown>> }>;
    expect(steps[0]?.heading).toBe('Step');
    expect(Object.keys(steps[0]?.commands[0] ?? {})).toEqual(['line', 'sourceLine', 'status', 'reason', 'diff', 'actual']);
    expect(steps[0]?.commands.map((c) => c['status'])).toEqual(['passed', 'failed', 'skipped']);
    expect(steps[0]?.commands[0]?.['reason']).toBeNull();
    expect(formatReport(reports, { verbose: false, color: false }).split('\n').pop()).toBe('3 passed, 1 failed, 2 skipped');
  });
});

import { describe, it, expect } from 'vitest';
import { parseLesson } from '../../src/lessons/index.js';
import { displayKey, lessonTables } from '../../src/tui/tutorial.js';
import { moveTablesLesson, newTutorial } from './support.js';

const TINY = `---
title: Tiny
---

## Look at the tablets

Some prose.

\`\`\`bash
$ mysql --table -e "select 1 as one"
+-----+
| one |
+-----+
|   2 |
+-----+
$ kubectl get pods
\`\`\`

## Count

\`\`\`bash
$ mysql --table -e "select count(*) from customer"
\`\`\`
`;

describe('Tutorial', () => {
  it('runs the implicit setup before the first step, marks skipped commands and compares outputs with the page', async () => {
    const t = await newTutorial(parseLesson(TINY, 'tiny.md'));
    expect(t.getState().setup).toEqual(['./101_initial_cluster.sh']);
    expect(t.getState().view.keyspaces).toEqual([]);
    t.next();
    const s = t.getState();
    expect(s.outcomes.map((o) => [o.line, o.status])).toEqual([
      ['./101_initial_cluster.sh', 'ok'],
      ['mysql --table -e "select 1 as one"', 'ok'],
      ['kubectl get pods', 'skipped'],
    ]);
    expect(s.stepOutcomes.map((o) => o.matchesPage)).toEqual([false, undefined]);
    expect(s.output.map((l) => l.text)).toContain('(skipped: not simulated: Kubernetes operator path)');
    expect(s.output.some((l) => l.text.startsWith('(differs from the lesson'))).toBe(true);
    expect(s.view.keyspaces.map((k) => k.name)).toEqual(['commerce']);
    t.next();
    // No data was loaded: the table exists but is empty.
    expect(t.getState().output.map((l) => l.text)).toContain('|        0 |');
    t.dispose();
  });

  it('never lets a command end the tutorial: errors become output', async () => {
    const t = await newTutorial();
    t.runConsole('vtctldclient GetKeyspace nosuch');
    const o = t.getState().outcomes[0]!;
    expect(o.exitCode).not.toBe(0);
    expect(t.getState().output.some((l) => l.tone === 'error')).toBe(true);
    t.runConsole('vtsim sleep notaduration');
    expect(t.getState().outcomes[0]!.exitCode).not.toBe(0);
    t.runConsole('   ');
    expect(t.getState().outputTitle).toBe('Console: vtsim sleep notaduration');
    t.dispose();
  });

  it('drives a deterministic write load through vtgate on the moved tables', async () => {
    expect(lessonTables(moveTablesLesson())).toEqual(['corder', 'customer']);
    const play = async () => {
      const t = await newTutorial();
      while (t.getState().stepsRun < 5) t.next();
      t.toggleLoad();
      expect(t.getState().load.running).toBe(true);
      t.advance(5000);
      return t;
    };
    const a = await play();
    const b = await play();
    const la = a.getState().load;
    expect(la.ok).toBeGreaterThanOrEqual(15);
    expect(la.errors).toBe(0);
    // Turned off, it writes no more.
    a.toggleLoad();
    a.advance(3000);
    expect(a.getState().load.ok).toBe(la.ok);
    // The forward stream carried the writes to the target: the commerce and customer copies agree.
    a.runConsole('mysql --table -e "use customer/0@replica; select count(*) from customer"');
    const target = a.getState().output.find((l) => /^\|\s+\d+ \|$/.test(l.text))?.text;
    a.runConsole('mysql --table -e "use commerce/0@replica; select count(*) from customer"');
    const source = a.getState().output.find((l) => /^\|\s+\d+ \|$/.test(l.text))?.text;
    expect(target).toBeDefined();
    expect(target).toBe(source);
    expect(Number(/\d+/.exec(source!)![0])).toBeGreaterThan(5);
    // Same seed, same actions: the same cluster.
    expect(b.getState().load).toEqual(la);
    expect(displayKey(b.getState().view)).not.toBe(displayKey(a.getState().view));
    b.toggleLoad();
    b.advance(3000);
    expect(displayKey(b.getState().view)).toBe(displayKey(a.getState().view));
    a.dispose();
    b.dispose();
  });

  it('keeps the load running across the cutover: refused writes are counted, the switch succeeds', async () => {
    const t = await newTutorial();
    while (t.getState().stepsRun < 5) t.next();
    t.toggleLoad();
    t.advance(2000);
    const steps = t.getState().steps;
    const switchStep = steps.findIndex((s) => /^Switch traffic$/.test(s.heading));
    while (t.getState().stepsRun < switchStep + 1) t.next();
    const sw = t.getState().stepOutcomes[0]!;
    expect(sw.line).toMatch(/SwitchTraffic/);
    expect(sw.exitCode).toBe(0);
    const before = t.getState().load.ok;
    t.advance(2000);
    expect(t.getState().load.ok).toBeGreaterThan(before);
    expect(t.getState().view.workflows.map((w) => w.name)).toContain('commerce2customer_reverse');
    t.dispose();
  });

  it('rewinds to the same state a straight run reaches', async () => {
    const straight = await newTutorial();
    while (straight.getState().stepsRun < 5) straight.next();
    const key = displayKey(straight.getState().view);
    const output = straight.getState().output;
    straight.next();
    straight.next();
    straight.goTo(5);
    expect(displayKey(straight.getState().view)).toBe(key);
    expect(straight.getState().output).toEqual(output);
    expect(straight.getState().stepsRun).toBe(5);
    // A running load survives the rewind: it restarts on the fresh cluster after the replay.
    straight.toggleLoad();
    straight.back();
    expect(straight.getState().stepsRun).toBe(4);
    expect(straight.getState().load).toMatchObject({ running: true, ok: 0 });
    straight.advance(2000);
    expect(straight.getState().load.ok).toBeGreaterThan(0);
    straight.dispose();
  });
});

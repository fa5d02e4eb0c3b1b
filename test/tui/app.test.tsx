import { describe, it, expect, afterEach } from 'vitest';
import { flatText, KEYS, paneText, startApp } from './support.js';
import type { TestApp } from './support.js';

let app: TestApp | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

/** The cluster pane's text (the right column, top). */
const right = (a: TestApp) => paneText(a.frame(), 'right');
const left = (a: TestApp) => paneText(a.frame(), 'left');
/** The right / left column as running text (wrapped lines joined). */
const rightText = (a: TestApp) => flatText(a.frame(), 'right');
const leftText = (a: TestApp) => flatText(a.frame(), 'left');

describe('the tutorial TUI at 80x24 (seed 1)', () => {
  it('walks the whole MoveTables lesson by key presses, showing routing, streams and denied tables as they change', async () => {
    app = await startApp();
    expect(app.frame()).toContain('Press n (or Enter) to run');
    expect(app.frame()).toContain('No cluster yet');

    await app.runUntilStep(/^Start a cluster$/);
    const afterInit = right(app);
    expect(afterInit).toMatch(/commerce\/0/);
    expect(afterInit).toMatch(/100 PRIMARY SERVING/);
    expect(afterInit).toMatch(/101 REPLICA SERVING/);
    expect(afterInit).toMatch(/102 RDONLY +SERVING/);
    expect(afterInit).not.toMatch(/Traffic for/);
    expect(left(app)).toContain('✓ $ ./101_initial_cluster.sh');
    expect(app.frame()).toContain('+ keyspace commerce');
    expect(app.frame()).toMatchSnapshot('after 101_initial_cluster');

    await app.runUntilStep(/^Start the move$/);
    expect(right(app)).toMatch(/customer\/0/);
    expect(rightText(app)).toContain('Traffic for corder, customer: reads & writes → commerce');
    expect(right(app)).toContain('customer.commerce2customer ');
    expect(rightText(app)).toContain('Reads Not Switched. Writes Not Switched');
    // What the step changed, as a diff.
    expect(app.frame()).toContain('What changed:');
    expect(leftText(app)).toContain('+ corder, customer: reads & writes → commerce');
    expect(app.frame()).toMatchSnapshot('after MoveTables create');

    await app.runUntilStep(/^Switch traffic$/);
    expect(rightText(app)).toContain('Traffic for corder, customer: reads & writes → customer');
    expect(right(app)).toContain('commerce.commerce2customer_reverse');
    expect(rightText(app)).toContain('All Reads Switched. Writes Switched');
    expect(right(app)).toContain('customer.commerce2customer (FROZEN)');
    expect(right(app)).toMatch(/deny commerce\/0: corder,customer/);
    expect(leftText(app)).toContain('~ corder, customer reads & writes: commerce → customer');

    await app.runUntilStep(/^Finish the move$/);
    const last = app.tutorial.getState();
    expect(last.stepsRun).toBe(last.steps.length);
    expect(right(app)).not.toMatch(/Traffic for/);
    expect(right(app)).toContain('No workflows.');
    expect(right(app)).toContain('Denied tables: none');
    expect(app.frame()).toContain('last step');
    expect(app.frame()).toMatch(/step 9\/9/);
    expect(app.frame()).toMatchSnapshot('after Complete');

    await app.press('n');
    expect(app.frame()).toContain('This is the end of the lesson');
    expect(app.tutorial.getState().stepsRun).toBe(last.steps.length);
  });

  it('goes back by replaying the lesson on a fresh cluster: the screen is the one a straight run showed', async () => {
    app = await startApp();
    await app.runUntilStep(/^Add tablets for the new keyspace$/);
    const straight = app.frame().split('\n').slice(0, -1).join('\n');
    await app.press('n');
    expect(right(app)).toContain('commerce2customer');
    await app.press('b');
    expect(app.tutorial.getState().stepsRun).toBe(4);
    expect(app.frame()).toContain('Replayed steps 1-4 on a fresh cluster (seed 1)');
    expect(app.frame().split('\n').slice(0, -1).join('\n')).toBe(straight);
    await app.press(KEYS.left, KEYS.left, KEYS.left, KEYS.left);
    expect(app.tutorial.getState().stepsRun).toBe(0);
    expect(app.frame()).toContain('No cluster yet');
    await app.press('b');
    expect(app.frame()).toContain('Already at the start of the lesson.');
    await app.press(KEYS.enter, KEYS.right);
    expect(app.tutorial.getState().stepsRun).toBe(2);
  });

  it('runs any command in the : console, shows errors without ending the TUI, and recalls history', async () => {
    app = await startApp();
    await app.runUntilStep(/^Start a cluster$/);
    await app.press(':');
    expect(app.frame().split('\n').at(-1)).toMatch(/^: █/);
    await app.type('mysql -e "select * from nosuch"');
    await app.press(KEYS.enter);
    expect(app.frame()).toContain('─ Console: mysql -e');
    expect(app.frame()).toMatch(/ERROR 1146 \(42S02\)/);
    expect(app.frame()).toContain('Cluster');
    await app.press('z');
    expect(app.frame()).toMatch(/Table 'vt_commerce.nosuch' doesn't exist/);
    expect(app.frame()).toMatch(/\[exit status 1\]/);
    await app.press('z');

    await app.press(':');
    await app.type('qqq-not-a-command');
    await app.press(KEYS.enter);
    expect(app.quits).toBe(0);
    expect(leftText(app)).toContain('bash: qqq-not-a-command: command not found');

    await app.press(':', KEYS.up, KEYS.up);
    expect(app.frame().split('\n').at(-1)).toMatch(/^: mysql -e "select \* from nosuch"█/);
    await app.press(KEYS.escape);
    expect(app.frame().split('\n').at(-1)).toMatch(/step 2\/9/);

    await app.press(':');
    await app.type('mysql --table -e "select count(*) from customer"');
    await app.press(KEYS.enter);
    expect(app.frame()).toMatch(/\| count\(\*\) \|/);
    // The console does not move the lesson.
    expect(app.tutorial.getState().stepsRun).toBe(2);

    // Keys that arrive in one read (fast typing, tmux send-keys) are still keys, one by one.
    await app.press(':vtsim seed\r');
    expect(app.frame()).toContain('─ Console: vtsim seed');
    await app.press('nn');
    expect(app.tutorial.getState().stepsRun).toBe(4);
  });

  it('shows the help overlay from the key bindings, and any key closes it', async () => {
    app = await startApp();
    await app.press('?');
    const help = app.frame();
    expect(help).toContain('Help · any key closes');
    for (const keys of ['n, Enter, →', 'b, ←', 'space', 'w', ':', 'q, Ctrl-C']) expect(help).toContain(keys);
    expect(flatText(help, 'left', 80)).toContain('The same seed (1)');
    await app.press('x');
    expect(app.frame()).not.toContain('Help · any key closes');
    expect(app.quits).toBe(0);
  });

  it('quits on q and on Ctrl-C', async () => {
    app = await startApp();
    await app.press('q');
    expect(app.quits).toBe(1);
    app.unmount();
    app = await startApp();
    await app.press(':', KEYS.ctrlC);
    expect(app.quits).toBe(1);
  });

  it('pauses, resumes and changes the speed of simulated time, and stays quiet when nothing changes', async () => {
    app = await startApp({ tickMs: 10 });
    const clock = () => app!.tutorial.currentCluster().env.clock.nowMs();
    const t0 = clock();
    const frames = app.framesWritten();
    await new Promise((r) => setTimeout(r, 150));
    expect(clock()).toBe(t0);
    expect(app.framesWritten()).toBe(frames);
    expect(app.frame()).toMatch(/paused 09:00:00/);

    for (let i = 0; i < 4; i++) await app.press('+');
    expect(app.frame()).toMatch(/paused/);
    await app.press(' ');
    expect(app.frame()).toMatch(/▶ 25x/);
    await new Promise((r) => setTimeout(r, 200));
    await app.press(' ');
    // 200 ms of real time at 25x is about 5 s of simulated time.
    expect(clock() - t0).toBeGreaterThan(2000);
    expect(clock() - t0).toBeLessThan(20_000);
    await app.press('-');
    expect(app.frame()).toMatch(/paused/);
    await app.press(' ');
    expect(app.frame()).toMatch(/▶ 10x/);
  });

  it('scrolls and zooms the output pane', async () => {
    app = await startApp();
    await app.runUntilStep(/^Load some data$/);
    expect(left(app)).toMatch(/1-9\/\d+ ↑↓/);
    await app.press(KEYS.down, KEYS.down);
    expect(left(app)).toMatch(/3-11\/\d+ ↑↓/);
    await app.press('z');
    expect(app.frame().split('\n')[0]).toMatch(/^┌─ Output of step 3\/9 ─+ 3-22\/\d+ ↑↓ ─┐$/);
    await app.press('z', KEYS.up, KEYS.up, KEYS.up);
    expect(left(app)).toMatch(/1-9\/\d+ ↑↓/);
  });

  it('asks for a bigger terminal when it is smaller than 80x24, and uses a bigger one', async () => {
    app = await startApp({ size: { columns: 70, rows: 20 } });
    expect(app.frame()).toContain('vtsim needs a terminal of at least 80x24; this one is 70x20');
    await app.press('q');
    expect(app.quits).toBe(1);
    app.unmount();
    app = await startApp({ size: { columns: 140, rows: 40 } });
    await app.runUntilStep(/^Start a cluster$/);
    const lines = app.frame().split('\n');
    expect(lines.length).toBe(39);
    expect(Math.max(...lines.map((l) => l.length))).toBe(140);
    expect(app.frame()).toContain('zone1-0000000100 PRIMARY');
  });
});

// End to end: the real binary in a real pseudo-terminal (tmux), driven by key presses.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const hasTmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
const hasBundle = existsSync(join(root, 'dist', 'vtsim.mjs'));
const skipReason = !hasTmux ? 'tmux is not installed' : !hasBundle ? 'dist/vtsim.mjs is missing: run npm run build' : '';

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function waitForPane(session: string, pattern: RegExp, timeoutMs = 8_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = tmux('capture-pane', '-p', '-t', session);
    if (pattern.test(text)) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${pattern} in:\n${text}`);
}

describe('vtsim tutorial in a terminal', () => {
  it.skipIf(skipReason !== '')(
    `opens on the MoveTables lesson, runs steps on key presses and exits cleanly on q${skipReason ? ` (skipped: ${skipReason})` : ''}`,
    async () => {
      const session = `vtsim-e2e-${process.pid}`;
      // The shell line prints the exit status after the TUI ends, then keeps the pane open to read it.
      // CI=false: under CI (CI=true is inherited by tmux) ink renders only the last frame, as for logs.
      const command = `cd '${root}' && CI=false NO_COLOR=1 node bin/vtsim.js tutorial --seed 1; echo "EXIT=$?"; sleep 60`;
      tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', command);
      try {
        await waitForPane(session, /Press n \(or Enter\) to run/);
        tmux('send-keys', '-t', session, 'n');
        tmux('send-keys', '-t', session, 'n');
        const afterInit = await waitForPane(session, /100 PRIMARY +SERVING/);
        expect(afterInit).toMatch(/Step 2\/9 · Start a cluster/);
        expect(afterInit).toMatch(/101 REPLICA +SERVING/);
        expect(afterInit).toMatch(/102 RDONLY +SERVING/);
        tmux('send-keys', '-t', session, '?');
        await waitForPane(session, /Help · any key closes/);
        tmux('send-keys', '-t', session, 'Escape');
        await waitForPane(session, /Step 2\/9/);
        tmux('send-keys', '-t', session, 'q');
        const after = await waitForPane(session, /EXIT=\d+/);
        expect(after).toMatch(/EXIT=0/);
        // The alternate screen is gone: the terminal shows what it showed before, not the TUI.
        expect(after).not.toMatch(/Cluster|Workflows/);
      } finally {
        spawnSync('tmux', ['kill-session', '-t', session]);
      }
    },
    30_000,
  );
});

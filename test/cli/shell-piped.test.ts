// `vtsim shell` fed by a pipe, as a script would use it: `exit N` ends it with that status, and the
// commands after it do not run.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

function shell(input: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/vtsim.mjs'), 'shell', '--seed', '3'], { input, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('vtsim shell with piped input', () => {
  it('stops at exit with its status', () => {
    const r = shell('vtsim seed\nexit 3\nvtsim seed\n');
    expect(r.stdout).toBe('3\n');
    expect(r.status).toBe(3);
    expect(r.stderr).toBe('');
    expect(shell('vtsim seed\nquit\n')).toMatchObject({ status: 0, stdout: '3\n' });
  });

  it('runs to the end of input without exit, carrying on after an error', () => {
    const r = shell('nosuchcommand\nvtsim seed\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('3\n');
    expect(r.stderr).toContain('nosuchcommand');
  });
});

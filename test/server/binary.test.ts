// The single executable (scripts/build-binary.mjs). Building it copies and rewrites a ~90 MB node
// binary, so the full test runs only with VTSIM_BINARY_TEST=1 (and needs postject installed); it then
// copies the executable alone into an empty directory and runs a lesson, the shell and serve with it.
// The loader the executable starts with is tested always, from the bundle.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const wanted = process.env.VTSIM_BINARY_TEST === '1';
const hasPostject = (() => {
  try {
    createRequire(join(ROOT, 'package.json')).resolve('postject');
    return true;
  } catch {
    return false;
  }
})();
const skipReason = !wanted ? 'set VTSIM_BINARY_TEST=1 to build it' : !hasPostject ? 'postject is not installed' : '';

function run(cmd: string, args: string[], cwd: string, input = '') {
  return spawnSync(cmd, args, { cwd, input, encoding: 'utf8', timeout: 120_000 });
}

describe('the single-executable loader', () => {
  it('runs the bundled CLI from its private temp copy, like node dist/vtsim.mjs', () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-binary.mjs'), '--loader-only'], { stdio: 'pipe' });
    const cwd = mkdtempSync(join(tmpdir(), 'vtsim-loader-'));
    try {
      const viaLoader = run(process.execPath, [join(ROOT, 'dist/sea/loader.cjs'), 'shell', '--seed', '7'], cwd, 'vtsim seed\nvtsim time\n');
      const direct = run(process.execPath, [join(ROOT, 'dist/vtsim.mjs'), 'shell', '--seed', '7'], cwd, 'vtsim seed\nvtsim time\n');
      expect(viaLoader.status).toBe(0);
      expect(viaLoader.stdout).toBe(direct.stdout);
      expect(viaLoader.stdout).toBe('7\n2024-01-15T09:00:00Z\n');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 60_000);
});

describe(`vtsim as a single executable${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it.skipIf(skipReason !== '')(
    'works copied alone into an empty directory: run, shell and serve behave as with node',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vtsim-bin-'));
      try {
        const built = join(dir, 'build', 'vtsim');
        execFileSync(process.execPath, [join(ROOT, 'scripts/build-binary.mjs'), '--out', built], { stdio: 'pipe' });
        const exe = join(dir, 'vtsim');
        copyFileSync(built, exe);
        rmSync(join(dir, 'build'), { recursive: true });
        execFileSync('chmod', ['755', exe]);
        const lesson = run(exe, ['run', 'move-tables'], dir);
        const reference = run(process.execPath, [join(ROOT, 'dist/vtsim.mjs'), 'run', 'move-tables'], dir);
        expect(lesson.stdout).toBe(reference.stdout);
        expect(lesson.status).toBe(reference.status);
        expect(lesson.stdout).toMatch(/\d+ passed, \d+ failed, \d+ skipped/);
        const shell = run(exe, ['shell'], dir, './101_initial_cluster.sh\nmysql -e "show vitess_tablets"\n');
        expect(shell.stdout).toContain('zone1-0000000100');
        // serve starts, prints its banner and stops cleanly on SIGINT.
        const child = spawn(exe, ['serve', '--port', '0', '--control-port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
        await new Promise<void>((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            if (out.includes('Press Ctrl-C')) resolve();
          });
          child.on('exit', () => reject(new Error(`serve exited early: ${out}`)));
        });
        child.kill('SIGINT');
        const code = await new Promise((r) => child.on('exit', r));
        expect(code).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    300_000,
  );
});

// Build: regenerate the bundled data modules, then bundle the CLI with esbuild into dist/vtsim.mjs
// (one file: fast start, and `npx vtsim` works right after `npm ci`, which runs this as `prepare`).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBundleOptions } from './esbuild-options.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'scripts/gen-bundled.mjs')], { stdio: 'inherit' });

await build({
  ...nodeBundleOptions(join(root, 'dist')),
  entryPoints: [join(root, 'src/cli/main.ts')],
  outfile: join(root, 'dist/vtsim.mjs'),
});

// `npm run bench`: bundles bench/run.ts with esbuild (as the shipped CLI is bundled, so the numbers
// are those of the code users run, without a TypeScript loader in the loop) and runs it.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mkdirSync } from 'node:fs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'node_modules', '.cache', 'vtsim-bench');
mkdirSync(outDir, { recursive: true });
const outfile = join(outDir, 'bench.mjs');
await build({
  entryPoints: [join(root, 'bench/run.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  external: ['react-devtools-core'],
  banner: { js: "import { createRequire as __vtsimCreateRequire } from 'node:module'; const require = __vtsimCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
process.argv.splice(2, 0);
await import(pathToFileURL(outfile).href);

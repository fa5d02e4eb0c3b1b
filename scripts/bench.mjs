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
  external: ['react-devtools-core', 'react-native-fetch-blob', 'react-native-fs'],
  // CommonJS dependencies bundled into ESM still expect require, __filename and __dirname.
  banner: {
    js: [
      "import { createRequire as __vtsimCreateRequire } from 'node:module';",
      "import { fileURLToPath as __vtsimFileURLToPath } from 'node:url';",
      "import { dirname as __vtsimDirname } from 'node:path';",
      'const require = __vtsimCreateRequire(import.meta.url);',
      'const __filename = __vtsimFileURLToPath(import.meta.url);',
      'const __dirname = __vtsimDirname(__filename);',
    ].join(' '),
  },
  logLevel: 'warning',
});
process.argv.splice(2, 0);
await import(pathToFileURL(outfile).href);

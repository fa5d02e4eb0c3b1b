// `npm run bench`: bundles bench/run.ts with esbuild (as the shipped CLI is bundled, so the numbers
// are those of the code users run, without a TypeScript loader in the loop) and runs it.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeBundleOptions } from './esbuild-options.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'node_modules', '.cache', 'vtsim-bench');
const outfile = join(outDir, 'bench.mjs');
await build({ ...nodeBundleOptions(outDir), entryPoints: [join(root, 'bench/run.ts')], outfile });
await import(pathToFileURL(outfile).href);

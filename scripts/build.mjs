// Build: regenerate the bundled data modules, then bundle the CLI with esbuild into dist/vtsim.mjs
// (one file: fast start, and `npx vtsim` works right after `npm ci`, which runs this as `prepare`).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileSync, mkdirSync } from 'node:fs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'scripts/gen-bundled.mjs')], { stdio: 'inherit' });

mkdirSync(join(root, 'dist'), { recursive: true });
const stub = join(root, 'dist', 'devtools-stub.mjs');
// ink imports react-devtools-core only in development; an empty stub keeps it out of the bundle.
writeFileSync(stub, 'export default { initialize() {}, connectToDevTools() {} };\n');

await build({
  entryPoints: [join(root, 'src/cli/main.ts')],
  outfile: join(root, 'dist/vtsim.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  sourcemap: false,
  minify: false,
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  alias: { 'react-devtools-core': stub },
  // alasql's React Native file adapters are required only inside React Native.
  external: ['react-native-fetch-blob', 'react-native-fs'],
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

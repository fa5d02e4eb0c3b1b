// The esbuild options every vtsim bundle shares (the CLI in dist/, and the benchmark).
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Options for an ESM bundle for Node 20; `stubDir` receives the react-devtools stub. */
export function nodeBundleOptions(stubDir) {
  mkdirSync(stubDir, { recursive: true });
  const stub = join(stubDir, 'devtools-stub.mjs');
  // ink imports react-devtools-core only in development; an empty stub keeps it out of the bundle.
  writeFileSync(stub, 'export default { initialize() {}, connectToDevTools() {} };\n');
  return {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    sourcemap: false,
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
  };
}

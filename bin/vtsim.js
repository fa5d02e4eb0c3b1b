#!/usr/bin/env node
// The vtsim command: runs the bundled CLI (dist/vtsim.mjs, built by `npm run build`, which `npm ci`
// runs through the prepare script).
import('../dist/vtsim.mjs').catch((e) => {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist/vtsim.mjs')) {
    console.error('vtsim: dist/vtsim.mjs is missing; run `npm run build` (npm ci does it for you).');
    process.exit(1);
  }
  throw e;
});

// File lookup for commands (`mysql < file`, `--sql-file`, `--vschema-file`): the working directory
// first (through a reader the CLI injects, since the core never touches the file system), then the
// local example's files bundled with vtsim, so `../common/insert_commerce_data.sql` and
// `create_commerce_schema.sql` work from anywhere, as they do from examples/local in a Vitess checkout.

import { BUNDLED_EXAMPLE_FILES } from './examples/bundled-files.js';

/** Reads a file from the user's file system, or returns undefined if it does not exist. */
export type FileReader = (path: string) => string | undefined;

/** Where bundled files live, relative to examples/local (the directory the docs run from). */
function bundledCandidates(path: string): string[] {
  const norm = path.replace(/\\/g, '/');
  const parts = norm.split('/').filter((p) => p !== '' && p !== '.');
  const base = parts[parts.length - 1] ?? '';
  // `../common/x.sql` from examples/local is common/x.sql; a bare name is local/ first.
  const out: string[] = [];
  const withoutUps = parts.filter((p) => p !== '..').join('/');
  out.push(withoutUps, `local/${withoutUps}`, `common/${withoutUps}`, `local/${base}`, `common/${base}`);
  return [...new Set(out)];
}

export function readBundledFile(path: string): string | undefined {
  for (const c of bundledCandidates(path)) {
    const text = BUNDLED_EXAMPLE_FILES[c];
    if (text !== undefined) return text;
  }
  return undefined;
}

/** Resolves a path the way vtsim commands do: user's file system, then the bundled example files. */
export function resolveFile(path: string, fsReader: FileReader | undefined): string | undefined {
  const fromFs = fsReader?.(path);
  if (fromFs !== undefined) return fromFs;
  return readBundledFile(path);
}

// Reading the user's files for commands (`mysql < file`, `--sql-file`): relative paths resolve against
// the working directory. This is the only file-system access of the command layer, injected from here.

import { readFileSync, statSync } from 'node:fs';
import type { FileReader } from '../commands/files.js';

export const readUserFile: FileReader = (path) => {
  try {
    if (!statSync(path).isFile()) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

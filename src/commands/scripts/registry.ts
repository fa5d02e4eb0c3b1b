// Finds a script by what the user typed: a path (`./101_initial_cluster.sh`,
// `../common/scripts/vttablet-up.sh`) matches by file name; utils.sh functions match by name.

import type { Script } from './script.js';
import { processScripts } from './processes.js';
import { localExampleScripts } from './local-example.js';
import { utilsFunctions } from './utils.js';

const byName = new Map<string, Script>();
for (const s of [...processScripts, ...localExampleScripts, ...utilsFunctions]) byName.set(s.name, s);

export function findScript(command: string): Script | undefined {
  const base = command.split('/').pop() ?? command;
  // Scripts must be run as paths (./x.sh), functions by bare name, as in a real shell.
  if (base.endsWith('.sh') && !command.includes('/')) return undefined;
  return byName.get(base);
}

export function allScripts(): Script[] {
  return [...byName.values()];
}

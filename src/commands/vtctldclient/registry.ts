// Every vtctldclient command vtsim implements, in one list (the dispatcher builds cobra's tree from it).

import type { VtctldCommand } from './command.js';
import { keyspaceCommands } from './keyspace-commands.js';
import { tabletCommands } from './tablet-commands.js';
import { schemaCommands } from './schema-commands.js';

export function allVtctldCommands(): VtctldCommand[] {
  return [...keyspaceCommands, ...tabletCommands, ...schemaCommands];
}

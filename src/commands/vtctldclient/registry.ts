// Every vtctldclient command vtsim implements, in one list (the dispatcher builds cobra's tree from it).

import type { VtctldCommand } from './command.js';
import { keyspaceCommands } from './keyspace-commands.js';
import { tabletCommands } from './tablet-commands.js';
import { schemaCommands } from './schema-commands.js';
import { moveTablesCommand } from './movetables.js';
import { reshardCommand } from './reshard.js';
import { workflowCommand } from './workflow.js';
import { vdiffCommand } from './vdiff.js';
import { applyRoutingRulesCommand, getRoutingRulesCommand } from './routing-rules.js';
import { getWorkflowsCommand } from './get-workflows.js';
import { deleteCommands } from './delete-commands.js';
import { servingGraphCommands } from './serving-graph-commands.js';
import { tabletAdminCommands } from './tablet-admin-commands.js';
import { queryCommands } from './query-commands.js';
import { reloadSchemaCommands } from './reload-schema-commands.js';
import { emergencyReparentCommand } from './emergency-reparent.js';

export function allVtctldCommands(): VtctldCommand[] {
  return [
    ...keyspaceCommands,
    ...tabletCommands,
    ...schemaCommands,
    moveTablesCommand,
    reshardCommand,
    workflowCommand,
    vdiffCommand,
    getRoutingRulesCommand,
    applyRoutingRulesCommand,
    getWorkflowsCommand,
    ...deleteCommands,
    ...servingGraphCommands,
    ...tabletAdminCommands,
    ...queryCommands,
    ...reloadSchemaCommands,
    emergencyReparentCommand,
  ];
}

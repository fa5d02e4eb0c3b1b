// `vtctldclient GetWorkflows <keyspace> [--show-all] [--include-logs]`: the workflows of a keyspace as
// protojson; without --show-all only the active ones (streams not Stopped).
// Mirrors go/cmd/vtctldclient/command/vreplication/workflow/get.go.

import { protoJson } from '../render/json.js';
import type { VtctldCommand } from './command.js';
import { flagBool, workflowServer } from './vreplication-common.js';

export const getWorkflowsCommand: VtctldCommand = {
  spec: {
    use: 'GetWorkflows <keyspace>',
    short: 'Gets all vreplication workflows (Reshard, MoveTables, etc) in the given keyspace.',
    disableFlagsInUseLine: true,
    args: { min: 1, max: 1 },
    flags: [
      { name: 'include-logs', type: 'bool', default: true, usage: 'Include recent logs for the workflows.' },
      { name: 'show-all', shorthand: 'a', type: 'bool', usage: 'Show all workflows instead of just active workflows.' },
    ],
  },
  run(p, ctx) {
    const resp = workflowServer(ctx).getWorkflows({
      keyspace: p.args[0] ?? '',
      activeOnly: !flagBool(p, 'show-all'),
      includeLogs: flagBool(p, 'include-logs'),
    });
    return protoJson(resp) + '\n';
  },
};

// `vtctldclient GetRoutingRules` and `ApplyRoutingRules {--rules RULES | --rules-file FILE} [--cells ...]
// [--skip-rebuild] [--dry-run]`: the table routing rules MoveTables writes, as protojson.
// Mirrors go/cmd/vtctldclient/command/routing_rules.go and grpcvtctldserver ApplyRoutingRules.

import { errorMessage } from '../../common/errors.js';
import { normalizeRoutingRules } from '../../topo/records.js';
import type { RoutingRules } from '../../topo/records.js';
import { protoJson } from '../render/json.js';
import type { VtctldCommand } from './command.js';
import { flagBool, flagString, flagStrings, usageError, workflowServer } from './vreplication-common.js';

/** vschema.RoutingRules as protojson prints it: `{"rules": [{"from_table", "to_tables"}]}`. */
export function routingRulesJson(rr: RoutingRules): string {
  return protoJson({ rules: rr.rules.map((r) => ({ from_table: r.from_table, to_tables: [...r.to_tables] })) });
}

export const getRoutingRulesCommand: VtctldCommand = {
  spec: {
    use: 'GetRoutingRules',
    short: 'Displays the VSchema routing rules.',
    disableFlagsInUseLine: true,
    args: { min: 0, max: 0 },
    flags: [],
  },
  run(_p, ctx) {
    return routingRulesJson(workflowServer(ctx).getRoutingRules()) + '\n';
  },
};

export const applyRoutingRulesCommand: VtctldCommand = {
  spec: {
    use: 'ApplyRoutingRules {--rules RULES | --rules-file RULES_FILE} [--cells=c1,c2,...] [--skip-rebuild] [--dry-run]',
    short: 'Applies the VSchema routing rules.',
    disableFlagsInUseLine: true,
    args: { min: 0, max: 0 },
    flags: [
      { name: 'rules', shorthand: 'r', type: 'string', usage: 'Routing rules, specified as a string.' },
      { name: 'rules-file', shorthand: 'f', type: 'string', usage: 'Path to a file containing routing rules specified as JSON.' },
      {
        name: 'cells',
        shorthand: 'c',
        type: 'strings',
        usage: 'Limit the VSchema graph rebuilding to the specified cells. Ignored if --skip-rebuild is specified.',
      },
      { name: 'skip-rebuild', type: 'bool', usage: 'Skip rebuilding the SrvVSchema objects.' },
      {
        name: 'dry-run',
        shorthand: 'd',
        type: 'bool',
        usage: 'Load the specified routing rules as a validation step, but do not actually apply the rules to the topo.',
      },
    ],
  },
  run(p, ctx) {
    const rules = flagString(p, 'rules');
    const file = flagString(p, 'rules-file');
    if (rules !== '' && file !== '') throw usageError(p, `cannot pass both --rules (=${rules}) and --rules-file (=${file})`);
    if (rules === '' && file === '') throw usageError(p, 'must pass exactly one of --rules or --rules-file');
    // From here on (cli.FinishedParsing) errors are printed without the usage text.
    let text = rules;
    if (file !== '') {
      const data = ctx.readFile(file);
      if (data === undefined) throw usageError(p, `open ${file}: no such file or directory`, false);
      text = data;
    }
    let rr: RoutingRules;
    try {
      rr = normalizeRoutingRules(text);
    } catch (e) {
      throw usageError(p, errorMessage(e), false);
    }
    const data = routingRulesJson(rr);
    const skipRebuild = flagBool(p, 'skip-rebuild');
    const cells = flagStrings(p, 'cells');
    if (flagBool(p, 'dry-run')) {
      let out = `[DRY RUN] Would have saved new RoutingRules object:\n${data}\n`;
      if (skipRebuild) {
        out +=
          '[DRY RUN] Would not have rebuilt VSchema graph, would have required operator to run RebuildVSchemaGraph for changes to take effect\n';
      } else {
        out += '[DRY RUN] Would have rebuilt the VSchema graph';
        out += cells.length === 0 ? ' in all cells\n' : ` in the following cells: ${cells.join(', ')}.\n`;
      }
      return out;
    }
    workflowServer(ctx).applyRoutingRules(rr, { skipRebuild, rebuildCells: cells });
    let out = `New RoutingRules object:\n${data}\nIf this is not what you expected, check the input data (as JSON parsing will skip unexpected fields).\n`;
    if (skipRebuild) out += 'Skipping rebuild of VSchema graph, will need to run RebuildVSchemaGraph for changes to take effect.\n';
    return out;
  },
};

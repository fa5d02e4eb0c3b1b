// The create side of the workflow server: MoveTables create (tables to the target vschema, initial
// routing rules, the streams through the Materializer) and Reshard create.
// Mirrors go/vt/vtctl/workflow/server.go (MoveTablesCreate / moveTablesCreate, ReshardCreate,
// setupInitialRoutingRules, setupInitialDeniedTables).


import { aliasString } from '../common/tablet-alias.js';
import { VtError, errorMessage } from '../common/errors.js';
import { routingRulesFromMap, routingRulesToMap } from '../topo/topo-server.js';
import type { VSchemaKeyspace, VSchemaTable } from '../topo/records.js';
import { newVSchemaKeyspace, newVSchemaTable } from '../topo/records.js';
import { Materializer, getTablesInKeyspace } from './materializer.js';
import { RealSwitcher } from './switcher.js';
import type { TrafficSwitcher } from './traffic-switcher.js';
import { buildTrafficSwitcher, readJournal } from './traffic-switcher.js';
import type { MoveTablesCreateRequest, WorkflowStatusResponse } from './types.js';
import {
  hashStreams,
  plainError,
  shouldInclude,
  sortedStrings,
  validateSourceTablesExist,
  wrapError,
} from './utils.js';
import { readVReplicationRows, tabletDbName } from './vreplication-rows.js';
import type { ReshardCreateRequest } from './resharder.js';
import { Resharder } from './resharder.js';
import type { WorkflowServer } from './server.js';
import { workflowStatus } from './workflow-status.js';

export function moveTablesCreate(server: WorkflowServer, req: MoveTablesCreateRequest): WorkflowStatusResponse {
  const { topo } = server;
  const sourceKeyspace = req.sourceKeyspace;
  const targetKeyspace = req.targetKeyspace;
  if ((req.sourceShards ?? []).length > 0) {
    throw new VtError('UNIMPLEMENTED', 'partial (shard by shard) MoveTables workflows are not simulated by vtsim');
  }
  const origVSchema = topo.getVSchema(targetKeyspace);
  if (topo.getKeyspace(targetKeyspace) === undefined) {
    throw plainError(`node doesn't exist: ${topo.paths.vschema(targetKeyspace)}`);
  }
  const vschema: VSchemaKeyspace = structuredClone(origVSchema) ?? newVSchemaKeyspace();

  const ksTables = getTablesInKeyspace(server.deps, sourceKeyspace);
  let tables = [...(req.includeTables ?? [])];
  if (tables.length > 0) {
    validateSourceTablesExist(sourceKeyspace, ksTables, tables);
  } else if (req.allTables) {
    tables = ksTables;
  } else {
    throw new VtError('FAILED_PRECONDITION', 'no tables to move');
  }
  const excludes = req.excludeTables ?? [];
  if (excludes.length > 0) validateSourceTablesExist(sourceKeyspace, ksTables, excludes);
  tables = tables.filter((t) => shouldInclude(t, excludes));
  if (tables.length === 0) throw new VtError('FAILED_PRECONDITION', 'no tables to move');

  if (!vschema.sharded) {
    addTablesToVSchema(server, sourceKeyspace, vschema, tables);
    topo.saveVSchema(targetKeyspace, vschema);
  }
  // Unlike Vitess (which restores it only for failures after the streams exist), any failed create puts
  // the target vschema back: a failed command leaves the cluster as it was.
  const restoreVSchema = (): void => {
    if (origVSchema) topo.saveVSchema(targetKeyspace, origVSchema);
    else if (topo.getVSchema(targetKeyspace)) topo.deleteVSchema(targetKeyspace);
  };

  const handling = req.shardedAutoIncrementHandling ?? 'REMOVE';
  const mz = new Materializer(server.deps, {
    workflow: req.workflow,
    sourceKeyspace,
    targetKeyspace,
    tables,
    cells: req.cells ?? [],
    tabletTypes: req.tabletTypes && req.tabletTypes.length > 0 ? req.tabletTypes : ['REPLICA', 'PRIMARY'],
    inOrder: (req.tabletSelectionPreference ?? 'INORDER') === 'INORDER',
    onDdl: req.onDdl ?? 'IGNORE',
    stopAfterCopy: req.stopAfterCopy ?? false,
    deferSecondaryKeys: req.deferSecondaryKeys ?? false,
    sourceTimeZone: req.sourceTimeZone ?? '',
    removeShardedAutoIncrement: handling !== 'LEAVE',
    options: JSON.stringify(handling === 'LEAVE' ? {} : { sharded_auto_increment_handling: handling === 'REMOVE' ? 1 : 2 }),
  });
  try {
    mz.createWorkflowStreams();
  } catch (e) {
    restoreVSchema();
    throw e;
  }

  const ts = buildTrafficSwitcher(server.deps, targetKeyspace, req.workflow);
  const sw = new RealSwitcher(ts);
  const unlockTarget = topo.lockKeyspace(targetKeyspace, 'MoveTablesCreate');
  try {
    try {
      if (!req.noRoutingRules) setupInitialRoutingRules(server, sourceKeyspace, targetKeyspace, tables);
      if (server.initialTargetDeniedTables) {
        try {
          setupInitialDeniedTables(server, ts);
        } catch (e) {
          throw wrapError(e, 'failed to put initial denied tables entries in place on the target shards');
        }
      }
      topo.rebuildSrvVSchema();
      const streams: Array<{ shard: string; id: number }> = [];
      for (const t of mz.targetShards) {
        for (const r of readVReplicationRows(server.tmc, t.primary.alias, tabletDbName(t.primary), { workflow: req.workflow })) {
          streams.push({ shard: t.name, id: r.id });
        }
      }
      const migrationId = hashStreams(targetKeyspace, streams);
      const journaled = mz.sourceShards
        .filter((s) => readJournal(server.tmc, s.primary, migrationId) !== undefined)
        .map((s) => aliasString(s.primary.alias));
      if (journaled.length > 0) {
        throw new VtError(
          'INTERNAL',
          `found an entry from a previous run for migration id ${migrationId} in _vt.resharding_journal on tablets ${journaled.join(',')}, ` +
            `please review and delete it before proceeding and then start the workflow using: MoveTables --workflow ${req.workflow} --target-keyspace ${req.targetKeyspace} start`,
        );
      }
      if (req.autoStart ?? true) mz.startStreams();
    } catch (e) {
      // Clean up the workflow's artifacts, as the deferred function of moveTablesCreate does.
      try {
        if (server.initialTargetDeniedTables) ts.dropTargetDeniedTables();
        sw.dropSourceReverseVReplicationStreams();
        sw.dropTargetVReplicationStreams();
        sw.deleteRoutingRules();
      } catch (cleanup) {
        throw wrapError(e, `failed to cleanup workflow artifacts: ${errorMessage(cleanup)}`);
      } finally {
        restoreVSchema();
      }
      throw e;
    }
  } finally {
    unlockTarget();
  }
  server.trace('create', `${targetKeyspace}.${req.workflow} tables=${tables.join(',')}`);
  return workflowStatus(server, targetKeyspace, req.workflow, mz.targetShards.map((s) => s.name));
}

/**
 * ReshardCreate: build and check the resharder, copy the schema to the target shards, create the
 * streams and (unless told not to) start them; answer with the workflow's status on the target shards.
 */
export function reshardCreate(server: WorkflowServer, req: ReshardCreateRequest): WorkflowStatusResponse {
  const rs = new Resharder(server.deps, req);
  try {
    rs.build();
  } catch (e) {
    throw wrapError(e, 'buildResharder');
  }
  if (!req.skipSchemaCopy) {
    try {
      rs.copySchema();
    } catch (e) {
      throw wrapError(e, 'copySchema');
    }
  }
  try {
    rs.createStreams();
  } catch (e) {
    throw wrapError(e, 'createStreams');
  }
  if (req.autoStart ?? true) {
    try {
      rs.startStreams();
    } catch (e) {
      throw wrapError(e, 'startStreams');
    }
  }
  server.trace('create', `${req.keyspace}.${req.workflow} shards=${req.sourceShards.join(',')}->${req.targetShards.join(',')}`);
  return workflowStatus(server, req.keyspace, req.workflow, [...req.targetShards]);
}

/** addTablesToVSchema: copy each table's source vschema entry, or an empty one (unsharded targets). */
export function addTablesToVSchema(server: WorkflowServer, sourceKeyspace: string, target: VSchemaKeyspace, tables: string[]): void {
  const src = server.topo.getVSchema(sourceKeyspace);
  for (const t of tables) {
    const srcTable = src?.tables[t];
    if (srcTable && !target.tables[t]) {
      const copy: VSchemaTable = structuredClone(srcTable);
      if (src?.sharded) copy.column_vindexes = [];
      target.tables[t] = copy;
    }
  }
  for (const t of tables) target.tables[t] ??= newVSchemaTable();
  // Keep the map sorted, as protojson prints it.
  target.tables = Object.fromEntries(sortedStrings(Object.keys(target.tables)).map((k) => [k, target.tables[k]!]));
}

/**
 * setupInitialRoutingRules: route every form of each table name to the source. As on the acceptance page
 * (and in Vitess before v20) that is 8 rules per table: `t`, `<target>.t`, and `<source>.t@replica` /
 * `@rdonly`, without the `<source>.t` self rule HEAD adds.
 */
export function setupInitialRoutingRules(server: WorkflowServer, sourceKeyspace: string, targetKeyspace: string, tables: string[]): void {
  const rules = routingRulesToMap(server.topo.getRoutingRules());
  for (const table of tables) {
    const route = [`${sourceKeyspace}.${table}`];
    for (const ks of ['', targetKeyspace, sourceKeyspace]) {
      const key = ks === '' ? table : `${ks}.${table}`;
      for (const suffix of ['', '@replica', '@rdonly']) {
        if (ks === sourceKeyspace && suffix === '') continue;
        rules.set(key + suffix, [...route]);
      }
    }
  }
  server.topo.saveRoutingRules(routingRulesFromMap(rules));
}

/** setupInitialDeniedTables: deny the tables on the target primaries until writes are switched. */
export function setupInitialDeniedTables(server: WorkflowServer, ts: TrafficSwitcher): void {
  if (ts.migrationType !== 'TABLES') return;
  for (const t of ts.targetList()) {
    server.topo.updateDeniedTables(ts.targetKeyspace, t.shard, 'PRIMARY', [], false, [...ts.tables]);
    ts.refreshTabletsByShard(ts.targetKeyspace, t.shard);
  }
}

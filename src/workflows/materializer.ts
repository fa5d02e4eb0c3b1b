// Creating a MoveTables workflow's streams: validating the name and the target tables, deploying the
// schema on the target primaries, and inserting one `_vt.vreplication` row per (target shard, source shard).
// Mirrors go/vt/vtctl/workflow/materializer.go (buildMaterializer, createWorkflowStreams, deploySchema,
// validateEmptyTables, generateBinlogSources, generateRule, startStreams) and utils.go
// (validateNewWorkflow, getSourceTableDDLs, stripAutoIncrement).

import { VtError } from '../common/errors.js';
import { aliasString } from '../common/tablet-alias.js';
import type { TabletType } from '../common/tablet-alias.js';
import { keyRangeString } from '../common/key-range.js';
import type { Shard, Tablet, VSchemaKeyspace } from '../topo/records.js';
import type { BinlogSource } from './binlog-source.js';
import { ensureEscaped } from './sql-escape.js';
import type { WorkflowDeps } from './traffic-switcher.js';
import type { OnDdl } from './types.js';
import { plainError, wrapError } from './utils.js';
import { formatIdentifier } from '../common/sql-identifier.js';
import { WORKFLOW_TYPE_MOVETABLES, insertStreamSql, namedRows, readVReplicationRows, tabletDbName, updateWorkflowState } from './vreplication-rows.js';

export interface MaterializeSettings {
  workflow: string;
  sourceKeyspace: string;
  targetKeyspace: string;
  /** The moved tables, in the order the user gave them (each copied with `select * from <t>`). */
  tables: string[];
  cells: string[];
  tabletTypes: TabletType[];
  inOrder: boolean;
  onDdl: OnDdl;
  stopAfterCopy: boolean;
  deferSecondaryKeys: boolean;
  sourceTimeZone: string;
  /** Remove auto_increment when the target is sharded (the REMOVE handling, the CLI default). */
  removeShardedAutoIncrement: boolean;
  options: string;
}

export interface ShardWithPrimary {
  name: string;
  si: Shard;
  primary: Tablet;
}

/** Shards of a keyspace that serve primary traffic (topo GetServingShards), with their primaries. */
export function servingShards(deps: WorkflowDeps, keyspace: string): Array<{ name: string; si: Shard }> {
  const out: Array<{ name: string; si: Shard }> = [];
  for (const name of deps.topo.getShardNames(keyspace)) {
    const si = deps.topo.getShard(keyspace, name);
    if (si?.is_primary_serving) out.push({ name, si });
  }
  return out;
}

function withPrimary(deps: WorkflowDeps, s: { name: string; si: Shard }): ShardWithPrimary {
  if (!s.si.primary_alias) throw plainError(`shard has no primary: ${s.name}`);
  const primary = deps.topo.getTablet(s.si.primary_alias);
  if (!primary) throw plainError(`GetTablet(${aliasString(s.si.primary_alias)}) failed: node doesn't exist`);
  return { name: s.name, si: s.si, primary };
}

/** The tables of a keyspace, as its first serving shard's primary reports them (getTablesInKeyspace). */
export function getTablesInKeyspace(deps: WorkflowDeps, keyspace: string): string[] {
  const shards = servingShards(deps, keyspace);
  if (shards.length === 0) throw plainError(`keyspace ${keyspace} has no shards`);
  const first = shards[0]!;
  if (!first.si.primary_alias) throw plainError(`shard does not have a primary: ${first.name}`);
  return deps.tmc.getSchema(first.si.primary_alias).tableDefinitions.map((t) => t.name);
}

/** validateNewWorkflow: the name must be unused on every primary of the target keyspace. */
export function validateNewWorkflow(deps: WorkflowDeps, keyspace: string, workflow: string): void {
  const errors: string[] = [];
  for (const name of deps.topo.getShardNames(keyspace)) {
    const si = deps.topo.getShard(keyspace, name);
    if (!si?.primary_alias) {
      errors.push(`shard has no primary: ${name}`);
      continue;
    }
    const primary = deps.topo.getTablet(si.primary_alias);
    if (!primary) {
      errors.push(`validateWorkflowName.GetTablet: node doesn't exist`);
      continue;
    }
    const rows = readVReplicationRows(deps.tmc, primary.alias, tabletDbName(primary));
    if (rows.some((r) => r.workflow === workflow)) {
      errors.push(`workflow ${workflow} already exists in keyspace ${keyspace} on tablet ${aliasString(primary.alias)}`);
    }
  }
  if (errors.length > 0) throw plainError(errors.join('; '));
}

export class Materializer {
  sourceShards: ShardWithPrimary[] = [];
  targetShards: ShardWithPrimary[] = [];
  targetVSchema: VSchemaKeyspace | undefined;

  constructor(
    private readonly deps: WorkflowDeps,
    readonly ms: MaterializeSettings,
  ) {}

  /** buildMaterializer: the target vschema must know every table when sharded; find the serving shards. */
  build(): void {
    const { ms, deps } = this;
    this.targetVSchema = deps.topo.getVSchema(ms.targetKeyspace);
    if (this.targetVSchema?.sharded) {
      for (const t of ms.tables) {
        if (!this.targetVSchema.tables[t]) {
          throw plainError(`table ${t} not found in vschema for keyspace ${ms.targetKeyspace}`);
        }
      }
    }
    const sources = servingShards(deps, ms.sourceKeyspace);
    if (sources.length === 0) throw plainError(`no source shards specified for workflow ${ms.workflow} `);
    const targets = servingShards(deps, ms.targetKeyspace);
    if (targets.length === 0) throw plainError(`no target shards specified for workflow ${ms.workflow} `);
    this.sourceShards = sources.map((s) => withPrimary(deps, s));
    this.targetShards = targets.map((s) => withPrimary(deps, s));
  }

  /** createWorkflowStreams: name check, schema deployment, then the Stopped stream rows. */
  createWorkflowStreams(): void {
    validateNewWorkflow(this.deps, this.ms.targetKeyspace, this.ms.workflow);
    this.build();
    this.deploySchema();
    const nowSeconds = this.deps.env.clock.nowSeconds();
    for (const target of this.targetShards) {
      const cells = this.ms.cells.length > 0 && this.ms.cells[0]!.trim() !== '' ? this.ms.cells : [target.primary.alias.cell];
      const tabletTypes = (this.ms.inOrder ? 'in_order:' : '') + this.ms.tabletTypes.join(',');
      for (const source of this.sourceShardsFor(target)) {
        const bls: BinlogSource = {
          keyspace: this.ms.sourceKeyspace,
          shard: source.name,
          filter: { rules: this.ms.tables.map((t) => ({ match: t, filter: this.generateFilter(t, target) })) },
        };
        if (this.ms.onDdl !== 'IGNORE') bls.on_ddl = this.ms.onDdl;
        if (this.ms.stopAfterCopy) bls.stop_after_copy = true;
        if (this.ms.sourceTimeZone !== '') {
          bls.source_time_zone = this.ms.sourceTimeZone;
          bls.target_time_zone = 'UTC';
        }
        this.deps.tmc.vreplicationExec(
          target.primary.alias,
          insertStreamSql({
            workflow: this.ms.workflow,
            source: bls,
            pos: '',
            cells: cells.join(','),
            tabletTypes,
            state: 'Stopped',
            dbName: tabletDbName(target.primary),
            workflowType: WORKFLOW_TYPE_MOVETABLES,
            workflowSubType: 0,
            deferSecondaryKeys: this.ms.deferSecondaryKeys,
            options: this.ms.options,
            nowSeconds,
          }),
        );
      }
    }
  }

  /** The source shards whose key ranges overlap a target shard (filterSourceShards). */
  private sourceShardsFor(target: ShardWithPrimary): ShardWithPrimary[] {
    const tkr = target.si.key_range;
    return this.sourceShards.filter((s) => {
      const skr = s.si.key_range;
      if (!tkr || !skr) return true;
      const startsBeforeEnd = tkr.end === '' || skr.start === '' || skr.start < tkr.end;
      const endsAfterStart = skr.end === '' || tkr.start === '' || tkr.start < skr.end;
      return startsBeforeEnd && endsAfterStart;
    });
  }

  /** generateRule: `select * from t`, plus an in_keyrange filter on the primary vindex for a sharded target. */
  generateFilter(table: string, target: ShardWithPrimary): string {
    const vs = this.targetVSchema;
    // Names are printed as Vitess's sqlparser prints them: `order` back-quoted, `invoice` bare.
    const from = `select * from ${formatIdentifier(table)}`;
    if (!vs?.sharded) return from;
    const vt = vs.tables[table];
    if (!vt || vt.type === 'reference') return from;
    const cv = vt.column_vindexes[0];
    const col = cv ? cv.column || cv.columns[0] : undefined;
    if (!cv || !col) throw plainError(`could not find a vindex to compute keyspace id for table ${table}`);
    const kr = keyRangeString(target.si.key_range ?? { start: '', end: '' });
    return `${from} where in_keyrange(${formatIdentifier(col)}, '${this.ms.targetKeyspace}.${cv.name}', '${kr}')`;
  }

  /** deploySchema: the target tables must be empty; missing ones are created from the source's DDL. */
  deploySchema(): void {
    this.validateEmptyTables();
    let sourceDdls: Map<string, string> | undefined;
    const removeAutoInc = this.ms.removeShardedAutoIncrement && this.targetVSchema?.sharded === true;
    for (const target of this.targetShards) {
      const existing = new Set(this.deps.tmc.getSchema(target.primary.alias).tableDefinitions.map((t) => t.name));
      for (const table of this.ms.tables) {
        if (existing.has(table)) continue;
        sourceDdls ??= this.sourceTableDdls();
        const ddl = sourceDdls.get(table);
        if (ddl === undefined) throw plainError(`source table ${table} does not exist`);
        this.deps.tmc.applySchema(target.primary.alias, removeAutoInc ? stripAutoIncrement(ddl) : ddl);
      }
    }
  }

  private sourceTableDdls(): Map<string, string> {
    const first = this.sourceShards[0];
    if (!first) throw plainError(`no source shards specified for workflow ${this.ms.workflow} `);
    const defs = this.deps.tmc.getSchema(first.primary.alias).tableDefinitions;
    // GetSchema leaves out the table's AUTO_INCREMENT=N counter (mysqlctl strips it).
    return new Map(defs.map((d) => [d.name, d.schema.replace(/ AUTO_INCREMENT=\d+/, '')]));
  }

  /** validateEmptyTables: `select 1 from t limit 1` on every target primary; a missing table is fine. */
  validateEmptyTables(): void {
    const nonEmpty = new Set<string>();
    for (const target of this.targetShards) {
      for (const table of this.ms.tables) {
        try {
          const qr = this.deps.tmc.executeFetchAsDba(target.primary.alias, `select 1 from ${ensureEscaped(table)} limit 1`);
          if (namedRows(qr).length > 0) nonEmpty.add(table);
        } catch (e) {
          if (e instanceof VtError && (e.errno === 1146 || e.errno === 1051)) continue;
          throw wrapError(e, 'failed to validate that all target tables are empty');
        }
      }
    }
    if (nonEmpty.size > 0) {
      throw wrapError(
        new VtError(
          'FAILED_PRECONDITION',
          `non-empty tables found in target keyspace(${this.ms.targetKeyspace}): ${this.ms.tables.filter((t) => nonEmpty.has(t)).join(', ')}`,
        ),
        'failed to validate that all target tables are empty',
      );
    }
  }

  /** startStreams: set every stream of the workflow Running on each target primary. */
  startStreams(): void {
    for (const target of this.targetShards) {
      try {
        updateWorkflowState(this.deps.tmc, target.primary.alias, tabletDbName(target.primary), this.ms.workflow, 'Running');
      } catch (e) {
        throw wrapError(e, 'failed to update workflow');
      }
    }
  }
}

/** stripAutoIncrement: drop the AUTO_INCREMENT column attribute from a CREATE TABLE statement. */
export function stripAutoIncrement(ddl: string): string {
  return ddl.replace(/ AUTO_INCREMENT(?=[,\n ])/gi, '').replace(/ AUTO_INCREMENT=\d+/gi, '');
}

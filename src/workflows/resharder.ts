// Creating a Reshard workflow: checking the source and target shards, copying the schema to the target
// shards, and inserting one `_vt.vreplication` row per (target shard, overlapping source shard) whose
// single rule `/.*` is filtered by the target shard's key range (the source vstreamer keeps the rows whose
// keyspace id, by each table's primary vindex, falls in that range).
// Mirrors go/vt/vtctl/workflow/resharder.go (buildResharder, validateTargets, copySchema, createStreams,
// startStreams), go/vt/topotools/split.go (ValidateForReshard, combineKeyRanges) and server.go
// ReshardCreate. Reference-table streams of other workflows (readRefStreams) are not migrated.

import { VtError } from '../common/errors.js';
import type { KeyRange } from '../common/key-range.js';
import { keyRangeString } from '../common/key-range.js';
import type { TabletType } from '../common/tablet-alias.js';
import { aliasString } from '../common/tablet-alias.js';
import type { Shard, Tablet } from '../topo/records.js';
import { keyRangeEqual } from '../topo/srv-keyspace.js';
import type { BinlogRule, BinlogSource } from './binlog-source.js';
import type { WorkflowDeps } from './traffic-switcher.js';
import type { OnDdl } from './types.js';
import { plainError, wrapError } from './utils.js';
import { insertStreamSql, readVReplicationRows, tabletDbName, updateWorkflowState } from './vreplication-rows.js';

/** binlogdata.VReplicationWorkflowType_Reshard. */
export const WORKFLOW_TYPE_RESHARD = 4;

export interface ReshardCreateRequest {
  workflow: string;
  keyspace: string;
  sourceShards: string[];
  targetShards: string[];
  cells?: string[];
  /** Source tablet types in preference order; default REPLICA,PRIMARY. */
  tabletTypes?: TabletType[];
  tabletSelectionPreference?: 'ANY' | 'INORDER';
  onDdl?: OnDdl;
  deferSecondaryKeys?: boolean;
  autoStart?: boolean;
  stopAfterCopy?: boolean;
  skipSchemaCopy?: boolean;
}

interface ReshardShard {
  name: string;
  si: Shard;
  primary: Tablet;
}

const FULL: KeyRange = { start: '', end: '' };

function kr(si: Shard): KeyRange {
  return si.key_range ?? FULL;
}

/** key.KeyRangeString: `-` for the full range. */
function krString(k: KeyRange | null): string {
  return keyRangeString(k ?? FULL);
}

/** combineKeyRanges: the shards' ranges must join into one contiguous range. */
function combineKeyRanges(shards: readonly ReshardShard[]): KeyRange {
  const first = shards[0];
  if (!first) throw plainError('there are no shards to combine');
  let result = kr(first.si);
  const rest = shards.slice(1).map((s) => kr(s.si));
  while (rest.length > 0) {
    const i = rest.findIndex((k) => (result.end !== '' && k.start === result.end) || (k.end !== '' && k.end === result.start));
    if (i < 0) throw plainError("shards don't form a contiguous keyrange");
    const k = rest.splice(i, 1)[0]!;
    result = k.start === result.end ? { start: result.start, end: k.end } : { start: k.start, end: result.end };
  }
  return result;
}

/** ValidateForReshard. */
function validateForReshard(sources: readonly ReshardShard[], targets: readonly ReshardShard[]): void {
  for (const s of sources) {
    for (const t of targets) {
      if (keyRangeEqual(s.si.key_range, t.si.key_range)) {
        throw plainError(`same keyrange is present in source and target: ${krString(s.si.key_range)}`);
      }
    }
  }
  const skr = combineKeyRanges(sources);
  const tkr = combineKeyRanges(targets);
  if (!keyRangeEqual(skr, tkr)) {
    throw plainError(`source and target keyranges don't match: ${krString(skr)} vs ${krString(tkr)}`);
  }
}

function keyRangesIntersect(a: KeyRange, b: KeyRange): boolean {
  const aBeforeB = a.end !== '' && b.start !== '' && a.end <= b.start;
  const bBeforeA = b.end !== '' && a.start !== '' && b.end <= a.start;
  return !aBeforeB && !bBeforeA;
}

export class Resharder {
  readonly sourceShards: ReshardShard[] = [];
  readonly targetShards: ReshardShard[] = [];

  constructor(
    private readonly deps: WorkflowDeps,
    readonly req: ReshardCreateRequest,
  ) {}

  /** buildResharder: the shards must exist, sources serve, targets have primaries and do not serve. */
  build(): void {
    const { topo } = this.deps;
    const { keyspace } = this.req;
    const get = (shard: string): Shard => {
      const si = topo.getShard(keyspace, shard);
      if (!si) throw plainError(`GetShard(${shard}) failed: node doesn't exist: ${topo.paths.shard(keyspace, shard)}`);
      return si;
    };
    const primaryOf = (si: Shard): Tablet => {
      const alias = si.primary_alias!;
      const t = topo.getTablet(alias);
      if (!t) throw plainError(`GetTablet(${aliasString(alias)}) failed: node doesn't exist`);
      return t;
    };
    for (const shard of this.req.sourceShards) {
      const si = get(shard);
      if (!si.is_primary_serving) throw plainError(`source shard ${shard} is not in serving state`);
      if (!si.primary_alias) throw plainError(`source shard ${shard} has no primary tablet`);
      this.sourceShards.push({ name: shard, si, primary: primaryOf(si) });
    }
    for (const shard of this.req.targetShards) {
      const si = get(shard);
      if (!si.primary_alias) throw plainError(`target shard ${shard} has no primary tablet`);
      if (si.is_primary_serving) throw plainError(`target shard ${shard} is in serving state`);
      this.targetShards.push({ name: shard, si, primary: primaryOf(si) });
    }
    try {
      validateForReshard(this.sourceShards, this.targetShards);
    } catch (e) {
      throw wrapError(e, 'ValidateForReshard');
    }
    try {
      this.validateTargets();
    } catch (e) {
      throw wrapError(e, 'validateTargets');
    }
    if (!topo.getVSchema(keyspace)) throw wrapError(plainError(`node doesn't exist: ${topo.paths.vschema(keyspace)}`), 'GetVSchema');
  }

  /** validateTargets: no streams of any workflow may exist on the target primaries yet. */
  private validateTargets(): void {
    for (const t of this.targetShards) {
      if (readVReplicationRows(this.deps.tmc, t.primary.alias, tabletDbName(t.primary)).length > 0) {
        throw new VtError(
          'FAILED_PRECONDITION',
          'some streams already exist in the target shards, please clean them up and retry the command',
        );
      }
    }
  }

  /**
   * copySchema (CopySchemaShard of `/.*` from the first source primary): each table the target primary
   * lacks is created there with the source's definition, and reaches its replicas through the binlog.
   */
  copySchema(): void {
    const first = this.sourceShards[0]!;
    const defs = this.deps.tmc.getSchema(first.primary.alias).tableDefinitions;
    for (const t of this.targetShards) {
      const existing = new Set(this.deps.tmc.getSchema(t.primary.alias).tableDefinitions.map((d) => d.name));
      for (const d of defs) {
        if (existing.has(d.name)) continue;
        // GetSchema leaves out the AUTO_INCREMENT=N counter, as mysqlctl does.
        this.deps.tmc.applySchema(t.primary.alias, d.schema.replace(/ AUTO_INCREMENT=\d+/, ''));
      }
    }
  }

  /** createStreams: per target shard, a Stopped stream from each overlapping source shard. */
  createStreams(): void {
    const { topo, tmc, env } = this.deps;
    const vschema = topo.getVSchema(this.req.keyspace);
    const excludes: BinlogRule[] = Object.keys(vschema?.tables ?? {})
      .filter((t) => vschema?.tables[t]?.type === 'reference')
      .sort()
      .map((t) => ({ match: t, filter: 'exclude' }));
    const inOrder = (this.req.tabletSelectionPreference ?? 'INORDER') === 'INORDER';
    const types = this.req.tabletTypes && this.req.tabletTypes.length > 0 ? this.req.tabletTypes : ['REPLICA', 'PRIMARY'];
    const tabletTypes = (inOrder ? 'in_order:' : '') + types.join(',');
    const nowSeconds = env.clock.nowSeconds();
    for (const target of this.targetShards) {
      for (const source of this.sourceShards) {
        if (!keyRangesIntersect(kr(target.si), kr(source.si))) continue;
        const bls: BinlogSource = {
          keyspace: this.req.keyspace,
          shard: source.name,
          filter: { rules: [...excludes, { match: '/.*', filter: krString(target.si.key_range) }] },
        };
        if (this.req.stopAfterCopy) bls.stop_after_copy = true;
        const onDdl = this.req.onDdl ?? 'IGNORE';
        if (onDdl !== 'IGNORE') bls.on_ddl = onDdl;
        tmc.vreplicationExec(
          target.primary.alias,
          insertStreamSql({
            workflow: this.req.workflow,
            source: bls,
            pos: '',
            cells: (this.req.cells ?? []).join(','),
            tabletTypes,
            state: 'Stopped',
            dbName: tabletDbName(target.primary),
            workflowType: WORKFLOW_TYPE_RESHARD,
            workflowSubType: 0,
            deferSecondaryKeys: this.req.deferSecondaryKeys ?? false,
            options: '{}',
            nowSeconds,
          }),
        );
      }
    }
  }

  /** startStreams: set the workflow's streams Running on each target primary. */
  startStreams(): void {
    for (const t of this.targetShards) {
      try {
        updateWorkflowState(this.deps.tmc, t.primary.alias, tabletDbName(t.primary), this.req.workflow, 'Running');
      } catch (e) {
        throw wrapError(e, `UpdateVReplicationWorkflows(${aliasString(t.primary.alias)}, 'state='Running')`);
      }
    }
  }
}

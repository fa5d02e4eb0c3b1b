// VSchema: vtgate's view of every keyspace's tables and vindexes, the globally routable table names,
// and the routing rules, built from the cell's SrvVSchema. Table resolution (which keyspace a table
// name means) starts here.
// Mirrors go/vt/vtgate/vindexes/vschema.go: BuildVSchema, buildTables, buildGlobalTables,
// buildRoutingRule (with its errors: "duplicate rule for entry X", "table X has more than one target:
// [...]"), FindRoutedTable (rules `ks.t@type`, then `ks.t`), findTable (constructUnshardedIfNotFound)
// and findGlobalTable ("ambiguous table reference: t").

import type { VtError } from '../common/errors.js';
import type { TabletType } from '../common/tablet-alias.js';
import type { SrvVSchema, VSchemaKeyspace } from '../topo/records.js';
import type { Vindex } from './vindexes/vindex.js';
import { createVindex } from './vindexes/vindex.js';
import { VT05003, vtgateError } from './vt-errors.js';

export interface Keyspace {
  name: string;
  sharded: boolean;
}

export interface ColumnVindex {
  /** The vindex's name in the keyspace's vschema. */
  name: string;
  columns: string[];
  /** undefined when vtsim does not implement the vindex type (`type` says which). */
  vindex: Vindex | undefined;
  type: string;
}

/** A table as vtgate knows it (vindexes.BaseTable). */
export interface Table {
  name: string;
  keyspace: Keyspace;
  /** '' (normal), 'sequence' or 'reference'. */
  type: string;
  /** Primary vindex first. */
  columnVindexes: ColumnVindex[];
  /** The vschema's auto_increment: the column and its sequence table (resolved at build). */
  autoIncrement: { column: string; sequence: string; table?: Table } | undefined;
  /** Keyspace id (hex) a pinned table lives at. */
  pinned: string | undefined;
  /** True when the table is not in the vschema and was assumed to exist in an unsharded keyspace. */
  constructed: boolean;
}

export interface KeyspaceSchema {
  keyspace: Keyspace;
  tables: Map<string, Table>;
  vindexes: Map<string, ColumnVindex['vindex']>;
  /** The first problem found building this keyspace's tables (show vschema keyspaces prints it). */
  error: VtError | undefined;
  requireExplicitRouting: boolean;
}

/** A routing rule after building: its target table, or the error every use of it returns. */
export interface RoutingRule {
  tables: Table[];
  error: VtError | undefined;
}

/** How a table name was resolved, for EXPLAIN: which rule or vschema entry decided. */
export type Resolution =
  | { via: 'rule'; rule: string }
  | { via: 'vschema' }
  | { via: 'constructed' }
  | { via: 'global' };

export interface ResolvedTable {
  table: Table;
  resolution: Resolution;
}

/** The suffix of a routing-rule key for a tablet type (vindexes.TabletTypeSuffix). */
export function tabletTypeSuffix(t: TabletType): string {
  return `@${t.toLowerCase()}`;
}

export class VSchema {
  readonly keyspaces = new Map<string, KeyspaceSchema>();
  /** Table name -> the table, or null when several keyspaces have it (ambiguous). */
  readonly globalTables = new Map<string, Table | null>();
  readonly routingRules = new Map<string, RoutingRule>();

  /** Builds from a SrvVSchema (BuildVSchema). Keyspaces are visited in name order, for determinism. */
  constructor(readonly source: SrvVSchema) {
    const names = Object.keys(source.keyspaces).sort();
    for (const ks of names) this.keyspaces.set(ks, buildKeyspace(ks, source.keyspaces[ks] as VSchemaKeyspace));
    for (const ks of names) {
      const schema = this.keyspaces.get(ks) as KeyspaceSchema;
      if (schema.requireExplicitRouting) continue;
      for (const [tname, t] of schema.tables) {
        if (this.globalTables.has(tname)) {
          if (this.globalTables.get(tname) !== null) this.globalTables.set(tname, null);
        } else {
          this.globalTables.set(tname, t);
        }
      }
    }
    this.buildRoutingRules();
    this.resolveAutoIncrement();
  }

  /**
   * Resolves each table's auto_increment sequence through the routing rules, as a primary would. A
   * table whose sequence cannot be found is dropped from its keyspace, and the keyspace records why
   * (resolveAutoIncrement: "cannot resolve sequence s: ...").
   */
  private resolveAutoIncrement(): void {
    for (const ks of this.keyspaces.values()) {
      for (const [tname, t] of [...ks.tables]) {
        const ai = t.autoIncrement;
        if (ai === undefined) continue;
        const parts = ai.sequence.split('.');
        const [seqKs, seqName] = parts.length === 2 ? unquoteParts(parts as [string, string]) : ['', ai.sequence];
        let err: VtError | undefined;
        try {
          const found = this.findRoutedTable(seqKs, seqName, 'PRIMARY');
          if (found === undefined) err = vtgateError('NOT_FOUND', `table ${seqName} not found`);
          else ai.table = found.table;
        } catch (e) {
          err = e as VtError;
        }
        if (err !== undefined) {
          ks.tables.delete(tname);
          if (this.globalTables.get(tname) === t) this.globalTables.delete(tname);
          ks.error = vtgateError('NOT_FOUND', `cannot resolve sequence ${ai.sequence}: ${err.message}`);
        }
      }
    }
  }

  private buildRoutingRules(): void {
    for (const rule of this.source.routing_rules?.rules ?? []) {
      const from = rule.from_table;
      if (rule.to_tables.length > 1) {
        this.routingRules.set(from, {
          tables: [],
          error: vtgateError('INVALID_ARGUMENT', `table ${from} has more than one target: [${rule.to_tables.join(' ')}]`),
        });
        continue;
      }
      const rr: RoutingRule = { tables: [], error: undefined };
      let failed = false;
      for (const to of rule.to_tables) {
        if (this.routingRules.has(from)) {
          this.routingRules.set(from, { tables: [], error: vtgateError('ALREADY_EXISTS', `duplicate rule for entry ${from}`) });
          failed = true;
          break;
        }
        const parts = to.split('.');
        if (parts.length !== 2) {
          const msg = `invalid table name: '${to}', it must be of the qualified form <keyspace_name>.<table_name> (dots are not allowed in either name)`;
          this.routingRules.set(from, { tables: [], error: vtgateError('INVALID_ARGUMENT', msg) });
          failed = true;
          break;
        }
        const [toKs, toTable] = unquoteParts(parts as [string, string]);
        try {
          rr.tables.push(this.findTableStrict(toKs, toTable));
        } catch (e) {
          this.routingRules.set(from, { tables: [], error: e as VtError });
          failed = true;
          break;
        }
      }
      if (!failed) this.routingRules.set(from, rr);
    }
  }

  /** FindTable: like findTable, but a missing table is an error (`table t not found`). */
  private findTableStrict(keyspace: string, name: string): Table {
    const t = this.findTable(keyspace, name)?.table;
    if (t === undefined) throw vtgateError('NOT_FOUND', `table ${name} not found`, 'UnknownTable');
    return t;
  }

  /**
   * Finds a table by keyspace and name, bypassing routing rules. '' means any keyspace: a globally
   * unique name, or the only keyspace's table. An unsharded keyspace "has" every table.
   */
  findTable(keyspace: string, name: string): ResolvedTable | undefined {
    if (keyspace === '') {
      const gt = this.globalTables.get(name);
      if (gt) return { table: gt, resolution: { via: 'global' } };
      if (this.keyspaces.size === 1) {
        const only = this.keyspaces.values().next().value as KeyspaceSchema;
        return findInKeyspace(only, name);
      }
      if (gt === null) throw vtgateError('FAILED_PRECONDITION', `ambiguous table reference: ${name}`);
      return undefined;
    }
    const ks = this.keyspaces.get(keyspace);
    if (ks === undefined) throw VT05003(keyspace);
    return findInKeyspace(ks, name);
  }

  /**
   * Finds a table through the routing rules for a tablet type: the rule `ks.t@type` (or `t@type`
   * without a keyspace), then `ks.t` (or `t`), then the vschema.
   */
  findRoutedTable(keyspace: string, name: string, tabletType: TabletType): ResolvedTable | undefined {
    const qualified = keyspace === '' ? name : `${keyspace}.${name}`;
    for (const key of [qualified + tabletTypeSuffix(tabletType), qualified]) {
      const rr = this.routingRules.get(key);
      if (rr === undefined) continue;
      if (rr.error) throw rr.error;
      const t = rr.tables[0];
      if (t === undefined) throw vtgateError('FAILED_PRECONDITION', `table ${name} has been disabled`);
      return { table: t, resolution: { via: 'rule', rule: key } };
    }
    return this.findTable(keyspace, name);
  }

  /** The keyspace with the smallest name (FirstKeyspace), for statements that may go anywhere. */
  firstKeyspace(): Keyspace | undefined {
    const first = [...this.keyspaces.keys()].sort()[0];
    return first === undefined ? undefined : this.keyspaces.get(first)?.keyspace;
  }

  keyspaceNames(): string[] {
    return [...this.keyspaces.keys()].sort();
  }
}

function unquoteParts([a, b]: [string, string]): [string, string] {
  const uq = (s: string) => (s.startsWith('`') && s.endsWith('`') && s.length >= 2 ? s.slice(1, -1) : s);
  return [uq(a), uq(b)];
}

function findInKeyspace(ks: KeyspaceSchema, name: string): ResolvedTable | undefined {
  const t = ks.tables.get(name);
  if (t) return { table: t, resolution: { via: 'vschema' } };
  if (!ks.keyspace.sharded) {
    return {
      table: {
        name,
        keyspace: ks.keyspace,
        type: '',
        columnVindexes: [],
        autoIncrement: undefined,
        pinned: undefined,
        constructed: true,
      },
      resolution: { via: 'constructed' },
    };
  }
  return undefined;
}

function buildKeyspace(name: string, input: VSchemaKeyspace): KeyspaceSchema {
  const keyspace: Keyspace = { name, sharded: input.sharded };
  const schema: KeyspaceSchema = {
    keyspace,
    tables: new Map(),
    vindexes: new Map(),
    error: undefined,
    requireExplicitRouting: input.require_explicit_routing,
  };
  for (const vname of Object.keys(input.vindexes ?? {}).sort()) {
    const v = input.vindexes[vname];
    if (v === undefined) continue;
    schema.vindexes.set(vname, createVindex(vname, v.type, v.params ?? {}));
  }
  try {
    for (const tname of Object.keys(input.tables ?? {}).sort()) {
      const t = input.tables[tname];
      if (t === undefined) continue;
      schema.tables.set(tname, buildTable(tname, keyspace, t, input));
    }
  } catch (e) {
    schema.error = e as VtError;
  }
  return schema;
}

function buildTable(tname: string, keyspace: Keyspace, t: VSchemaKeyspace['tables'][string], ks: VSchemaKeyspace): Table {
  if (t.type !== '' && t.type !== 'reference' && t.type !== 'sequence') {
    throw vtgateError('NOT_FOUND', `unidentified table type ${t.type}`);
  }
  if (t.type === 'sequence' && keyspace.sharded && t.pinned === '') {
    throw vtgateError('FAILED_PRECONDITION', `sequence table has to be in an unsharded keyspace or must be pinned: ${tname}`);
  }
  if (keyspace.sharded && t.type !== 'reference' && t.pinned === '' && t.column_vindexes.length === 0) {
    throw vtgateError('NOT_FOUND', `missing primary col vindex for table: ${tname}`);
  }
  const columnVindexes: ColumnVindex[] = [];
  for (const cv of t.column_vindexes) {
    const info = ks.vindexes[cv.name];
    if (info === undefined) throw vtgateError('NOT_FOUND', `vindex ${cv.name} not found for table ${tname}`);
    if (cv.column !== '' && cv.columns.length > 0) {
      throw vtgateError(
        'INVALID_ARGUMENT',
        `can't use column and columns at the same time in vindex (${cv.name}) and table (${tname})`,
      );
    }
    const columns = cv.column !== '' ? [cv.column] : cv.columns;
    if (columns.length === 0) {
      throw vtgateError('INVALID_ARGUMENT', `must specify at least one column for vindex (${cv.name}) and table (${tname})`);
    }
    columnVindexes.push({ name: cv.name, columns, vindex: createVindex(cv.name, info.type, info.params ?? {}), type: info.type });
  }
  return {
    name: tname,
    keyspace,
    type: t.type,
    columnVindexes,
    autoIncrement: t.auto_increment ? { column: t.auto_increment.column, sequence: t.auto_increment.sequence } : undefined,
    pinned: t.pinned !== '' ? t.pinned.toLowerCase() : undefined,
    constructed: false,
  };
}

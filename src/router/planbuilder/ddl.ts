// Planning DDL: CREATE / ALTER / DROP / TRUNCATE / RENAME TABLE and CREATE INDEX go to every shard's
// primary of the keyspace the table is qualified with, or the session's (routing rules do not apply
// to DDL); CREATE / DROP DATABASE are refused.
// Mirrors go/vt/vtgate/planbuilder/ddl.go (buildGeneralDDLPlan: TargetDestination for CREATE,
// FindTable for the others, "do not belong to the same destination") and builder.go buildDBDDLPlan.

import type { Statement } from '../sqlparser/parser.js';
import type { Node } from '../sqlparser/ast.js';
import { collectTableRefs } from '../sqlparser/ast.js';
import { stripQualifiers } from '../sqlparser/rewrite.js';
import { Send } from '../primitives/send.js';
import type { PlanContext } from './plan-context.js';
import { parseDestinationTarget } from './plan-context.js';
import type { SelectPlan } from './select.js';
import { VT05001, VT05003, VT06001, VT09005, VT12001, vtgateError } from '../vt-errors.js';

export function buildDdlPlan(stmt: Statement, ctx: PlanContext): SelectPlan {
  if (stmt['keyword'] === 'database' || stmt['keyword'] === 'schema') return buildDbDdl(stmt, ctx);
  const refs = collectTableRefs(stmt);
  const keyspaces = new Set<string>();
  for (const r of refs) {
    const q = parseDestinationTarget(r.db ?? '', ctx.tabletType, ctx.vschema);
    keyspaces.add(q.keyspace !== '' && ctx.destination === undefined ? q.keyspace : ctx.keyspace);
  }
  if (keyspaces.size === 0) keyspaces.add(ctx.keyspace);
  if (keyspaces.size > 1) {
    throw VT12001('Tables or Views specified in the query do not belong to the same destination');
  }
  const name = [...keyspaces][0] as string;
  if (name === '') throw VT09005();
  const ks = ctx.vschema.keyspaces.get(name);
  if (ks === undefined) throw VT05003(name);
  if (stmt['type'] !== 'create' && ks.keyspace.sharded) {
    for (const r of refs) {
      if (!ks.tables.has(r.table)) throw vtgateError('NOT_FOUND', `table ${r.table} not found`, 'UnknownTable');
    }
  }
  const query = stripQualifiers(ctx.sql, ctx.tokens, refs);
  return {
    primitive: new Send({
      keyspace: ks.keyspace,
      destination: ctx.destination ?? { kind: 'all' },
      tabletType: 'PRIMARY',
      query,
      isDml: true,
    }),
    tables: refs.map((r) => ({
      written: r.db !== null ? `${r.db}.${r.table}` : r.table,
      keyspace: name,
      table: r.table,
      tabletType: 'PRIMARY',
      reason: `DDL goes to every primary of keyspace ${name} (routing rules do not apply to DDL)`,
    })),
    notes: [],
  };
}

function buildDbDdl(stmt: Statement, ctx: PlanContext): SelectPlan {
  const db = stmt['database'] as Node | undefined;
  const schema = db && Array.isArray(db['schema']) ? (db['schema'] as Node[]) : [];
  const name = typeof stmt['name'] === 'string' ? (stmt['name'] as string) : String(schema[0]?.['value'] ?? '');
  const exists = ctx.vschema.keyspaces.has(name);
  if (stmt['type'] === 'create') {
    if (exists) throw VT06001(name);
    throw VT12001('CREATE DATABASE (create a keyspace with vtctldclient CreateKeyspace)');
  }
  if (!exists) throw VT05001(name);
  throw VT12001('DROP DATABASE (delete a keyspace with vtctldclient DeleteKeyspace)');
}

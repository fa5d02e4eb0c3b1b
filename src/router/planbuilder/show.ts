// Planning SHOW: vtgate answers the Vitess ones (vitess_tablets, vitess_shards, keyspaces, vschema
// tables) from its own state, and forwards the MySQL ones to a tablet of the right keyspace.
// Mirrors go/vt/vtgate/planbuilder/show.go (buildShowBasicPlan, buildDBPlan, buildPlanWithDB,
// buildShowTblPlan, buildCreateTblPlan, buildVschemaTablesPlan) and executor.go (ShowExec commands).
// With shard targeting (`use customer/0`) every SHOW goes to that shard as written (buildShowPlan).

import type { ShowStatement } from '../sqlparser/vitess-statements.js';
import type { Primitive } from '../primitives/primitive.js';
import { Rows, varcharResult } from '../primitives/rows.js';
import { ShowExec, likeToRegExp } from '../primitives/show-exec.js';
import { Send } from '../primitives/send.js';
import { RenameFields } from '../primitives/rename-fields.js';
import type { PlanContext } from './plan-context.js';
import { anyKeyspace, selectedKeyspace, targetDestination } from './plan-context.js';
import type { SelectPlan } from './select.js';
import { VT05004, VT05005, vtgateError } from '../vt-errors.js';
import { isSystemSchema } from '../sqlparser/ast.js';

const SYSTEM_DATABASES = ['information_schema', 'mysql', 'sys', 'performance_schema'];

function quoteName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
}

export function buildShowPlan(show: ShowStatement, ctx: PlanContext): SelectPlan {
  if (ctx.destination !== undefined && show.type !== 'vitess_tablets' && show.type !== 'vitess_shards' && show.type !== 'vitess_target') {
    const ks = selectedKeyspace(ctx);
    return {
      primitive: new Send({ keyspace: ks, destination: ctx.destination, tabletType: ctx.tabletType, query: ctx.sql, isDml: false }),
      tables: [],
      notes: ['shard targeting sends SHOW to the targeted shard as written'],
    };
  }
  return { primitive: showPrimitive(show, ctx), tables: [], notes: [] };
}

function showPrimitive(show: ShowStatement, ctx: PlanContext): Primitive {
  switch (show.type) {
    case 'vitess_tablets':
    case 'vitess_shards':
    case 'vitess_replication_status':
      return new ShowExec(show.type, show.like);
    case 'vitess_target':
      return new Rows('the session target', (vc) => varcharResult(['Target'], [[vc.session().targetString()]]));
    case 'keyspaces':
    case 'databases': {
      const like = likeToRegExp(show.like);
      const withSystem = show.type === 'databases';
      return new Rows(show.type === 'keyspaces' ? 'the vschema keyspaces' : 'the vschema keyspaces and system databases', (vc) => {
        const names = [...vc.view.vschema.keyspaceNames(), ...(withSystem ? SYSTEM_DATABASES : [])];
        return varcharResult(['Database'], names.filter((n) => like === undefined || like.test(n)).map((n) => [n]));
      });
    }
    case 'vschema_tables': {
      const ks = selectedKeyspace(ctx);
      return new Rows(`the vschema tables of ${ks.name}`, (vc) => {
        const schema = vc.view.vschema.keyspaces.get(ks.name);
        const names = schema ? [...schema.tables.keys()].sort() : [];
        return varcharResult(['Tables'], names.map((n) => [n]));
      });
    }
    case 'vschema_keyspaces':
      return new Rows('the vschema keyspaces', (vc) =>
        varcharResult(
          ['Keyspace', 'Sharded', 'Foreign Key', 'Comment'],
          vc.view.vschema.keyspaceNames().map((n) => {
            const ks = vc.view.vschema.keyspaces.get(n);
            return [n, String(ks?.keyspace.sharded ?? false), ks?.keyspace.sharded ? 'unmanaged' : 'unmanaged', ks?.error?.message ?? ''];
          }),
        ),
      );
    case 'vschema_vindexes':
      return vschemaVindexes(show, ctx);
    case 'warnings':
      return new Rows('the session warnings', () => ({
        fields: [
          { name: 'Level', type: 'VARCHAR' },
          { name: 'Code', type: 'UINT64' },
          { name: 'Message', type: 'VARCHAR' },
        ],
        rows: [],
        rowsAffected: 0,
        insertId: 0,
      }));
    case 'tables': {
      const db = show.db ?? '';
      const system = isSystemSchema(db);
      const { keyspace } = system ? { keyspace: anyKeyspace(ctx) } : targetDestination(ctx, db);
      const query = `show ${show.full ? 'full ' : ''}tables${system ? ` from ${db}` : ''}${show.rest !== '' ? ` ${show.rest}` : ''}`;
      const send = new Send({ keyspace, destination: { kind: 'any' }, tabletType: ctx.tabletType, query, isDml: false });
      return new RenameFields(send, { 0: `Tables_in_${system ? db : `vt_${keyspace.name}`}` });
    }
    case 'create_table':
    case 'table_info': {
      const system = show.qualifier !== undefined && isSystemSchema(show.qualifier);
      if (system) {
        return new Send({ keyspace: anyKeyspace(ctx), destination: { kind: 'any' }, tabletType: ctx.tabletType, query: ctx.sql, isDml: false });
      }
      const written = show.qualifier !== undefined ? `${show.qualifier}.${show.table}` : show.table;
      const keyspace = show.qualifier ?? ctx.keyspace;
      const found = ctx.vschema.findRoutedTable(keyspace, show.table, ctx.tabletType);
      if (found === undefined) {
        // A sharded keyspace without the table: FindTableOrVindex's NotFoundError; no keyspace: VT05004.
        if (keyspace !== '') throw vtgateError('UNKNOWN', `table ${show.table} not found`);
        throw VT05004(show.type === 'create_table' ? written : show.table);
      }
      const name = quoteName(found.table.name);
      const query =
        show.type === 'create_table'
          ? `show create table ${name}`
          : `show ${show.full ? 'full ' : ''}${show.what} from ${name}${show.rest !== '' ? ` ${show.rest}` : ''}`;
      return new Send({ keyspace: found.table.keyspace, destination: { kind: 'any' }, tabletType: ctx.tabletType, query, isDml: false });
    }
    case 'other':
      return new Send({ keyspace: anyKeyspace(ctx), destination: { kind: 'any' }, tabletType: ctx.tabletType, query: ctx.sql, isDml: false });
  }
}

/** SHOW VSCHEMA VINDEXES [ON t] (buildVschemaVindexesPlan). */
function vschemaVindexes(show: Extract<ShowStatement, { type: 'vschema_vindexes' }>, ctx: PlanContext): Primitive {
  const srv = ctx.vschema.source;
  const params = (p: Record<string, string> | undefined) =>
    Object.entries(p ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join('; ');
  if (show.table !== undefined) {
    const { keyspace } = targetDestination(ctx, show.qualifier ?? '');
    const schemaKs = srv.keyspaces[keyspace.name];
    const rows: string[][] = [];
    if (keyspace.sharded && schemaKs !== undefined) {
      const tbl = schemaKs.tables[show.table];
      if (tbl === undefined) throw VT05005(show.table, keyspace.name);
      for (const cv of tbl.column_vindexes) {
        const v = schemaKs.vindexes[cv.name];
        const cols = (cv.columns.length > 0 ? cv.columns : [cv.column]).join(', ');
        rows.push(v ? [cols, cv.name, v.type, params(v.params), v.owner] : [cols, cv.name, '', '', '']);
      }
    }
    return new Rows(`the vindexes of ${show.table}`, () => varcharResult(['Columns', 'Name', 'Type', 'Params', 'Owner'], rows));
  }
  return new Rows('the vindexes of every keyspace', () => {
    const rows: string[][] = [];
    for (const ks of Object.keys(srv.keyspaces).sort()) {
      const vs = srv.keyspaces[ks]?.vindexes ?? {};
      for (const name of Object.keys(vs).sort()) {
        const v = vs[name];
        if (v) rows.push([ks, name, v.type, params(v.params), v.owner]);
      }
    }
    return varcharResult(['Keyspace', 'Name', 'Type', 'Params', 'Owner'], rows);
  });
}

// vtctldclient ExecuteFetchAsDBA and ExecuteFetchAsApp: one SQL statement straight on a tablet's mysqld,
// bypassing vtgate (no routing, no query rewriting, no denied tables), in the tablet's database.
// Mirrors go/cmd/vtctldclient/command/query.go (flags; the result as a tablewriter table, nothing when
// there are no rows, or with --json as Go's encoding/json of sqltypes.Result) and
// go/vt/vttablet/tabletmanager/rpc_query.go: the DBA user may write on a read-only replica (vtsim keeps
// the existing TabletManager rule), the app user may not; more rows than --max-rows fail with
// `Row count exceeded N`. MySQL errors come back as the Go client prints them:
// `<message> (errno N) (sqlstate S) during query: <sql>`.

import type { Field, FieldType, QueryResult } from '../../common/sql-types.js';
import { grpcCodeName, isVtError } from '../../common/errors.js';
import type { ErrorCode } from '../../common/errors.js';
import type { TabletAlias } from '../../common/tablet-alias.js';
import { aliasString } from '../../common/tablet-alias.js';
import { runningTablet } from '../../cluster/replication-control.js';
import { cellText } from '../render/result-set.js';
import { renderTableWriter } from '../render/tablewriter.js';
import { goJson } from '../render/json.js';
import type { VtctldCommand, VtctldContext } from './command.js';
import type { ParsedCommand } from '../cli-kit/spec.js';
import { aliasArg, clientError } from './cli-args.js';

/** querypb.Type numbers (encoding/json prints enums as numbers). */
const TYPE_NUMBER: Record<FieldType, number> = {
  NULL_TYPE: 0,
  INT32: 263,
  INT64: 265,
  UINT64: 778,
  FLOAT64: 1036,
  TIMESTAMP: 2061,
  DATE: 2062,
  TIME: 2063,
  DATETIME: 2064,
  DECIMAL: 18,
  TEXT: 6163,
  BLOB: 10260,
  VARCHAR: 6165,
  VARBINARY: 10262,
  JSON: 2078,
};

/** sqltypes.IsQuoted: the types whose values JSON prints as strings (querypb's ISQUOTED flag). */
function isQuoted(t: FieldType): boolean {
  return (TYPE_NUMBER[t] & 2048) === 2048;
}

function textOf(qr: QueryResult, row: QueryResult['rows'][number], i: number): string | null {
  const f: Field | undefined = qr.fields[i];
  return cellText(row[i] ?? null, f?.type, f?.decimals);
}

/** cli.WriteQueryResultTable: Value.ToString of each cell, so NULL shows as an empty cell. */
export function renderResultTable(qr: QueryResult): string {
  const rows = qr.rows.map((r) => r.map((_v, i) => textOf(qr, r, i) ?? ''));
  return renderTableWriter(qr.fields.map((f) => f.name), rows);
}

/** sqltypes.Result through encoding/json (after Proto3ToResult: no status flags). */
export function resultGoJson(qr: QueryResult): string {
  const fields =
    qr.fields.length === 0
      ? null
      : qr.fields.map((f) => {
          const out: Record<string, unknown> = { name: f.name };
          if (TYPE_NUMBER[f.type] !== 0) out.type = TYPE_NUMBER[f.type];
          if (f.table) out.table = f.table;
          if (f.decimals) out.decimals = f.decimals;
          return out;
        });
  const rows = qr.rows.map((r) =>
    r.map((_v, i) => {
      const text = textOf(qr, r, i);
      if (text === null) return null;
      const type = qr.fields[i]?.type ?? 'VARCHAR';
      return isQuoted(type) || !/^-?[0-9]/.test(text) ? text : `${RAW_OPEN}${text}${RAW_CLOSE}`;
    }),
  );
  const json = goJson({
    fields,
    rows_affected: qr.rowsAffected,
    insert_id: qr.insertId,
    insert_id_changed: qr.insertId > 0,
    rows,
    session_state_changes: '',
    status_flags: 0,
    info: '',
  });
  // Value.MarshalJSON writes a number's bytes as MySQL sent them (`12.50`, not a re-formatted float).
  return json.replace(RAW_VALUE, '$1');
}

const RAW_OPEN = '\u0001raw:';
const RAW_CLOSE = '\u0001';
const RAW_VALUE = /"\\u0001raw:([^"\\]*)\\u0001"/g;

interface FetchOptions {
  bypassReadOnly: boolean;
}

function fetch(p: ParsedCommand, ctx: VtctldContext, alias: TabletAlias, sql: string, o: FetchOptions): QueryResult {
  if (!ctx.topo.getTablet(alias)) {
    throw clientError(p, `rpc error: code = NotFound desc = node doesn't exist: tablets/${aliasString(alias)}/Tablet`);
  }
  const maxRows = Number(p.flags['max-rows']);
  let qr: QueryResult;
  try {
    qr = runningTablet(ctx.cluster, alias).mysqld.execute(sql, {}, { bypassReadOnly: o.bypassReadOnly });
  } catch (e) {
    if (!isVtError(e)) throw e;
    // A MySQL error is an SQLError (gRPC code Unknown); vtsim's own errors keep their code.
    const mysql = e.errno !== 1105 || e.sqlState !== 'HY000' || e.code === 'UNKNOWN';
    const desc = mysql ? `${e.message} (errno ${e.errno}) (sqlstate ${e.sqlState}) during query: ${sql}` : e.message;
    throw clientError(p, `rpc error: code = ${grpcCodeName(mysql ? 'UNKNOWN' : e.code)} desc = ${desc}`);
  }
  if (qr.rows.length > maxRows) {
    const code: ErrorCode = 'ABORTED';
    throw clientError(p, `rpc error: code = ${grpcCodeName(code)} desc = Row count exceeded ${maxRows}`);
  }
  return qr;
}

function print(p: ParsedCommand, qr: QueryResult): string {
  return p.flags.json ? `${resultGoJson(qr)}\n` : renderResultTable(qr);
}

export const queryCommands: VtctldCommand[] = [
  {
    spec: {
      use: 'ExecuteFetchAsApp [--max-rows <max-rows>] [--json|-j] [--use-pool] <tablet-alias> <query>',
      short: 'Executes the given query as the App user on the remote tablet.',
      flags: [
        { name: 'max-rows', type: 'int64', default: 10_000, usage: 'The maximum number of rows to fetch from the remote tablet.' },
        { name: 'use-pool', type: 'bool', usage: 'Use the tablet connection pool instead of creating a fresh connection.' },
        { name: 'json', shorthand: 'j', type: 'bool', usage: 'Output the results in JSON instead of a human-readable table.' },
      ],
      args: { min: 2, max: 2 },
      disableFlagsInUseLine: true,
    },
    run(p, ctx) {
      const alias = aliasArg(p, p.args[0] as string);
      return print(p, fetch(p, ctx, alias, p.args[1] as string, { bypassReadOnly: false }));
    },
  },
  {
    spec: {
      use: 'ExecuteFetchAsDBA [--max-rows <max-rows>] [--json|-j] [--disable-binlogs] [--reload-schema] <tablet alias> <query>',
      aliases: ['ExecuteFetchAsDba'],
      short: 'Executes the given query as the DBA user on the remote tablet.',
      flags: [
        { name: 'max-rows', type: 'int64', default: 10_000, usage: 'The maximum number of rows to fetch from the remote tablet.' },
        { name: 'disable-binlogs', type: 'bool', usage: 'Disables binary logging during the query.' },
        { name: 'reload-schema', type: 'bool', usage: 'Instructs the tablet to reload its schema after executing the query.' },
        { name: 'json', shorthand: 'j', type: 'bool', usage: 'Output the results in JSON instead of a human-readable table.' },
      ],
      args: { min: 2, max: 2 },
      disableFlagsInUseLine: true,
    },
    run(p, ctx) {
      const alias = aliasArg(p, p.args[0] as string);
      if (p.flags['disable-binlogs']) {
        throw clientError(p, 'rpc error: code = Unimplemented desc = vtsim does not simulate --disable-binlogs (sql_log_bin = OFF)');
      }
      return print(p, fetch(p, ctx, alias, p.args[1] as string, { bypassReadOnly: true }));
    },
  },
];

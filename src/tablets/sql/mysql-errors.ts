// MySQL errors as a tablet's mysqld reports them: errno, SQLSTATE and MySQL 8.0's exact message,
// plus the vtrpc code vttablet attaches when it passes the error on. SQLite's own error messages are
// mapped here to the MySQL error the same statement gets from a real server.
// Mirrors go/mysql/sqlerror/constants.go (numbers and states) and convertErrorCode in
// go/vt/vttablet/tabletserver/tabletserver.go (errno -> vtrpc code).

import { VtError, isVtError } from '../../common/errors.js';
import type { ErrorCode } from '../../common/errors.js';
import type { TableDef } from './table-def.js';
import { duplicateEntryMessage } from './duplicate-entry.js';
import type { DuplicateContext } from './duplicate-entry.js';

/** The errno -> vtrpc code table of vttablet's convertErrorCode. Unlisted numbers are UNKNOWN. */
const CODE_OF_ERRNO = new Map<number, ErrorCode>();
function codes(code: ErrorCode, nums: number[]): void {
  for (const n of nums) CODE_OF_ERRNO.set(n, code);
}
codes('UNIMPLEMENTED', [1235]);
codes('RESOURCE_EXHAUSTED', [1021, 1037, 1038, 1040, 1041, 1114, 1129, 1135, 1151, 1153, 1203, 1206, 1226]);
codes('DEADLINE_EXCEEDED', [1205]);
codes('UNAVAILABLE', [2006, 1053, 3168, 2002, 2003]);
codes('NOT_FOUND', [1029, 1032, 1054, 1094, 1109, 1122, 1141, 1146, 1147, 1176]);
codes('PERMISSION_DENIED', [1044, 1045, 1095, 1211, 1227]);
codes(
  'FAILED_PRECONDITION',
  [
    1046, 1082, 1091, 1099, 1100, 1104, 1148, 1162, 1165, 1169, 1173, 1179, 1207, 1215, 1216, 1217, 1223, 1230, 1241,
    1242, 1288, 1289, 1291, 1451, 1452, 1264, 1817,
    // Vitess maps 1290 (--super-read-only) to CLUSTER_EVENT, which vtsim's ErrorCode lacks; older
    // Vitess used FAILED_PRECONDITION for it, which is what a client sees as the same retryable state.
    1290,
  ],
);
codes('ALREADY_EXISTS', [1050, 1062, 1086, 1125]);
codes('ABORTED', [1078, 1080, 1152, 1213]);
codes(
  'INVALID_ARGUMENT',
  [
    1047, 1048, 1049, 1051, 1052, 1055, 1056, 1057, 1058, 1059, 1060, 1061, 1063, 1064, 1065, 1066, 1067, 1068, 1069,
    1070, 1071, 1072, 1073, 1074, 1075, 1083, 1084, 1085, 1089, 1090, 1093, 1096, 1097, 1101, 1102, 1103, 1106, 1107,
    1108, 1110, 1111, 1113, 1115, 1116, 1117, 1118, 1120, 1121, 1128, 1136, 1138, 1139, 1140, 1144, 1149, 1166, 1167,
    1170, 1171, 1172, 1193, 1204, 1210, 1221, 1222, 1225, 1228, 1229, 1231, 1232, 1233, 1234, 1238, 1239, 1240, 1245,
    1253, 1267, 1270, 1271, 1272, 1273, 1280, 1281, 1283, 1292, 1293, 1294, 1298, 1300, 1247, 1248, 1250, 1406, 1690,
    1366, 1367, 1525, 1582,
  ],
);
codes('CANCELED', [2013]);

/** The vtrpc code vttablet gives a MySQL error number. */
export function codeForErrno(errno: number): ErrorCode {
  return CODE_OF_ERRNO.get(errno) ?? 'UNKNOWN';
}

/** A MySQL error as the tablet's mysqld returns it. */
export function mysqlError(errno: number, sqlState: string, message: string): VtError {
  return new VtError(codeForErrno(errno), message, { errno, sqlState });
}

/** 1064: MySQL's syntax error, quoting the statement from the error point (at most 80 characters). */
export function syntaxError(sql: string, offset: number): VtError {
  const at = Math.max(0, Math.min(offset, sql.length));
  const near = [...sql.slice(at)].slice(0, 80).join('');
  const line = sql.slice(0, at).split('\n').length;
  return mysqlError(
    1064,
    '42000',
    `You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '${near}' at line ${line}`,
  );
}

/** 1235: valid MySQL that vtsim does not simulate. */
export function notSupported(what: string): VtError {
  return mysqlError(1235, '42000', `This version of MySQL doesn't yet support '${what}'`);
}

export function tableDoesNotExist(db: string, table: string): VtError {
  return mysqlError(1146, '42S02', `Table '${db}.${table}' doesn't exist`);
}

/**
 * Errors raised inside SQLite by vtsim's own SQL functions travel as text; this prefix carries the
 * MySQL errno and state through SQLite so fromSqliteError can rebuild the MySQL error.
 */
const UDF_PREFIX = 'vtsim-mysql-error:';

export function udfErrorMessage(errno: number, sqlState: string, message: string): string {
  return `${UDF_PREFIX}${errno}:${sqlState}:${message}`;
}

export interface SqliteErrorContext {
  /** The database name MySQL users see (vt_<keyspace>). */
  dbName: string;
  /** The MySQL statement that failed (used to quote values and positions). */
  sql: string;
  /** Table definitions, to name the unique key of a duplicate entry. */
  schema?: { getTable(name: string): TableDef | undefined };
  /** The statement's bind variables (without ':'), to quote the duplicate value. */
  bindVars?: Record<string, unknown>;
  /** Whether a key value is already in a table: names the clashing row of a multi-row INSERT. */
  keyExists?: DuplicateContext['keyExists'];
}

/** Maps whatever sql.js threw to the MySQL error a real server gives for the same statement. */
export function fromSqliteError(e: unknown, ctx: SqliteErrorContext): VtError {
  if (isVtError(e)) return e;
  const raw = e instanceof Error ? e.message : String(e);
  const udf = raw.indexOf(UDF_PREFIX);
  if (udf >= 0) {
    const m = /^(\d+):([0-9A-Z]{5}):([\s\S]*)$/.exec(raw.slice(udf + UDF_PREFIX.length));
    if (m) return mysqlError(Number(m[1]), m[2] as string, m[3] as string);
  }
  let m: RegExpExecArray | null;
  if ((m = /^no such table: (\S+)$/.exec(raw))) {
    const name = m[1] as string;
    const dot = name.indexOf('.');
    if (dot < 0) return tableDoesNotExist(ctx.dbName, name);
    const schema = name.slice(0, dot);
    return tableDoesNotExist(schema === 'main' ? ctx.dbName : schema, name.slice(dot + 1));
  }
  if ((m = /^UNIQUE constraint failed: (.+)$/.exec(raw))) {
    return mysqlError(1062, '23000', duplicateEntryMessage(m[1] as string, ctx));
  }
  if ((m = /^NOT NULL constraint failed: (?:[^.]+\.)?(.+)$/.exec(raw))) {
    return mysqlError(1048, '23000', `Column '${m[1]}' cannot be null`);
  }
  if ((m = /^no such column: (.+)$/.exec(raw)) || (m = /^table \S+ has no column named (.+)$/.exec(raw))) {
    return mysqlError(1054, '42S22', `Unknown column '${m[1]}' in 'field list'`);
  }
  if ((m = /^CHECK constraint failed: (.+)$/.exec(raw))) return checkFailed(m[1] as string);
  if ((m = /^ambiguous column name: (.+)$/.exec(raw))) {
    return mysqlError(1052, '23000', `Column '${m[1]}' in field list is ambiguous`);
  }
  if ((m = /^no such function: (.+)$/.exec(raw))) {
    return mysqlError(1305, '42000', `FUNCTION ${ctx.dbName}.${m[1]} does not exist`);
  }
  if ((m = /^wrong number of arguments to function (\w+)\(\)$/.exec(raw))) {
    return mysqlError(1582, '42000', `Incorrect parameter count in the call to native function '${m[1]}'`);
  }
  if (/^table \S+ has \d+ columns but \d+ values were supplied$/.test(raw) || /^\d+ values for \d+ columns$/.test(raw)) {
    return mysqlError(1136, '21S01', "Column count doesn't match value count at row 1");
  }
  if (/^sub-select returns \d+ columns - expected 1$/.test(raw) || /^row value misused$/.test(raw)) {
    return mysqlError(1241, '21000', 'Operand should contain 1 column(s)');
  }
  if (/do not have the same number of result columns$/.test(raw)) {
    return mysqlError(1222, '21000', 'The used SELECT statements have a different number of columns');
  }
  if (/^misuse of aggregate/.test(raw)) return mysqlError(1111, 'HY000', 'Invalid use of group function');
  if (/^database (table )?is locked/.test(raw)) {
    return mysqlError(1205, 'HY000', 'Lock wait timeout exceeded; try restarting transaction');
  }
  if ((m = /^table (\S+) already exists$/.exec(raw))) {
    return mysqlError(1050, '42S01', `Table '${unqualify(m[1] as string)}' already exists`);
  }
  if ((m = /^index (\S+) already exists$/.exec(raw))) {
    return mysqlError(1061, '42000', `Duplicate key name '${m[1]}'`);
  }
  if ((m = /^no such index: (\S+)$/.exec(raw))) {
    return mysqlError(1091, '42000', `Can't DROP '${m[1]}'; check that column/key exists`);
  }
  if ((m = /^near "([\s\S]*)": syntax error$/.exec(raw))) return syntaxError(ctx.sql, nearOffset(ctx.sql, m[1] as string));
  if (/^incomplete input$/.test(raw) || /^unrecognized token/.test(raw)) return syntaxError(ctx.sql, ctx.sql.length);
  return mysqlError(1105, 'HY000', raw);
}

function unqualify(name: string): string {
  const dot = name.indexOf('.');
  return dot >= 0 ? name.slice(dot + 1) : name;
}

function nearOffset(sql: string, token: string): number {
  const at = sql.toLowerCase().indexOf(token.toLowerCase());
  return at >= 0 ? at : 0;
}

/** CHECK constraints vtsim adds carry a kind prefix naming the MySQL rule they enforce. */
function checkFailed(name: string): VtError {
  const m = /^(enum|set|unsigned|len):(.+)$/.exec(name);
  if (m) {
    const col = m[2] as string;
    switch (m[1]) {
      case 'enum':
      case 'set':
        return mysqlError(1265, '01000', `Data truncated for column '${col}' at row 1`);
      case 'unsigned':
        return mysqlError(1264, '22003', `Out of range value for column '${col}' at row 1`);
      default:
        return mysqlError(1406, '22001', `Data too long for column '${col}' at row 1`);
    }
  }
  return mysqlError(3819, 'HY000', `Check constraint '${name}' is violated.`);
}

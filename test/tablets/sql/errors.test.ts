// MySQL errors from the dialect layer: syntax errors quoting the statement, SQLite's messages
// mapped to MySQL's, vtrpc codes as vttablet assigns them, and no crash on hostile input.

import { describe, expect, it, vi } from 'vitest';
import { newTablet } from './harness.js';
import { translate } from '../../../src/tablets/sql/translate.js';
import { codeForErrno, fromSqliteError, mysqlError, udfErrorMessage } from '../../../src/tablets/sql/mysql-errors.js';
import { VtError } from '../../../src/common/errors.js';
import type { TableDef } from '../../../src/tablets/sql/table-def.js';

const schema = { getTable: (): TableDef | undefined => undefined };
const opts = { dbName: 'vt_commerce' };
const PREFIX = 'You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near ';

function translateError(sql: string): VtError {
  try {
    translate(sql, schema, opts);
  } catch (e) {
    if (e instanceof VtError) return e;
    throw e;
  }
  throw new Error(`no error for ${sql}`);
}

describe('syntax errors', () => {
  it('quote the statement from the offending token, as MySQL does', () => {
    const cases: Array<[string, string]> = [
      ['select * form customer', "'form customer' at line 1"],
      ['selec 1', "'selec 1' at line 1"],
      ['select 1 from', "'' at line 1"],
      ['select a,, b from t', "', b from t' at line 1"],
      ['select *\nfrom t\nwhere a = = 1', "'= 1' at line 3"],
      ["select 'unterminated", "''unterminated' at line 1"],
      ['select 1; select 2', "'select 2' at line 1"],
      ['insert into t values (1,', "'' at line 1"],
    ];
    for (const [sql, near] of cases) {
      const e = translateError(sql);
      expect(e, sql).toMatchObject({ errno: 1064, sqlState: '42000', code: 'INVALID_ARGUMENT' });
      expect(e.message, sql).toBe(PREFIX + near);
    }
  });

  it('quote at most 80 characters', () => {
    const sql = `select * from t where ${'x = 1 and '.repeat(20)}`;
    const e = translateError(sql);
    const near = /near '(.*)' at line 1$/.exec(e.message)?.[1] ?? '';
    expect(e.errno).toBe(1064);
    expect(near.length).toBeLessThanOrEqual(80);
  });

  it('report an empty statement as 1065', () => {
    for (const sql of ['', '   ', '/* only a comment */', ';']) {
      expect(translateError(sql), JSON.stringify(sql)).toMatchObject({ errno: 1065, sqlState: '42000', message: 'Query was empty' });
    }
  });

  it('survive garbage and 100 KB statements without crashing', () => {
    let seed = 7;
    const noise = (n: number): string =>
      Array.from({ length: n }, () => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return String.fromCharCode(32 + (seed % 95));
      }).join('');
    const inputs = [
      noise(100_000),
      `select ${'('.repeat(5000)}1${')'.repeat(5000)}`,
      `select ${'a + '.repeat(20_000)} from`,
      `${'select '.repeat(15_000)}`,
      '\u0000\u0001\u0002',
      "select '\\",
      'select `unterminated',
      'select /* unterminated',
      'select @@',
    ];
    for (const sql of inputs) {
      const e = translateError(sql);
      expect(e.errno, sql.slice(0, 40)).toBe(1064);
    }
  });

  it('translates a valid 100 KB statement', () => {
    const t = newTablet();
    t.exec('create table big (id int primary key, s varchar(20), q varchar(10))');
    const rows = Array.from({ length: 3000 }, (_, i) => `(${i}, 'str${i}', 'it\\'s')`).join(',');
    const sql = `insert into big (id, s, q) values ${rows}`;
    expect(sql.length).toBeGreaterThan(60_000);
    t.exec(sql);
    expect(t.exec("select count(*), max(id) from big where q = 'it''s'")).toEqual([[3000, 2999]]);
  });
});

describe('fromSqliteError', () => {
  const ctx = { dbName: 'vt_commerce', sql: "insert into t (id, name) values (5, 'x')" };
  const map = (message: string, c = ctx): VtError => fromSqliteError(new Error(message), c);

  it('maps SQLite messages to MySQL errors', () => {
    const cases: Array<[string, number, string, string, string]> = [
      ['no such table: customer', 1146, '42S02', 'NOT_FOUND', "Table 'vt_commerce.customer' doesn't exist"],
      ['no such table: main.customer', 1146, '42S02', 'NOT_FOUND', "Table 'vt_commerce.customer' doesn't exist"],
      ['no such table: _vt.vreplication', 1146, '42S02', 'NOT_FOUND', "Table '_vt.vreplication' doesn't exist"],
      ['UNIQUE constraint failed: t.id', 1062, '23000', 'ALREADY_EXISTS', "Duplicate entry '5' for key 't.PRIMARY'"],
      ['NOT NULL constraint failed: t.name', 1048, '23000', 'INVALID_ARGUMENT', "Column 'name' cannot be null"],
      ['no such column: c', 1054, '42S22', 'NOT_FOUND', "Unknown column 'c' in 'field list'"],
      ['table t has no column named c', 1054, '42S22', 'NOT_FOUND', "Unknown column 'c' in 'field list'"],
      ['CHECK constraint failed: enum:status', 1265, '01000', 'UNKNOWN', "Data truncated for column 'status' at row 1"],
      ['CHECK constraint failed: positive', 3819, 'HY000', 'UNKNOWN', "Check constraint 'positive' is violated."],
      ['near "form": syntax error', 1064, '42000', 'INVALID_ARGUMENT', `${PREFIX}'form t' at line 1`],
      ['no such function: md5', 1305, '42000', 'UNKNOWN', 'FUNCTION vt_commerce.md5 does not exist'],
      ['database is locked', 1205, 'HY000', 'DEADLINE_EXCEEDED', 'Lock wait timeout exceeded; try restarting transaction'],
      ['table t has 3 columns but 2 values were supplied', 1136, '21S01', 'INVALID_ARGUMENT', "Column count doesn't match value count at row 1"],
      ['something unexpected', 1105, 'HY000', 'UNKNOWN', 'something unexpected'],
    ];
    const c = { ...ctx, sql: 'select * form t' };
    for (const [message, errno, sqlState, code, text] of cases) {
      const e = message.startsWith('near') ? map(message, c) : map(message);
      expect(e, message).toMatchObject({ errno, sqlState, code, message: text });
    }
  });

  it('names the unique key and joins composite values with -', () => {
    const def: TableDef = {
      name: 't',
      columns: [
        { name: 'id', mysqlType: 'int', sqliteType: 'INTEGER', nullable: false, autoIncrement: false },
        { name: 'a', mysqlType: 'varchar(5)', sqliteType: 'TEXT', nullable: true, autoIncrement: false },
        { name: 'b', mysqlType: 'int', sqliteType: 'INTEGER', nullable: true, autoIncrement: false },
      ],
      primaryKey: ['id'],
      indexes: [{ name: 'uab', columns: ['a', 'b'], unique: true }],
      engine: 'InnoDB',
    };
    const c = {
      dbName: 'vt_commerce',
      sql: 'insert into t values (1, :a, -3)',
      schema: { getTable: (n: string) => (n === 't' ? def : undefined) },
      bindVars: { a: 'x' },
    };
    expect(map('UNIQUE constraint failed: t.a, t.b', c).message).toBe("Duplicate entry 'x--3' for key 't.uab'");
    // A multi-row insert stops at its first row whose key an earlier row already has.
    expect(map('UNIQUE constraint failed: t.id', { ...c, sql: 'insert into t values (1, 2, 3), (1, 2, 3)' }).message).toBe(
      "Duplicate entry '1' for key 't.PRIMARY'",
    );
    // Without a way to look the table up, a clash with a stored row cannot be told apart.
    expect(map('UNIQUE constraint failed: t.id', { ...c, sql: 'insert into t values (1, 2, 3), (2, 2, 3)' }).message).toBe(
      "Duplicate entry '?' for key 't.PRIMARY'",
    );
  });

  it('passes VtErrors through and decodes errors raised inside SQL functions', () => {
    const own = mysqlError(1290, 'HY000', 'read only');
    expect(fromSqliteError(own, ctx)).toBe(own);
    expect(own.code).toBe('FAILED_PRECONDITION');
    expect(map(udfErrorMessage(1193, 'HY000', "Unknown system variable 'x'"))).toMatchObject({
      errno: 1193,
      code: 'INVALID_ARGUMENT',
      message: "Unknown system variable 'x'",
    });
    expect(fromSqliteError('Statement closed', ctx)).toMatchObject({ errno: 1105, message: 'Statement closed' });
  });

  it('uses vttablet convertErrorCode codes', () => {
    expect(codeForErrno(1146)).toBe('NOT_FOUND');
    expect(codeForErrno(1062)).toBe('ALREADY_EXISTS');
    expect(codeForErrno(1050)).toBe('ALREADY_EXISTS');
    expect(codeForErrno(1064)).toBe('INVALID_ARGUMENT');
    expect(codeForErrno(1048)).toBe('INVALID_ARGUMENT');
    expect(codeForErrno(1054)).toBe('NOT_FOUND');
    expect(codeForErrno(1213)).toBe('ABORTED');
    expect(codeForErrno(1205)).toBe('DEADLINE_EXCEEDED');
    expect(codeForErrno(1235)).toBe('UNIMPLEMENTED');
    expect(codeForErrno(9999)).toBe('UNKNOWN');
  });
});

describe('functions print nothing', () => {
  it('never triggers sql.js legacy-function warnings', () => {
    const warn = vi.spyOn(console, 'warn');
    const error = vi.spyOn(console, 'error');
    const log = vi.spyOn(console, 'log');
    try {
      const t = newTablet();
      t.exec('select floor(1.5), ceil(1.5), sqrt(4), power(2, 2), exp(0), log(1), log10(10), sign(-1), pi(), degrees(1), radians(1), reverse(\'a\'), sin(0), cos(0), tan(0), atan2(1, 1)');
      expect(warn).not.toHaveBeenCalled();
      expect(error).not.toHaveBeenCalled();
      expect(log).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      error.mockRestore();
      log.mockRestore();
    }
  });
});

// 1062 Duplicate entry through a real Mysqld: the key's name (PRIMARY or the unique index) and the
// value of the row that clashed, from literals, vtgate's bind variables and multi-row inserts.

import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../../src/tablets/sqlite/sqljs.js';
import type { SqlJsStatic } from '../../../src/tablets/sqlite/sqljs.js';
import { Mysqld } from '../../../src/tablets/mysqld/mysqld.js';
import { createSimEnv } from '../../../src/engine/sim-env.js';
import type { BindVars } from '../../../src/common/sql-types.js';
import { VtError } from '../../../src/common/errors.js';

let sql: SqlJsStatic;
beforeAll(async () => {
  sql = await loadSqlJs();
});

function server(): Mysqld {
  const env = createSimEnv(1);
  const m = new Mysqld(sql, { dbName: 'vt_ks', serverUuid: env.rng.serverUuid(), clock: env.clock });
  m.execute('create table t (id int primary key, a int, b int, name varchar(10), unique key uk (a, b), unique key un (name))');
  m.execute("insert into t values (1, 1, 1, 'Ann')");
  return m;
}

function failure(m: Mysqld, stmt: string, bindVars: BindVars = {}): VtError {
  try {
    m.execute(stmt, bindVars);
  } catch (e) {
    if (e instanceof VtError) return e;
    throw e;
  }
  throw new Error(`no error from ${stmt}`);
}

describe('duplicate entry errors', () => {
  it('name the primary key and its value, with literals', () => {
    const m = server();
    expect(failure(m, "insert into t values (1, 2, 2, 'x')")).toMatchObject({
      errno: 1062,
      sqlState: '23000',
      code: 'ALREADY_EXISTS',
      message: "Duplicate entry '1' for key 't.PRIMARY'",
    });
  });

  it('name a composite unique key and join its values with -', () => {
    const m = server();
    expect(failure(m, "insert into t values (2, 1, 1, 'x')").message).toBe("Duplicate entry '1-1' for key 't.uk'");
    expect(failure(m, "insert into t (id, name) values (3, 'ann')").message).toBe("Duplicate entry 'ann' for key 't.un'");
  });

  it('read the values of vtgate bind variables', () => {
    const m = server();
    const stmt = 'insert into t(id, a, b) values (:vtg1 /* INT64 */, :vtg2 /* INT64 */, :vtg3 /* INT64 */)';
    expect(failure(m, stmt, { vtg1: 1, vtg2: 5, vtg3: 5 }).message).toBe("Duplicate entry '1' for key 't.PRIMARY'");
    expect(failure(m, stmt, { vtg1: 2, vtg2: 1, vtg3: 1 }).message).toBe("Duplicate entry '1-1' for key 't.uk'");
  });

  it('report the first clashing row of a multi-row insert, with the table or an earlier row', () => {
    const m = server();
    expect(failure(m, 'insert into t(id, a, b) values (5, 5, 5), (1, 6, 6), (7, 7, 7)').message).toBe(
      "Duplicate entry '1' for key 't.PRIMARY'",
    );
    expect(failure(m, 'insert into t(id, a, b) values (5, 5, 5), (6, 6, 6), (5, 7, 7)').message).toBe(
      "Duplicate entry '5' for key 't.PRIMARY'",
    );
    expect(failure(m, 'insert into t(id, a, b) values (:a, :b, :c), (:d, :e, :f)', { a: 8, b: 9, c: 9, d: 10, e: 1, f: 1 }).message).toBe(
      "Duplicate entry '1-1' for key 't.uk'",
    );
  });

  it('name the row inside an explicit transaction too, and leave the earlier rows of the transaction', () => {
    const m = server();
    m.begin();
    m.execute('insert into t(id, a, b) values (20, 20, 20)');
    expect(failure(m, 'insert into t(id, a, b) values (21, 21, 21), (20, 22, 22)').message).toBe(
      "Duplicate entry '20' for key 't.PRIMARY'",
    );
    m.commit();
    expect(m.execute('select id from t order by id').rows).toEqual([[1], [20]]);
  });

  it('read the assigned constants of an UPDATE', () => {
    const m = server();
    m.execute('insert into t values (2, 2, 2, null)');
    expect(failure(m, 'update t set a = 1, b = 1 where id = 2').message).toBe("Duplicate entry '1-1' for key 't.uk'");
  });
});

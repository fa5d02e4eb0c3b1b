// MD5, SHA1, SHA2 and STR_TO_DATE on a real sql.js tablet, checked against node's own digests and
// MySQL 8.0's documented results; ROW_COUNT and FOUND_ROWS through a real Mysqld.

import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { newTablet } from './harness.js';
import { loadSqlJs } from '../../../src/tablets/sqlite/sqljs.js';
import type { SqlJsStatic } from '../../../src/tablets/sqlite/sqljs.js';
import { Mysqld } from '../../../src/tablets/mysqld/mysqld.js';
import { createSimEnv } from '../../../src/engine/sim-env.js';

const one = (sql: string): unknown => newTablet().exec(sql)[0]?.[0];

describe('digests', () => {
  it('match the standard algorithms for empty, short, multi-block and non-ASCII input', () => {
    const t = newTablet();
    const inputs = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'x'.repeat(200), 'héllo wörld ✓', 'The quick brown fox'];
    for (const s of inputs) {
      const q = s.replace(/'/g, "''");
      const [md5, sha1, sha, s224, s256, s0, s384, s512] = t.exec(
        `select md5('${q}'), sha1('${q}'), sha('${q}'), sha2('${q}', 224), sha2('${q}', 256), sha2('${q}', 0), sha2('${q}', 384), sha2('${q}', 512)`,
      )[0] as string[];
      const h = (alg: string): string => createHash(alg).update(s, 'utf8').digest('hex');
      expect([md5, sha1, sha, s224, s256, s0, s384, s512], s).toEqual([
        h('md5'), h('sha1'), h('sha1'), h('sha224'), h('sha256'), h('sha256'), h('sha384'), h('sha512'),
      ]); // prettier-ignore
    }
  });

  it('hash a number by its text and give NULL for NULL or an unknown length', () => {
    expect(one('select md5(1)')).toBe('c4ca4238a0b923820dcc509a6f75849b');
    expect(newTablet().exec('select md5(null), sha1(null), sha2(null, 256), sha2(\'abc\', 100)')[0]).toEqual([null, null, null, null]);
  });
});

describe('str_to_date', () => {
  it('reads DATE, DATETIME and TIME by the format, as MySQL does', () => {
    const cases: Array<[string, string, string | null]> = [
      ['01,5,2013', '%d,%m,%Y', '2013-05-01'],
      ['May 1, 2013', '%M %d,%Y', '2013-05-01'],
      ['a09:30:17', 'a%h:%i:%s', '09:30:17'],
      ['09:30:17a', '%h:%i:%s', '09:30:17'],
      ['2024-01-15 09:05:00', '%Y-%m-%d %H:%i:%s', '2024-01-15 09:05:00'],
      ['15/01/24 2:05 PM', '%d/%m/%y %l:%i %p', '2024-01-15 14:05:00'],
      ['12:00:00 AM', '%r', '00:00:00'],
      ['2024-01-15 09:05:00.5', '%Y-%m-%d %T.%f', '2024-01-15 09:05:00.500000'],
      ['Jan 15th 2024', '%b %D %Y', '2024-01-15'],
      ['2024-02-30', '%Y-%m-%d', null],
      ['2024', '%Y-%m-%d', null],
      ['abc', '%Y', null],
      ['13:00 PM', '%h:%i %p', null],
    ];
    const t = newTablet();
    for (const [s, f, want] of cases) expect(t.exec(`select str_to_date('${s}', '${f}')`)[0]?.[0], `${s} / ${f}`).toBe(want);
  });
});

describe('row_count and found_rows', () => {
  let sql: SqlJsStatic;
  beforeAll(async () => {
    sql = await loadSqlJs();
  });

  it('describe the previous statement of the connection', () => {
    const env = createSimEnv(1);
    const m = new Mysqld(sql, { dbName: 'vt_ks', serverUuid: env.rng.serverUuid(), clock: env.clock });
    m.execute('create table t (id int primary key, v int)');
    expect(m.execute('select row_count()').rows).toEqual([[0]]);
    m.execute('insert into t values (1, 1), (2, 2), (3, 3)');
    expect(m.execute('select row_count()').rows).toEqual([[3]]);
    expect(m.execute('select row_count()').rows).toEqual([[-1]]);
    m.execute('update t set v = 9 where id > 1');
    expect(m.execute('select row_count()').rows).toEqual([[2]]);
    m.execute('select * from t where v = 9');
    expect(m.execute('select found_rows()').rows).toEqual([[2]]);
  });
});

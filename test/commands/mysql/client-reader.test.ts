// The mysql client's input reading: statements, their first lines, client commands, comments.

import { describe, it, expect } from 'vitest';
import { readClientInput, useArgument } from '../../../src/commands/mysql/client-reader.js';
import type { ClientAction } from '../../../src/commands/mysql/client-reader.js';
import { runMysql } from '../../../src/commands/mysql/run-mysql.js';
import { TestCluster } from '../../router/support/test-cluster.js';

function read(input: string): ClientAction[] {
  const out: ClientAction[] = [];
  readClientInput(input, (a) => {
    out.push(a);
    return true;
  });
  return out;
}

describe('client input reader', () => {
  it('reads select_commerce_data.sql as the client does', () => {
    expect(read("\\! echo 'Using commerce'\nuse commerce;\n\\! echo 'Customer'\nselect * from customer;\n")).toEqual([
      { kind: 'command', command: 'system', arg: "echo 'Using commerce'", line: 1 },
      { kind: 'command', command: 'use', arg: 'commerce', line: 2 },
      { kind: 'command', command: 'system', arg: "echo 'Customer'", line: 3 },
      { kind: 'statement', sql: 'select * from customer', line: 4, vertical: false },
    ]);
  });

  it('remembers the first line of a statement and skips comments', () => {
    expect(read('-- header\n\n/* block\n comment */ select\n  1;  # tail\nselect 2; select 3\n')).toEqual([
      { kind: 'statement', sql: 'select\n  1', line: 4, vertical: false },
      { kind: 'statement', sql: 'select 2', line: 6, vertical: false },
      { kind: 'statement', sql: 'select 3', line: 6, vertical: false },
    ]);
  });

  it('keeps delimiters, comment markers and newlines inside strings', () => {
    expect(read("select 'a;b -- c', \"x#y\", `p;q` from t;\nselect 'multi\nline';")).toEqual([
      { kind: 'statement', sql: "select 'a;b -- c', \"x#y\", `p;q` from t", line: 1, vertical: false },
      { kind: 'statement', sql: "select 'multi\nline'", line: 2, vertical: false },
    ]);
  });

  it('handles delimiter, \\G, \\c, /*! */ and quit', () => {
    expect(read('delimiter $$\nselect 1$$\nselect /*!40001 2 */ \\G\nselect 3 \\c\nquit\nselect 4;')).toEqual([
      { kind: 'command', command: 'delimiter', arg: '$$', line: 1 },
      { kind: 'statement', sql: 'select 1', line: 2, vertical: false },
      { kind: 'statement', sql: 'select /*!40001 2 */', line: 3, vertical: true },
      { kind: 'command', command: 'quit', arg: '', line: 5 },
    ]);
  });

  it('takes the database name of use, quoted or not', () => {
    expect(useArgument('`customer/0`')).toBe('customer/0');
    expect(useArgument("'commerce@replica' extra")).toBe('commerce@replica');
    expect(useArgument('commerce')).toBe('commerce');
  });
});

describe('interactive console', () => {
  it('prints status lines, Database changed, and errors without a line number', async () => {
    const c = await TestCluster.create();
    c.addKeyspace('commerce', { baseUid: 100, vschema: { tables: { t: {} } } });
    c.load('commerce', '0', 'create table t (id bigint primary key)');
    const session = c.vtgate.newSession();
    const ctx = { vtgate: c.vtgate, stdoutIsTerminal: true, interactive: true, session };
    expect(runMysql([], 'use commerce', ctx)).toEqual({ stdout: 'Database changed\n', stderr: '', exitCode: 0 });
    expect(runMysql([], 'insert into t values (1)', ctx).stdout).toBe('Query OK, 1 row affected (0.00 sec)\n\n');
    expect(runMysql([], 'select * from t', ctx).stdout).toBe('+----+\n| id |\n+----+\n|  1 |\n+----+\n1 row in set (0.00 sec)\n\n');
    expect(runMysql([], 'select * from t where id = 2', ctx).stdout).toBe('Empty set (0.00 sec)\n\n');
    expect(runMysql([], 'use nosuch', ctx).stderr).toBe("ERROR 1049 (42000): VT05003: unknown database 'nosuch' in vschema\n");
  });
});

// The mysql command against vtgate, with the acceptance page's outputs and the client's batch rules.

import { describe, it, expect, beforeEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { readBundledFile } from '../../../src/commands/files.js';
import { TestCluster, COMMERCE_SCHEMA, COMMERCE_VSCHEMA } from '../../router/support/test-cluster.js';
import { runMysql } from '../../../src/commands/mysql/run-mysql.js';
import type { MysqlContext } from '../../../src/commands/mysql/run-mysql.js';

// The project's own copies of the local example's files (examples/local and examples/common).
const example = (name: string) => readBundledFile(name) ?? readFileSync(name, 'utf8');
/** The env.sh alias: mysql --no-defaults -h 127.0.0.1 -P 15306 --binary-as-hex=false */
const ALIAS = ['--no-defaults', '-h', '127.0.0.1', '-P', '15306', '--binary-as-hex=false'];

const SELECT_COMMERCE_DATA = `Using commerce
Customer
+-------------+--------------------+
| customer_id | email              |
+-------------+--------------------+
|           1 | alice@domain.com   |
|           2 | bob@domain.com     |
|           3 | charlie@domain.com |
|           4 | dan@domain.com     |
|           5 | eve@domain.com     |
+-------------+--------------------+
Product
+----------+-------------+-------+
| sku      | description | price |
+----------+-------------+-------+
| SKU-1001 | Monitor     |   100 |
| SKU-1002 | Keyboard    |    30 |
+----------+-------------+-------+
COrder
+----------+-------------+----------+-------+
| order_id | customer_id | sku      | price |
+----------+-------------+----------+-------+
|        1 |           1 | SKU-1001 |   100 |
|        2 |           2 | SKU-1002 |    30 |
|        3 |           3 | SKU-1002 |    30 |
|        4 |           4 | SKU-1002 |    30 |
|        5 |           5 | SKU-1002 |    30 |
+----------+-------------+----------+-------+
`;

let c: TestCluster;
let ctx: MysqlContext;
const mysql = (args: string[], stdin?: string) => runMysql([...ALIAS, ...args], stdin, ctx);

beforeEach(async () => {
  c = await TestCluster.create();
  c.addKeyspace('commerce', { baseUid: 100, vschema: COMMERCE_VSCHEMA });
  c.load('commerce', '0', COMMERCE_SCHEMA);
  ctx = { vtgate: c.vtgate, stdoutIsTerminal: true };
});

describe('the acceptance page through mysql', () => {
  it('mysql < insert_commerce_data.sql prints nothing, then --table < select_commerce_data.sql prints the page', () => {
    expect(mysql([], example('insert_commerce_data.sql'))).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(mysql(['--table'], example('select_commerce_data.sql'))).toEqual({ stdout: SELECT_COMMERCE_DATA, stderr: '', exitCode: 0 });
  });

  it('mysql -e "show vitess_tablets" prints the box with the page header', () => {
    const r = mysql(['-e', 'show vitess_tablets']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('+-------+----------+-------+------------+---------+------------------+-----------+----------------------+');
    expect(lines[1]).toBe('| Cell  | Keyspace | Shard | TabletType | State   | Alias            | Hostname  | PrimaryTermStartTime |');
    expect(lines[3]?.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/, 'TIME')).toBe(
      '| zone1 | commerce | 0     | PRIMARY    | SERVING | zone1-0000000100 | localhost | TIME |',
    );
    expect(lines[4]).toBe('| zone1 | commerce | 0     | REPLICA    | SERVING | zone1-0000000101 | localhost |                      |');
    expect(lines[5]).toBe('| zone1 | commerce | 0     | RDONLY     | SERVING | zone1-0000000102 | localhost |                      |');
    expect(lines.length).toBe(8);
  });

  it('after Complete the same file fails at line 4 with the tablet 1146, on stderr, exit 1', () => {
    c.load('commerce', '0', 'drop table customer; drop table corder');
    c.setVSchema('commerce', { tables: { product: {} } });
    const r = mysql([], example('select_commerce_data.sql'));
    expect(r.stdout).toBe('Using commerce\nCustomer\n');
    expect(r.stderr).toBe(
      `ERROR 1146 (42S02) at line 4: target: commerce.0.primary: vttablet: rpc error: code = NotFound desc = Table 'vt_commerce.customer' doesn't exist (errno 1146) (sqlstate 42S02) (CallerID: userData1): Sql: "select * from customer", BindVars: {}\n`,
    );
    expect(r.exitCode).toBe(1);
  });
});

describe('client formats and modes', () => {
  it('batch input without --table is tab-separated with a header', () => {
    mysql([], example('insert_commerce_data.sql'));
    const r = mysql([], 'use commerce;\nselect sku, price from product;\n');
    expect(r.stdout).toBe('sku\tprice\nSKU-1001\t100\nSKU-1002\t30\n');
  });

  it('-e on a terminal boxes; -e with stdout not a terminal is tab-separated', () => {
    mysql([], example('insert_commerce_data.sql'));
    expect(mysql(['-e', 'select sku from commerce.product limit 1']).stdout).toBe('+----------+\n| sku      |\n+----------+\n| SKU-1001 |\n+----------+\n');
    ctx = { ...ctx, stdoutIsTerminal: false };
    expect(mysql(['-e', 'select sku from commerce.product limit 1']).stdout).toBe('sku\nSKU-1001\n');
  });

  it('-N and -B/-s control the header', () => {
    mysql([], example('insert_commerce_data.sql'));
    expect(mysql(['-N', '-e', 'select price from commerce.product order by price']).stdout).toBe('+-----+\n|  30 |\n| 100 |\n+-----+\n');
    expect(mysql(['-B', '-e', 'select price from commerce.product order by price']).stdout).toBe('price\n30\n100\n');
    expect(mysql(['-ss', '-e', 'select price from commerce.product order by price']).stdout).toBe('30\n100\n');
  });

  it('\\G prints rows vertically', () => {
    mysql([], example('insert_commerce_data.sql'));
    expect(mysql(['-e', "select sku, price from commerce.product where sku = 'SKU-1002'\\G"]).stdout).toBe(
      '*************************** 1. row ***************************\n  sku: SKU-1002\nprice: 30\n',
    );
  });

  it('several statements per line, comments of every kind, and NULL', () => {
    const sql = `-- a comment line
use commerce; # trailing comment
insert into product(sku, description, price) values ('a;b', null, 1); /* block */ select sku, description from product;
`;
    expect(mysql(['--table'], sql).stdout).toBe('+-----+-------------+\n| sku | description |\n+-----+-------------+\n| a;b | NULL        |\n+-----+-------------+\n');
  });

  it('delimiter changes the statement terminator', () => {
    const r = mysql([], 'delimiter //\nselect 1 as x//\ndelimiter ;\nselect 2 as y;\n');
    expect(r.stdout).toBe('x\n1\ny\n2\n');
  });

  it('errors in batch name the line the statement starts on and stop; --force goes on', () => {
    const sql = 'select 1 as a;\n\nselect\n  * from nosuch;\nselect 2 as b;\n';
    const r = mysql([], sql);
    expect(r.stdout).toBe('a\n1\n');
    // One keyspace: an unknown table is assumed to be in it, so MySQL's 1146 comes from the tablet,
    // with the statement on one line as vtgate re-prints it.
    expect(r.stderr).toBe(
      `ERROR 1146 (42S02) at line 3: target: commerce.0.primary: vttablet: rpc error: code = NotFound desc = Table 'vt_commerce.nosuch' doesn't exist (errno 1146) (sqlstate 42S02) (CallerID: userData1): Sql: "select * from nosuch", BindVars: {}\n`,
    );
    expect(r.exitCode).toBe(1);
    const f = mysql(['--force'], sql);
    expect(f.stdout).toBe('a\n1\nb\n2\n');
    expect(f.exitCode).toBe(1);
  });

  it('-e errors are at line 1', () => {
    const r = mysql(['-e', 'use nosuch']);
    expect(r).toEqual({ stdout: '', stderr: "ERROR 1049 (42000) at line 1: VT05003: unknown database 'nosuch' in vschema\n", exitCode: 1 });
  });

  it('a syntax error gets vtgate\'s message and changes nothing', () => {
    const r = mysql(['-e', "insert into commerce.product(sku) values ('x'); selec * from product"]);
    expect(r.stderr).toBe("ERROR 1105 (HY000) at line 1: syntax error at position 6 near 'selec'\n");
    const bad = mysql(['-e', "insert into commerce.product(sku) valuez ('y')"]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/^ERROR 1105 \(HY000\) at line 1: syntax error at position \d+ near 'valuez'\n$/);
    expect(c.tablet('commerce', '0', 'PRIMARY').mysqld.execute('select sku from product').rows).toEqual([['x']]);
  });

  it('use in the client prints nothing in batch mode and sets the target; -D and the positional database too', () => {
    expect(mysql([], 'use commerce\nselect database();\n').stdout).toBe('database()\ncommerce\n');
    expect(mysql(['-D', 'commerce@replica', '-e', 'select database()']).stdout).toContain('commerce@replica');
    expect(mysql(['commerce', '-e', 'select database()']).stdout).toContain('| commerce   |');
  });

  it('each invocation is a new connection', () => {
    mysql(['-e', 'use commerce']);
    expect(mysql(['-e', 'select database()']).stdout).toBe('+------------+\n| database() |\n+------------+\n|            |\n+------------+\n');
  });

  it('\\! runs echo only', () => {
    expect(mysql([], "\\! echo 'Using commerce'\n\\! echo -n a b\n\\! ls\n")).toEqual({
      stdout: 'Using commerce\na b',
      stderr: "sh: 1: ls: not simulated (vtsim's mysql runs only echo)\n",
      exitCode: 0,
    });
  });

  it('unknown options are reported as the client does', () => {
    expect(runMysql(['--foo'], undefined, ctx)).toEqual({ stdout: '', stderr: "mysql: [ERROR] unknown option '--foo'.\n", exitCode: 2 });
  });

  it('an empty result prints nothing in batch mode', () => {
    expect(mysql(['--table', '-e', "select * from commerce.product where sku = 'none'"]).stdout).toBe('');
  });

  it('an open transaction is rolled back when the client exits', () => {
    mysql([], "use commerce;\nbegin;\ninsert into product(sku) values ('t1');\n");
    expect(c.tablet('commerce', '0', 'PRIMARY').mysqld.execute("select count(*) from product where sku = 't1'").rows).toEqual([[0]]);
    mysql([], "use commerce;\nbegin;\ninsert into product(sku) values ('t2');\ncommit;\n");
    expect(c.tablet('commerce', '0', 'PRIMARY').mysqld.execute("select count(*) from product where sku = 't2'").rows).toEqual([[1]]);
  });
});

import { describe, it, expect } from 'vitest';
import {
  emptySetLine,
  formatMysqlError,
  niceTime,
  okPacketLine,
  renderBatch,
  renderBox,
  renderVertical,
  rowsInSetLine,
} from '../../../src/commands/render/mysql-output.js';
import type { ResultSet } from '../../../src/commands/render/result-set.js';

// Golden outputs from the acceptance page (shared/acceptance/move-tables.md).
const customer: ResultSet = {
  fields: [
    { name: 'customer_id', type: 'INT64' },
    { name: 'email', type: 'VARCHAR' },
  ],
  rows: [
    [1, 'alice@domain.com'],
    [2, 'bob@domain.com'],
    [3, 'charlie@domain.com'],
    [4, 'dan@domain.com'],
    [5, 'eve@domain.com'],
  ],
};

const product: ResultSet = {
  fields: [
    { name: 'sku', type: 'VARBINARY' },
    { name: 'description', type: 'VARBINARY' },
    { name: 'price', type: 'INT64' },
  ],
  rows: [
    [new TextEncoder().encode('SKU-1001'), new TextEncoder().encode('Monitor'), 100],
    [new TextEncoder().encode('SKU-1002'), new TextEncoder().encode('Keyboard'), 30],
  ],
};

const corder: ResultSet = {
  fields: [
    { name: 'order_id', type: 'INT64' },
    { name: 'customer_id', type: 'INT64' },
    { name: 'sku', type: 'VARBINARY' },
    { name: 'price', type: 'INT64' },
  ],
  rows: [
    [1, 1, 'SKU-1001', 100],
    [2, 2, 'SKU-1002', 30],
    [3, 3, 'SKU-1002', 30],
    [4, 4, 'SKU-1002', 30],
    [5, 5, 'SKU-1002', 30],
  ],
};

function tablets(rows: string[][]): ResultSet {
  const names = ['Cell', 'Keyspace', 'Shard', 'TabletType', 'State', 'Alias', 'Hostname', 'PrimaryTermStartTime'];
  return { fields: names.map((name) => ({ name, type: 'VARCHAR' as const })), rows };
}

describe('renderBox', () => {
  it('draws the three boxes of select_commerce_data.sql', () => {
    expect(renderBox(customer)).toBe(
      [
        '+-------------+--------------------+',
        '| customer_id | email              |',
        '+-------------+--------------------+',
        '|           1 | alice@domain.com   |',
        '|           2 | bob@domain.com     |',
        '|           3 | charlie@domain.com |',
        '|           4 | dan@domain.com     |',
        '|           5 | eve@domain.com     |',
        '+-------------+--------------------+',
        '',
      ].join('\n'),
    );
    expect(renderBox(product)).toBe(
      [
        '+----------+-------------+-------+',
        '| sku      | description | price |',
        '+----------+-------------+-------+',
        '| SKU-1001 | Monitor     |   100 |',
        '| SKU-1002 | Keyboard    |    30 |',
        '+----------+-------------+-------+',
        '',
      ].join('\n'),
    );
    expect(renderBox(corder)).toBe(
      [
        '+----------+-------------+----------+-------+',
        '| order_id | customer_id | sku      | price |',
        '+----------+-------------+----------+-------+',
        '|        1 |           1 | SKU-1001 |   100 |',
        '|        2 |           2 | SKU-1002 |    30 |',
        '|        3 |           3 | SKU-1002 |    30 |',
        '|        4 |           4 | SKU-1002 |    30 |',
        '|        5 |           5 | SKU-1002 |    30 |',
        '+----------+-------------+----------+-------+',
        '',
      ].join('\n'),
    );
  });

  it('draws the show vitess_tablets box', () => {
    const rs = tablets([
      ['zone1', 'commerce', '0', 'PRIMARY', 'SERVING', 'zone1-0000000100', 'localhost', '2023-01-04T17:59:37Z'],
      ['zone1', 'commerce', '0', 'REPLICA', 'SERVING', 'zone1-0000000101', 'localhost', ''],
      ['zone1', 'commerce', '0', 'RDONLY', 'SERVING', 'zone1-0000000102', 'localhost', ''],
      ['zone1', 'customer', '0', 'PRIMARY', 'SERVING', 'zone1-0000000201', 'localhost', '2023-01-04T18:00:22Z'],
      ['zone1', 'customer', '0', 'REPLICA', 'SERVING', 'zone1-0000000200', 'localhost', ''],
      ['zone1', 'customer', '0', 'RDONLY', 'SERVING', 'zone1-0000000202', 'localhost', ''],
    ]);
    expect(renderBox(rs)).toBe(
      [
        '+-------+----------+-------+------------+---------+------------------+-----------+----------------------+',
        '| Cell  | Keyspace | Shard | TabletType | State   | Alias            | Hostname  | PrimaryTermStartTime |',
        '+-------+----------+-------+------------+---------+------------------+-----------+----------------------+',
        '| zone1 | commerce | 0     | PRIMARY    | SERVING | zone1-0000000100 | localhost | 2023-01-04T17:59:37Z |',
        '| zone1 | commerce | 0     | REPLICA    | SERVING | zone1-0000000101 | localhost |                      |',
        '| zone1 | commerce | 0     | RDONLY     | SERVING | zone1-0000000102 | localhost |                      |',
        '| zone1 | customer | 0     | PRIMARY    | SERVING | zone1-0000000201 | localhost | 2023-01-04T18:00:22Z |',
        '| zone1 | customer | 0     | REPLICA    | SERVING | zone1-0000000200 | localhost |                      |',
        '| zone1 | customer | 0     | RDONLY     | SERVING | zone1-0000000202 | localhost |                      |',
        '+-------+----------+-------+------------+---------+------------------+-----------+----------------------+',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing for an empty result', () => {
    expect(renderBox({ fields: customer.fields, rows: [] })).toBe('');
    expect(emptySetLine()).toBe('Empty set (0.00 sec)');
  });

  it('shows NULL and makes room for it in nullable columns', () => {
    const rs: ResultSet = {
      fields: [
        { name: 'id', type: 'INT64' },
        { name: 'n', type: 'VARCHAR', nullable: true },
        { name: 'v', type: 'VARCHAR' },
      ],
      rows: [[1, 'a', null]],
    };
    expect(renderBox(rs)).toBe(
      ['+----+------+------+', '| id | n    | v    |', '+----+------+------+', '|  1 | a    | NULL |', '+----+------+------+', ''].join('\n'),
    );
  });

  it('right-aligns numeric and NULL-typed columns only', () => {
    const rs: ResultSet = {
      fields: [
        { name: 'price', type: 'DECIMAL' },
        { name: 'when', type: 'DATETIME' },
        { name: 'NULL', type: 'NULL_TYPE' },
      ],
      rows: [['1.50', '2024-01-15 09:00:00', null]],
    };
    expect(renderBox(rs).split('\n')[3]).toBe('|  1.50 | 2024-01-15 09:00:00 | NULL |');
  });

  it('sizes columns in bytes and pads cells in screen cells, like the client with utf8mb4', () => {
    const rs: ResultSet = {
      fields: [{ name: 'name', type: 'VARCHAR' }],
      rows: [['café'], ['中文'], ['ab']],
    };
    // 'café' is 5 bytes and 4 cells, '中文' 6 bytes and 4 cells (two wide characters): the
    // column is 6 wide, and every cell fills exactly 6 cells on screen.
    expect(renderBox(rs)).toBe(
      ['+--------+', '| name   |', '+--------+', '| café   |', '| 中文   |', '| ab     |', '+--------+', ''].join('\n'),
    );
  });

  it('measures a multi-byte header the same way', () => {
    const rs: ResultSet = { fields: [{ name: 'prénom', type: 'VARCHAR' }], rows: [['x']] };
    expect(renderBox(rs)).toBe(['+---------+', '| prénom  |', '+---------+', '| x       |', '+---------+', ''].join('\n'));
  });

  it('counts characters beyond the BMP as zero cells, as MySQL does', () => {
    const rs: ResultSet = { fields: [{ name: 'e', type: 'VARCHAR' }], rows: [['😀']] };
    // 4 bytes wide, counted as 0 cells, so four spaces follow the emoji.
    expect(renderBox(rs).split('\n')[3]).toBe('| 😀     |');
  });

  it('prints NUL bytes as spaces and keeps other characters', () => {
    const rs: ResultSet = { fields: [{ name: 'v', type: 'VARCHAR' }], rows: [['a\0b']] };
    expect(renderBox(rs).split('\n')[3]).toBe('| a b |');
  });

  it('can skip column names', () => {
    const rs: ResultSet = { fields: [{ name: 'customer_id', type: 'INT64' }], rows: [[7]] };
    expect(renderBox(rs, { columnNames: false })).toBe(['+---+', '| 7 |', '+---+', ''].join('\n'));
  });
});

describe('renderBatch', () => {
  it('prints a header and tab-separated rows', () => {
    expect(renderBatch(customer, { columnNames: true })).toBe(
      'customer_id\temail\n1\talice@domain.com\n2\tbob@domain.com\n3\tcharlie@domain.com\n4\tdan@domain.com\n5\teve@domain.com\n',
    );
    expect(renderBatch(product, { columnNames: false })).toBe('SKU-1001\tMonitor\t100\nSKU-1002\tKeyboard\t30\n');
  });

  it('escapes tab, newline, backslash and NUL, and prints NULL', () => {
    const rs: ResultSet = {
      fields: [
        { name: 'a', type: 'VARCHAR' },
        { name: 'b', type: 'VARCHAR' },
      ],
      rows: [['x\ty\nz\\w\0v\r', null]],
    };
    expect(renderBatch(rs, { columnNames: true })).toBe('a\tb\nx\\ty\\nz\\\\w\\0v\r\tNULL\n');
    expect(renderBatch(rs, { columnNames: false, raw: true })).toBe('x\ty\nz\\w\0v\r\tNULL\n');
  });

  it('prints nothing at all, not even the header, for zero rows', () => {
    expect(renderBatch({ fields: customer.fields, rows: [] }, { columnNames: true })).toBe('');
  });
});

describe('renderVertical', () => {
  it('prints \\G rows with right-aligned names', () => {
    expect(renderVertical({ fields: customer.fields, rows: [customer.rows[0]!, [2, null]] })).toBe(
      [
        '*************************** 1. row ***************************',
        'customer_id: 1',
        '      email: alice@domain.com',
        '*************************** 2. row ***************************',
        'customer_id: 2',
        '      email: NULL',
        '',
      ].join('\n'),
    );
    expect(renderVertical({ fields: customer.fields, rows: [] })).toBe('');
  });
});

describe('formatMysqlError', () => {
  const e = {
    errno: 1146,
    sqlState: '42S02',
    message:
      "target: commerce.0.primary: vttablet: rpc error: code = NotFound desc = Table 'vt_commerce.customer' doesn't exist (errno 1146) (sqlstate 42S02) (CallerID: userData1): Sql: \"select * from customer\", BindVars: {}",
  };

  it('names the line in batch mode, as on the acceptance page', () => {
    expect(formatMysqlError(e, { batch: true, line: 4 })).toBe(
      "ERROR 1146 (42S02) at line 4: target: commerce.0.primary: vttablet: rpc error: code = NotFound desc = Table 'vt_commerce.customer' doesn't exist (errno 1146) (sqlstate 42S02) (CallerID: userData1): Sql: \"select * from customer\", BindVars: {}",
    );
    expect(formatMysqlError({ errno: 1064, sqlState: '42000', message: 'x' }, { batch: true, line: 2, file: 'a.sql' })).toBe(
      "ERROR 1064 (42000) at line 2 in file: 'a.sql': x",
    );
  });

  it('has no line interactively or when the line is unknown', () => {
    expect(formatMysqlError(e, { batch: false, line: 4 })).toMatch(/^ERROR 1146 \(42S02\): target: /);
    expect(formatMysqlError({ errno: 1105, sqlState: 'HY000', message: 'm' }, { batch: true })).toBe('ERROR 1105 (HY000): m');
  });
});

describe('status lines', () => {
  it('prints Query OK and row counts with the time', () => {
    expect(okPacketLine(1, 0)).toBe('Query OK, 1 row affected (0.00 sec)');
    expect(okPacketLine(0, 12)).toBe('Query OK, 0 rows affected (0.01 sec)');
    expect(okPacketLine(3, 40, 1)).toBe('Query OK, 3 rows affected, 1 warning (0.04 sec)');
    expect(rowsInSetLine(5, 0)).toBe('5 rows in set (0.00 sec)');
    expect(rowsInSetLine(1, 1500, 2)).toBe('1 row in set, 2 warnings (1.50 sec)');
  });

  it('renders durations like nice_time', () => {
    expect(niceTime(65_250)).toBe('1 min 5.25 sec');
    expect(niceTime(2 * 3_600_000 + 60_000)).toBe('2 hours 1 min 0.00 sec');
    expect(niceTime(86_400_000 + 3_600_000)).toBe('1 day 1 hour 0.00 sec');
    // printf rounds exact binary ties to even: 0.125 -> 0.12, 0.375 -> 0.38.
    expect(niceTime(125)).toBe('0.12 sec');
    expect(niceTime(375)).toBe('0.38 sec');
    expect(niceTime(5)).toBe('0.01 sec');
  });
});

// The Vitess local example's SQL files, run verbatim through the dialect layer into real sql.js.

import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newTablet, statements } from './harness.js';
import { showCreateTable } from '../../../src/tablets/sql/table-def.js';

// The bundled copies of the example's files (examples/common and examples/local).
const DIRS = ['../../../examples/common/', '../../../examples/local/'].map((d) => new URL(d, import.meta.url));
const fileUrl = (name: string): URL => {
  const dir = DIRS.find((d) => readdirSync(d).includes(name));
  if (!dir) throw new Error(`no example file ${name}`);
  return new URL(name, dir);
};
const read = (name: string): string => readFileSync(fileUrl(name), 'utf8');

describe('vitess example files', () => {
  it('every .sql file runs, statement by statement, in the tutorial order', () => {
    const order = [
      'create_commerce_schema.sql',
      'create_commerce_seq.sql',
      'insert_commerce_data.sql',
      'select_commerce_data.sql',
      'create_customer_sharded.sql',
      'select_customer0_data.sql',
      'select_customer-80_data.sql',
      'select_customer80-_data.sql',
      'drop_commerce_tables.sql',
    ];
    const files = DIRS.flatMap((d) => readdirSync(d)).filter((f) => f.endsWith('.sql'));
    expect([...files].sort()).toEqual([...order].sort());
    const t = newTablet();
    let ran = 0;
    for (const f of order) {
      for (const s of statements(read(f))) {
        // `use customer/-80` is vtgate's business: the tablet only learns its kind.
        expect(() => t.exec(s), `${f}: ${s}`).not.toThrow();
        ran++;
      }
    }
    expect(ran).toBe(36);
  });

  it('runs the commerce schema, sequences and data, with auto-increment ids 1..5', () => {
    const t = newTablet();
    for (const f of ['create_commerce_schema.sql', 'create_commerce_seq.sql', 'insert_commerce_data.sql']) {
      for (const s of statements(read(f))) t.exec(s);
    }
    expect(t.exec('select customer_id, email from customer')).toEqual([
      [1, 'alice@domain.com'],
      [2, 'bob@domain.com'],
      [3, 'charlie@domain.com'],
      [4, 'dan@domain.com'],
      [5, 'eve@domain.com'],
    ]);
    expect(t.exec('select * from product')).toEqual([
      ['SKU-1001', 'Monitor', 100],
      ['SKU-1002', 'Keyboard', 30],
    ]);
    expect(t.exec('select order_id, customer_id, sku, price from corder')).toEqual([
      [1, 1, 'SKU-1001', 100],
      [2, 2, 'SKU-1002', 30],
      [3, 3, 'SKU-1002', 30],
      [4, 4, 'SKU-1002', 30],
      [5, 5, 'SKU-1002', 30],
    ]);
    expect(t.exec('select * from customer_seq')).toEqual([[0, 1000, 100]]);
    // The select script's statements run too (USE is the tablet's business, not SQLite's).
    for (const s of statements(read('select_commerce_data.sql'))) t.exec(s);
    expect(t.translate('use customer/-80').kind).toBe('use');
  });

  it('create_customer_sharded.sql removes auto_increment and keeps the rows in order', () => {
    const t = newTablet();
    for (const f of ['create_commerce_schema.sql', 'insert_commerce_data.sql', 'create_customer_sharded.sql']) {
      for (const s of statements(read(f))) t.exec(s);
    }
    expect(t.exec('select customer_id from customer')).toEqual([[1], [2], [3], [4], [5]]);
    expect(t.exec('select order_id, customer_id from corder')).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
    const customer = t.defs.get('customer');
    expect(customer?.columns[0]).toMatchObject({ name: 'customer_id', autoIncrement: false, nullable: false });
    expect(showCreateTable(customer!)).toBe(
      [
        'CREATE TABLE `customer` (',
        '  `customer_id` bigint NOT NULL,',
        '  `email` varchar(128) DEFAULT NULL,',
        '  PRIMARY KEY (`customer_id`)',
        ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci',
      ].join('\n'),
    );
    // Vitess hands out ids from the sequence now; explicit ids still insert.
    t.exec("insert into customer(customer_id, email) values (1000, 'frank@domain.com')");
    expect(t.exec('select count(*) from customer')).toEqual([[6]]);
  });

  it('drop_commerce_tables.sql drops what it names', () => {
    const t = newTablet();
    for (const s of statements(read('create_commerce_schema.sql'))) t.exec(s);
    for (const s of statements(read('drop_commerce_tables.sql'))) t.exec(s);
    expect([...t.defs.keys()]).toEqual(['product']);
    expect(t.error('select * from customer').message).toBe("Table 'vt_commerce.customer' doesn't exist");
  });

  it('the sequence tables keep their vitess_sequence comment', () => {
    const t = newTablet();
    for (const s of statements(read('create_commerce_seq.sql'))) t.exec(s);
    expect(showCreateTable(t.defs.get('customer_seq')!)).toBe(
      [
        'CREATE TABLE `customer_seq` (',
        '  `id` int NOT NULL,',
        '  `next_id` bigint DEFAULT NULL,',
        '  `cache` bigint DEFAULT NULL,',
        '  PRIMARY KEY (`id`)',
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci COMMENT='vitess_sequence'",
      ].join('\n'),
    );
  });
});

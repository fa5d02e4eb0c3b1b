import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProtoJsonError } from '../../src/topo/protojson.js';
import {
  newVSchemaTable,
  normalizeRoutingRules,
  normalizeVSchema,
  routingRulesFromMap,
  routingRulesToMap,
} from '../../src/topo/records.js';

const EXAMPLES = new URL('../../examples/local/', import.meta.url);
const exampleFiles = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));

/** The lowerCamelCase spelling protojson also accepts, for the field names the examples use. */
function camelize(text: string): string {
  return text.replace(/"column_vindexes"/g, '"columnVindexes"').replace(/"auto_increment"/g, '"autoIncrement"');
}

function protoError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProtoJsonError) return e.message;
    throw e;
  }
  throw new Error('expected a ProtoJsonError');
}

describe('normalizeVSchema on the example files', () => {
  it('finds the three example vschemas', () => {
    expect(exampleFiles.sort()).toEqual([
      'vschema_commerce_initial.json',
      'vschema_commerce_seq.json',
      'vschema_customer_sharded.json',
    ]);
  });

  for (const file of exampleFiles) {
    it(`${file}: snake_case, lowerCamelCase and parsed-object forms agree`, () => {
      const text = readFileSync(new URL(file, EXAMPLES), 'utf8');
      const snake = normalizeVSchema(text);
      expect(normalizeVSchema(camelize(text))).toEqual(snake);
      expect(normalizeVSchema(JSON.parse(text))).toEqual(snake);
      // Normalizing is idempotent: a stored record is valid input.
      expect(normalizeVSchema(snake)).toEqual(snake);
      expect(Object.keys(snake)).toEqual([
        'sharded',
        'vindexes',
        'tables',
        'require_explicit_routing',
        'foreign_key_mode',
        'multi_tenant_spec',
      ]);
    });
  }

  it('fills every default of the sharded customer vschema', () => {
    const vs = normalizeVSchema(readFileSync(new URL('vschema_customer_sharded.json', EXAMPLES), 'utf8'));
    expect(vs).toEqual({
      sharded: true,
      vindexes: { xxhash: { type: 'xxhash', params: {}, owner: '' } },
      tables: {
        corder: {
          type: '',
          column_vindexes: [{ column: 'customer_id', name: 'xxhash', columns: [] }],
          auto_increment: { column: 'order_id', sequence: 'order_seq' },
          columns: [],
          pinned: '',
          column_list_authoritative: false,
          source: '',
        },
        customer: {
          type: '',
          column_vindexes: [{ column: 'customer_id', name: 'xxhash', columns: [] }],
          auto_increment: { column: 'customer_id', sequence: 'customer_seq' },
          columns: [],
          pinned: '',
          column_list_authoritative: false,
          source: '',
        },
      },
      require_explicit_routing: false,
      foreign_key_mode: 'unspecified',
      multi_tenant_spec: null,
    });
    // Map keys come out sorted, as protojson prints them.
    expect(Object.keys(vs.tables)).toEqual(['corder', 'customer']);
  });

  it('reads the unsharded and sequence vschemas', () => {
    const initial = normalizeVSchema(readFileSync(new URL('vschema_commerce_initial.json', EXAMPLES), 'utf8'));
    expect(initial.sharded).toBe(false);
    expect(Object.keys(initial.tables)).toEqual(['corder', 'customer', 'product']);
    expect(initial.tables['product']).toEqual(newVSchemaTable());
    const seq = normalizeVSchema(readFileSync(new URL('vschema_commerce_seq.json', EXAMPLES), 'utf8'));
    expect(seq.tables['customer_seq']?.type).toBe('sequence');
    expect(seq.tables['order_seq']?.type).toBe('sequence');
    expect(seq.tables['product']?.type).toBe('');
  });
});

describe('normalizeVSchema input rules', () => {
  it('skips unknown fields by default, as ApplyVSchema does, and rejects them when asked', () => {
    expect(normalizeVSchema('{"foo": {"bar": [1, 2]}, "sharded": true}').sharded).toBe(true);
    expect(protoError(() => normalizeVSchema('{"foo": 1}', { discardUnknown: false }))).toBe(
      'proto: (line 1:2): unknown field "foo"',
    );
  });

  it('treats null as unset and accepts numbers as strings and enums by name or number', () => {
    const vs = normalizeVSchema({
      sharded: null,
      tables: {
        t: { columns: [{ name: 'c', type: 'VARCHAR', size: '12', nullable: true }, { type: 265 }], auto_increment: null },
      },
      foreign_key_mode: 3,
    });
    expect(vs.sharded).toBe(false);
    expect(vs.foreign_key_mode).toBe('managed');
    expect(vs.tables['t']?.auto_increment).toBeNull();
    const [c1, c2] = vs.tables['t']!.columns;
    expect(c1).toMatchObject({ name: 'c', type: 'VARCHAR', size: 12, nullable: true });
    expect(Object.keys(c1!)).toEqual(['name', 'type', 'invisible', 'default', 'collation_name', 'size', 'scale', 'nullable', 'values']);
    expect(c2).toMatchObject({ type: 'INT64' });
    expect(c2).not.toHaveProperty('nullable');
  });

  it('keeps user table names that collide with Object.prototype', () => {
    const vs = normalizeVSchema('{"tables": {"__proto__": {"type": "reference"}, "constructor": {}}}');
    expect(Object.keys(vs.tables)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(vs.tables)).toBe(Object.prototype);
  });

  const bad: Array<[string, string]> = [
    ['{x', 'proto: syntax error (line 1:2): invalid value x'],
    ['', 'proto: syntax error (line 1:1): unexpected token '],
    ['{"sharded": true', 'proto: unexpected EOF'],
    ['{"sharded": true,}', 'proto: syntax error (line 1:18): unexpected token }'],
    ['{} {}', 'proto: syntax error (line 1:4): unexpected token {'],
    ['[]', 'proto: syntax error (line 1:1): unexpected token ['],
    ['{"sharded" true}', 'proto: syntax error (line 1:12): unexpected character t, missing ":" after field name'],
    ['{"sharded": "yes"}', 'proto: (line 1:13): invalid value for bool field sharded: "yes"'],
    ['{\n  "sharded": tru\n}', 'proto: syntax error (line 2:14): invalid value tru'],
    ['{"sharded": true, "sharded": false}', 'proto: (line 1:19): duplicate field "sharded"'],
    ['{"requireExplicitRouting": 1}', 'proto: (line 1:28): invalid value for bool field requireExplicitRouting: 1'],
    ['{"tables": []}', 'proto: syntax error (line 1:12): unexpected token ['],
    ['{"tables": {"t": 1}}', 'proto: syntax error (line 1:18): unexpected token 1'],
    ['{"tables": {"t": {}, "t": {}}}', 'proto: (line 1:22): duplicate map key "t"'],
    ['{"tables": {"t": {"column_vindexes": {}}}}', 'proto: syntax error (line 1:38): unexpected token {'],
    [
      '{"tables": {"t": {"columnVindexes": [], "column_vindexes": []}}}',
      'proto: (line 1:41): duplicate field "column_vindexes"',
    ],
    ['{"tables": {"t": {"columns": [{"size": 1.5}]}}}', 'proto: (line 1:40): invalid value for int32 field size: 1.5'],
    ['{"vindexes": {"v": {"params": {"a": 1}}}}', 'proto: (line 1:37): invalid value for string field value: 1'],
    ['{"vindexes": {"v": {"type": ["hash"]}}}', 'proto: (line 1:29): invalid value for string field type: ['],
    ['{"a\\q": 1}', 'proto: syntax error (line 1:2): invalid escape code "\\\\q" in string'],
    ['{"a\u0001": 1}', "proto: syntax error (line 1:2): invalid character '\\x01' in string"],
    ['{"foreign_key_mode": true}', 'proto: (line 1:22): invalid value for enum field foreignKeyMode: true'],
  ];
  for (const [input, message] of bad) {
    it(`refuses ${JSON.stringify(input)}`, () => {
      expect(protoError(() => normalizeVSchema(input))).toBe(message);
    });
  }

  it('gives the error a vtrpc code', () => {
    try {
      normalizeVSchema('{x');
    } catch (e) {
      expect(e).toBeInstanceOf(ProtoJsonError);
      expect((e as ProtoJsonError).code).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('routing rules', () => {
  it('normalizes both spellings and fills defaults', () => {
    const rr = normalizeRoutingRules(
      '{"rules": [{"fromTable": "customer", "toTables": ["commerce.customer"]}, {"from_table": "x@replica"}]}',
    );
    expect(rr).toEqual({
      rules: [
        { from_table: 'customer', to_tables: ['commerce.customer'] },
        { from_table: 'x@replica', to_tables: [] },
      ],
    });
    expect(normalizeRoutingRules({})).toEqual({ rules: [] });
    expect(normalizeRoutingRules(rr)).toEqual(rr);
  });

  it('refuses bad input with protojson texts', () => {
    expect(protoError(() => normalizeRoutingRules('{"rules": {}}'))).toBe(
      'proto: syntax error (line 1:11): unexpected token {',
    );
    expect(protoError(() => normalizeRoutingRules('{"rules": [{"to_tables": "a"}]}'))).toBe(
      'proto: syntax error (line 1:26): unexpected token "a"',
    );
    expect(protoError(() => normalizeRoutingRules('{"rules": [{"to_tables": [1]}]}'))).toBe(
      'proto: (line 1:27): invalid value for string field toTables: 1',
    );
  });

  it('converts to a map and back, keeping rule order; a later duplicate wins', () => {
    const rr = {
      rules: [
        { from_table: 'b', to_tables: ['ks.b'] },
        { from_table: 'a', to_tables: ['ks.a'] },
        { from_table: 'b', to_tables: ['other.b'] },
      ],
    };
    const m = routingRulesToMap(rr);
    expect([...m.keys()]).toEqual(['b', 'a']);
    expect(m.get('b')).toEqual(['other.b']);
    m.set('c', ['ks.c']);
    expect(routingRulesFromMap(m)).toEqual({
      rules: [
        { from_table: 'b', to_tables: ['other.b'] },
        { from_table: 'a', to_tables: ['ks.a'] },
        { from_table: 'c', to_tables: ['ks.c'] },
      ],
    });
  });
});

import { describe, it, expect } from 'vitest';
import { goJson, goJsonTabs, protoJson } from '../../../src/commands/render/json.js';
import {
  MOVETABLES_STATUS_JSON,
  REVERSE_WORKFLOW_SHOW_JSON,
  ROUTING_RULES_AFTER_SWITCH,
  VDIFF_SHOW_JSON_TABS,
} from './acceptance-goldens.js';

describe('protoJson', () => {
  it('prints GetRoutingRules as on the acceptance page', () => {
    const pairs: Array<[string, string]> = [
      ['commerce.corder@rdonly', 'customer.corder'],
      ['corder@rdonly', 'customer.corder'],
      ['customer.corder@replica', 'customer.corder'],
      ['commerce.corder@replica', 'customer.corder'],
      ['customer.corder@rdonly', 'customer.corder'],
      ['customer@replica', 'customer.customer'],
      ['customer.customer@replica', 'customer.customer'],
      ['corder@replica', 'customer.corder'],
      ['commerce.customer@rdonly', 'customer.customer'],
      ['customer@rdonly', 'customer.customer'],
      ['customer.customer@rdonly', 'customer.customer'],
      ['commerce.customer@replica', 'customer.customer'],
      ['corder', 'customer.corder'],
      ['commerce.corder', 'customer.corder'],
      ['customer', 'customer.customer'],
      ['commerce.customer', 'customer.customer'],
    ];
    const rules = { rules: pairs.map(([from, to]) => ({ from_table: from, to_tables: [to] })) };
    expect(protoJson(rules)).toBe(ROUTING_RULES_AFTER_SWITCH);
    expect(protoJson({ rules: [] })).toBe('{\n  "rules": []\n}');
  });

  it('prints MoveTables status with proto maps as sorted objects', () => {
    const status = {
      table_copy_state: new Map(),
      shard_streams: new Map([
        [
          'customer/0',
          {
            streams: [
              {
                id: 2,
                tablet: { cell: 'zone1', uid: 200 },
                source_shard: 'commerce/0',
                position: '5d8e0b24-6873-11ee-9359-49d03ab2cdee:1-51',
                status: 'Running',
                info: 'VStream Lag: 0s',
              },
            ],
          },
        ],
      ]),
      traffic_state: 'Reads Not Switched. Writes Not Switched',
    };
    expect(protoJson(status)).toBe(MOVETABLES_STATUS_JSON);
  });

  it('keeps the layout and escaping of a full Workflow show response', () => {
    // The log message holds quotes, escaped quotes and backticks: protojson escapes only " and \.
    const parsed: unknown = JSON.parse(REVERSE_WORKFLOW_SHOW_JSON);
    expect(protoJson(parsed)).toBe(REVERSE_WORKFLOW_SHOW_JSON);
  });

  it('does not escape <, > and & but escapes control characters', () => {
    expect(protoJson('a<b>&c')).toBe('"a<b>&c"');
    expect(protoJson('q"\\\n\t\r\b\f\u0001\u001f\u2028é')).toBe('"q\\"\\\\\\n\\t\\r\\b\\f\\u0001\\u001f\u2028é"');
  });

  it('orders numeric map keys by value and string keys bytewise', () => {
    expect(protoJson(new Map([[10, 'a'], [2, 'b']]))).toBe('{\n  "2": "b",\n  "10": "a"\n}');
    expect(protoJson(new Map([['b', 1], ['a', 2]]))).toBe('{\n  "a": 2,\n  "b": 1\n}');
  });

  it('prints special floats as strings, bytes as base64, and drops undefined fields', () => {
    expect(protoJson([Number.NaN, Infinity, -Infinity])).toBe('[\n  "NaN",\n  "Infinity",\n  "-Infinity"\n]');
    expect(protoJson(new TextEncoder().encode('hello'))).toBe('"aGVsbG8="');
    expect(protoJson({ a: undefined, b: null, c: [{}, []] })).toBe('{\n  "b": null,\n  "c": [\n    {},\n    []\n  ]\n}');
  });
});

describe('goJson', () => {
  function vdiffSummary() {
    const tableSummary = (name: string) => ({
      TableName: name,
      State: 'completed',
      RowsCompared: 5,
      MatchingRows: 5,
      MismatchedRows: 0,
      ExtraRowsSource: 0,
      ExtraRowsTarget: 0,
    });
    const report = (name: string) => ({
      TableName: name,
      ProcessedRows: 5,
      MatchingRows: 5,
      MismatchedRows: 0,
      ExtraRowsSource: 0,
      ExtraRowsTarget: 0,
    });
    // Go maps: inserted out of order on purpose, the encoder sorts their keys.
    return {
      Workflow: 'commerce2customer',
      Keyspace: 'customer',
      State: 'completed',
      UUID: 'd050262e-8c5f-11ed-ac72-920702940ee0',
      RowsCompared: 10,
      HasMismatch: false,
      Shards: '0',
      StartedAt: '2023-01-04 18:44:26',
      CompletedAt: '2023-01-04 18:44:26',
      TableSummary: new Map([
        ['customer', tableSummary('customer')],
        ['corder', tableSummary('corder')],
      ]),
      Reports: new Map([
        ['customer', new Map([['0', report('customer')]])],
        ['corder', new Map([['0', report('corder')]])],
      ]),
      Errors: undefined,
      Progress: undefined,
    };
  }

  it('prints the VDiff show JSON of the docs with tabs', () => {
    expect(goJsonTabs(vdiffSummary())).toBe(VDIFF_SHOW_JSON_TABS);
  });

  it('prints the same summary with two-space indentation by default', () => {
    expect(goJson(vdiffSummary())).toBe(VDIFF_SHOW_JSON_TABS.replace(/\t/g, '  '));
  });

  it('escapes <, > and & and the line separators like Go', () => {
    expect(goJson('<a & b>')).toBe('"\\u003ca \\u0026 b\\u003e"');
    expect(goJson('x\u2028y\u2029z')).toBe('"x\\u2028y\\u2029z"');
    expect(goJson('tab\tnl\ncr\rbs\bff\fnul\u0000"\\')).toBe('"tab\\tnl\\ncr\\rbs\\bff\\fnul\\u0000\\"\\\\"');
    expect(goJson('é中😀')).toBe('"é中😀"');
  });

  it('prints numbers like Go', () => {
    expect(goJson({ p: 48.57, n: 10, neg: -3, big: 1e21, below: 999999999999999900000, tiny: 1e-7, small: 0.000001, z: -0, i64: 9007199254740993n })).toBe(
      '{\n  "p": 48.57,\n  "n": 10,\n  "neg": -3,\n  "big": 1e+21,\n  "below": 999999999999999900000,\n  "tiny": 1e-7,\n  "small": 0.000001,\n  "z": -0,\n  "i64": 9007199254740993\n}',
    );
    expect(() => goJson(Number.NaN)).toThrow(/unsupported value/);
  });

  it('keeps struct order but sorts maps, bytewise, and all objects with sortKeys', () => {
    expect(goJson({ b: 1, a: 2 })).toBe('{\n  "b": 1,\n  "a": 2\n}');
    expect(goJson({ b: 1, a: 2 }, '  ', { sortKeys: true })).toBe('{\n  "a": 2,\n  "b": 1\n}');
    // Go sorts map keys as strings, so "10" comes before "2".
    expect(goJson(new Map([[2, 'x'], [10, 'y']]))).toBe('{\n  "10": "y",\n  "2": "x"\n}');
    // Bytewise (code point) order puts U+FFFD before U+1F600, unlike UTF-16 order.
    expect(goJson(new Map([['😀', 1], ['\ufffd', 2]]))).toBe('{\n  "\ufffd": 2,\n  "😀": 1\n}');
  });

  it('prints empty collections compactly and a top-level list of names', () => {
    expect(goJson([])).toBe('[]');
    expect(goJson({})).toBe('{}');
    expect(goJson(['commerce2customer'])).toBe('[\n  "commerce2customer"\n]');
  });
});

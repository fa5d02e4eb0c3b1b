import { describe, it, expect } from 'vitest';
import { marshalMapAwk, renderTabletAwk } from '../../../src/commands/render/awk.js';
import { glogErrorLine, glogLine, vtctldRpcErrorLine } from '../../../src/commands/render/glog.js';
import { formatAnsic, formatRfc3339, formatRfc822, formatVdiffTimestamp } from '../../../src/commands/render/go-time.js';
import { compareBytes, goQuote } from '../../../src/commands/render/go-string.js';

const at = Date.UTC(2023, 0, 4, 17, 59, 37);

describe('renderTabletAwk', () => {
  it('prints a GetTablets line', () => {
    const tablet = {
      alias: 'zone1-0000000100',
      keyspace: 'commerce',
      shard: '0',
      type: 'primary',
      hostname: 'localhost',
      webPort: 15100,
      mysqlPort: 17100,
      tags: {},
      primaryTermStartTime: formatRfc3339(at),
    };
    expect(renderTabletAwk(tablet)).toBe(
      'zone1-0000000100 commerce 0 primary localhost:15100 localhost:17100 [] 2023-01-04T17:59:37Z',
    );
    expect(renderTabletAwk({ ...tablet, alias: 'zone1-0000000101', type: 'REPLICA', webPort: 15101, mysqlPort: 17101, primaryTermStartTime: null })).toBe(
      'zone1-0000000101 commerce 0 replica localhost:15101 localhost:17101 [] <null>',
    );
    expect(renderTabletAwk({ ...tablet, keyspace: '', shard: '', hostname: '::1' })).toBe(
      'zone1-0000000100 <null> <null> primary [::1]:15100 [::1]:17100 [] 2023-01-04T17:59:37Z',
    );
  });

  it('prints tags like MarshalMapAWK: sorted key: %q pairs', () => {
    expect(marshalMapAwk({ zone: 'b', app: 'x y', q: 'say "hi"\n' })).toBe('[app: "x y" q: "say \\"hi\\"\\n" zone: "b"]');
  });
});

describe('glog', () => {
  it('prints the vtctldclient error prefix', () => {
    expect(glogErrorLine('boom', Date.UTC(2024, 0, 15, 9, 0, 0))).toBe('E0115 09:00:00.000000   19246 main.go:60] boom');
    expect(vtctldRpcErrorLine('no streams found in keyspace commerce for commerce2customer_reverse', Date.UTC(2023, 9, 8, 18, 52, 57, 525))).toBe(
      'E1008 18:52:57.525000   19246 main.go:60] rpc error: code = Unknown desc = no streams found in keyspace commerce for commerce2customer_reverse',
    );
  });

  it('pads or cuts the thread id to seven columns', () => {
    expect(glogLine('I', 'm', at, { pid: 7, file: 'x.go', line: 3 })).toBe('I0104 17:59:37.000000       7 x.go:3] m');
    expect(glogLine('W', 'm', at, { pid: 123456789 })).toBe('W0104 17:59:37.000000 3456789 main.go:60] m');
  });
});

describe('Go time layouts', () => {
  it('formats UTC instants', () => {
    const t = Date.UTC(2023, 9, 11, 16, 49, 2);
    expect(formatRfc3339(t)).toBe('2023-10-11T16:49:02Z');
    expect(formatRfc822(t)).toBe('11 Oct 23 16:49 UTC');
    expect(formatAnsic(t)).toBe('Wed Oct 11 16:49:02 2023');
    expect(formatAnsic(Date.UTC(2023, 0, 4, 1, 2, 3))).toBe('Wed Jan  4 01:02:03 2023');
    expect(formatVdiffTimestamp(t)).toBe('2023-10-11 16:49:02');
  });
});

describe('Go strings', () => {
  it('quotes like strconv.Quote', () => {
    expect(goQuote('plain é 中')).toBe('"plain é 中"');
    expect(goQuote('a\\b"c')).toBe('"a\\\\b\\"c"');
    expect(goQuote('\u0007\u0000\u007f\u00a0\u200b😀')).toBe('"\\a\\x00\\x7f\\u00a0\\u200b😀"');
  });

  it('compares by code point', () => {
    expect(compareBytes('a', 'b')).toBe(-1);
    expect(compareBytes('ab', 'a')).toBe(1);
    expect(compareBytes('x', 'x')).toBe(0);
    expect(compareBytes('\uffff', '😀')).toBe(-1);
  });
});

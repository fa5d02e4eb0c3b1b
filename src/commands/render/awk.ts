// One tablet as `vtctldclient GetTablets` prints it in its default awk-friendly format:
// `zone1-0000000100 commerce 0 primary localhost:15100 localhost:17100 [] 2023-01-04T17:59:37Z`.
// Mirrors go/cmd/vtctldclient/cli/awk.go (MarshalTabletAWK, MarshalMapAWK).

import { compareBytes, goQuote } from './go-string.js';

export interface AwkTablet {
  /** Zero-padded alias, e.g. `zone1-0000000100`. */
  alias: string;
  keyspace: string;
  shard: string;
  /** Tablet type in lower case (`primary`, `replica`, `rdonly`). */
  type: string;
  hostname: string;
  webPort: number;
  mysqlPort: number;
  /** The MySQL host when it differs from `hostname`. */
  mysqlHostname?: string;
  tags: Record<string, string>;
  /** RFC3339 start of the primary term (see formatRfc3339), or null when the tablet has none. */
  primaryTermStartTime: string | null;
}

/** The awk line, without a trailing newline. Empty keyspace, shard or term time print `<null>`. */
export function renderTabletAwk(t: AwkTablet): string {
  return [
    t.alias,
    t.keyspace || '<null>',
    t.shard || '<null>',
    t.type.toLowerCase(),
    joinHostPort(t.hostname, t.webPort),
    joinHostPort(t.mysqlHostname ?? t.hostname, t.mysqlPort),
    marshalMapAwk(t.tags),
    t.primaryTermStartTime || '<null>',
  ].join(' ');
}

/** A string map as `[k1: "v1" k2: "v2"]`: `key: %q` pairs, sorted as strings; `[]` when empty. */
export function marshalMapAwk(m: Record<string, string>): string {
  const pairs = Object.entries(m).map(([k, v]) => `${k}: ${goQuote(v)}`);
  pairs.sort(compareBytes);
  return '[' + pairs.join(' ') + ']';
}

/** Go's net.JoinHostPort: IPv6 hosts get brackets. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

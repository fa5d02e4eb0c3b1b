// MySQL's digest functions (MD5, SHA1/SHA, SHA2) and STR_TO_DATE, registered with the others by
// registerMysqlFunctions. A digest hashes the value's bytes (text as UTF-8, as utf8mb4 stores it) and
// returns lower-case hex; NULL in gives NULL out.
// Mirrors MySQL 8.0's item_strfunc.cc (Item_func_md5, Item_func_sha, Item_func_sha2) and
// item_timefunc.cc (Item_func_str_to_date).

import type { Database } from 'sql.js';
import { fixed, num, text } from './function-args.js';
import type { SqlArg } from './function-args.js';
import { md5Hex, sha1Hex, sha2Hex } from './hashes.js';
import { strToDate } from './str-to-date.js';

function bytes(v: SqlArg): Uint8Array {
  return v instanceof Uint8Array ? v : new TextEncoder().encode(text(v));
}

export function registerDigestFunctions(db: Database): void {
  fixed(db, 'md5', 1, (s) => (s === null ? null : md5Hex(bytes(s))));
  for (const name of ['sha1', 'sha']) fixed(db, name, 1, (s) => (s === null ? null : sha1Hex(bytes(s))));
  fixed(db, 'sha2', 2, (s, bits) => (s === null || bits === null ? null : (sha2Hex(bytes(s), Math.trunc(num(bits))) ?? null)));
  fixed(db, 'str_to_date', 2, (s, f) => (s === null || f === null ? null : strToDate(text(s), text(f))));
}

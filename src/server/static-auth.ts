// Static user/password authentication for the MySQL port, read from a JSON file in the format of
// vtgate's --mysql_auth_server_static_file:
//   { "user": [{ "Password": "secret", "UserData": "user" }],
//     "other": [{ "MysqlNativePassword": "*6BB4837EB74329105EE4568DDA7DC67ED2CA2AD9" }] }
// (the older single-object form `{ "user": { "Password": ... } }` is accepted too). Without a file the
// port accepts any user, as the local example's vtgate does (--mysql_auth_server_impl none).
// Mirrors go/mysql/auth_server_static.go and the mysql_native_password check of go/mysql/auth_server.go.

import { createHash } from 'node:crypto';

export interface StaticAuthEntry {
  /** SHA1(SHA1(password)), the stored form of mysql_native_password. */
  hash2: Buffer;
  userData: string;
}

export type StaticAuth = Map<string, StaticAuthEntry[]>;

function sha1(...parts: Buffer[]): Buffer {
  const h = createHash('sha1');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** Parses the auth file's text; throws with a message naming the problem. */
export function parseStaticAuth(text: string): StaticAuth {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`failed to parse static auth config: ${(e as Error).message}`, { cause: e });
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('static auth config must be a JSON object of users');
  const out: StaticAuth = new Map();
  for (const [user, value] of Object.entries(doc as Record<string, unknown>)) {
    const list = Array.isArray(value) ? value : [value];
    const entries: StaticAuthEntry[] = [];
    for (const raw of list) {
      if (raw === null || typeof raw !== 'object') throw new Error(`static auth config: entry of user '${user}' must be an object`);
      const e = raw as Record<string, unknown>;
      let hash2: Buffer;
      if (typeof e.MysqlNativePassword === 'string' && e.MysqlNativePassword !== '') {
        const hex = e.MysqlNativePassword.replace(/^\*/, '');
        if (!/^[0-9a-fA-F]{40}$/.test(hex)) throw new Error(`static auth config: MysqlNativePassword of user '${user}' must be '*' and 40 hex digits`);
        hash2 = Buffer.from(hex, 'hex');
      } else {
        const password = typeof e.Password === 'string' ? e.Password : '';
        hash2 = password === '' ? Buffer.alloc(0) : sha1(sha1(Buffer.from(password, 'utf8')));
      }
      entries.push({ hash2, userData: typeof e.UserData === 'string' ? e.UserData : user });
    }
    out.set(user, entries);
  }
  return out;
}

/**
 * Checks a mysql_native_password response: the client sent SHA1(pw) XOR SHA1(scramble + SHA1(SHA1(pw))).
 * Returns the matching entry, or undefined (access denied).
 */
export function checkNativePassword(auth: StaticAuth, user: string, scramble: Buffer, token: Buffer): StaticAuthEntry | undefined {
  for (const entry of auth.get(user) ?? []) {
    if (entry.hash2.length === 0) {
      if (token.length === 0) return entry;
      continue;
    }
    if (token.length !== 20) continue;
    const mask = sha1(scramble, entry.hash2);
    const stage1 = Buffer.alloc(20);
    for (let i = 0; i < 20; i++) stage1[i] = (token[i] as number) ^ (mask[i] as number);
    if (sha1(stage1).equals(entry.hash2)) return entry;
  }
  return undefined;
}

/** What a client computes for a password (used by tests and the benchmark's client side). */
export function nativePasswordToken(password: string, scramble: Buffer): Buffer {
  const stage1 = sha1(Buffer.from(password, 'utf8'));
  const mask = sha1(scramble, sha1(stage1));
  return Buffer.from(stage1.map((b, i) => b ^ (mask[i] as number)));
}

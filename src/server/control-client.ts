// The client side of the control endpoint (control-server.ts): what `vtsim vtctldclient --server ...`,
// `vtsim exec` and `vtsim snapshot` use to run command lines on a `vtsim serve` from another terminal.

import { request } from 'node:http';
import type { CommandResult } from '../commands/types.js';
import type { RunRequest } from './control-server.js';

export interface ServerAddress {
  host: string;
  port: number;
}

/** The default control address: vtctld's gRPC port in the local example. */
export const DEFAULT_CONTROL_SERVER = 'localhost:15999';

/** Parses `host:port`, `[::1]:port` or `:port` (host defaults to localhost). */
export function parseServerAddress(text: string): ServerAddress {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(text.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || port < 1 || port > 65535) throw new Error(`invalid server address '${text}': expected host:port`);
  return { host: m[1] ?? (m[2] || 'localhost'), port };
}

/** The endpoint could not be reached (nothing listening, wrong port). */
export class UnreachableError extends Error {
  constructor(
    readonly address: ServerAddress,
    readonly code: string,
  ) {
    super(`cannot reach vtsim serve at ${address.host}:${address.port} (${code})`);
    this.name = 'UnreachableError';
  }
}

function call(address: ServerAddress, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
    const req = request(
      {
        host: address.host,
        port: address.port,
        method,
        path,
        // `localhost` may resolve to ::1 first while the server listens on 127.0.0.1: Node 20 tries
        // every address (net's autoSelectFamily is on by default).
        headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let doc: unknown;
          try {
            doc = JSON.parse(text);
          } catch {
            reject(new Error(`unexpected answer from ${address.host}:${address.port} (HTTP ${res.statusCode}): is it a vtsim serve control port?`));
            return;
          }
          if (res.statusCode !== 200) {
            reject(new Error(String((doc as { error?: unknown }).error ?? `HTTP ${res.statusCode}`)));
            return;
          }
          resolve(doc);
        });
        res.on('error', reject);
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'EHOSTUNREACH' || e.code === 'ECONNRESET') {
        reject(new UnreachableError(address, e.code === 'ECONNREFUSED' ? 'connection refused' : e.code));
      } else reject(e);
    });
    req.end(payload);
  });
}

function asResult(doc: unknown): CommandResult {
  const o = doc as Partial<CommandResult>;
  return { stdout: String(o.stdout ?? ''), stderr: String(o.stderr ?? ''), exitCode: Number(o.exitCode ?? 1) };
}

/** Runs one command line on the served cluster. */
export async function runRemote(address: ServerAddress, req: RunRequest): Promise<CommandResult> {
  return asResult(await call(address, 'POST', '/v1/run', req));
}

/** Asks the server to save its --data-dir snapshot now. */
export async function snapshotRemote(address: ServerAddress): Promise<CommandResult> {
  return asResult(await call(address, 'POST', '/v1/snapshot', {}));
}

export async function statusRemote(address: ServerAddress): Promise<Record<string, unknown>> {
  return (await call(address, 'GET', '/v1/status')) as Record<string, unknown>;
}

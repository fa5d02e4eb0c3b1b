// The control endpoint of `vtsim serve` (vtctld's port 15999 in the local example): other terminals run
// command lines on the served cluster through it, so `vtsim vtctldclient --server localhost:15999 ...`
// and `vtsim exec -- ./201_customer_tablets.sh` print exactly what the same line prints in `vtsim shell`.
//
// Protocol: HTTP/1.1 with JSON bodies (easy to use from curl and any language):
//   POST /v1/run       {"line": "vtctldclient GetKeyspaces", "stdin"?: "...", "cwd"?: "/abs/dir"}
//                      → 200 {"stdout": "...", "stderr": "...", "exitCode": 0}
//                      `line` is one line of vtsim's command language; `stdin` feeds the command as a
//                      pipe would (`mysql < file` on the client side); `cwd` is where relative file
//                      names (`--rules-file x.json`, `< x.sql`) are read from.
//   POST /v1/snapshot  → 200 {"stdout", "stderr", "exitCode"}: saves the --data-dir snapshot now.
//   GET  /v1/status    → 200 {"vtsim": "serve", "seed", "virtualTime", "mysql", "control", "dataDir"}
// Errors in the request itself get 4xx with {"error": "..."}; a failing command is still 200 with a
// non-zero exitCode. Requests run one at a time: the simulation is single-threaded.
// No Vitess counterpart as such (vtctld speaks gRPC); the command texts are vtctldclient's.

import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CommandResult } from '../commands/types.js';

/** Bodies larger than this are refused (a SQL file of this size is not a lesson). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface RunRequest {
  line: string;
  stdin?: string;
  cwd?: string;
}

export interface ControlHandlers {
  run(request: RunRequest): CommandResult;
  snapshot(): CommandResult;
  status(): Record<string, unknown>;
  log?: (message: string) => void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class ControlServer {
  private readonly server: Server;

  constructor(private readonly handlers: ControlHandlers) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        const status = e instanceof HttpError ? e.status : 500;
        if (!(e instanceof HttpError)) handlers.log?.(`control endpoint: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        reply(res, status, { error: e instanceof Error ? e.message : String(e) });
      });
    });
    // Malformed HTTP never reaches a handler; answer 400 and keep serving.
    this.server.on('clientError', (_err, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server.listening) {
        resolve();
        return;
      }
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/v1/status') {
      if (req.method !== 'GET') throw new HttpError(405, 'use GET for /v1/status');
      reply(res, 200, this.handlers.status());
      return;
    }
    if (path === '/v1/run' || path === '/v1/snapshot') {
      if (req.method !== 'POST') throw new HttpError(405, `use POST for ${path}`);
      const body = await readBody(req);
      if (path === '/v1/snapshot') {
        reply(res, 200, this.handlers.snapshot());
        return;
      }
      reply(res, 200, this.handlers.run(parseRunRequest(body)));
      return;
    }
    throw new HttpError(404, `no such endpoint: ${path}`);
  }
}

function parseRunRequest(body: string): RunRequest {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    throw new HttpError(400, 'the request body must be JSON: {"line": "..."}');
  }
  const o = doc as Record<string, unknown> | null;
  if (!o || typeof o !== 'object' || typeof o.line !== 'string') throw new HttpError(400, 'the request needs "line": a command line');
  if (o.stdin !== undefined && typeof o.stdin !== 'string') throw new HttpError(400, '"stdin" must be a string');
  if (o.cwd !== undefined && typeof o.cwd !== 'string') throw new HttpError(400, '"cwd" must be a string');
  return { line: o.line, stdin: o.stdin as string | undefined, cwd: o.cwd as string | undefined };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, `request body over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

// Topo errors: the few failures a key/value topology store can report, with Vitess's texts.
// Mirrors go/vt/topo/errors.go (NodeExists, NoNode, BadVersion ... and their "node doesn't exist: <path>"
// messages). Vitess's topo.Error carries no vtrpc code, so over gRPC it shows as `code = Unknown`; here each
// kind also gets the closest vtrpc code so callers can branch on either.

import { VtError } from '../common/errors.js';
import type { ErrorCode } from '../common/errors.js';

/** The kinds of topo failure (go/vt/topo/errors.go ErrorCode, plus a held lock). */
export type TopoErrorCode = 'NO_NODE' | 'NODE_EXISTS' | 'BAD_VERSION' | 'LOCK_HELD' | 'NOT_LOCKED';

const rpcCodes: Record<TopoErrorCode, ErrorCode> = {
  NO_NODE: 'NOT_FOUND',
  NODE_EXISTS: 'ALREADY_EXISTS',
  BAD_VERSION: 'ABORTED',
  LOCK_HELD: 'ABORTED',
  NOT_LOCKED: 'INTERNAL',
};

function topoMessage(code: TopoErrorCode, path: string): string {
  switch (code) {
    case 'NO_NODE':
      return `node doesn't exist: ${path}`;
    case 'NODE_EXISTS':
      return `node already exists: ${path}`;
    case 'BAD_VERSION':
      return `bad node version: ${path}`;
    case 'LOCK_HELD':
      return `lock already held for ${path}`;
    case 'NOT_LOCKED':
      // memorytopo's unlock of a node nobody holds.
      return `node ${path} is not locked`;
  }
}

/** A failure of the topology store itself (as opposed to a refusal by the typed layer above it). */
export class TopoError extends VtError {
  readonly topoCode: TopoErrorCode;
  readonly path: string;

  constructor(topoCode: TopoErrorCode, path: string) {
    super(rpcCodes[topoCode], topoMessage(topoCode, path));
    this.name = 'TopoError';
    this.topoCode = topoCode;
    this.path = path;
  }
}

export function topoError(code: TopoErrorCode, path: string): TopoError {
  return new TopoError(code, path);
}

/** Mirrors topo.IsErrType: true when `e` is a topo error of that kind. */
export function isTopoError(e: unknown, code: TopoErrorCode): e is TopoError {
  return e instanceof TopoError && e.topoCode === code;
}

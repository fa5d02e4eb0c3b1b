// Removing keyspace qualifiers from the text vtgate sends to a tablet: `commerce.customer` becomes
// `customer` and `commerce.customer.email` becomes `customer.email`, since a tablet's database is
// vt_<keyspace> and knows nothing of keyspace names. Everything else keeps the user's spelling.
// Mirrors go/vt/sqlparser/ast_rewriting.go RemoveKeyspace / RemoveKeyspaceIgnoreSysSchema and
// RemoveSpecificKeyspace (shard-targeted queries strip only the session's keyspace); vtgate
// re-prints its AST, vtsim edits the text at token offsets instead.

import type { Token } from './lexer.js';
import { isName, isOp } from './lexer.js';
import { applyEdits } from './normalizer.js';
import type { Edit } from './normalizer.js';
import type { TableRef } from './ast.js';
import { isSystemSchema } from './ast.js';

/**
 * Removes `db.` in front of table references and three-part column references. `strip(db)` says
 * which qualifiers go (default: every one but the system schemas). `tableRefs` tells a two-part
 * `db.table` from a `table.column`.
 */
export function stripQualifiers(
  sql: string,
  tokens: readonly Token[],
  tableRefs: readonly TableRef[],
  strip: (db: string) => boolean = (db) => !isSystemSchema(db),
): string {
  const qualifiedTables = new Set<string>();
  for (const r of tableRefs) if (r.db !== null) qualifiedTables.add(`${r.db}\u0000${r.table}`);
  const edits: Edit[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    const a = tokens[i] as Token;
    if (!isName(a) || isOp(tokens[i - 1], '.') || !isOp(tokens[i + 1], '.')) continue;
    const b = tokens[i + 2] as Token;
    const threePart = isOp(tokens[i + 3], '.') && (isName(tokens[i + 4]) || isOp(tokens[i + 4], '*'));
    if (!isName(b)) continue;
    const isTable = !threePart && qualifiedTables.has(`${a.value}\u0000${b.value}`);
    if ((threePart || isTable) && strip(a.value)) {
      edits.push({ start: a.start, end: b.start, text: '' });
      i += 2;
    }
  }
  return applyEdits(sql, edits);
}

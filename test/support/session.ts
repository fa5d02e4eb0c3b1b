// Test support: a fresh simulated cluster with a command session, as the shell builds it.
import { Cluster } from '../../src/cluster/cluster.js';
import { CommandSession } from '../../src/commands/session.js';
import { loadSqlJs } from '../../src/tablets/sqlite/sqljs.js';

export async function newSession(seed = 1): Promise<CommandSession> {
  const sql = await loadSqlJs();
  return new CommandSession(Cluster.createSync(sql, { seed }));
}

/** Runs lines and fails the test on the first non-zero exit, showing what was printed. */
export function runOk(session: CommandSession, ...lines: string[]): string {
  let out = '';
  for (const line of lines) {
    const r = session.run(line);
    if (r.exitCode !== 0) throw new Error(`command failed (${r.exitCode}): ${line}\n${r.stdout}${r.stderr}`);
    out += r.stdout;
  }
  return out;
}

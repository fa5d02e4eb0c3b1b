// Lessons against the real simulated cluster: every bundled lesson passes, the Vitess user-guide page
// passes unmodified (when ../shared is present, as in CI), and a wrong expected output fails with a
// readable diff and a reproduce line.
import { readFileSync } from 'node:fs';
import { ACCEPTANCE_PAGE, HAS_ACCEPTANCE } from '../support/acceptance-page.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/cluster/cluster.js';
import { CommandSession } from '../../src/commands/session.js';
import { loadSqlJs } from '../../src/tablets/sqlite/sqljs.js';
import { formatReport, parseLesson, runLesson } from '../../src/lessons/index.js';
import type { LessonReport } from '../../src/lessons/index.js';
import { BUNDLED_LESSONS } from '../../src/lessons/bundled-lessons.js';


async function run(markdown: string, name: string, seed = 1): Promise<LessonReport> {
  const sql = await loadSqlJs();
  return runLesson(parseLesson(markdown, name), (s) => new CommandSession(Cluster.createSync(sql, { seed: s })), { seed });
}

function failures(r: LessonReport): string {
  return formatReport([r], { verbose: false, color: false });
}

describe('lessons on the simulated cluster', () => {
  for (const [name, text] of Object.entries(BUNDLED_LESSONS)) {
    it(`bundled lesson ${name} passes`, async () => {
      const r = await run(text, `scenarios/${name}`);
      expect(r.failed, failures(r)).toBe(0);
      expect(r.passed).toBeGreaterThan(5);
    });
  }

  it.skipIf(!HAS_ACCEPTANCE)('the Vitess user-guide page passes unmodified; only the operator path is skipped', async () => {
    const r = await run(ACCEPTANCE_PAGE, 'acceptance/move-tables.md');
    expect(r.failed, failures(r)).toBe(0);
    expect(r.skipped).toBe(3);
    for (const step of r.steps) {
      for (const c of step.commands) if (c.status === 'skipped') expect(c.reason).toMatch(/Kubernetes operator path/);
    }
  });

  it('a page writes a vschema file with a here-document, applies it and sees it', async () => {
    const page = [
      '# Here-documents',
      '```bash',
      '$ cat > vschema_commerce.json <<EOF',
      '{',
      '  "tables": { "product": {}, "customer": {}, "corder": {}, "extra": {} }',
      '}',
      'EOF',
      '$ vtctldclient ApplyVSchema --vschema-file vschema_commerce.json commerce > /dev/null',
      '$ vtctldclient GetVSchema commerce | grep -c extra',
      '1',
      "$ mysql --table <<'SQL'",
      '# vtsim reads this as SQL',
      'select "it\'s" as x;',
      'SQL',
      '+------+',
      '| x    |',
      '+------+',
      "| it's |",
      '+------+',
      '```',
    ].join('\n');
    const r = await run(page, 'heredoc.md');
    expect(r.failed, failures(r)).toBe(0);
    expect(r.passed).toBe(4);
  });

  it('a wrong expected output fails with a diff and the command that reproduces it', async () => {
    const page = [
      '# Wrong on purpose',
      '```bash',
      '$ mysql < ../common/insert_commerce_data.sql',
      '$ mysql --table -e "select count(*) from customer"',
      '+----------+',
      '| count(*) |',
      '+----------+',
      '|        7 |',
      '+----------+',
      '```',
    ].join('\n');
    const r = await run(page, 'wrong.md', 5);
    expect(r.failed).toBe(1);
    const text = failures(r);
    expect(text).toMatch(/7/);
    expect(text).toMatch(/5/);
    expect(text).toContain('reproduce: vtsim run wrong.md --seed 5');
    expect(text.trim().split('\n').pop()).toBe('1 passed, 1 failed, 0 skipped');
  });
});

describe('a docs-style page with other names', () => {
  it('passes: nothing depends on the tutorial names', async () => {
    const page = readFileSync(join(import.meta.dirname, 'fixtures/other-names.md'), 'utf8');
    const r = await run(page, 'other-names.md', 9);
    expect(r.failed, failures(r)).toBe(0);
    expect(r.setupImplicit).toBe(false);
    expect(r.passed).toBeGreaterThan(30);
  });
});

describe('the MoveTables user guide rewritten with other names (generated variants of the acceptance page)', () => {
  const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

  it.each([
    ['guide-keywords.md', 'keyspaces ks_2024/orders_v2, tables `order` and `user`, workflow move-orders'],
    ['guide-mixed-case.md', 'tables Customer and COrder kept in their case through schema, rules and filters'],
    ['guide-shop-crm-files.md', 'schema, vschema, data and select files written with echo > file, \\! echo in SQL'],
  ])('%s: %s', async (name) => {
    const r = await run(fixture(name), name, 1);
    expect(r.failed, failures(r)).toBe(0);
    expect(r.skipped).toBe(3);
    expect(r.passed).toBeGreaterThan(35);
  });
});

describe('docs-style pages written as a new user would', () => {
  const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

  it('inventory: for loops, --stop-after-copy, refusals, cancel, complete --rename-tables', async () => {
    const r = await run(fixture('inventory-loops.md'), 'inventory-loops.md', 1);
    expect(r.failed, failures(r)).toBe(0);
    expect(r.passed).toBeGreaterThan(25);
  });

  it('inventory split: -80 into -40,40-80 with xxhash on a string key, hash on a non-key column, a sequence, a reference table, dry runs, reverse', async () => {
    const r = await run(fixture('split-one-shard.md'), 'split-one-shard.md', 1);
    expect(r.failed, failures(r)).toBe(0);
    expect(r.passed).toBeGreaterThan(40);
  });

  it.each([
    ['local-example-reshard.md', 'the local example 101 to 306, DeleteShards and teardown, with VDiff, GetShard and GetSrvKeyspaces', 30],
    ['two-into-four.md', 'MoveTables into two shards, then Reshard two shards into four', 40],
    ['schema-and-sql.md', 'generic scripts, composite keys, decimal/enum/json/timestamps, joins, upserts, transactions, errors', 30],
    ['types-move.md', 'MoveTables of tables with every column type, writes during the move, VDiff', 20],
    ['vdiff-guide.md', 'VDiff reference: show before any, --tables, --wait, mismatches with --debug-query and --only-pks, stop/resume/delete', 45],
  ])('%s: %s', async (name, _what, atLeast) => {
    const r = await run(fixture(name), name, 1);
    expect(r.failed, failures(r)).toBe(0);
    expect(r.passed).toBeGreaterThan(atLeast);
  });

  it('sales: --auto-start=false, start/stop, reads before writes, dry run, reverse, complete --keep-data', async () => {
    const r = await run(fixture('sales-partial-switch.md'), 'sales-partial-switch.md', 1);
    expect(r.failed, failures(r)).toBe(0);
    expect(r.passed).toBeGreaterThan(30);
  });
});

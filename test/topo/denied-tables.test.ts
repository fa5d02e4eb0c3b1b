import { describe, expect, it } from 'vitest';
import { updateDeniedTables, DENIED_TABLES_NO_CELLS_FOR_PRIMARY } from '../../src/topo/denied-tables.js';
import { newShard } from '../../src/topo/records.js';
import type { Shard } from '../../src/topo/records.js';

function update(s: Shard, ...args: [Parameters<typeof updateDeniedTables>[3], string[], boolean, string[]]): Shard {
  updateDeniedTables(s, 'commerce', '0', ...args);
  return s;
}

describe('updateDeniedTables (go/vt/topo/shard.go)', () => {
  it('creates a PRIMARY control with the tables as given', () => {
    const s = update(newShard(), 'PRIMARY', [], false, ['customer', 'corder']);
    expect(s.tablet_controls).toEqual([
      { tablet_type: 'PRIMARY', cells: [], denied_tables: ['customer', 'corder'], frozen: false },
    ]);
  });

  it('appends new tables without sorting, but merges, sorts and de-duplicates on overlap', () => {
    const s = update(newShard(), 'PRIMARY', [], false, ['t2']);
    update(s, 'PRIMARY', [], false, ['t1']);
    expect(s.tablet_controls[0]?.denied_tables).toEqual(['t2', 't1']);
    update(s, 'PRIMARY', [], false, ['t3', 't1', 't0']);
    expect(s.tablet_controls[0]?.denied_tables).toEqual(['t0', 't1', 't2', 't3']);
  });

  it('removes tables and drops the control when its list empties', () => {
    const s = update(newShard(), 'PRIMARY', [], false, ['a', 'b']);
    update(s, 'PRIMARY', [], true, ['a', 'not-there']);
    expect(s.tablet_controls[0]?.denied_tables).toEqual(['b']);
    update(s, 'PRIMARY', [], true, ['b']);
    expect(s.tablet_controls).toEqual([]);
    // Removing from a missing control is a no-op.
    update(s, 'PRIMARY', [], true, ['b']);
    expect(s.tablet_controls).toEqual([]);
  });

  it('clears the whole PRIMARY list when removing with no tables named', () => {
    const s = update(newShard(), 'PRIMARY', [], false, ['a', 'b']);
    update(s, 'PRIMARY', [], true, []);
    expect(s.tablet_controls).toEqual([]);
  });

  it('refuses cells for PRIMARY', () => {
    expect(() => update(newShard(), 'PRIMARY', ['zone1'], false, ['a'])).toThrow(DENIED_TABLES_NO_CELLS_FOR_PRIMARY);
    expect(DENIED_TABLES_NO_CELLS_FOR_PRIMARY).toBe("you cannot specify cells for a primary's tablet control");
  });

  it('merges cells for other types, and refuses a different table list', () => {
    const s = update(newShard(), 'REPLICA', ['zone1'], false, ['a', 'b']);
    update(s, 'REPLICA', ['zone2'], false, ['a', 'b']);
    expect(s.tablet_controls[0]?.cells).toEqual(['zone1', 'zone2']);
    expect(() => update(s, 'REPLICA', ['zone3'], false, ['b', 'a'])).toThrow(
      'trying to use two different sets of denied tables for shard commerce/0: [a b] and [b a]',
    );
    // Removing cells keeps the control until no cell is left.
    update(s, 'REPLICA', ['zone1'], true, []);
    expect(s.tablet_controls[0]?.cells).toEqual(['zone2']);
    update(s, 'REPLICA', ['zone2'], true, []);
    expect(s.tablet_controls).toEqual([]);
  });

  it('treats an empty cell list as all cells when adding', () => {
    const s = update(newShard(), 'RDONLY', ['zone1'], false, ['a']);
    update(s, 'RDONLY', [], false, ['a']);
    expect(s.tablet_controls[0]?.cells).toEqual([]);
  });
});

// FOREIGN KEY and CHECK constraints in the tablet's DDL: kept in the table definition and printed by
// SHOW CREATE TABLE as MySQL 8.0 prints them (not enforced; see docs/FIDELITY.md).
import { describe, expect, it } from 'vitest';
import { newTablet } from './harness.js';
import { showCreateTable } from '../../../src/tablets/sql/table-def.js';
import type { TableDef } from '../../../src/tablets/sql/table-def.js';

describe('foreign keys and checks in SHOW CREATE TABLE', () => {
  it('prints named and generated constraints, their actions and the index a foreign key needs', () => {
    const t = newTablet();
    t.exec('create table parent (id int not null, x int not null, primary key (id), key idx_idx (id, x))');
    t.exec(
      'create table child (a int not null, b int, c int, constraint fk foreign key (a, b) references parent (id, x) on delete cascade on update set null, ' +
        'foreign key (c) references parent(id) on delete no action, key idx_c (c), check (b > 0), constraint ck check (a <> b), constraint a_first check (c >= 0))',
    );
    expect(showCreateTable(t.defs.get('child') as TableDef)).toBe(
      [
        'CREATE TABLE `child` (',
        '  `a` int NOT NULL,',
        '  `b` int DEFAULT NULL,',
        '  `c` int DEFAULT NULL,',
        '  KEY `idx_c` (`c`),',
        '  KEY `fk` (`a`,`b`),',
        '  CONSTRAINT `fk` FOREIGN KEY (`a`, `b`) REFERENCES `parent` (`id`, `x`) ON DELETE CASCADE ON UPDATE SET NULL,',
        '  CONSTRAINT `child_ibfk_1` FOREIGN KEY (`c`) REFERENCES `parent` (`id`),',
        '  CONSTRAINT `a_first` CHECK ((`c` >= 0)),',
        '  CONSTRAINT `child_chk_1` CHECK ((`b` > 0)),',
        '  CONSTRAINT `ck` CHECK ((`a` <> `b`))',
        ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci',
      ].join('\n'),
    );
    // Not enforced: a row without a parent is accepted.
    t.exec('insert into child values (9, 9, 9)');
  });

  it('adds and drops constraints with ALTER TABLE, with MySQL errors for unknown ones', () => {
    const t = newTablet();
    t.exec('create table p (id int primary key)');
    t.exec('create table c (id int primary key, pid int)');
    t.exec('alter table c add constraint fk_p foreign key (pid) references p (id), add check (pid > 0)');
    const shown = showCreateTable(t.defs.get('c') as TableDef);
    expect(shown).toContain('  KEY `fk_p` (`pid`),\n  CONSTRAINT `fk_p` FOREIGN KEY (`pid`) REFERENCES `p` (`id`),\n  CONSTRAINT `c_chk_1` CHECK ((`pid` > 0))');
    t.exec('alter table c drop foreign key fk_p, drop check c_chk_1');
    const after = showCreateTable(t.defs.get('c') as TableDef);
    expect(after).not.toContain('CONSTRAINT');
    expect(after).toContain('KEY `fk_p` (`pid`)');
    expect(t.error('alter table c drop foreign key nope').message).toBe("Can't DROP 'nope'; check that column/key exists");
    expect(t.error('alter table c drop check nope').message).toBe("Check constraint 'nope' is not found in the table.");
    expect(t.error('alter table c add foreign key (zz) references p (id)').message).toBe("Key column 'zz' doesn't exist in table");
  });
});

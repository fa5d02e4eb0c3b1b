import { describe, expect, it } from 'vitest';
import { newSession } from '../support/session.js';

describe('CommandSession: the shell-like command language', () => {
  it('runs pipes, redirects into session files, && and ||', async () => {
    const s = await newSession();
    expect(s.run('echo hello world | grep -c world').stdout).toBe('1\n');
    expect(s.run('echo a > /tmp/x.txt').stdout).toBe('');
    expect(s.run('echo b >> /tmp/x.txt && cat /tmp/x.txt').stdout).toBe('a\nb\n');
    expect(s.run('false && echo no').stdout).toBe('');
    expect(s.run('false || echo yes').stdout).toBe('yes\n');
    expect(s.run('printf x').stderr).toBe('bash: printf: command not found\n');
    expect(s.run('printf x').exitCode).toBe(127);
  });

  it('grep selects lines matching any -e pattern, with -v -w -x -i -c -q -F', async () => {
    const s = await newSession();
    s.run(`echo '  "end": "gA==",' > /tmp/g.txt && echo '  "is_primary_serving": false' >> /tmp/g.txt && echo 'other' >> /tmp/g.txt`);
    expect(s.run(`cat /tmp/g.txt | grep -e is_primary_serving -e '"end"'`).stdout).toBe('  "end": "gA==",\n  "is_primary_serving": false\n');
    expect(s.run('cat /tmp/g.txt | grep -ve other -e end').stdout).toBe('  "is_primary_serving": false\n');
    expect(s.run('cat /tmp/g.txt | grep -x OTHER -i').stdout).toBe('other\n');
    expect(s.run('cat /tmp/g.txt | grep -cF "gA=="').stdout).toBe('1\n');
    const quiet = s.run('cat /tmp/g.txt | grep -q serving');
    expect([quiet.stdout, quiet.exitCode]).toEqual(['', 0]);
    expect(s.run('cat /tmp/g.txt | grep -w serv').exitCode).toBe(1);
    expect(s.run('cat /tmp/g.txt | grep -e').exitCode).toBe(2);
  });

  it('the lines that prepare a docs shell succeed: cd, alias, unset', async () => {
    const s = await newSession();
    expect(s.run('cd vitess/examples/local').exitCode).toBe(0);
    expect(s.run('alias vtctldclient="command vtctldclient --server localhost:15999"').exitCode).toBe(0);
    s.run('export KS=x');
    s.run('unset KS');
    expect(s.run('echo "[$KS]"').stdout).toBe('[]\n');
  });

  it('sets variables, expands them, and applies env prefixes to one command only', async () => {
    const s = await newSession();
    s.run('export GREETING=hi');
    expect(s.run('echo $GREETING ${GREETING}!').stdout).toBe('hi hi!\n');
    s.run('NAME=x');
    expect(s.run('echo $NAME').stdout).toBe('x\n');
  });

  it('sleep advances simulated time, not real time', async () => {
    const s = await newSession();
    const t0 = s.cluster.env.clock.nowMs();
    s.run('sleep 90');
    expect(s.cluster.env.clock.nowMs() - t0).toBeGreaterThanOrEqual(90_000);
    expect(s.run('sleep forever').exitCode).toBe(1);
  });

  it('recognises the operator path as not simulated, and unknown commands as not found', async () => {
    const s = await newSession();
    const r = s.run('kubectl apply -f 201_customer_tablets.yaml');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/not simulated \(Kubernetes operator path\)/);
    expect(s.run('./nope.sh').stderr).toBe('bash: ./nope.sh: command not found\n');
  });

  it('reads the bundled example files from anywhere', async () => {
    const s = await newSession();
    expect(s.run('cat ../common/insert_commerce_data.sql').stdout).toContain("insert into customer(email) values('alice@domain.com');");
    expect(s.run('cat create_commerce_schema.sql').stdout).toContain('create table if not exists product(');
    expect(s.run('cat vschema_commerce_initial.json').exitCode).toBe(0);
  });

  it('needs the processes a real command needs', async () => {
    const s = await newSession();
    const r = s.run('vtctldclient GetKeyspaces');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/connect: connection refused/);
    const m = s.run('mysql -e "select 1"');
    expect(m.stderr).toBe("ERROR 2003 (HY000): Can't connect to MySQL server on '127.0.0.1:15306' (111)\n");
  });
});

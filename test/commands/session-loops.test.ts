// `for` loops in the command language: the form the local example's 101 script uses to start its
// tablets, typed on one line or across lines, with bash's expansion and error behaviour.
import { describe, expect, it } from 'vitest';
import { newSession, runOk } from '../support/session.js';

describe('CommandSession: for loops', () => {
  it('runs the body once per word, expanding it afresh, and leaves the variable set', async () => {
    const s = await newSession();
    expect(s.run('for i in 1 2 3; do echo "n=$i"; done').stdout).toBe('n=1\nn=2\nn=3\n');
    expect(s.run('echo $i').stdout).toBe('3\n');
    expect(s.run('for x in {300..302} "a b" k{x,y}; do echo $x; done').stdout).toBe('300\n301\n302\na b\nkx\nky\n');
    s.run('export UIDS="7 8"');
    expect(s.run('for u in $UIDS; do echo $u; done').stdout).toBe('7\n8\n');
    expect(s.run('for x in a b; do for y in 1 2; do echo $x$y; done; done').stdout).toBe('a1\na2\nb1\nb2\n');
    expect(s.run('for x in; do echo never; done').stdout).toBe('');
  });

  it('joins with what comes before and after it by ;, && and ||, and spans lines', async () => {
    const s = await newSession();
    expect(s.run('echo start; for x in a; do echo $x; done && echo ok; echo end').stdout).toBe('start\na\nok\nend\n');
    expect(s.run('false && for x in a; do echo $x; done').stdout).toBe('');
    const r = s.run('for x in a b; do false; done || echo failed');
    expect(r.stdout).toBe('failed\n');
    expect(s.run('for t in a b; do\n  echo "t=$t"\ndone').stdout).toBe('t=a\nt=b\n');
  });

  it('reports malformed loops as bash does, and other compound commands as unsupported', async () => {
    const s = await newSession();
    expect(s.run('for 1x in a; do echo; done')).toEqual({ stdout: '', stderr: "bash: `1x': not a valid identifier\n", exitCode: 2 });
    expect(s.run('for x in a; do echo $x').stderr).toBe('bash: syntax error: unexpected end of file\n');
    expect(s.run('for x in a b; echo $x; done').stderr).toBe("bash: syntax error near unexpected token 'echo'\n");
    const w = s.run('while true; do echo; done');
    expect(w.exitCode).toBe(2);
    expect(w.stderr).toMatch(/'while' is not supported by vtsim/);
    // A `for` that is an argument, not a command, is just a word.
    expect(s.run('echo for x in a').stdout).toBe('for x in a\n');
  });

  it('starts the tablets of a new keyspace the way 101_initial_cluster.sh does', async () => {
    const s = await newSession();
    runOk(
      s,
      'CELL=zone1 ../common/scripts/etcd-up.sh',
      'CELL=zone1 ../common/scripts/vtctld-up.sh',
      'vtctldclient CreateKeyspace --durability-policy=semi_sync crm',
      'for i in 700 701 702; do\n\tCELL=zone1 TABLET_UID=$i ../common/scripts/mysqlctl-up.sh\n\tCELL=zone1 KEYSPACE=crm TABLET_UID=$i ../common/scripts/vttablet-up.sh\ndone',
      'CELL=zone1 ../common/scripts/vtorc-up.sh',
      'wait_for_healthy_shard crm 0',
    );
    const tablets = runOk(s, 'vtctldclient GetTablets --keyspace crm').trim().split('\n');
    expect(tablets).toHaveLength(3);
    expect(tablets.map((l) => l.split(' ')[3]).sort()).toEqual(['primary', 'rdonly', 'replica']);
  });
});

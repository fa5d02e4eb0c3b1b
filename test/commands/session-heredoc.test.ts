// Here-documents in the command language: the docs write setup files (vschemas, SQL) with
// `cat > file <<EOF` and feed SQL to `mysql <<EOF`; the document is the command's stdin.
import { describe, expect, it } from 'vitest';
import { newSession, runOk } from '../support/session.js';

describe('CommandSession: here-documents', () => {
  it('writes, appends and prints files from a document', async () => {
    const s = await newSession();
    s.run('export KS=sales');
    runOk(s, 'cat > /tmp/v.json <<EOF\n{\n  "keyspace": "$KS"\n}\nEOF');
    expect(s.run('cat /tmp/v.json').stdout).toBe('{\n  "keyspace": "sales"\n}\n');
    runOk(s, "cat <<'EOF' >> /tmp/v.json\n$KS\nEOF");
    expect(s.run('cat /tmp/v.json').stdout).toBe('{\n  "keyspace": "sales"\n}\n$KS\n');
    runOk(s, 'cat >> /tmp/w.txt <<-EOF\n\tone\n\tEOF');
    expect(s.run('cat <<EOF | grep -c x\nx\ny\nx\nEOF').stdout).toBe('2\n');
    expect(s.run('cat /tmp/w.txt').stdout).toBe('one\n');
  });

  it('feeds SQL to mysql and a vschema file to ApplyVSchema', async () => {
    const s = await newSession();
    runOk(s, './101_initial_cluster.sh');
    const out = s.run('mysql --table <<EOF\nselect 1 as a;\n-- one more\nselect "x;y" as b;\nEOF');
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe('+---+\n| a |\n+---+\n| 1 |\n+---+\n+-----+\n| b   |\n+-----+\n| x;y |\n+-----+\n');
    runOk(s, 'cat > vschema_commerce.json <<EOF\n{\n  "tables": { "product": {}, "customer": {}, "corder": {}, "extra": {} }\n}\nEOF');
    runOk(s, 'vtctldclient ApplyVSchema --vschema-file vschema_commerce.json commerce');
    expect(JSON.parse(s.run('vtctldclient GetVSchema commerce').stdout).tables).toHaveProperty('extra');
  });

  it('warns about a missing delimiter, as bash does, and still runs the command', async () => {
    const s = await newSession();
    expect(s.run('cat <<EOF\nhello\n')).toEqual({
      stdout: 'hello\n',
      stderr: "bash: warning: here-document at line 1 delimited by end-of-file (wanted 'EOF')\n",
      exitCode: 0,
    });
    expect(s.run('cat <<').stderr).toBe("bash: syntax error near unexpected token 'newline'\n");
  });

  it('keeps documents in a loop body, expanded once per value', async () => {
    const s = await newSession();
    expect(s.run('for i in 1 2; do\ncat <<EOF\nif $i then\nEOF\ndone').stdout).toBe('if 1 then\nif 2 then\n');
  });
});

import { describe, expect, it } from 'vitest';
import { parseShellLine, ShellSyntaxError, type SimpleCommand } from '../../../src/commands/cli-kit/shell-line.js';

/** The single simple command of a line. */
function one(line: string, vars: Record<string, string> = {}): SimpleCommand {
  const list = parseShellLine(line, vars);
  expect(list.items).toHaveLength(1);
  const cmds = list.items[0]?.pipeline.commands ?? [];
  expect(cmds).toHaveLength(1);
  return cmds[0] as SimpleCommand;
}

const argv = (line: string, vars: Record<string, string> = {}) => one(line, vars).argv;

function syntaxError(line: string, vars: Record<string, string> = {}): ShellSyntaxError {
  try {
    parseShellLine(line, vars);
  } catch (e) {
    expect(e).toBeInstanceOf(ShellSyntaxError);
    return e as ShellSyntaxError;
  }
  throw new Error(`no error for ${line}`);
}

describe('parseShellLine: the command lines of the acceptance page', () => {
  it('parses mysql with an input redirect', () => {
    expect(one('mysql < ../common/insert_commerce_data.sql')).toEqual({
      env: {},
      argv: ['mysql'],
      stdinFile: '../common/insert_commerce_data.sql',
      background: false,
    });
    const c = one('mysql --table < ../common/select_commerce_data.sql');
    expect(c.argv).toEqual(['mysql', '--table']);
    expect(c.stdinFile).toBe('../common/select_commerce_data.sql');
  });

  it('parses mysql -e with a double-quoted statement', () => {
    expect(argv('mysql -e "show vitess_tablets"')).toEqual(['mysql', '-e', 'show vitess_tablets']);
  });

  it('parses the MoveTables create line with single-quoted tables', () => {
    expect(
      argv(
        "vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer create --source-keyspace commerce --tables 'customer,corder'",
      ),
    ).toEqual([
      'vtctldclient',
      'MoveTables',
      '--target-keyspace',
      'customer',
      '--workflow',
      'commerce2customer',
      'create',
      '--source-keyspace',
      'commerce',
      '--tables',
      'customer,corder',
    ]);
  });

  it('keeps --flag=value words and drops trailing blanks', () => {
    expect(argv('vtctldclient MoveTables --target-keyspace customer --workflow commerce2customer show --include-logs=false ')).toEqual([
      'vtctldclient',
      'MoveTables',
      '--target-keyspace',
      'customer',
      '--workflow',
      'commerce2customer',
      'show',
      '--include-logs=false',
    ]);
    expect(argv('vtctldclient VDiff --format=json --target-keyspace customer --workflow commerce2customer show last --verbose')).toContain(
      '--format=json',
    );
  });

  it('marks a trailing & as background', () => {
    expect(one('./pf.sh &')).toEqual({ env: {}, argv: ['./pf.sh'], background: true });
  });

  it('parses the operator-path and script lines', () => {
    expect(argv('kubectl apply -f 201_customer_tablets.yaml')).toEqual(['kubectl', 'apply', '-f', '201_customer_tablets.yaml']);
    expect(argv('killall kubectl')).toEqual(['killall', 'kubectl']);
    expect(argv('./201_customer_tablets.sh')).toEqual(['./201_customer_tablets.sh']);
    expect(argv('vtctldclient Workflow --keyspace commerce show --workflow commerce2customer_reverse')).toHaveLength(7);
  });

  it('treats a comment-only line as nothing', () => {
    expect(parseShellLine('# On local and operator installs:').items).toEqual([]);
    expect(parseShellLine('   ').items).toEqual([]);
  });
});

describe('parseShellLine: the example scripts (reference §1.2)', () => {
  const vars = { VTDATAROOT: '/vt/vtdataroot', uid: '100' };

  it('parses leading environment assignments', () => {
    expect(one('CELL=zone1 KEYSPACE=crm SHARD=0 TABLET_UID=500 ../common/scripts/vttablet-up.sh')).toEqual({
      env: { CELL: 'zone1', KEYSPACE: 'crm', SHARD: '0', TABLET_UID: '500' },
      argv: ['../common/scripts/vttablet-up.sh'],
      background: false,
    });
  });

  it('expands ${VAR:-default} inside a double-quoted --flag=value', () => {
    expect(argv('vtctldclient CreateKeyspace --sidecar-db-name="${SIDECAR_DB_NAME:-_vt}" --durability-policy=semi_sync commerce')).toEqual([
      'vtctldclient',
      'CreateKeyspace',
      '--sidecar-db-name=_vt',
      '--durability-policy=semi_sync',
      'commerce',
    ]);
    expect(argv('echo "${SIDECAR_DB_NAME:-_vt}"', { SIDECAR_DB_NAME: 'sc' })).toEqual(['echo', 'sc']);
  });

  it('evaluates $((...)) arithmetic', () => {
    expect(argv('mysqlctl --tablet_uid $uid --mysql_port $((17000+uid)) init', vars)).toEqual([
      'mysqlctl',
      '--tablet_uid',
      '100',
      '--mysql_port',
      '17100',
      'init',
    ]);
    expect(argv('echo $(( (2 + 3) * -4 % 7 )) $((uid / 3))', vars)).toEqual(['echo', '-6', '33']);
    expect(syntaxError('echo $((1 / 0))').message).toMatch(/division by 0/);
    expect(syntaxError('echo $((1 +))').message).toMatch(/syntax error/);
  });

  it('parses the helper pipelines', () => {
    const list = parseShellLine("vtctldclient GetTablets --keyspace ks --shard 0 | grep -w primary | awk '{print $1}'");
    expect(list.items).toHaveLength(1);
    expect(list.items[0]?.pipeline.commands.map((c) => c.argv)).toEqual([
      ['vtctldclient', 'GetTablets', '--keyspace', 'ks', '--shard', '0'],
      ['grep', '-w', 'primary'],
      ['awk', '{print $1}'],
    ]);
  });

  it('keeps quotes and globs of the scripts as words', () => {
    expect(argv("vtctldclient Reshard --workflow cust2cust --target-keyspace customer create --source-shards '0' --target-shards '-80,80-'")).toEqual([
      'vtctldclient',
      'Reshard',
      '--workflow',
      'cust2cust',
      '--target-keyspace',
      'customer',
      'create',
      '--source-shards',
      '0',
      '--target-shards',
      '-80,80-',
    ]);
    expect(argv('vtctldclient BackupShard "customer/-80"')).toEqual(['vtctldclient', 'BackupShard', 'customer/-80']);
    expect(argv('rm -r $VTDATAROOT/*', vars)).toEqual(['rm', '-r', '/vt/vtdataroot/*']);
    expect(argv('alias mysql="command mysql --no-defaults -h 127.0.0.1 -P 15306 --binary-as-hex=false"')).toEqual([
      'alias',
      'mysql=command mysql --no-defaults -h 127.0.0.1 -P 15306 --binary-as-hex=false',
    ]);
  });
});

describe('parseShellLine: quoting and expansion', () => {
  it('concatenates mixed quoting in one word', () => {
    expect(argv(`echo a"b c"'d e'f`)).toEqual(['echo', 'ab cd ef']);
    expect(argv(`echo 'it'"'"'s'`)).toEqual(['echo', "it's"]);
  });

  it('applies backslash rules outside and inside double quotes', () => {
    expect(argv('echo a\\ b \\$X \\\\')).toEqual(['echo', 'a b', '$X', '\\']);
    expect(argv('echo "a\\"b" "\\$X" "\\n"', { X: 'x' })).toEqual(['echo', 'a"b', '$X', '\\n']);
    expect(argv("echo 'a\\nb'")).toEqual(['echo', 'a\\nb']);
  });

  it("reads $'...' ANSI-C strings", () => {
    expect(argv("echo $'a\\tb\\n' $'it\\'s'")).toEqual(['echo', 'a\tb\n', "it's"]);
  });

  it('expands variables, unknown ones to nothing', () => {
    const vars = { X: 'a b', E: '' };
    expect(argv('echo $X "$X" \'$X\' ${X} $UNSET "" $E "$E"', vars)).toEqual(['echo', 'a', 'b', 'a b', '$X', 'a', 'b', '', '']);
    expect(argv('echo pre${X}post', { X: 'x' })).toEqual(['echo', 'prexpost']);
    expect(argv('echo $ $/ ${#X}', { X: 'four' })).toEqual(['echo', '$', '$/', '4']);
    expect(argv('echo ${U-d1} ${E-d2} ${E:-d3} ${X:+alt} ${U:+alt}', vars)).toEqual(['echo', 'd1', 'd3', 'alt']);
    expect(argv('echo ${U:-a b} ${U:-"a b"} "${U:-a  b}" ${U:-$X}', vars)).toEqual(['echo', 'a', 'b', 'a b', 'a  b', 'a', 'b']);
    expect(argv('echo ${U:=set} $U')).toEqual(['echo', 'set', 'set']);
  });

  it('does not expand an assignment-looking word after the command name', () => {
    expect(one('export A=1').env).toEqual({});
    expect(argv('export A=1')).toEqual(['export', 'A=1']);
    expect(argv('"A=1" cmd')).toEqual(['A=1', 'cmd']);
  });

  it('lets a bare assignment set a variable for later commands on the line', () => {
    const list = parseShellLine('A=1; echo $A && B=2 echo $B');
    expect(list.items.map((i) => i.pipeline.commands[0]?.argv)).toEqual([[], ['echo', '1'], ['echo']]);
    expect(list.items[2]?.pipeline.commands[0]?.env).toEqual({ B: '2' });
  });

  it('keeps an assignment value with quotes and expansions unsplit', () => {
    expect(one('A="x y" B=$X C= cmd', { X: 'p q' }).env).toEqual({ A: 'x y', B: 'p q', C: '' });
  });

  it('treats # as a comment only at the start of a word', () => {
    expect(argv("echo a#b # it's a comment")).toEqual(['echo', 'a#b']);
    expect(argv('echo "# not a comment"')).toEqual(['echo', '# not a comment']);
  });

  it('joins backslash-newline continuations', () => {
    expect(argv('vtctldclient MoveTables \\\n  --workflow wf \\\n  show')).toEqual(['vtctldclient', 'MoveTables', '--workflow', 'wf', 'show']);
    expect(argv('echo "a\\\nb"')).toEqual(['echo', 'ab']);
  });

  it('keeps newlines inside quotes (a multi-line JSON vschema)', () => {
    expect(argv("vtctldclient ApplyVSchema --vschema '{\n  \"sharded\": true\n}' customer")).toEqual([
      'vtctldclient',
      'ApplyVSchema',
      '--vschema',
      '{\n  "sharded": true\n}',
      'customer',
    ]);
  });

  it('expands ~ to $HOME at the start of a word only', () => {
    expect(argv('ls ~/x ~ a~', { HOME: '/home/me' })).toEqual(['ls', '/home/me/x', '/home/me', 'a~']);
    expect(argv('ls ~/x')).toEqual(['ls', '~/x']);
  });
});

describe('parseShellLine: operators and redirects', () => {
  it('builds the command list with its operators', () => {
    const list = parseShellLine('a | b && c || d; e');
    expect(list.items.map((i) => [i.pipeline.commands.map((c) => c.argv[0]), i.op])).toEqual([
      [['a', 'b'], '&&'],
      [['c'], '||'],
      [['d'], ';'],
      [['e'], 'end'],
    ]);
  });

  it('splits operators written without blanks', () => {
    const list = parseShellLine('a|b&&c;d');
    expect(list.items.map((i) => i.pipeline.commands.map((c) => c.argv[0]))).toEqual([['a', 'b'], ['c'], ['d']]);
  });

  it('ends the list cleanly after a trailing ; or &', () => {
    expect(parseShellLine('a ;').items.map((i) => i.op)).toEqual(['end']);
    const list = parseShellLine('a && b & c');
    expect(list.items.map((i) => [i.pipeline.commands[0]?.argv[0], i.op, i.pipeline.commands[0]?.background])).toEqual([
      ['a', '&&', true],
      ['b', ';', true],
      ['c', 'end', false],
    ]);
  });

  it('reads output redirects, appends and fd duplications', () => {
    expect(one('cmd > out.txt')).toMatchObject({ argv: ['cmd'], stdoutFile: 'out.txt' });
    expect(one('cmd >> out.txt')).toMatchObject({ stdoutFile: 'out.txt', appendStdout: true });
    expect(one('cmd >out 2>&1')).toMatchObject({ stdoutFile: 'out', stderrToStdout: true });
    expect(one('cmd 2>err.log')).toMatchObject({ stderrFile: 'err.log' });
    expect(one('cmd 2>>err.log')).toMatchObject({ stderrFile: 'err.log', appendStderr: true });
    expect(one('cmd &> all.log')).toMatchObject({ stdoutFile: 'all.log', stderrToStdout: true });
    expect(one('cmd >&2')).toMatchObject({ stdoutToStderr: true });
    expect(one('< in.sql mysql')).toMatchObject({ argv: ['mysql'], stdinFile: 'in.sql' });
    expect(one('echo a2>f')).toMatchObject({ argv: ['echo', 'a2'], stdoutFile: 'f' });
    expect(one('cmd >|f')).toMatchObject({ stdoutFile: 'f' });
  });

  it('expands redirect targets and rejects ambiguous ones', () => {
    expect(one('mysql < $F', { F: 'x.sql' }).stdinFile).toBe('x.sql');
    expect(syntaxError('mysql < $UNSET').message).toBe('$UNSET: ambiguous redirect');
    expect(syntaxError('mysql < $F', { F: 'a b' }).message).toBe('$F: ambiguous redirect');
  });

  it('merges stderr into a pipe with |&', () => {
    const list = parseShellLine('a |& b');
    expect(list.items[0]?.pipeline.commands[0]).toMatchObject({ argv: ['a'], stderrToStdout: true });
  });
});

describe('parseShellLine: errors', () => {
  it.each([
    ['echo "abc', `unexpected EOF while looking for matching '"'`],
    ["echo 'abc", `unexpected EOF while looking for matching '''`],
    ["echo $'abc", `unexpected EOF while looking for matching '''`],
    ['echo ${X', `unexpected EOF while looking for matching '}'`],
    ['| a', `syntax error near unexpected token '|'`],
    ['a | | b', `syntax error near unexpected token '|'`],
    ['a && && b', `syntax error near unexpected token '&&'`],
    ['; a', `syntax error near unexpected token ';'`],
    ['a ;; b', `syntax error near unexpected token ';;'`],
    ['a & ; b', `syntax error near unexpected token ';'`],
    ['a )', `syntax error near unexpected token ')'`],
    ['a |', 'syntax error: unexpected end of file'],
    ['a &&', 'syntax error: unexpected end of file'],
    ['mysql <', `syntax error near unexpected token 'newline'`],
    ['mysql < | x', `syntax error near unexpected token '|'`],
    ['echo ${X%y}', 'the expansion ${X%y} is not supported by vtsim'],
    ['echo ${}', '${}: bad substitution'],
    ['echo ${X:?must be set}', 'X: must be set'],
  ])('%s', (line, message) => {
    expect(syntaxError(line).message).toBe(message);
  });

  it('flags valid bash that vtsim does not run as unsupported', () => {
    for (const line of ['echo $(date)', 'echo `date`', '(cd x)', 'cat <<<word', 'diff <(a) b', 'cmd 3>x']) {
      const e = syntaxError(line);
      expect(e.unsupported, line).toBe(true);
      expect(e.message).toMatch(/not supported by vtsim$/);
    }
    expect(syntaxError('a |').unsupported).toBe(false);
  });
});

describe('parseShellLine: here-documents', () => {
  it('gives the document lines to the command as stdin, expanding $VAR unless the delimiter is quoted', () => {
    const cmd = one('cat > v.json <<EOF\n{ "ks": "$KS", "n": $((1 + 2)) }\n\\$KS \\\\ \'q\'\nEOF', { KS: 'sales' });
    expect(cmd.argv).toEqual(['cat']);
    expect(cmd.stdoutFile).toBe('v.json');
    expect(cmd.stdinText).toBe('{ "ks": "sales", "n": 3 }\n$KS \\ \'q\'\n');
    for (const delim of ["'EOF'", '"EOF"', 'E\\OF', "E'O'F"]) {
      expect(one(`cat <<${delim}\n$KS \\$X\nEOF`, { KS: 'sales' }).stdinText, delim).toBe('$KS \\$X\n');
    }
  });

  it('strips leading tabs for <<-, from the lines and the delimiter line', () => {
    expect(one('cat <<-END\n\t\tone\n  two\n\tEND').stdinText).toBe('one\n  two\n');
    // Without the dash, a tab-indented delimiter is just a line of the document.
    expect(one('cat <<END\n\tEND\nEND').stdinText).toBe('\tEND\n');
  });

  it('reads the document after the whole line, whatever follows the operator', () => {
    const list = parseShellLine('cat <<EOF > out.txt; echo done\nbody # not a comment\nEOF\necho next');
    const cmds = list.items.map((i) => i.pipeline.commands[0] as SimpleCommand);
    expect(cmds.map((c) => c.argv)).toEqual([['cat'], ['echo', 'done'], ['echo', 'next']]);
    expect(cmds[0]?.stdinText).toBe('body # not a comment\n');
    expect(cmds[0]?.stdoutFile).toBe('out.txt');
    expect(list.warnings).toEqual([]);
    // Two documents on one line are read one after the other; in a pipeline the first command keeps its own.
    const two = parseShellLine('cat <<A | cat <<B\na\nA\nb\nB');
    expect(two.items[0]?.pipeline.commands.map((c) => c.stdinText)).toEqual(['a\n', 'b\n']);
  });

  it('lets the last input redirection win, as bash does', () => {
    expect(one('cat < f.txt <<EOF\nx\nEOF')).toMatchObject({ stdinText: 'x\n' });
    expect(one('cat <<EOF < f.txt\nx\nEOF').stdinText).toBeUndefined();
    expect(one('cat <<EOF < f.txt\nx\nEOF').stdinFile).toBe('f.txt');
  });

  it('warns about a document delimited by end-of-file and runs it to the end', () => {
    const list = parseShellLine('echo a\ncat <<EOF\nno end\nEOF ');
    expect(list.items[1]?.pipeline.commands[0]?.stdinText).toBe('no end\nEOF \n');
    expect(list.warnings).toEqual(["warning: here-document at line 2 delimited by end-of-file (wanted 'EOF')"]);
    expect(parseShellLine('cat <<EOF').items[0]?.pipeline.commands[0]?.stdinText).toBe('');
  });

  it('reports a missing delimiter word as bash does', () => {
    expect(syntaxError('cat <<').message).toBe("syntax error near unexpected token 'newline'");
    expect(syntaxError('cat << | x').message).toBe("syntax error near unexpected token '|'");
    expect(syntaxError("cat <<'EOF").message).toBe(`unexpected EOF while looking for matching '''`);
    expect(syntaxError('cat <<EOF\n`date`\nEOF').unsupported).toBe(true);
  });
});

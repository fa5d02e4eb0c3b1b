import { describe, expect, it } from 'vitest';
import { MysqlArgsError, parseMysqlArgs } from '../../../src/commands/cli-kit/mysql-args.js';
import { parseShellLine } from '../../../src/commands/cli-kit/shell-line.js';

/** The mysql arguments of a shell line, as the shell hands them over. */
function words(line: string): string[] {
  return (parseShellLine(line).items[0]?.pipeline.commands[0]?.argv ?? []).slice(1);
}

const parse = (line: string) => parseMysqlArgs(words(line));

function failure(line: string): MysqlArgsError {
  try {
    parse(line);
  } catch (e) {
    expect(e).toBeInstanceOf(MysqlArgsError);
    return e as MysqlArgsError;
  }
  throw new Error(`no error for ${line}`);
}

describe('parseMysqlArgs: the lines of the docs', () => {
  it('mysql with no options', () => {
    const o = parse('mysql');
    expect(o).toMatchObject({ table: false, batch: false, silent: false, force: false, lineNumbers: true, columnNames: true, warnings: [] });
    expect(o.execute).toBeUndefined();
    expect(o.database).toBeUndefined();
  });

  it('mysql --table and mysql -e "show vitess_tablets"', () => {
    expect(parse('mysql --table').table).toBe(true);
    expect(parse('mysql -e "show vitess_tablets"').execute).toBe('show vitess_tablets');
  });

  it('the env.sh alias expansion', () => {
    const o = parse('mysql --no-defaults -h 127.0.0.1 -P 15306 --binary-as-hex=false --table');
    expect(o).toMatchObject({ noDefaults: true, host: '127.0.0.1', port: 15306, binaryAsHex: false, table: true });
  });
});

describe('parseMysqlArgs: option forms', () => {
  it('reads -e in all its spellings', () => {
    for (const line of ["mysql -e 'select 1'", "mysql -e'select 1'", "mysql --execute='select 1'", "mysql --execute 'select 1'"]) {
      expect(parse(line).execute, line).toBe('select 1');
    }
  });

  it('takes the next word as the value even if it starts with a dash', () => {
    expect(parse('mysql -e --table').execute).toBe('--table');
    expect(parse('mysql --user -x').user).toBe('-x');
  });

  it('bundles short options until one takes a value', () => {
    const o = parse("mysql -tBe 'select 1'");
    expect(o).toMatchObject({ table: true, batch: true, silent: true, silentLevel: 1, execute: 'select 1' });
    expect(parse('mysql -vvv').verbose).toBe(3);
    expect(parse('mysql -ss -B').silentLevel).toBe(2);
    expect(parse('mysql -NEc').skipColumnNames).toBe(true);
    expect(parse('mysql -uroot -hhost -P15306 -Dcommerce')).toMatchObject({ user: 'root', host: 'host', port: 15306, database: 'commerce' });
  });

  it('reads host, port, user and database in long and short forms', () => {
    expect(parse('mysql --host=h --port=3306 --user=u --database=d')).toMatchObject({ host: 'h', port: 3306, user: 'u', database: 'd' });
    expect(parse('mysql -h h -P 3306 -u u -D d')).toMatchObject({ host: 'h', port: 3306, user: 'u', database: 'd' });
  });

  it('takes a positional database, which wins over -D', () => {
    expect(parse('mysql commerce').database).toBe('commerce');
    expect(parse('mysql -D a b').database).toBe('b');
    expect(parse('mysql -- -odd').database).toBe('-odd');
  });

  it('reads -p only attached, and warns about passwords on the command line', () => {
    const attached = parse('mysql -psecret');
    expect(attached).toMatchObject({ password: 'secret', passwordPrompt: false });
    expect(attached.warnings).toEqual(['mysql: [Warning] Using a password on the command line interface can be insecure.']);
    const prompt = parse('mysql -p commerce');
    expect(prompt).toMatchObject({ passwordPrompt: true, database: 'commerce', warnings: [] });
    expect(prompt.password).toBeUndefined();
    expect(parse('mysql --password=pw').password).toBe('pw');
    expect(parse('mysql --password=')).toMatchObject({ password: '', passwordPrompt: false });
    // --password takes no separate value: the next word is the database, and the client prompts.
    expect(parse('mysql --password pw')).toMatchObject({ passwordPrompt: true, database: 'pw' });
    expect(parse('mysql --skip-password').password).toBe('');
  });

  it('-e turns --force off when it comes after it', () => {
    expect(parse("mysql -f -e 'select 1'").force).toBe(false);
    expect(parse("mysql -e 'select 1' -f").force).toBe(true);
    expect(parse("mysql -e 'select 1' -f -e 'select 2'").force).toBe(true);
  });

  it('joins several -e with a space, as the client does', () => {
    expect(parse("mysql -e 'select 1;' -e 'select 2'").execute).toBe('select 1; select 2');
  });

  it('reads switches with values and the skip/disable/enable/loose prefixes', () => {
    expect(parse('mysql --table=0').table).toBe(false);
    expect(parse('mysql --table=ON').table).toBe(true);
    expect(parse('mysql --skip-table').table).toBe(false);
    expect(parse('mysql --skip-table=0').table).toBe(true);
    expect(parse('mysql --comments').comments).toBe(true);
    expect(parse('mysql -c --disable-comments').comments).toBe(false);
    expect(parse('mysql --enable-comments').comments).toBe(true);
    expect(parse('mysql --skip-column-names').skipColumnNames).toBe(true);
    expect(parse('mysql --column-names=0')).toMatchObject({ columnNames: false, skipColumnNames: true });
    expect(parse('mysql --skip_column_names --binary_as_hex').binaryAsHex).toBe(true);
    expect(parse('mysql --loose-table').table).toBe(true);
    expect(parse('mysql --vertical --force --show-warnings')).toMatchObject({ vertical: true, force: true, showWarnings: true });
    expect(parse('mysql --skip-line-numbers').lineNumbers).toBe(false);
  });

  it('keeps options it has no use for', () => {
    expect(parse('mysql --ssl-mode=DISABLED --protocol tcp --compress').other).toEqual({ 'ssl-mode': 'DISABLED', protocol: 'tcp', compress: true });
  });

  it('accepts the option-file options anywhere', () => {
    expect(parse('mysql -h x --no-defaults').noDefaults).toBe(true);
    expect(parse('mysql --defaults-file=/etc/my.cnf').noDefaults).toBe(true);
  });

  it('warns and goes on for an unknown loose option or a bad switch value', () => {
    expect(parse('mysql --loose-frobnicate').warnings).toEqual(["mysql: [Warning] unknown option '--loose-frobnicate'."]);
    const o = parse('mysql --table=maybe');
    expect(o.table).toBe(false);
    expect(o.warnings).toEqual(["mysql: [Warning] mysql: ignoring option '--table' due to invalid value 'maybe'."]);
  });

  it('accepts port suffixes and clamps, as my_getopt does', () => {
    expect(parse('mysql -P 1k').port).toBe(1024);
    const big = parse('mysql -P 99999999999');
    expect(big.port).toBe(4294967295);
    expect(big.warnings).toEqual(["mysql: [Warning] option 'port': unsigned value 99999999999 adjusted to 4294967295."]);
  });

  it('stops at --help and --version', () => {
    expect(parse('mysql --help --bogus').help).toBe(true);
    expect(parse('mysql -? ').help).toBe(true);
    expect(parse('mysql -I').help).toBe(true);
    expect(parse('mysql -V -x').version).toBe(true);
  });
});

describe('parseMysqlArgs: errors (MySQL 8.0 client texts)', () => {
  it.each([
    ['mysql --foo', "mysql: [ERROR] unknown option '--foo'.", 2],
    ['mysql --foo=bar', "mysql: [ERROR] unknown variable 'foo=bar'.", 7],
    ['mysql --tab', "mysql: [ERROR] unknown option '--tab'.", 2],
    ['mysql -x', "mysql: [ERROR] mysql: unknown option '-x'.", 2],
    ['mysql -tx', "mysql: [ERROR] mysql: unknown option '-x'.", 2],
    ['mysql -e', "mysql: [ERROR] mysql: option '-e' requires an argument.", 5],
    ['mysql --execute', "mysql: [ERROR] mysql: option '--execute' requires an argument.", 5],
    ['mysql --batch=1', "mysql: [ERROR] mysql: option '--batch' cannot take an argument.", 4],
    ['mysql --skip-batch', "mysql: [ERROR] mysql: option '--batch' cannot take an argument.", 4],
    [
      'mysql -P abc',
      "mysql: [ERROR] Unknown suffix 'a' used for variable 'port' (value 'abc').\nmysql: [ERROR] mysql: Error while setting value 'abc' to 'port'.",
      9,
    ],
    ["mysql --port=''", "mysql: [ERROR] mysql: Empty value for 'port' specified.", 5],
    ['mysql -#', "mysql: [ERROR] mysql: Option '-#' was used, but is disabled.", 12],
    ['mysql --debug-info', "mysql: [ERROR] mysql: Option 'debug-info' was used, but is disabled.", 12],
    ['mysql --maximum-port=5', "mysql: [ERROR] mysql: Maximum value of 'port' cannot be set.", 10],
  ])('%s', (line, message, exitCode) => {
    const e = failure(line);
    expect(e.message).toBe(message);
    expect(e.exitCode).toBe(exitCode);
    expect(e.showUsage).toBe(false);
  });

  it('more than one database name: the client prints its usage and exits 1', () => {
    const e = failure('mysql a b');
    expect(e.showUsage).toBe(true);
    expect(e.exitCode).toBe(1);
  });
});

// The options of MySQL 8.0's `mysql` client, as its my_long_options table declares them: long name,
// short letter, and how my_getopt reads the value. Options it has no use for in a simulation are still
// listed so that command lines from the docs are accepted.
// Mirrors mysql-server client/mysql.cc (my_long_options), include/sslopt-longopts.h and
// include/caching_sha2_passwordopt-longopts.h.

/** my_option var_type/arg_type combinations the client uses. */
export type Kind =
  | 'bool' // GET_BOOL, NO_ARG: a switch that also takes =value (on/off/true/false/1/0)
  | 'optbool' // GET_BOOL, OPT_ARG
  | 'noarg' // GET_NO_ARG: an action; `=value` is an error
  | 'str' // REQUIRED_ARG string
  | 'optstr' // OPT_ARG string (--password, --pager)
  | 'uint' // REQUIRED_ARG unsigned number (with k/m/g... suffixes)
  | 'disabled'; // GET_DISABLED: debug options of a release (DBUG_OFF) build

export interface OptionDef {
  name: string;
  short?: string;
  kind: Kind;
}

export const OPTIONS: OptionDef[] = [
  { name: 'help', short: '?', kind: 'noarg' },
  { name: 'help', short: 'I', kind: 'noarg' },
  { name: 'auto-rehash', kind: 'bool' },
  { name: 'no-auto-rehash', short: 'A', kind: 'noarg' },
  { name: 'auto-vertical-output', kind: 'bool' },
  { name: 'batch', short: 'B', kind: 'noarg' },
  { name: 'bind-address', kind: 'str' },
  { name: 'binary-as-hex', kind: 'bool' },
  { name: 'character-sets-dir', kind: 'str' },
  { name: 'column-type-info', kind: 'bool' },
  { name: 'comments', short: 'c', kind: 'bool' },
  { name: 'compress', short: 'C', kind: 'bool' },
  { name: 'debug', short: '#', kind: 'disabled' },
  { name: 'debug-check', kind: 'disabled' },
  { name: 'debug-info', short: 'T', kind: 'disabled' },
  { name: 'database', short: 'D', kind: 'str' },
  { name: 'default-character-set', kind: 'str' },
  { name: 'delimiter', kind: 'str' },
  { name: 'enable_cleartext_plugin', kind: 'optbool' },
  { name: 'execute', short: 'e', kind: 'str' },
  { name: 'vertical', short: 'E', kind: 'bool' },
  { name: 'force', short: 'f', kind: 'bool' },
  { name: 'histignore', kind: 'str' },
  { name: 'named-commands', short: 'G', kind: 'bool' },
  { name: 'ignore-spaces', short: 'i', kind: 'bool' },
  { name: 'init-command', kind: 'str' },
  { name: 'local-infile', kind: 'optbool' },
  { name: 'no-beep', short: 'b', kind: 'bool' },
  { name: 'host', short: 'h', kind: 'str' },
  { name: 'html', short: 'H', kind: 'bool' },
  { name: 'xml', short: 'X', kind: 'bool' },
  { name: 'line-numbers', kind: 'bool' },
  { name: 'skip-line-numbers', short: 'L', kind: 'noarg' },
  { name: 'unbuffered', short: 'n', kind: 'bool' },
  { name: 'column-names', kind: 'bool' },
  { name: 'skip-column-names', short: 'N', kind: 'noarg' },
  { name: 'sigint-ignore', kind: 'bool' },
  { name: 'one-database', short: 'o', kind: 'noarg' },
  { name: 'pager', kind: 'optstr' },
  { name: 'password', short: 'p', kind: 'optstr' },
  { name: 'port', short: 'P', kind: 'uint' },
  { name: 'prompt', kind: 'str' },
  { name: 'protocol', kind: 'str' },
  { name: 'quick', short: 'q', kind: 'bool' },
  { name: 'raw', short: 'r', kind: 'bool' },
  { name: 'reconnect', kind: 'bool' },
  { name: 'checksum', kind: 'bool' },
  { name: 'silent', short: 's', kind: 'noarg' },
  { name: 'socket', short: 'S', kind: 'str' },
  { name: 'server-public-key-path', kind: 'str' },
  { name: 'get-server-public-key', kind: 'bool' },
  { name: 'ssl-mode', kind: 'str' },
  { name: 'ssl-ca', kind: 'str' },
  { name: 'ssl-capath', kind: 'str' },
  { name: 'ssl-cert', kind: 'str' },
  { name: 'ssl-cipher', kind: 'str' },
  { name: 'ssl-key', kind: 'str' },
  { name: 'ssl-crl', kind: 'str' },
  { name: 'ssl-crlpath', kind: 'str' },
  { name: 'tls-version', kind: 'str' },
  { name: 'tls-ciphersuites', kind: 'str' },
  { name: 'ssl-fips-mode', kind: 'str' },
  { name: 'ssl-session-data', kind: 'str' },
  { name: 'ssl-session-data-continue-on-failed-reuse', kind: 'bool' },
  { name: 'tls-sni-servername', kind: 'str' },
  { name: 'table', short: 't', kind: 'bool' },
  { name: 'tee', kind: 'str' },
  { name: 'user', short: 'u', kind: 'str' },
  { name: 'safe-updates', short: 'U', kind: 'bool' },
  { name: 'i-am-a-dummy', short: 'U', kind: 'bool' },
  { name: 'verbose', short: 'v', kind: 'noarg' },
  { name: 'version', short: 'V', kind: 'noarg' },
  { name: 'wait', short: 'w', kind: 'noarg' },
  { name: 'connect_timeout', kind: 'uint' },
  { name: 'max_allowed_packet', kind: 'uint' },
  { name: 'net_buffer_length', kind: 'uint' },
  { name: 'select_limit', kind: 'uint' },
  { name: 'max_join_size', kind: 'uint' },
  { name: 'show-warnings', kind: 'bool' },
  { name: 'syslog', short: 'j', kind: 'noarg' },
  { name: 'plugin_dir', kind: 'str' },
  { name: 'default_auth', kind: 'str' },
  { name: 'binary-mode', kind: 'bool' },
  { name: 'connect-expired-password', kind: 'bool' },
  { name: 'network-namespace', kind: 'str' },
  { name: 'compression-algorithms', kind: 'str' },
  { name: 'zstd-compression-level', kind: 'uint' },
];

/** Option-file options my_load_defaults consumes before my_getopt sees the command line. */
export const DEFAULTS_OPTIONS = ['no-defaults', 'defaults-file', 'defaults-extra-file', 'defaults-group-suffix', 'login-path', 'print-defaults'];

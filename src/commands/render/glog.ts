// The glog line vtctldclient writes to stderr when a command fails:
// `E1008 18:52:57.525791   19246 main.go:56] rpc error: code = Unknown desc = <message>`.
// Mirrors github.com/golang/glog's header (severity letter, MMDD, hh:mm:ss.micros, thread id in 7
// columns, file:line]) and go/cmd/vtctldclient/main.go, whose log.Error(err) sits at line 60 at HEAD.
// Times come from the virtual clock and are shown in UTC (glog uses the local zone).

export type GlogSeverity = 'I' | 'W' | 'E' | 'F';

export interface GlogSource {
  /** The process id glog prints as the thread id. */
  pid?: number;
  file?: string;
  line?: number;
}

/** The vtctldclient defaults: the sample pid from the Vitess docs and main.go:60. */
const DEFAULT_PID = 19246;
const DEFAULT_FILE = 'main.go';
const DEFAULT_LINE = 60;

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** One glog line, without the trailing newline glog adds. */
export function glogLine(severity: GlogSeverity, message: string, atMs: number, source: GlogSource = {}): string {
  const d = new Date(atMs);
  const micros = String(d.getUTCMilliseconds() * 1000).padStart(6, '0');
  // glog writes exactly seven characters for the id: space-padded, or its last seven digits.
  const pid = String(source.pid ?? DEFAULT_PID).slice(-7).padStart(7, ' ');
  const file = source.file ?? DEFAULT_FILE;
  const line = source.line ?? DEFAULT_LINE;
  const date = `${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}`;
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${micros}`;
  return `${severity}${date} ${time} ${pid} ${file}:${line}] ${message}`;
}

/** `E0115 09:00:00.000000   19246 main.go:60] <message>`. */
export function glogErrorLine(message: string, atMs: number, pid = DEFAULT_PID): string {
  return glogLine('E', message, atMs, { pid });
}

/**
 * A server-side error as vtctldclient reports it. vtctld does not map its errors to gRPC codes, so
 * the code is `Unknown` unless the caller knows better.
 */
export function vtctldRpcErrorLine(message: string, atMs: number, code = 'Unknown', pid = DEFAULT_PID): string {
  return glogErrorLine(`rpc error: code = ${code} desc = ${message}`, atMs, pid);
}

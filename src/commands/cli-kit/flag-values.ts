// pflag's typed flag values: how each FlagType reads a command-line string (Value.Set, with pflag's and
// strconv's exact error texts), what its default prints as in help (DefValue), whether that default is
// the type's zero value (then help omits it), and the type name help shows.
// Mirrors spf13/pflag's bool.go, string.go, int*.go, uint*.go, float*.go, duration.go, string_slice.go
// and flag.go (defaultIsZeroValue, UnquoteUsage).

import { goQuote } from '../render/go-string.js';
import { durationString, GoValueError, parseGoDuration } from '../../common/go-duration.js';
import { readCsvRecord, writeCsvRecord } from './go-csv.js';
import { formatGoFloat, parseGoBool, parseGoFloat, parseGoInt, parseGoUint } from './go-strconv.js';
import type { FlagSpec, FlagType, FlagValue } from './spec.js';

/** The value a flag has when not given: the spec's default or the type's zero value. */
export function defaultFlagValue(spec: FlagSpec): FlagValue {
  if (spec.default !== undefined) return Array.isArray(spec.default) ? [...spec.default] : spec.default;
  switch (spec.type) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'strings':
    case 'stringArray':
      return [];
    default:
      return 0;
  }
}

/** Bools take no value (`--dry-run`); pflag calls this NoOptDefVal = "true". */
export function isBoolFlag(spec: FlagSpec): boolean {
  return spec.type === 'bool';
}

function setInt(type: FlagType, raw: string): number {
  switch (type) {
    case 'int':
    case 'int64':
      return Number(parseGoInt(raw, 64));
    case 'int32':
      return Number(parseGoInt(raw, 32));
    case 'uint':
    case 'uint64':
      return Number(parseGoUint(raw, 64));
    case 'uint32':
      return Number(parseGoUint(raw, 32));
    default:
      throw new Error(`not an integer type: ${type}`);
  }
}

/**
 * pflag's Value.Set: the flag's new value after reading `raw`. `previous`/`alreadySet` matter only for
 * `strings`, which replaces its default on the first occurrence and appends after that.
 * Throws GoValueError with the Value's own message (e.g. `time: invalid duration "abc"`).
 */
export function readFlagValue(spec: FlagSpec, raw: string, previous: FlagValue, alreadySet: boolean): FlagValue {
  switch (spec.type) {
    case 'string':
      return raw;
    case 'bool':
      return parseGoBool(raw);
    case 'duration':
      return parseGoDuration(raw);
    case 'float':
      return parseGoFloat(raw, 64);
    case 'float32':
      return parseGoFloat(raw, 32);
    case 'strings': {
      const values = readCsvRecord(raw);
      return alreadySet && Array.isArray(previous) ? [...previous, ...values] : values;
    }
    case 'stringArray':
      return alreadySet && Array.isArray(previous) ? [...previous, raw] : [raw];
    default:
      return setInt(spec.type, raw);
  }
}

/** pflag's error for a value its Value rejected: `invalid argument "abc" for "--timeout" flag: <why>`. */
export function invalidArgumentMessage(spec: FlagSpec, typedName: string, raw: string, err: unknown): string {
  const why = err instanceof GoValueError || err instanceof Error ? err.message : String(err);
  const flagName = spec.shorthand && typedName === spec.name ? `-${spec.shorthand}, --${spec.name}` : `--${typedName}`;
  return `invalid argument ${goQuote(raw)} for ${goQuote(flagName)} flag: ${why}`;
}

/** pflag's DefValue: the default as its Value.String() prints it (`30s`, `[REPLICA,PRIMARY]`, `text`). */
export function defValueString(spec: FlagSpec): string {
  const v = defaultFlagValue(spec);
  switch (spec.type) {
    case 'bool':
      return v ? 'true' : 'false';
    case 'duration':
      return durationString(Number(v));
    case 'strings':
      return '[' + writeCsvRecord(Array.isArray(v) ? v.map(String) : []) + ']';
    case 'stringArray':
      return '[' + (Array.isArray(v) ? v.map(String).join(',') : '') + ']';
    case 'float':
    case 'float32':
      return formatGoFloat(Number(v));
    case 'string':
      return String(v);
    default:
      return formatInt(Number(v), spec.type);
  }
}

const INT_RANGE: Partial<Record<FlagType, [bigint, bigint]>> = {
  int32: [-(1n << 31n), (1n << 31n) - 1n],
  uint: [0n, (1n << 64n) - 1n],
  uint32: [0n, (1n << 32n) - 1n],
  uint64: [0n, (1n << 64n) - 1n],
};

/**
 * An integer default as Go prints it. JS numbers cannot hold 2^63 - 1 exactly, so defaults are clamped to
 * the type's range: write Go's math.MaxInt64 as `2 ** 63` and help prints `9223372036854775807`.
 */
function formatInt(v: number, type: FlagType): string {
  const [min, max] = INT_RANGE[type] ?? [-(1n << 63n), (1n << 63n) - 1n];
  const n = BigInt(Math.trunc(v));
  return String(n < min ? min : n > max ? max : n);
}

/** pflag's defaultIsZeroValue: help prints `(default ...)` only when this is false. */
export function isZeroDefault(spec: FlagSpec): boolean {
  const def = defValueString(spec);
  // A custom Value type: pflag falls back to comparing its String() with the usual zero texts.
  if (spec.typeName !== undefined) return ['false', '<nil>', '', '0'].includes(def);
  switch (spec.type) {
    case 'bool':
      return def === 'false';
    case 'duration':
      return def === '0' || def === '0s';
    case 'string':
      return def === '';
    case 'strings':
    case 'stringArray':
      return def === '[]';
    default:
      return def === '0';
  }
}

/** The `(default ...)` suffix help prints after the usage text, or '' (strings are %q-quoted). */
export function defaultSuffix(spec: FlagSpec): string {
  if (isZeroDefault(spec)) return '';
  const def = defValueString(spec);
  const typeName = spec.typeName ?? spec.type;
  return typeName === 'string' ? ` (default ${goQuote(def)})` : ` (default ${def})`;
}

const TYPE_NAMES: Record<FlagType, string> = {
  string: 'string',
  bool: '',
  int: 'int',
  int32: 'int32',
  int64: 'int',
  uint: 'uint',
  uint32: 'uint32',
  uint64: 'uint',
  float: 'float',
  float32: 'float32',
  duration: 'duration',
  strings: 'strings',
  stringArray: 'stringArray',
};

/**
 * pflag's UnquoteUsage: the value name shown after the flag (a back-quoted word in the usage text, else
 * the type name) and the usage text with the back quotes removed.
 */
export function unquoteUsage(spec: FlagSpec): { varname: string; usage: string } {
  const usage = spec.usage;
  const i = usage.indexOf('`');
  if (i >= 0) {
    const j = usage.indexOf('`', i + 1);
    if (j >= 0) {
      const name = usage.slice(i + 1, j);
      return { varname: name, usage: usage.slice(0, i) + name + usage.slice(j + 1) };
    }
  }
  return { varname: spec.typeName ?? TYPE_NAMES[spec.type], usage };
}

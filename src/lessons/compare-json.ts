// Structural comparison of JSON outputs (vtctldclient prints protojson and Go JSON): both sides are
// normalised (key spellings unified, volatile fields masked, keys sorted, unordered arrays sorted)
// and the normalised forms compared as text, so a mismatch diff is a diff of readable JSON.
// No Vitess counterpart.

import type { MaskSet } from './masks.js';
import { JSON_KEY_MASKS, JSON_KEY_SPELLINGS, UNORDERED_ARRAYS, maskText } from './masks.js';

/** What a masked value is replaced with on both sides. */
const MASKED = '<masked>';

/** Parses text as JSON when it looks like a JSON document (an object or an array), else undefined. */
export function parseJsonOutput(text: string): { value: unknown } | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return { value: JSON.parse(trimmed) as unknown };
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when `path` (keys from the root, no indexes) ends with the '/'-separated `suffix`. */
function pathEndsWith(path: readonly string[], suffix: string): boolean {
  const want = suffix.split('/');
  if (want.length > path.length) return false;
  return want.every((k, i) => path[path.length - want.length + i] === k);
}

/**
 * Normalises one value. Arrays compared as multisets are sorted and recorded in `multisets`, so they
 * print one compact element a line and a diff names whole elements.
 */
function normalize(value: unknown, path: readonly string[], masks: MaskSet, multisets: WeakSet<object>): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => normalize(v, path, masks, multisets));
    const field = path[path.length - 1];
    const unordered = UNORDERED_ARRAYS.some((u) => u.field === field && u.when(items));
    if (unordered) {
      const keyed = items.map((item) => ({ key: JSON.stringify(item), item }));
      keyed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
      const sorted = keyed.map((k) => k.item);
      multisets.add(sorted);
      return sorted;
    }
    return items;
  }
  if (isRecord(value)) {
    const entries: Array<[string, unknown]> = [];
    for (const [rawKey, child] of Object.entries(value)) {
      const key = JSON_KEY_SPELLINGS[rawKey] ?? rawKey;
      const field = masks.fields.find(
        (f) => f.field === key && (f.under === undefined || pathEndsWith(path, f.under)) && (!f.when || f.when(value)),
      );
      let shownKey = key;
      for (const km of JSON_KEY_MASKS) {
        if (pathEndsWith(path, km.under) && km.pattern.test(key)) shownKey = key.replace(km.pattern, km.replacement);
      }
      entries.push([shownKey, field ? MASKED : normalize(child, [...path, key], masks, multisets)]);
    }
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  }
  if (typeof value === 'string') return maskText(value, masks);
  return value;
}

/** Pretty-prints like JSON.stringify(v, null, 2), except multiset arrays: one compact element a line. */
function pretty(value: unknown, indent: string, multisets: WeakSet<object>): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const compact = multisets.has(value);
    const items = value.map((item) => `${inner}${compact ? JSON.stringify(item) : pretty(item, inner, multisets)}`);
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const lines = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner, multisets)}`);
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The normalised, pretty-printed form of a JSON value, one string per line. */
export function normalizeJson(value: unknown, masks: MaskSet): string[] {
  const multisets = new WeakSet<object>();
  return pretty(normalize(value, [], masks, multisets), '', multisets).split('\n');
}

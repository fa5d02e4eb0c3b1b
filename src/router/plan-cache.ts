// The plan cache: plans by session target and normalized statement, least recently used first out.
// Mirrors go/vt/vtgate/executor.go's plan cache (theine, keyed by the normalized query and the
// target), which vtgate clears whenever a new vschema arrives (VSchemaManager -> executor.SaveVSchema).
// A hit only stamps the entry with a use counter (the hit path of a point query must stay cheap); the
// least recently used entry is found by a scan when the cache overflows, which is rare.

import type { Plan } from './planbuilder/plan.js';

export interface PlanCacheStats {
  size: number;
  hits: number;
  misses: number;
}

interface Entry {
  plan: Plan;
  lastUsed: number;
}

export class PlanCache {
  private readonly map = new Map<string, Entry>();
  private tick = 0;
  private hitCount = 0;
  private missCount = 0;

  constructor(private readonly capacity: number) {}

  /** The key of a statement for a session target (plans depend on both). */
  static key(targetString: string, normalizedSql: string): string {
    return targetString + '\u0000' + normalizedSql;
  }

  get(key: string): Plan | undefined {
    const e = this.map.get(key);
    if (e === undefined) {
      this.missCount++;
      return undefined;
    }
    this.hitCount++;
    e.lastUsed = ++this.tick;
    return e.plan;
  }

  set(key: string, plan: Plan): void {
    this.map.set(key, { plan, lastUsed: ++this.tick });
    if (this.map.size > this.capacity) this.evictLeastRecentlyUsed();
  }

  private evictLeastRecentlyUsed(): void {
    let oldestKey: string | undefined;
    let oldest = Infinity;
    for (const [k, e] of this.map) {
      if (e.lastUsed < oldest) {
        oldest = e.lastUsed;
        oldestKey = k;
      }
    }
    if (oldestKey !== undefined) this.map.delete(oldestKey);
  }

  clear(): void {
    this.map.clear();
  }

  stats(): PlanCacheStats {
    return { size: this.map.size, hits: this.hitCount, misses: this.missCount };
  }

  /** Whether a plan is cached for the key (does not count as a use). */
  has(key: string): boolean {
    return this.map.has(key);
  }
}

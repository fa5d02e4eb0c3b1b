// The plan cache: plans by session target and normalized statement, least recently used first out.
// Mirrors go/vt/vtgate/executor.go's plan cache (theine, keyed by the normalized query and the
// target), which vtgate clears whenever a new vschema arrives (VSchemaManager -> executor.SaveVSchema).

import type { Plan } from './planbuilder/plan.js';

export interface PlanCacheStats {
  size: number;
  hits: number;
  misses: number;
}

export class PlanCache {
  private readonly map = new Map<string, Plan>();
  private hitCount = 0;
  private missCount = 0;

  constructor(private readonly capacity: number) {}

  /** The key of a statement for a session target (plans depend on both). */
  static key(targetString: string, normalizedSql: string): string {
    return targetString + '\u0000' + normalizedSql;
  }

  get(key: string): Plan | undefined {
    const p = this.map.get(key);
    if (p === undefined) {
      this.missCount++;
      return undefined;
    }
    this.hitCount++;
    // Move to the most recent end, unless it is already there.
    if (this.map.size > 1) {
      this.map.delete(key);
      this.map.set(key, p);
    }
    return p;
  }

  set(key: string, plan: Plan): void {
    this.map.delete(key);
    this.map.set(key, plan);
    while (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value as string;
      this.map.delete(oldest);
    }
  }

  clear(): void {
    this.map.clear();
  }

  stats(): PlanCacheStats {
    return { size: this.map.size, hits: this.hitCount, misses: this.missCount };
  }
}

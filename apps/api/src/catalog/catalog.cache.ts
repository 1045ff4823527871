/**
 * A small in-process cache for public catalog listings. Every visitor's start page asks for the
 * same few listings, and a search term shared on social media is typed by hundreds of people in
 * a minute; keeping each answer a few seconds turns those into one query each. Concurrent misses
 * for the same key share one query. Listings are public and already served with `max-age=60`,
 * so a few seconds of staleness (a publish shows up within `ttlMs` on every API process) changes
 * nothing a learner could notice.
 */
export class CatalogCache<T> {
  private readonly entries = new Map<string, { expires: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 500,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  async get(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.enabled) return load();
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    if (hit) this.entries.delete(key);
    const value = load();
    this.entries.set(key, { expires: now + this.ttlMs, value });
    // A failed query is not remembered: the next request tries again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    // Map keeps insertion order: the oldest entry goes first when the cache is full.
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** One key per distinct listing: the validated query's fields in a fixed order. */
export function catalogCacheKey(query: object): string {
  return JSON.stringify(Object.entries(query).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
}

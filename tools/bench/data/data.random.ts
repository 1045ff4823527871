import { createHash } from 'node:crypto';

/**
 * Deterministic randomness for the data generator: every value comes from the seed, so two runs
 * with the same seed write the same rows (ids included) and benchmark figures stay comparable.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: string | number) {
    // FNV-1a of the seed's text, so "2569" and 2569 give the same stream.
    let h = 0x811c9dc5;
    for (const ch of String(seed)) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193);
    this.state = h >>> 0;
  }

  /** mulberry32: fast, 32-bit state, good enough for test data (not for anything secret). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight: `[['a', 3], ['b', 1]]` gives 'a' three times as often as 'b'. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /** A random stream of its own for one generator, independent of how much others drew. */
  fork(name: string): SeededRandom {
    return new SeededRandom(`${this.state}:${name}`);
  }
}

/** A stable UUID (version 4 layout) for the `index`-th row of `kind` under `seed`. */
export function stableUuid(seed: string, kind: string, index: number): string {
  const hex = createHash('sha1').update(`${seed}\0${kind}\0${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

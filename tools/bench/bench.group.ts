import { rawEnv } from '@baanrian/config';
import type { ApiStack } from './bench.stack';
import type { BenchResult } from './bench.stats';

/** What a group gets from the harness. */
export interface BenchContext {
  /** The shared API stack with the bench data (started on first use, stopped at the end). */
  stack(): Promise<ApiStack>;
  /** Measured rounds after the warm-up (BENCH_ROUNDS, default 3). */
  rounds: number;
  /** Seconds per load run (BENCH_SECONDS, default 5). */
  seconds: number;
  log(line: string): void;
}

export interface BenchGroup {
  name: string;
  /** The issue whose benchmarks it runs. */
  issue: number;
  run(context: BenchContext): Promise<BenchResult[]>;
}

export const benchSettings = () => ({
  rounds: Math.max(1, Number(rawEnv('BENCH_ROUNDS') ?? 3)),
  seconds: Math.max(1, Number(rawEnv('BENCH_SECONDS') ?? 5)),
});

/**
 * Runs `variants` once each as a warm-up (discarded), then `rounds` times interleaved
 * (A B C, A B C, …), so slow drifts of a shared machine hit every variant alike.
 */
export async function interleaved<V extends Record<string, () => Promise<unknown>>>(
  rounds: number,
  variants: V,
  log: (line: string) => void,
): Promise<{ [K in keyof V]: Awaited<ReturnType<V[K]>>[] }> {
  type Figures = { [K in keyof V]: Awaited<ReturnType<V[K]>>[] };
  const names = Object.keys(variants) as (keyof V & string)[];
  const figures = Object.fromEntries(names.map((name) => [name, []])) as unknown as Figures;
  log(`warm-up: ${names.join(', ')}`);
  for (const name of names) await variants[name]();
  for (let round = 1; round <= rounds; round++) {
    log(`round ${round}/${rounds}`);
    for (const name of names) figures[name].push((await variants[name]()) as Awaited<ReturnType<V[typeof name]>>);
  }
  return figures;
}

/**
 * The statistics, verdicts and table of `npm run bench`, kept free of I/O so they are unit-tested
 * (tools/bench/bench.stats.spec.ts).
 */

/** The median of the values (mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The p-th percentile (0–100) by the nearest-rank method: the smallest value with at least p % of
 * the values at or below it. Nearest rank never invents a latency nobody saw.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/**
 * What a benchmark must reach. `ratio-max`/`ratio-min` judge ours ÷ baseline (the noisy-machine
 * rule: judge by the ratio); `abs-max` (strictly below) and `abs-min` (at least) judge our own figure, for bars the issues state
 * in ms or as a score;
 * `record` only records the figures.
 */
export type Target =
  | { kind: 'ratio-max'; value: number }
  | { kind: 'ratio-min'; value: number }
  | { kind: 'abs-max'; value: number }
  | { kind: 'abs-min'; value: number }
  | { kind: 'record' };

export type Verdict = 'pass' | 'FAIL' | 'info' | 'skip';

export interface BenchResult {
  group: string;
  name: string;
  unit: string;
  /** Median over the rounds of our figure per round; null when it could not be measured. */
  ours: number | null;
  baseline: number | null;
  baselineLabel: string;
  target: Target;
  verdict: Verdict;
  /** Every round's figures, for the JSON file. */
  rounds: { ours: number[]; baseline: number[] };
  note?: string;
}

export function ratio(ours: number | null, baseline: number | null): number | null {
  if (ours === null || baseline === null || !Number.isFinite(ours) || !Number.isFinite(baseline) || baseline === 0) return null;
  return ours / baseline;
}

export function judge(target: Target, ours: number | null, baseline: number | null): Verdict {
  if (target.kind === 'record') return 'info';
  if (ours === null || !Number.isFinite(ours)) return 'FAIL';
  if (target.kind === 'abs-max') return ours < target.value ? 'pass' : 'FAIL';
  if (target.kind === 'abs-min') return ours >= target.value ? 'pass' : 'FAIL';
  const r = ratio(ours, baseline);
  if (r === null) return 'FAIL';
  return (target.kind === 'ratio-max' ? r <= target.value : r >= target.value) ? 'pass' : 'FAIL';
}

/** Builds a result from per-round figures: medians, ratio and verdict. */
export function summarise(input: Omit<BenchResult, 'ours' | 'baseline' | 'verdict'> & { skipped?: boolean }): BenchResult {
  const { skipped, ...rest } = input;
  const ours = input.rounds.ours.length ? median(input.rounds.ours) : null;
  const baseline = input.rounds.baseline.length ? median(input.rounds.baseline) : null;
  return { ...rest, ours, baseline, verdict: skipped ? 'skip' : judge(input.target, ours, baseline) };
}

export function describeTarget(target: Target, unit: string): string {
  switch (target.kind) {
    case 'ratio-max':
      return `ratio ≤ ${target.value}`;
    case 'ratio-min':
      return `ratio ≥ ${target.value}`;
    case 'abs-max':
      return `< ${target.value} ${unit}`;
    case 'abs-min':
      return `≥ ${target.value}${unit ? ` ${unit}` : ''}`;
    case 'record':
      return 'recorded';
  }
}

const figure = (value: number | null, unit: string) => {
  if (value === null || !Number.isFinite(value)) return '–';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return unit ? `${value.toFixed(digits)} ${unit}` : value.toFixed(digits);
};

/** The results as a Markdown table (printed, and pasted into docs/benchmarks.md). */
export function formatTable(results: readonly BenchResult[]): string {
  const rows = results.map((r) => {
    const x = ratio(r.ours, r.baseline);
    return [
      `${r.group}: ${r.name}`,
      figure(r.ours, r.unit),
      r.baseline === null ? '–' : `${figure(r.baseline, r.unit)} (${r.baselineLabel})`,
      x === null ? '–' : `${x.toFixed(2)}×`,
      describeTarget(r.target, r.unit),
      r.verdict === 'FAIL' ? '**FAIL**' : r.verdict,
    ];
  });
  const header = ['benchmark', 'ours', 'baseline', 'ratio', 'target', 'result'];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Non-zero when any target failed; skipped and recorded rows never fail the run. */
export function exitCode(results: readonly BenchResult[]): number {
  return results.some((r) => r.verdict === 'FAIL') ? 1 : 0;
}

import { interleaved } from './bench.group';
import { BENCH_GROUPS, selectGroups } from './bench.registry';
import { type BenchResult, exitCode, formatTable, judge, median, percentile, summarise } from './bench.stats';

const row = (overrides: Partial<Parameters<typeof summarise>[0]> = {}): BenchResult =>
  summarise({ group: 'courses', name: 'catalog list p95', unit: 'ms', baselineLabel: 'static file', target: { kind: 'ratio-max', value: 2 }, rounds: { ours: [10, 30, 20], baseline: [10, 10, 10] }, ...overrides });

describe('bench statistics', () => {
  it('takes medians of odd and even counts and nearest-rank percentiles', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile([7], 95)).toBe(7);
  });

  it('judges each kind of target by the medians of the rounds', () => {
    // ours: median 20 ms; baseline 10 ms → ratio 2.
    expect(row().verdict).toBe('pass');
    expect(row({ target: { kind: 'ratio-max', value: 1.5 } }).verdict).toBe('FAIL');
    expect(judge({ kind: 'ratio-min', value: 0.35 }, 400, 1000)).toBe('pass');
    expect(judge({ kind: 'ratio-min', value: 0.35 }, 300, 1000)).toBe('FAIL');
    expect(judge({ kind: 'abs-max', value: 50 }, 49.9, null)).toBe('pass');
    expect(judge({ kind: 'abs-max', value: 50 }, 50, null)).toBe('FAIL');
    expect(judge({ kind: 'abs-min', value: 95 }, 95, 100)).toBe('pass');
    expect(judge({ kind: 'record' }, 3000, 90)).toBe('info');
    // A figure that could not be measured fails its target rather than passing silently.
    expect(judge({ kind: 'ratio-max', value: 2 }, 10, null)).toBe('FAIL');
    expect(row({ rounds: { ours: [], baseline: [] } }).verdict).toBe('FAIL');
    expect(row({ rounds: { ours: [], baseline: [5] }, skipped: true }).verdict).toBe('skip');
  });

  it('prints one table row per benchmark with ours, baseline, ratio, target and verdict', () => {
    const table = formatTable([
      row(),
      row({ name: 'catalog throughput', unit: 'req/s', target: { kind: 'ratio-min', value: 0.35 }, rounds: { ours: [100], baseline: [1000] } }),
      row({ name: 'Thai search p95', target: { kind: 'abs-max', value: 30 }, rounds: { ours: [], baseline: [12.345] }, skipped: true }),
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toBe('| benchmark | ours | baseline | ratio | target | result |');
    expect(lines[2]).toBe('| courses: catalog list p95 | 20.0 ms | 10.0 ms (static file) | 2.00× | ratio ≤ 2 | pass |');
    expect(lines[3]).toBe('| courses: catalog throughput | 100 req/s | 1000 req/s (static file) | 0.10× | ratio ≥ 0.35 | **FAIL** |');
    expect(lines[4]).toBe('| courses: Thai search p95 | – | 12.3 ms (static file) | – | < 30 ms | skip |');
  });

  it('exits non-zero only when a target fails (skipped and recorded rows never fail the run)', () => {
    expect(exitCode([row(), row({ target: { kind: 'record' } }), row({ skipped: true, rounds: { ours: [], baseline: [] } })])).toBe(0);
    expect(exitCode([row(), row({ target: { kind: 'ratio-max', value: 1 } })])).toBe(1);
  });
});

describe('bench runner', () => {
  it('runs every variant once as a warm-up, then the rounds interleaved, keeping only measured rounds', async () => {
    const order: string[] = [];
    let n = 0;
    const figures = await interleaved(2, { a: async () => (order.push('a'), ++n), b: async () => (order.push('b'), ++n) }, () => undefined);
    expect(order).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
    expect(figures).toEqual({ a: [3, 5], b: [4, 6] });
  });

  it('selects all groups, named ones, and explains unknown names', () => {
    expect(selectGroups([]).map((g) => g.name)).toEqual(['portal', 'accounts', 'courses', 'enrollment', 'grading', 'credentials', 'reports', 'capacity']);
    expect(selectGroups(['courses', 'capacity']).map((g) => g.name)).toEqual(['courses', 'capacity']);
    expect(() => selectGroups(['nope'])).toThrow(`Unknown benchmark group "nope". Groups: ${BENCH_GROUPS.map((g) => g.name).join(', ')}.`);
  });
});

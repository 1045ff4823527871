import type { BenchGroup } from '../bench.group';
import type { BenchResult } from '../bench.stats';
import { reportsFixture } from './reports.fixture';
import { exportBenchmarks } from './reports-export.bench';
import { summaryBenchmarks } from './reports-summary.bench';

/**
 * Issue 10, on the bench data (size L: 250,000 learners, 3,000 courses, 2.5 million enrolments,
 * rollups rebuilt by the generator): the fiscal-year summary p95 < 200 ms against a bare
 * node:http + pg handler over the same rollups; CSV export of every enrolment ≥ 0.8× psql \copy of
 * the same query with the API (and the worker) under 300 MB resident; XLSX of about a million rows
 * under 400 MB. Rows whose endpoint is not there yet are skipped; their baselines still run.
 */
export const reportsGroup: BenchGroup = {
  name: 'reports',
  issue: 10,
  async run(context) {
    const stack = await context.stack();
    const fx = await reportsFixture(stack);
    context.log(`reports: fy:${fx.fiscalYear}; exports over ${fx.all.period} (${fx.all.rows} rows) and ${fx.million.period} (${fx.million.rows} rows)`);
    try {
      const results: BenchResult[] = [];
      results.push(...(await summaryBenchmarks(context, stack, fx)));
      results.push(...(await exportBenchmarks(context, stack, fx)));
      return results;
    } finally {
      await fx.close();
    }
  },
};

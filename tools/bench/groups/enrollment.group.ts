import type { BenchGroup } from '../bench.group';
import { progressBenchmarks } from './enrollment/progress.bench';
import { relayBenchmarks } from './enrollment/relay.bench';

/**
 * Issue 7. Each capability's benchmarks live in their own file under enrollment/ (progress and
 * the outbox relay here; enrolment throughput and bulk import with the enrolment work).
 */
export const enrollmentGroup: BenchGroup = {
  name: 'enrollment',
  issue: 7,
  async run(context) {
    return [...(await progressBenchmarks(context)), ...(await relayBenchmarks(context))];
  },
};

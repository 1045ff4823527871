import type { BenchGroup } from '../bench.group';
import { enrolBenchmarks } from './enrollment/enrol.bench';
import { progressBenchmarks } from './enrollment/progress.bench';
import { relayBenchmarks } from './enrollment/relay.bench';

/**
 * Issue 7 (enrolment and learning). Each capability's benchmarks live in a file of their own:
 * enrol throughput and bulk confirm (enrollment/enrol.bench.ts), progress updates and the outbox
 * relay (enrollment/).
 */
export const enrollmentGroup: BenchGroup = {
  name: 'enrollment',
  issue: 7,
  async run(context) {
    return [...(await enrolBenchmarks(context)), ...(await progressBenchmarks(context)), ...(await relayBenchmarks(context))];
  },
};

import type { BenchGroup } from '../bench.group';
import { enrolBenchmarks } from './enrollment-enrol.bench';

/**
 * Issue 7 (enrolment and learning). Each capability's benchmarks live in a file of their own and
 * are listed here: enrol throughput and bulk confirm (enrollment-enrol.bench.ts).
 */
export const enrollmentGroup: BenchGroup = {
  name: 'enrollment',
  issue: 7,
  async run(context) {
    return [...(await enrolBenchmarks(context))];
  },
};

import type { BenchGroup } from './bench.group';
import { accountsGroup } from './groups/accounts.group';
import { capacityGroup } from './groups/capacity.group';
import { credentialsGroup } from './groups/credentials.group';
import { coursesGroup } from './groups/courses.group';
import { enrollmentGroup } from './groups/enrollment.group';
import { gradingGroup } from './groups/grading.group';
import { portalGroup } from './groups/portal.group';
import { reportsGroup } from './groups/reports.group';

/**
 * Every benchmark group, in the order `npm run bench` runs them. A new group is one file in
 * groups/ exporting a BenchGroup, added here.
 */
export const BENCH_GROUPS: readonly BenchGroup[] = [portalGroup, accountsGroup, coursesGroup, enrollmentGroup, gradingGroup, credentialsGroup, reportsGroup, capacityGroup];

/** The groups to run for the command line's arguments (none: all); throws on an unknown name. */
export function selectGroups(names: readonly string[], groups: readonly BenchGroup[] = BENCH_GROUPS): BenchGroup[] {
  if (!names.length) return [...groups];
  return names.map((name) => {
    const group = groups.find((g) => g.name === name);
    if (group) return group;
    throw new Error(`Unknown benchmark group "${name}". Groups: ${groups.map((g) => g.name).join(', ')}.`);
  });
}

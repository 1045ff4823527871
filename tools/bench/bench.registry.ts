import type { BenchGroup } from './bench.group';
import { accountsGroup } from './groups/accounts.group';
import { credentialsGroup } from './groups/credentials.group';
import { coursesGroup } from './groups/courses.group';
import { enrollmentGroup } from './groups/enrollment.group';
import { gradingGroup } from './groups/grading.group';
import { portalGroup } from './groups/portal.group';
import { reportsGroup } from './groups/reports.group';

/**
 * Every benchmark group, in the order `npm run bench` runs them. A new group is one file in
 * groups/ exporting a BenchGroup, added here (and removed from PLANNED_GROUPS).
 */
export const BENCH_GROUPS: readonly BenchGroup[] = [portalGroup, accountsGroup, coursesGroup, enrollmentGroup, gradingGroup, credentialsGroup, reportsGroup];

/** Named by issue 11, built with their capability: `npm run bench -- <name>` says so until then. */
export const PLANNED_GROUPS: Readonly<Record<string, string>> = {
  capacity: 'issue 11 §4 (the capacity run)',
};

/** The groups to run for the command line's arguments (none: all); throws on an unknown name. */
export function selectGroups(names: readonly string[], groups: readonly BenchGroup[] = BENCH_GROUPS): BenchGroup[] {
  if (!names.length) return [...groups];
  return names.map((name) => {
    const group = groups.find((g) => g.name === name);
    if (group) return group;
    if (name in PLANNED_GROUPS) throw new Error(`The "${name}" benchmarks are not built yet: they come with ${PLANNED_GROUPS[name]}.`);
    throw new Error(`Unknown benchmark group "${name}". Groups: ${groups.map((g) => g.name).join(', ')}.`);
  });
}

export { bkkDay, differingAreaMonths, rebuildAreaMonths, rebuildRollups, recomputeCourses, recomputeLearners } from './rollup.sql';
export * from './export';

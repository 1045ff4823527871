export { bkkDay, rebuildRollups, recomputeCourses, recomputeLearners } from './rollup.sql';
export * from './export';

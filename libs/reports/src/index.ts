export { bkkDay, differingAreaMonths, rebuildAreaMonths, rebuildRollups, recomputeCourses, recomputeLearners } from './rollup.sql';
export { differingLearnerBucketYears, LEARNER_BUCKETS, type LearnerBucketMeasure, rebuildLearnerBuckets } from './rollup-buckets.sql';
export * from './export';

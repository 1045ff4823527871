/* eslint-disable */
/**
 * Unit tests of the benchmark harness (statistics, table, exit code, group selection) and the
 * data generator's determinism against real PostgreSQL. The benchmarks themselves never run here.
 */
export default {
  displayName: 'bench',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/**/*.spec.ts'],
};

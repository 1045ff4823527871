import type { Config } from 'jest';

/** Every jest project; `npm test` runs them against the PostgreSQL and Redis it started. */
const config: Config = {
  // A global option: the preset's testTimeout does not apply when jest runs several projects, and
  // 5 s is too short for tests that start processes or hash passwords while the whole suite runs.
  testTimeout: 30_000,
  projects: [
    '<rootDir>/libs/config',
    '<rootDir>/libs/contracts',
    '<rootDir>/libs/certificates',
    '<rootDir>/libs/credentials',
    '<rootDir>/libs/quiz',
    '<rootDir>/libs/learning',
    '<rootDir>/libs/reports',
    '<rootDir>/apps/api',
    '<rootDir>/apps/worker',
    '<rootDir>/tools/checks',
    '<rootDir>/tools/bench',
    '<rootDir>/apps/e2e',
  ],
};

export default config;

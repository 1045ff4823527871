import type { Config } from 'jest';

/** Every jest project; `npm test` runs them against the PostgreSQL and Redis it started. */
const config: Config = {
  projects: [
    '<rootDir>/libs/config',
    '<rootDir>/libs/contracts',
    '<rootDir>/apps/api',
    '<rootDir>/apps/worker',
    '<rootDir>/tools/checks',
    '<rootDir>/tools/bench',
    '<rootDir>/apps/e2e',
  ],
};

export default config;

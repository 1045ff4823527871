/**
 * Repository-level checks (module boundaries lint, docker-compose validity).
 *
 *   NX_DAEMON=false NX_NO_CLOUD=true npx jest -c tools/checks/jest.config.ts
 */
import type { Config } from 'jest';

const config: Config = {
  displayName: 'checks',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    // Transpile-only: isolatedModules is set in tsconfig.spec.json.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  setupFiles: ['<rootDir>/setup-env.ts'],
  setupFilesAfterEnv: ['<rootDir>/setup-timeout.ts'],
  // The first Nx project-graph computation (inside the ESLint rule) is slow.
  testTimeout: 60_000,
};

export default config;

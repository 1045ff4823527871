import { defineConfig } from 'vitest/config';

/** Vitest projects: the portal's component tests and the API client's drift check. */
export default defineConfig({
  test: {
    projects: ['apps/portal/vite.config.mts', 'libs/api-client/vitest.config.mts'],
  },
});

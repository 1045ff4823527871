import type { AppConfig } from '@baanrian/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTestDatabase, type TestDatabase, testConfig } from '@baanrian/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApi } from '../src/bootstrap';

/** The API as production builds it (same pipes, filter, prefix), on a test database. */
export async function startApi(config: AppConfig): Promise<{ app: NestExpressApplication; db: DataSource }> {
  const app = await createApi(config);
  app.useLogger(false);
  await app.init();
  return { app, db: app.get(DataSource) };
}

/**
 * Registers beforeAll/afterAll for a test file that needs one API on its own migrated database.
 * Returns getters, since the app exists only once beforeAll has run.
 */
export function useTestApi(options: { seed?: (db: DataSource) => Promise<unknown>; env?: Record<string, string> } = {}) {
  let database: TestDatabase;
  let started: { app: NestExpressApplication; db: DataSource };
  beforeAll(async () => {
    database = await createTestDatabase();
    started = await startApi(testConfig(database.url, options.env));
    await options.seed?.(started.db);
  });
  afterAll(async () => {
    await started?.app.close();
    await database?.drop();
  });
  return {
    http: () => request(started.app.getHttpServer()),
    db: () => started.db,
    databaseUrl: () => database.url,
    app: () => started.app,
  };
}

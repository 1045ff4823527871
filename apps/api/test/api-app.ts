import type { AppConfig } from '@baanrian/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createApi } from '../src/bootstrap';

/** The API as production builds it (same pipes, filter, prefix), on a test database. */
export async function startApi(config: AppConfig): Promise<{ app: NestExpressApplication; db: DataSource }> {
  const app = await createApi(config);
  app.useLogger(false);
  await app.init();
  return { app, db: app.get(DataSource) };
}

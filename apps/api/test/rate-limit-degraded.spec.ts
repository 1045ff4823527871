import { freePort, type RunningRedis, startRedis } from '@baanrian/dev-services';
import { createTestDatabase, testConfig } from '@baanrian/testing';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import request from 'supertest';
import { SKIP_WARNING_INTERVAL_MS } from '../src/accounts/rate-limit.service';
import { PASSWORD, signUp } from './accounts-helpers';
import { startApi } from './api-app';

/**
 * When Redis cannot run a rate-limit check, the limit is skipped (sign-in stays available) but
 * never silently: one warning a minute at most, and /health/ready says so in its details without
 * failing. Here Redis is reachable but full (maxmemory under noeviction refuses every write), the
 * case readiness alone would not show.
 */
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

it('skips limits while Redis refuses writes, warns once a minute, reports it in readiness, and enforces again after', async () => {
  const redis: RunningRedis = await startRedis({ port: await freePort() });
  cleanup.push(() => redis.stop());
  const admin = new Redis(redis.url);
  cleanup.push(async () => admin.disconnect());
  const database = await createTestDatabase();
  cleanup.push(() => database.drop());
  const { app, db } = await startApi(testConfig(database.url, { REDIS_URL: redis.url }));
  cleanup.push(() => app.close());
  const http = () => request(app.getHttpServer());
  await db.query(`INSERT INTO worker_heartbeat VALUES ('degraded', now(), now())`);
  const account = await signUp(http);
  const wrong = () => http().post('/api/v1/auth/sign-in').send({ login: account.email, password: 'wrong guess' });

  const healthy = await http().get('/api/v1/health/ready').expect(200);
  expect(healthy.body.rateLimits).toEqual({ enforced: true, skippingSince: null, skipped: 0 });

  const warn = jest.spyOn(Logger.prototype, 'warn');
  cleanup.push(async () => warn.mockRestore());
  await admin.config('SET', 'maxmemory', '1');
  // Ten wrong passwords would normally end in 429 after five; with the limits skipped all are 401.
  for (let i = 0; i < 10; i++) expect((await wrong()).status).toBe(401);
  await http().post('/api/v1/auth/sign-in').send({ login: account.email, password: PASSWORD }).expect(200);
  const skipWarnings = warn.mock.calls.filter(([, message]) => typeof message === 'string' && message.startsWith('rate limits skipped'));
  expect(skipWarnings).toHaveLength(1);
  expect(SKIP_WARNING_INTERVAL_MS).toBe(60_000);

  const degraded = await http().get('/api/v1/health/ready').expect(200);
  expect(degraded.body.status).toBe('ready');
  expect(degraded.body.rateLimits).toMatchObject({ enforced: false, skippingSince: expect.any(String), skipped: expect.any(Number) });
  expect(degraded.body.rateLimits.skipped).toBeGreaterThanOrEqual(11);

  await admin.config('SET', 'maxmemory', '0');
  for (let i = 0; i < 5; i++) await wrong();
  const limited = await wrong();
  expect(limited.status).toBe(429);
  expect((await http().get('/api/v1/health/ready').expect(200)).body.rateLimits).toEqual({ enforced: true, skippingSince: null, skipped: 0 });
});

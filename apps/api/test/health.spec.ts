import { createTestDatabase, type TestDatabase, testConfig } from '@baanrian/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Redis } from 'ioredis';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { freePort } from '@baanrian/dev-services';
import { type RunningRedis, startRedis } from '@baanrian/dev-services';
import { HealthService } from '../src/system/health.service';
import { startApi } from './api-app';

const cleanup: (() => Promise<unknown>)[] = [];

async function api(overrides: Record<string, string> = {}, options: { migrated?: boolean } = {}) {
  const database = await createTestDatabase(options);
  const { app, db } = await startApi(testConfig(database.url, overrides));
  cleanup.push(() => database.drop(), () => app.close());
  return { app, db, http: () => request(app.getHttpServer()) };
}

const beat = (db: DataSource, secondsAgo = 0) =>
  db.query(`INSERT INTO worker_heartbeat VALUES ('test-worker', now(), now() - make_interval(secs => $1))`, [secondsAgo]);

afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

describe('health', () => {
  it('is live as soon as the process answers', async () => {
    const { http } = await api();
    await http().get('/api/v1/health/live').expect(200, { status: 'ok' });
  });

  it('is not ready until a worker has reported, and says so', async () => {
    const { http, db } = await api();
    const res = await http().get('/api/v1/health/ready').set('Accept-Language', 'en').expect(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'NOT_READY', detail: 'worker: no worker has reported' });
    expect(res.body.checks).toMatchObject({ database: { ok: true }, redis: { ok: true }, worker: { ok: false } });

    await beat(db);
    const ready = await http().get('/api/v1/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', checks: { database: { ok: true }, redis: { ok: true }, worker: { ok: true } } });
  });

  it('stops being ready when the last heartbeat is older than 30 s', async () => {
    const { http, db } = await api();
    await beat(db, 31);
    const res = await http().get('/api/v1/health/ready').expect(503);
    expect(res.body.detail).toBe('worker: last worker heartbeat 31 s ago');
  });

  it('reports the last completed ping round trip', async () => {
    const { http, db } = await api();
    await beat(db);
    await db.query(`INSERT INTO system_ping (requested_at, completed_at) VALUES (now() - interval '250 ms', now())`);
    const res = await http().get('/api/v1/health/ready').expect(200);
    expect(res.body.lastPing.roundTripMs).toBeGreaterThanOrEqual(240);
    expect(res.body.lastPing.roundTripMs).toBeLessThan(1000);
  });

  it('stops being ready as soon as shutdown begins, so traffic drains away', async () => {
    const { http, db, app } = await api();
    await beat(db);
    await http().get('/api/v1/health/ready').expect(200);
    app.get(HealthService).beforeApplicationShutdown();
    const res = await http().get('/api/v1/health/ready').expect(503);
    expect(res.body.detail).toBe('api: shutting down');
  });

  it('is not ready while migrations are pending', async () => {
    const { http } = await api({}, { migrated: false });
    const res = await http().get('/api/v1/health/ready').expect(503);
    expect(res.body.checks.database).toEqual({ ok: false, reason: 'migrations are pending' });
  });

  it('is not ready when Redis is unreachable', async () => {
    const { http, db } = await api({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    await beat(db);
    const res = await http().get('/api/v1/health/ready').expect(503);
    expect(res.body.checks.redis.ok).toBe(false);
    expect(res.body.detail).toMatch(/^redis: unreachable/);
  });

  it('is not ready when Redis may evict queue keys (maxmemory-policy is not noeviction)', async () => {
    const redis: RunningRedis = await startRedis({ port: await freePort() });
    cleanup.push(() => redis.stop());
    const client = new Redis(redis.url);
    await client.config('SET', 'maxmemory-policy', 'allkeys-lru');
    client.disconnect();
    const { http, db } = await api({ REDIS_URL: redis.url });
    await beat(db);
    const res = await http().get('/api/v1/health/ready').expect(503);
    expect(res.body.detail).toBe('redis: maxmemory-policy is allkeys-lru; queues need noeviction');
  });
});

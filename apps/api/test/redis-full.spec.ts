import { freePort, type RunningRedis, startRedis } from '@baanrian/dev-services';
import { createTestDatabase, testConfig } from '@baanrian/testing';
import { Controller, type INestApplication, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { bearer, signUpAdmin } from './accounts-helpers';
import { startApi } from './api-app';
import { FailedJobsFixture, insertFailureOf } from './failed-jobs-helpers';
import { isDependencyUnavailable } from '@baanrian/db';
import { ProblemDetailsFilter } from '../src/problem/problem-details.filter';
import { PROBLEM_TITLES } from '../src/problem/problem.messages';

/**
 * Redis at its memory limit (issue 12, fault scenario 6). Under `noeviction` (what BullMQ needs,
 * and what production runs) a full Redis stays reachable but refuses writes with an OOM reply:
 * not a connection error, so it used to be answered 500 like a bug. It is an outage for the
 * caller, answered 503 problem+json with Retry-After. A Redis server of this file's own, since
 * its `maxmemory` is lowered (the shared test Redis serves other files at the same time).
 */
const cleanup: (() => Promise<unknown>)[] = [];
let redis: RunningRedis;
let admin: Redis;

beforeAll(async () => {
  redis = await startRedis({ port: await freePort() });
  cleanup.push(() => redis.stop());
  admin = new Redis(redis.url);
  cleanup.push(async () => admin.disconnect());
});

afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

/** maxmemory 1 byte: any server is above it, so every write that could grow memory is refused. */
const fill = () => admin.config('SET', 'maxmemory', '1');
const unfill = () => admin.config('SET', 'maxmemory', '0');
const caught = (promise: Promise<unknown>) => promise.then(() => new Error('did not fail'), (error: unknown) => error);

describe('Redis full (maxmemory reached, noeviction)', () => {
  afterEach(unfill);

  it('refuses writes with an OOM reply, from a plain command and from a BullMQ script, both recognised as unavailable', async () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const queue = new Queue('redis-full', { connection: { url: redis.url, maxRetriesPerRequest: 1 }, prefix: 'redis-full-spec' });
    try {
      await queue.waitUntilReady();
      await fill();
      const set = await caught(client.set(`k:${randomUUID()}`, 'v'));
      const add = await caught(queue.add('job', { n: 1 }));
      expect((set as Error).message).toMatch(/^OOM command not allowed/);
      expect((add as Error).message).toMatch(/OOM command not allowed/);
      expect([isDependencyUnavailable(set), isDependencyUnavailable(add)]).toEqual([true, true]);
      // Reads still work, and after the limit is raised the same writes pass.
      expect(await client.get('absent')).toBeNull();
      await unfill();
      await client.set(`k:${randomUUID()}`, 'v');
      expect((await queue.add('job', { n: 2 })).id).toBeDefined();
    } finally {
      await queue.close();
      client.disconnect();
    }
  });

  it('an OOM refusal that reaches the problem filter is answered 503 problem+json with Retry-After, in the caller’s language', async () => {
    // The smallest route that lets a Redis write error through, with the API's real problem filter.
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    cleanup.push(async () => client.disconnect());
    @Controller('probe')
    class WriteController {
      @Post()
      async write(): Promise<{ ok: true }> {
        await client.set(`probe:${randomUUID()}`, 'v');
        return { ok: true };
      }
    }
    const moduleRef = await Test.createTestingModule({ controllers: [WriteController] }).compile();
    const app: INestApplication = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.init();
    cleanup.push(() => app.close());

    await request(app.getHttpServer()).post('/probe').expect(201);
    await fill();
    const refused = await request(app.getHttpServer()).post('/probe').set('Accept-Language', 'vi').expect(503);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', title: PROBLEM_TITLES.SERVICE_UNAVAILABLE.vi });
    expect(JSON.stringify(refused.body)).not.toMatch(/OOM|maxmemory/);
    await unfill();
    await request(app.getHttpServer()).post('/probe').expect(201);
  });

  it('an administrator’s retry of a failed job while Redis is full is never a 500: done whole (today: BullMQ’s script frees before it adds), or 503 with nothing changed', async () => {
    const database = await createTestDatabase();
    cleanup.push(() => database.drop());
    const { app, db } = await startApi(testConfig(database.url, { REDIS_URL: redis.url }));
    cleanup.push(() => app.close());
    const http = () => request(app.getHttpServer());
    const fixture = FailedJobsFixture.of(app);
    cleanup.push(() => fixture.close());
    const signedIn = await signUpAdmin(http, db as DataSource);
    const failed = await fixture.failForGood('system', 'system.ping', { pingId: randomUUID(), meta: { eventId: randomUUID(), requestId: 'req-full' } });
    const id = await insertFailureOf(db as DataSource, 'system', failed);
    const retry = () => http().post(`/api/v1/admin/jobs/failed/${id}/retry`).set(bearer(signedIn.accessToken)).set('Accept-Language', 'th');
    const state = async () => ({
      record: (await db.query(`SELECT status FROM job_failure WHERE id = $1`, [id]))[0].status,
      audits: (await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'job.retry'`))[0].n,
      job: await (await fixture.queue('system').getJob(String(failed.id)))?.getState(),
    });

    await fill();
    const during = await retry();
    expect([200, 503]).toContain(during.status);
    if (during.status === 200) {
      // Redis lets a script that has already written (here: the job taken out of the failed set) finish at its limit.
      expect(during.body).toMatchObject({ id, status: 'retried' });
      expect(await state()).toEqual({ record: 'retried', audits: 1, job: 'waiting' });
      return;
    }
    expect(during.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(during.body).toMatchObject({ status: 503, code: 'JOB_QUEUE_UNAVAILABLE', title: PROBLEM_TITLES.JOB_QUEUE_UNAVAILABLE.th });
    expect(await state()).toEqual({ record: 'open', audits: 0, job: 'failed' });
    await unfill();
    expect((await retry().expect(200)).body).toMatchObject({ id, status: 'retried' });
    expect(await state()).toEqual({ record: 'retried', audits: 1, job: 'waiting' });
  });
});

import { createDataSource, SystemPingEntity, WorkerHeartbeatEntity, writeOutboxEvent } from '@baanrian/db';
import { createTestDatabase, eventually, type TestDatabase, testConfig } from '@baanrian/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { QueueName } from '@baanrian/jobs';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { HousekeepingScheduler } from '../src/system/housekeeping.scheduler';
import { SystemPingJob } from '../src/system/system-ping.job';
import { WorkerModule } from '../src/worker.module';

let database: TestDatabase;
let db: DataSource;
let worker: INestApplicationContext;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await createDataSource({ url: database.url }).initialize();
  worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(testConfig(database.url)), { logger: false });
  worker.enableShutdownHooks();
});

afterAll(async () => {
  await worker?.close().catch(() => undefined);
  await db.destroy();
  await database.drop();
});

async function requestPing(): Promise<SystemPingEntity> {
  return db.transaction(async (manager) => {
    const ping = await manager.save(SystemPingEntity, manager.create(SystemPingEntity, {}));
    await writeOutboxEvent(manager, 'system.ping', { pingId: ping.id }, 'worker-test');
    return ping;
  });
}

describe('worker', () => {
  it('reports a heartbeat as soon as it starts', async () => {
    expect(await db.getRepository(WorkerHeartbeatEntity).count()).toBe(1);
  });

  it('completes a ping written to the outbox: relay → queue → processor → database', async () => {
    const ping = await requestPing();
    const done = await eventually(async () => {
      const row = await db.getRepository(SystemPingEntity).findOneByOrFail({ id: ping.id });
      return row.completedAt ? row : undefined;
    }, 10_000, 'the ping to complete');
    expect(done.completedBy).toMatch(/:\d+:/);
    expect(done.completedAt!.getTime()).toBeGreaterThanOrEqual(ping.requestedAt.getTime());
  });

  it('handles a redelivered ping idempotently: the first completion stands', async () => {
    const ping = await requestPing();
    const job = worker.get(SystemPingJob);
    const meta = { eventId: 'e1', requestId: null };
    await job.handle({ pingId: ping.id, meta });
    const first = (await db.getRepository(SystemPingEntity).findOneByOrFail({ id: ping.id })).completedAt;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await job.handle({ pingId: ping.id, meta });
    const second = (await db.getRepository(SystemPingEntity).findOneByOrFail({ id: ping.id })).completedAt;
    expect(second?.toISOString()).toBe(first?.toISOString());
  });

  it('schedules housekeeping hourly, once however often it starts', async () => {
    const queue = worker.get<Queue>(getQueueToken(QueueName.System));
    await worker.get(HousekeepingScheduler).onApplicationBootstrap(); // as a second worker would
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => ({ key: s.key, every: s.every })).sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'media.housekeeping', every: 3_600_000 },
      // Measured reach (issue 10), scheduled by its own ReachRollupScheduler on the same queue.
      { key: 'reach.rollup', every: 300_000 },
      { key: 'system.housekeeping', every: 3_600_000 },
    ]);
  });

  it('removes its heartbeat when it shuts down, so readiness stops counting it', async () => {
    await worker.close();
    expect(await db.getRepository(WorkerHeartbeatEntity).count()).toBe(0);
  });
});

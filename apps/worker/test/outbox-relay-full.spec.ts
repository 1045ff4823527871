import { type AppConfig } from '@baanrian/config';
import { createDataSource, OutboxEventEntity, writeOutboxEvent } from '@baanrian/db';
import { QueueName } from '@baanrian/jobs';
import { freePort, type RunningRedis, startRedis } from '@baanrian/dev-services';
import { createTestDatabase, type TestDatabase, testConfig } from '@baanrian/testing';
import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { OutboxQueues } from '../src/outbox/outbox-queues';
import { OUTBOX_MAX_BACKOFF_SECONDS, OutboxRelayService } from '../src/outbox/outbox-relay.service';

/**
 * The relay while Redis is at its memory limit (issue 12, fault scenario 6): under noeviction a
 * full Redis refuses the jobs with an OOM reply. The events must stay undispatched (never marked
 * without their job), say why, and go out once Redis has room, however long it was full: a
 * row's wait is capped so I3 (out within 60 s of recovery) holds after a long outage too.
 * Its own Redis server, since `maxmemory` is lowered (the shared one serves other files).
 */
let database: TestDatabase;
let db: DataSource;
let config: AppConfig;
let redis: RunningRedis;
let admin: Redis;
let queue: Queue;

beforeAll(async () => {
  Logger.overrideLogger(false);
  redis = await startRedis({ port: await freePort() });
  admin = new Redis(redis.url);
  database = await createTestDatabase();
  config = testConfig(database.url, { REDIS_URL: redis.url });
  db = await createDataSource({ url: database.url }).initialize();
  queue = new Queue(QueueName.System, { connection: { url: redis.url, maxRetriesPerRequest: 1 }, prefix: config.redis.queuePrefix });
  await queue.waitUntilReady();
});

afterAll(async () => {
  await queue?.close();
  admin?.disconnect();
  await db?.destroy();
  await database?.drop();
  await redis?.stop();
});

const relay = () => new OutboxRelayService(db, config, { get: () => queue } as unknown as OutboxQueues);

it('keeps events undispatched while Redis refuses writes (OOM), waits at most the cap, and delivers them once Redis has room', async () => {
  const ids = await db.transaction(async (manager) => {
    const written: string[] = [];
    for (let i = 0; i < 3; i++) written.push((await writeOutboxEvent(manager, 'system.ping', { pingId: `full-${i}` }, 'req-full')).id);
    return written;
  });
  // One event has failed many times already (a long outage): its next wait must not exceed the cap.
  await db.query(`UPDATE outbox_event SET attempts = 12 WHERE id = $1`, [ids[0]]);

  await admin.config('SET', 'maxmemory', '1');
  try {
    await expect(relay().relayBatch()).rejects.toThrow(/OOM command not allowed/);
  } finally {
    await admin.config('SET', 'maxmemory', '0');
  }
  const rows: { id: string; published_at: Date | null; attempts: number; last_error: string; wait_s: number }[] = await db.query(
    `SELECT id, published_at, attempts, last_error, EXTRACT(EPOCH FROM available_at - now())::float AS wait_s FROM outbox_event ORDER BY attempts DESC`,
  );
  expect(rows.map((r) => r.published_at)).toEqual([null, null, null]);
  expect(rows.map((r) => r.last_error)).toEqual(Array(3).fill(expect.stringMatching(/OOM command not allowed/)));
  expect(rows.map((r) => r.attempts)).toEqual([13, 1, 1]);
  expect(rows[0].wait_s).toBeGreaterThan(OUTBOX_MAX_BACKOFF_SECONDS - 5);
  expect(rows[0].wait_s).toBeLessThanOrEqual(OUTBOX_MAX_BACKOFF_SECONDS);
  expect(OUTBOX_MAX_BACKOFF_SECONDS).toBeLessThan(60);
  // No job reached Redis for a row left unmarked (BullMQ's add is refused as a whole, or re-added harmlessly by id).
  for (const id of ids) expect(await queue.getJob(id)).toBeUndefined();

  // The waits elapsed: the next relay delivers every event, each as the job with its id.
  await db.query('UPDATE outbox_event SET available_at = now()');
  expect(await relay().relayBatch()).toBe(3);
  expect((await queue.getJobs(['waiting'])).map((j) => j.id).sort()).toEqual([...ids].sort());
  expect(await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`)).toEqual([{ n: 0 }]);
}, 30_000);

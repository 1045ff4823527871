import { type AppConfig } from '@baanrian/config';
import { createDataSource, OutboxEventEntity, writeOutboxEvent } from '@baanrian/db';
import { QueueName } from '@baanrian/jobs';
import { createTestDatabase, type TestDatabase, testConfig } from '@baanrian/testing';
import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { type DataSource, IsNull } from 'typeorm';
import { freePort } from '@baanrian/dev-services';
import type { OutboxQueues } from '../src/outbox/outbox-queues';
import { OUTBOX_BATCH_SIZE, OutboxRelayService } from '../src/outbox/outbox-relay.service';
import { OutboxWakeupListener } from '../src/outbox/outbox-wakeup.listener';

let database: TestDatabase;
let db: DataSource;
let config: AppConfig;
let queue: Queue;
const opened: { close(): Promise<void> }[] = [];

function relayWith(target: Queue, source = db): OutboxRelayService {
  return new OutboxRelayService(source, config, { get: () => target } as unknown as OutboxQueues);
}

async function writePings(count: number, requestId: string | null = null): Promise<string[]> {
  return db.transaction(async (manager) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((await writeOutboxEvent(manager, 'system.ping', { pingId: `p${i}` }, requestId)).id);
    return ids;
  });
}

const unpublished = () => db.getRepository(OutboxEventEntity).countBy({ publishedAt: IsNull() });

beforeAll(async () => {
  Logger.overrideLogger(false); // the relay logs parked events as errors; expected here
  database = await createTestDatabase();
  config = testConfig(database.url);
  db = await createDataSource({ url: database.url }).initialize();
});

beforeEach(async () => {
  await db.query('DELETE FROM outbox_event');
  queue = new Queue(QueueName.System, { connection: { url: config.redis.url }, prefix: `${config.redis.queuePrefix}_${Date.now()}` });
  opened.push(queue);
});

afterAll(async () => {
  await Promise.all(opened.map((q) => q.close()));
  await db.destroy();
  await database.drop();
});

describe('outbox relay', () => {
  it('delivers committed events as jobs whose id is the event id, carrying the request id, and marks them', async () => {
    const ids = await writePings(3, 'req-42');
    expect(await relayWith(queue).relayBatch()).toBe(3);
    const jobs = await queue.getJobs(['waiting']);
    expect(jobs.map((job) => job.id).sort()).toEqual([...ids].sort());
    expect(jobs[0].name).toBe('system.ping');
    expect(jobs[0].data.meta).toEqual({ eventId: jobs[0].id, requestId: 'req-42' });
    expect(await unpublished()).toBe(0);
  });

  it('never sees an event whose transaction rolled back', async () => {
    await expect(
      db.transaction(async (manager) => {
        await writeOutboxEvent(manager, 'system.ping', { pingId: 'lost' }, null);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await relayWith(queue).relayBatch()).toBe(0);
    expect(await queue.count()).toBe(0);
  });

  it('refuses to write an event outside a transaction', async () => {
    await expect(writeOutboxEvent(db.manager, 'system.ping', { pingId: 'x' }, null)).rejects.toThrow('inside a transaction');
  });

  it('adds no duplicate when a relay died after adding a job but before marking the row', async () => {
    const [id] = await writePings(1);
    await queue.add('system.ping', { pingId: 'p0' }, { jobId: id }); // the dead relay's add
    expect(await relayWith(queue).relayBatch()).toBe(1);
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
  });

  it('lets two relays work side by side without delivering any event twice (SKIP LOCKED)', async () => {
    // More than two batches, so both relays get some.
    const count = OUTBOX_BATCH_SIZE * 2 + 50;
    const ids = await writePings(count);
    const otherDb = await createDataSource({ url: database.url }).initialize();
    try {
      const drain = async (relay: OutboxRelayService) => {
        let total = 0;
        for (let n = await relay.relayBatch(); n > 0; n = await relay.relayBatch()) total += n;
        return total;
      };
      const [a, b] = await Promise.all([drain(relayWith(queue)), drain(relayWith(queue, otherDb))]);
      expect(a + b).toBe(count);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
    } finally {
      await otherDb.destroy();
    }
    const jobIds = (await queue.getJobs(['waiting'], 0, -1)).map((job) => job.id);
    expect(new Set(jobIds).size).toBe(count);
    expect([...jobIds].sort()).toEqual([...ids].sort());
  });

  it('keeps events when Redis is down, records why, and delivers them once it is back', async () => {
    const [id] = await writePings(1);
    // Our own connection, so the test can drop it: closing a Queue waits for a server that never answers.
    const connection = new Redis(`redis://127.0.0.1:${await freePort()}`, { maxRetriesPerRequest: null, retryStrategy: () => 200 });
    connection.on('error', () => undefined);
    try {
      await expect(relayWith(new Queue(QueueName.System, { connection })).relayBatch()).rejects.toThrow(/did not accept|ECONNREFUSED/);
    } finally {
      connection.disconnect();
    }
    const row = await db.getRepository(OutboxEventEntity).findOneByOrFail({ id });
    expect(row.publishedAt).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.lastError).toBeTruthy();
    expect(row.availableAt.getTime()).toBeGreaterThan(Date.now());
    // Backoff elapsed: the next relay delivers it.
    await db.query('UPDATE outbox_event SET available_at = now()');
    expect(await relayWith(queue).relayBatch()).toBe(1);
    expect((await queue.getJob(id))?.data.pingId).toBe('p0');
  }, 20_000);

  it('sets aside an event of unknown type without blocking the others', async () => {
    const [good] = await writePings(1);
    const [{ id: bad }] = await db.query(`INSERT INTO outbox_event (type, payload) VALUES ('future.event', '{}') RETURNING id`);
    expect(await relayWith(queue).relayBatch()).toBe(1);
    expect(await queue.getJob(good)).toBeDefined();
    const parked = await db.getRepository(OutboxEventEntity).findOneByOrFail({ id: bad });
    expect(parked.publishedAt).toBeNull();
    expect(parked.lastError).toBe('unknown event type: future.event');
  });

  describe('woken at commit', () => {
    const running: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const stop of running.splice(0)) await stop();
    });

    /** A relay that would not poll again for a minute: whatever it relays sooner, a notification woke it. */
    async function sleepyRelay(): Promise<{ relay: OutboxRelayService; listener: OutboxWakeupListener }> {
      const slow: AppConfig = { ...config, worker: { ...config.worker, outboxPollMs: 60_000 } };
      const relay = new OutboxRelayService(db, slow, { get: () => queue } as unknown as OutboxQueues);
      const listener = new OutboxWakeupListener(slow, relay);
      relay.onApplicationBootstrap();
      listener.onApplicationBootstrap();
      running.push(async () => {
        await listener.onApplicationShutdown();
        await relay.onApplicationShutdown();
      });
      // The first (empty) poll, and the listener's first LISTEN.
      await waitFor(async () => (await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'baanrian-outbox-wakeup' AND query ILIKE 'LISTEN%'`))[0].n === 1, 'the listener to listen');
      return { relay, listener };
    }

    async function waitFor(check: () => Promise<boolean>, what: string, ms = 5_000): Promise<number> {
      const t0 = Date.now();
      while (!(await check())) {
        if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return Date.now() - t0;
    }

    it('starts a job within moments of the commit, not at the next poll', async () => {
      await sleepyRelay();
      const [id] = await writePings(1);
      const ms = await waitFor(async () => (await queue.getJob(id)) !== undefined, 'the job');
      expect(ms).toBeLessThan(3_000);
      expect(await unpublished()).toBe(0);
    });

    it('listens again after its connection is cut (PostgreSQL restarting), and relays what was written meanwhile', async () => {
      await sleepyRelay();
      const listeners = async () => (await db.query(`SELECT pid FROM pg_stat_activity WHERE application_name = 'baanrian-outbox-wakeup'`)).map((r: { pid: number }) => r.pid);
      const [before] = await listeners();
      await db.query('SELECT pg_terminate_backend($1)', [before]);
      await waitFor(async () => (await listeners()).length === 0, 'the listener connection to close');
      // Written while nobody listens: reconnecting (after about a second) wakes the relay for it.
      const [meanwhile] = await writePings(1);
      await waitFor(async () => (await queue.getJob(meanwhile)) !== undefined, 'the event written while the listener was away', 8_000);
      const [after] = await listeners();
      expect(after).toBeDefined();
      expect(after).not.toBe(before);
      const [next] = await writePings(1);
      expect(await waitFor(async () => (await queue.getJob(next)) !== undefined, 'the job after reconnecting')).toBeLessThan(3_000);
    });
  });
});

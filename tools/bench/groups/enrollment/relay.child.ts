/**
 * One round of the relay benchmark, in its own process (ts-node, which emits the decorator
 * metadata the relay's Nest service needs; tsx does not). MODE=relay: EVENTS committed outbox rows drained
 * by OutboxRelayService.relayBatch into a fresh BullMQ queue; MODE=bare: the same number of jobs
 * given to BullMQ's addBulk in batches of the relay's size, no database. Prints {"eventsPerSecond": n}.
 *
 * Env: MODE, DATABASE_URL (relay), REDIS_URL, EVENTS.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '@baanrian/config';
import { createDataSource } from '@baanrian/db';
import { QueueName } from '@baanrian/jobs';
import { Queue } from 'bullmq';
import type { OutboxQueues } from '../../../../apps/worker/src/outbox/outbox-queues';
import { OUTBOX_BATCH_SIZE, OutboxRelayService } from '../../../../apps/worker/src/outbox/outbox-relay.service';

const env = process.env;
const events = Number(env.EVENTS ?? 10_000);

async function main(): Promise<number> {
  const queue = new Queue(QueueName.Learning, { connection: { url: env.REDIS_URL as string }, prefix: `bench_${randomUUID().slice(0, 8)}` });
  try {
    if (env.MODE === 'bare') {
      const batch = OUTBOX_BATCH_SIZE;
      const jobs = Array.from({ length: events }, () => ({ name: 'enrollment.created', data: { enrollmentId: randomUUID(), courseId: randomUUID(), userId: randomUUID() }, opts: { jobId: randomUUID() } }));
      const started = process.hrtime.bigint();
      for (let i = 0; i < jobs.length; i += batch) await queue.addBulk(jobs.slice(i, i + batch));
      return events / (Number(process.hrtime.bigint() - started) / 1e9);
    }
    const db = await createDataSource({ url: env.DATABASE_URL as string, poolSize: 4 }).initialize();
    try {
      await db.query(
        `INSERT INTO outbox_event (type, payload, request_id)
         SELECT 'enrollment.created', jsonb_build_object('enrollmentId', gen_random_uuid(), 'courseId', gen_random_uuid(), 'userId', gen_random_uuid()), 'bench'
           FROM generate_series(1, $1)`,
        [events],
      );
      const relay = new OutboxRelayService(db, { worker: { outboxPollMs: 1000 } } as AppConfig, { get: () => queue } as unknown as OutboxQueues);
      const started = process.hrtime.bigint();
      let moved = 0;
      for (let n = await relay.relayBatch(); n > 0; n = await relay.relayBatch()) moved += n;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (moved !== events) throw new Error(`moved ${moved} of ${events}`);
      return events / seconds;
    } finally {
      await db.destroy();
    }
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

main().then(
  (eventsPerSecond) => {
    console.log(JSON.stringify({ eventsPerSecond }));
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);

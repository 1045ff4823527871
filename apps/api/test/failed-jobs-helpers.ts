import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type Job, Queue, Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Real BullMQ failures for the API's tests, in the API's own queue prefix. The worker app records
 * failures itself (apps/worker/test/failed-jobs.spec.ts); here a job is failed by hand through
 * BullMQ's manual-processing API and its row written as the worker's recorder writes it.
 */
export class FailedJobsFixture {
  readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];

  constructor(private readonly config: AppConfig) {}

  static of(app: NestExpressApplication): FailedJobsFixture {
    return new FailedJobsFixture(app.get<AppConfig>(APP_CONFIG));
  }

  get connection() {
    return { url: this.config.redis.url, maxRetriesPerRequest: null };
  }

  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) this.queues.set(name, (queue = new Queue(name, { connection: this.connection, prefix: this.config.redis.queuePrefix })));
    return queue;
  }

  /** Adds a job and fails it for good (one attempt), as a worker whose handler threw would. */
  async failForGood(queueName: string, name: string, data: Record<string, unknown>, message = 'handler threw'): Promise<Job> {
    const queue = this.queue(queueName);
    // lifo: taken next even when other jobs wait (e.g. one an administrator just retried).
    const added = await queue.add(name, data, { jobId: randomUUID(), attempts: 1, lifo: true });
    const worker = new Worker(queueName, null, { connection: this.connection, prefix: this.config.redis.queuePrefix, autorun: false });
    const token = randomUUID();
    try {
      const job = (await worker.getNextJob(token)) as Job | undefined;
      if (!job || job.id !== added.id) throw new Error(`expected to take job ${added.id}, got ${job?.id}`);
      await job.moveToFailed(new Error(message), token);
      return job;
    } finally {
      await worker.close();
    }
  }

  /** Runs the queue's waiting jobs with `handler` (the fixed code), until closed. */
  run(queueName: string, handler: (job: Job) => Promise<unknown>): Worker {
    const worker = new Worker(queueName, handler, { connection: this.connection, prefix: this.config.redis.queuePrefix });
    this.workers.push(worker);
    return worker;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}

export interface FailureRowInput {
  queue?: string;
  jobId?: string;
  jobName?: string;
  payload?: Record<string, unknown>;
  status?: 'open' | 'retried' | 'dismissed';
  failedAt?: Date;
}

/** A `job_failure` row as the worker's recorder writes it (apps/worker/src/failed-jobs/job-failure.recorder.ts). */
export async function insertJobFailure(db: DataSource, input: FailureRowInput = {}): Promise<string> {
  const at = input.failedAt ?? new Date();
  const [{ id }] = await db.query(
    `INSERT INTO job_failure (queue, job_id, job_name, payload, error_message, error_code, attempts, first_failed_at, last_failed_at, status)
     VALUES ($1, $2, $3, $4, 'handler threw', 'Error', 5, $5, $5, $6) RETURNING id`,
    [input.queue ?? 'system', input.jobId ?? randomUUID(), input.jobName ?? 'system.ping', input.payload ?? { pingId: randomUUID() }, at, input.status ?? 'open'],
  );
  return id;
}

/** The row for a job failed with `failForGood`. */
export const insertFailureOf = (db: DataSource, queue: string, job: Job) =>
  insertJobFailure(db, { queue, jobId: String(job.id), jobName: job.name, payload: job.data as Record<string, unknown>, failedAt: new Date(job.finishedOn ?? Date.now()) });

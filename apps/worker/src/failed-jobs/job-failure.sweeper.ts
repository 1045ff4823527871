import { QueueName } from '@baanrian/jobs';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { OutboxQueues } from '../outbox/outbox-queues';
import { JobFailureRecorder } from './job-failure.recorder';
import { failureOf } from './job-failure.summary';

/** How often each worker looks at the failed sets, and how far back a regular sweep looks. */
const SWEEP_EVERY_MS = 30_000;
const SWEEP_WINDOW_MS = 15 * 60_000;
const PAGE = 500;

/**
 * Records failures the `failed` event missed: a worker killed between BullMQ's move and the
 * insert, or PostgreSQL away at that moment. At start it reads each queue's whole failed set (so
 * failures while every worker was down are found), then every 30 s the last 15 minutes of it.
 * Jobs already recorded at that failure time are skipped before their data is read, so a quiet
 * sweep costs one Redis range read per queue and one indexed select.
 */
@Injectable()
export class JobFailureSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobFailureSweeper.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<number> | null = null;

  constructor(
    private readonly queues: OutboxQueues,
    private readonly recorder: JobFailureRecorder,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweepSafely(0);
    this.timer = setInterval(() => void this.sweepSafely(Date.now() - SWEEP_WINDOW_MS), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Records every failed job that finished at or after `since` (ms) and is not recorded yet; returns how many. */
  async sweep(since = 0): Promise<number> {
    let added = 0;
    for (const name of Object.values(QueueName)) added += await this.sweepQueue(this.queues.get(name), since);
    return added;
  }

  private async sweepSafely(since: number): Promise<void> {
    if (this.running) return; // one sweep at a time per process
    this.running = this.sweep(since);
    try {
      const added = await this.running;
      if (added) this.logger.warn({ added }, 'failed jobs recorded by the sweep');
    } catch (error) {
      this.logger.warn({ error: (error as Error).message }, 'failed-job sweep could not run; next time');
    } finally {
      this.running = null;
    }
  }

  private async sweepQueue(queue: Queue, since: number): Promise<number> {
    const client = await queue.backend.client;
    let added = 0;
    for (let offset = 0; ; offset += PAGE) {
      // The failed set is scored by the time of failure: read newest first, stop past `since`.
      const flat = await client.zrevrange(queue.keys.failed, offset, offset + PAGE - 1, { WITHSCORES: true });
      const read: { jobId: string; failedAt: number }[] = [];
      for (let i = 0; i < flat.length; i += 2) read.push({ jobId: flat[i], failedAt: Number(flat[i + 1]) });
      const page = read.filter((p) => p.failedAt >= since);
      const known = await this.recorder.recorded(queue.name, page);
      for (const { jobId } of page.filter((p) => !known.has(p.jobId))) {
        const job = await queue.getJob(jobId);
        const failure = job && failureOf(queue.name, job);
        if (failure && (await this.recorder.record(failure))) added++;
      }
      if (read.length < PAGE || page.length < read.length) return added;
    }
  }
}

import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { QueueName } from '@baanrian/jobs';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { FailedJobsException } from './failed-jobs.exception';

const isQueueName = (value: string): value is QueueName => (Object.values(QueueName) as string[]).includes(value);

/**
 * The API's handle on the worker's queues, only to send a failed job back (an administrator's
 * retry). Opened on first use: most API processes never need it. Its own connection, failing
 * fast, so a retry while Redis is away answers 503 instead of hanging.
 */
@Injectable()
export class FailedJobQueues implements OnApplicationShutdown {
  private connection?: Redis;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * BullMQ's own retry: the same job (id, name and data) goes back to waiting with its attempts
   * reset. Only a job still in the failed set can be retried; one that expired or was lost is GONE.
   */
  async retry(queueName: string, jobId: string): Promise<void> {
    if (!isQueueName(queueName)) throw new FailedJobsException('JOB_FAILURE_GONE');
    const queue = this.queue(queueName);
    try {
      const job = await queue.getJob(jobId);
      if (!job || !(await job.isFailed())) throw new FailedJobsException('JOB_FAILURE_GONE');
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    } catch (error) {
      if (error instanceof FailedJobsException) throw error;
      // Moved by someone else between the check and the retry (BullMQ: "not in the failed state").
      if (/not in the \w+ state/i.test((error as Error).message)) throw new FailedJobsException('JOB_FAILURE_GONE');
      throw new FailedJobsException('JOB_QUEUE_UNAVAILABLE');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.connection?.disconnect();
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      this.connection ??= new Redis(this.config.redis.url, { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 5000 });
      this.connection.on('error', () => undefined); // answered as JOB_QUEUE_UNAVAILABLE
      queue = new Queue(name, { connection: this.connection, prefix: this.config.redis.queuePrefix });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }
}

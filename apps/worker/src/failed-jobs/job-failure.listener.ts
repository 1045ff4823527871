import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import { JobFailureRecorder } from './job-failure.recorder';
import { failureOf } from './job-failure.summary';

/**
 * Records jobs that fail for good, for every queue, in one place: it finds each processor (a
 * `WorkerHost`) once the workers exist and listens to their `failed` event, so no processor has
 * to remember to. The event fires after BullMQ moved the job, in the process that ran it; if that
 * process dies first, or the database is down, the sweep (job-failure.sweeper.ts) records it.
 */
@Injectable()
export class JobFailureListener implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobFailureListener.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly recorder: JobFailureRecorder,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const host: unknown = wrapper.instance;
      if (!(host instanceof WorkerHost)) continue;
      const worker = host.worker;
      worker.on('failed', (job: Job | undefined, error: Error) => {
        if (job) void this.onFailed(worker.name, job, error);
      });
    }
  }

  /** Public for tests that deliver a failure again, as a second event or worker would. */
  async onFailed(queue: string, job: Job, error: unknown): Promise<void> {
    const failure = failureOf(queue, job, error);
    if (!failure) return; // BullMQ will try again
    try {
      const added = await this.recorder.record(failure);
      if (added) this.logger.warn({ queue, jobId: failure.jobId, jobName: failure.jobName, attempts: failure.attempts, error: failure.errorMessage }, 'job failed for good');
    } catch (err) {
      this.logger.warn({ queue, jobId: failure.jobId, error: (err as Error).message }, 'could not record a failed job now; the sweep will');
    }
  }
}

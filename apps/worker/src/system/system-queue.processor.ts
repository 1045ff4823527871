import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { type JobData, QueueName } from '@baanrian/jobs';
import { Processor } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { MediaHousekeepingJob } from '../media/media-housekeeping.job';
import { HousekeepingJob } from './housekeeping.job';
import { ReachRollupJob } from './reach-rollup.job';
import { SystemPingJob } from './system-ping.job';
import { OutageTolerantHost } from '../failed-jobs/outage-tolerant.host';

/** Dispatches the `system` queue's jobs by name; each job class does one thing. */
@Processor(QueueName.System)
export class SystemQueueProcessor extends OutageTolerantHost implements OnApplicationBootstrap {
  constructor(
    private readonly ping: SystemPingJob,
    private readonly housekeeping: HousekeepingJob,
    private readonly mediaHousekeeping: MediaHousekeepingJob,
    private readonly reachRollup: ReachRollupJob,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // The decorator's options are static; the configured concurrency arrives at run time.
    this.worker.concurrency = this.config.worker.concurrency;
  }

  protected async handle(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'system.ping':
        return this.ping.handle(job.data as JobData<'system.ping'>);
      case 'system.housekeeping':
        return this.housekeeping.handle();
      case 'media.housekeeping':
        return this.mediaHousekeeping.handle();
      case 'reach.rollup':
        return this.reachRollup.handle();
      // Course events have no consumer yet (enrolment, issue 7, will); acknowledged so they do not fail.
      case 'course.published':
      case 'course.archived':
        return undefined;
      default:
        throw new Error(`No handler for job ${job.name} on queue ${QueueName.System}`);
    }
  }
}

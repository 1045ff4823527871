import { type JobData, QueueName } from '@baanrian/jobs';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { SystemPingJob } from './system-ping.job';

/** Dispatches the `system` queue's jobs by name; each job class does one thing. */
@Processor(QueueName.System)
export class SystemQueueProcessor extends WorkerHost {
  constructor(private readonly ping: SystemPingJob) {
    super();
  }

  async process(job: Job): Promise<void> {
    switch (job.name) {
      case 'system.ping':
        return this.ping.handle(job.data as JobData<'system.ping'>);
      default:
        throw new Error(`No handler for job ${job.name} on queue ${QueueName.System}`);
    }
  }
}

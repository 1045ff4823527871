import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { QueueName } from '@baanrian/jobs';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';

/** Dispatches the `learning` queue's jobs (enrolment, attendance, progress) by name. */
@Processor(QueueName.Learning)
export class LearningQueueProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.worker.concurrency;
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      // Recorded for participation reports (issue 10), which will consume them; acknowledged until then.
      case 'enrollment.created':
      case 'enrollment.withdrawn':
      case 'attendance.recorded':
        return undefined;
      default:
        throw new Error(`No handler for job ${job.name} on queue ${QueueName.Learning}`);
    }
  }
}

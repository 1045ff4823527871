import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { type JobData, QueueName } from '@baanrian/jobs';
import { Processor } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AttemptGradingJob } from './attempt-grading.job';
import { CloseExpiredJob } from './close-expired.job';
import { RegradeJob } from './regrade.job';
import { OutageTolerantHost } from '../failed-jobs/outage-tolerant.host';

/**
 * Dispatches the `grading` queue's jobs by name. Grading runs in-process: one attempt takes
 * ~0.07 ms of CPU (20 questions), far below BullMQ's lock renewal, and regrades yield to the event
 * loop between batches (see docs/quizzes.md, "Grading and the event loop").
 */
@Processor(QueueName.Grading)
export class GradingQueueProcessor extends OutageTolerantHost implements OnApplicationBootstrap {
  constructor(
    private readonly grading: AttemptGradingJob,
    private readonly regrade: RegradeJob,
    private readonly closeExpired: CloseExpiredJob,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.worker.concurrency;
  }

  protected async handle(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'attempt.submitted':
        return this.grading.handle(job.data as JobData<'attempt.submitted'>);
      case 'quiz.regrade-requested':
        return this.regrade.handle(job.data as JobData<'quiz.regrade-requested'>);
      case 'grading.close-expired':
        return this.closeExpired.handle();
      default:
        throw new Error(`No handler for job ${job.name} on queue ${QueueName.Grading}`);
    }
  }
}

import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { type JobData, QueueName } from '@baanrian/jobs';
import { Processor } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PasswordResetMailJob } from './password-reset-mail.job';
import { OutageTolerantHost } from '../failed-jobs/outage-tolerant.host';

/** Dispatches the `mail` queue's jobs by name. */
@Processor(QueueName.Mail)
export class MailQueueProcessor extends OutageTolerantHost implements OnApplicationBootstrap {
  constructor(
    private readonly passwordReset: PasswordResetMailJob,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Each mail holds a database connection while SMTP takes it (MailService): leave the pool
    // room for the relay, the heartbeat and the system queue.
    this.worker.concurrency = Math.max(1, Math.min(this.config.worker.concurrency, Math.floor(this.config.database.poolSize / 2)));
  }

  protected async handle(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'account.password-reset-requested':
        return this.passwordReset.handle(job.data as JobData<'account.password-reset-requested'>);
      default:
        throw new Error(`No handler for job ${job.name} on queue ${QueueName.Mail}`);
    }
  }
}

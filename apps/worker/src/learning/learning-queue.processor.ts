import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { type JobData, QueueName } from '@baanrian/jobs';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { CredentialIssueEnqueuer } from '../credentials/credential-issue.enqueuer';
import { EnrollmentCompletedJob } from './enrollment-completed.job';
import { EnrollmentPromotedJob } from './enrollment-promoted.job';
import { SessionRemindersJob } from './session-reminders.job';

/** Dispatches the `learning` queue's jobs (enrolment, attendance, progress) by name. */
@Processor(QueueName.Learning)
export class LearningQueueProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly promoted: EnrollmentPromotedJob,
    private readonly completed: EnrollmentCompletedJob,
    private readonly reminders: SessionRemindersJob,
    private readonly credentials: CredentialIssueEnqueuer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Promotion and reminders send mail while holding a database connection (MailService):
    // leave the pool room for the relay and the other queues, as the mail queue does.
    this.worker.concurrency = Math.max(1, Math.min(this.config.worker.concurrency, Math.floor(this.config.database.poolSize / 2)));
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'enrollment.promoted':
        return this.promoted.handle(job.data as JobData<'enrollment.promoted'>);
      case 'enrollment.completed': {
        const data = job.data as JobData<'enrollment.completed'>;
        // Queued first: the certificate must not depend on the notification succeeding.
        await this.credentials.enqueue(data.enrollmentId);
        return this.completed.handle(data);
      }
      case 'learning.session-reminders':
        return this.reminders.handle();
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

import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { type JobData, QueueName } from '@baanrian/jobs';
import { Processor } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { CredentialIssueEnqueuer } from '../credentials/credential-issue.enqueuer';
import { ReportDirtyMarker } from '../reports/report-dirty.marker';
import { EnrollmentCompletedJob } from './enrollment-completed.job';
import { EnrollmentPromotedJob } from './enrollment-promoted.job';
import { SessionRemindersJob } from './session-reminders.job';
import { OutageTolerantHost } from '../failed-jobs/outage-tolerant.host';

/** Dispatches the `learning` queue's jobs (enrolment, attendance, progress, erasure) by name; each event marks its report rollups. */
@Processor(QueueName.Learning)
export class LearningQueueProcessor extends OutageTolerantHost implements OnApplicationBootstrap {
  constructor(
    private readonly promoted: EnrollmentPromotedJob,
    private readonly completed: EnrollmentCompletedJob,
    private readonly reminders: SessionRemindersJob,
    private readonly credentials: CredentialIssueEnqueuer,
    private readonly reports: ReportDirtyMarker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Promotion and reminders send mail while holding a database connection (MailService):
    // leave the pool room for the relay and the other queues, as the mail queue does.
    this.worker.concurrency = Math.max(1, Math.min(this.config.worker.concurrency, Math.floor(this.config.database.poolSize / 2)));
  }

  protected async handle(job: Job): Promise<unknown> {
    // Reports first (marks are idempotent): a notification failing and retrying must not delay the numbers.
    switch (job.name) {
      case 'enrollment.promoted':
        await this.reports.enrollment(job.data as JobData<'enrollment.promoted'>);
        return this.promoted.handle(job.data as JobData<'enrollment.promoted'>);
      case 'enrollment.completed': {
        const data = job.data as JobData<'enrollment.completed'>;
        await this.reports.enrollment(data);
        // Queued first: the certificate must not depend on the notification succeeding.
        await this.credentials.enqueue(data.enrollmentId);
        return this.completed.handle(data);
      }
      case 'learning.session-reminders':
        return this.reminders.handle();
      case 'enrollment.created':
      case 'enrollment.withdrawn':
      case 'enrollment.started':
        return this.reports.enrollment(job.data as JobData<'enrollment.created'>);
      case 'attendance.recorded':
        return this.reports.attendance(job.data as JobData<'attendance.recorded'>);
      case 'account.erased':
        return this.reports.erased((job.data as JobData<'account.erased'>).userId);
      default:
        throw new Error(`No handler for job ${job.name} on queue ${QueueName.Learning}`);
    }
  }
}

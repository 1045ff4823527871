import { type JobData, QueueName } from '@baanrian/jobs';
import { Processor } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import type { Job } from 'bullmq';
import { ReportDirtyMarker } from '../reports/report-dirty.marker';
import { CredentialDeliveryJob } from './credential-delivery.job';
import { CredentialIssueJob } from './credential-issue.job';
import { CredentialReissueJob } from './credential-reissue.job';
import { CredentialsAwardTitlesJob } from './credentials-award-titles.job';
import { CredentialsReconcileJob } from './credentials-reconcile.job';
import { OutageTolerantHost } from '../failed-jobs/outage-tolerant.host';

/** Dispatches the `credentials` queue: signing, PDF rendering and mail, reconciliation, titles. */
@Processor(QueueName.Credentials)
export class CredentialsQueueProcessor extends OutageTolerantHost implements OnApplicationBootstrap {
  constructor(
    private readonly issue: CredentialIssueJob,
    private readonly delivery: CredentialDeliveryJob,
    private readonly reissue: CredentialReissueJob,
    private readonly reconcile: CredentialsReconcileJob,
    private readonly titles: CredentialsAwardTitlesJob,
    private readonly reports: ReportDirtyMarker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Delivery mails while holding a database connection (MailService): leave the pool room, as the mail queue does.
    this.worker.concurrency = Math.max(1, Math.min(this.config.worker.concurrency, Math.floor(this.config.database.poolSize / 2)));
  }

  protected async handle(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'credential.issue':
        return this.issue.handle(job.data as JobData<'credential.issue'>);
      case 'credential.issued': {
        const data = job.data as JobData<'credential.issued'>;
        // Certificates issued (reports): marked before delivery, whose PDF or mail may fail and retry.
        await this.reports.credential(data.credentialId);
        return this.delivery.handle(data);
      }
      case 'credential.reissue-requested':
        return this.reissue.handle(job.data as JobData<'credential.reissue-requested'>);
      case 'credentials.reconcile':
        return this.reconcile.handle();
      case 'credentials.award-titles':
        return this.titles.handle(job.data as JobData<'credentials.award-titles'>);
      // The status list is built from the table on each request: nothing to do when one is revoked.
      case 'credential.revoked':
        return undefined;
      default:
        throw new Error(`No handler for job ${job.name} on queue ${QueueName.Credentials}`);
    }
  }
}

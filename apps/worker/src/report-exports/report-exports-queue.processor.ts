import { type JobData, QueueName } from '@baanrian/jobs';
import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { ReportExportJob } from './report-export.job';
import { ReportExportsExpireJob } from './report-exports-expire.job';
import { OutageTolerantHost } from '../failed-jobs/outage-tolerant.host';

/**
 * Dispatches the `exports` queue. One job at a time per worker process (BullMQ's default
 * concurrency): an export holds a database connection and streams a file for minutes, and one at
 * a time keeps the worker's memory predictable.
 */
@Processor(QueueName.Exports)
export class ReportExportsQueueProcessor extends OutageTolerantHost {
  constructor(
    private readonly exportJob: ReportExportJob,
    private readonly expire: ReportExportsExpireJob,
  ) {
    super();
  }

  protected async handle(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'report.export-requested':
        // On the last attempt a failure is recorded on the row (status failed) for the requester to see.
        return this.exportJob.handle(job.data as JobData<'report.export-requested'>, { finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) });
      case 'reports.expire-exports':
        return this.expire.handle();
      default:
        throw new Error(`No handler for job ${job.name} on queue ${QueueName.Exports}`);
    }
  }
}

import { QueueName } from '@baanrian/jobs';
import { Processor } from '@nestjs/bullmq';
import type { OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ReportsRebuildJob } from './reports-rebuild.job';
import { ReportsReconcileJob } from './reports-reconcile.job';
import { ReportsRefreshJob } from './reports-refresh.job';
import { OutageTolerantHost } from '../failed-jobs/outage-tolerant.host';

/** Dispatches the `reports` queue: rollup refreshes, rebuilds and the nightly reconciliation. */
@Processor(QueueName.Reports)
export class ReportsQueueProcessor extends OutageTolerantHost implements OnApplicationBootstrap {
  constructor(
    private readonly refresh: ReportsRefreshJob,
    private readonly rebuild: ReportsRebuildJob,
    private readonly reconcile: ReportsReconcileJob,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Two: a long nightly reconciliation must not hold up the refreshes queued behind it.
    this.worker.concurrency = 2;
  }

  protected async handle(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'reports.refresh':
        return this.refresh.handle();
      case 'reports.rebuild':
        return this.rebuild.handle();
      case 'reports.reconcile':
        return this.reconcile.handle();
      default:
        throw new Error(`No handler for job ${job.name} on queue ${QueueName.Reports}`);
    }
  }
}

import { QueueName } from '@baanrian/jobs';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';

const EVERY_MS = 60 * 60 * 1000;

/** Expires finished exports hourly; the fixed scheduler id keeps one schedule however many workers run. */
@Injectable()
export class ReportExportsScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Exports) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('reports.expire-exports', { every: EVERY_MS }, { name: 'reports.expire-exports', data: {} });
  }
}

import { QueueName } from '@baanrian/jobs';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';

/** Nightly reconciliation and title awards, in Bangkok time; fixed scheduler ids keep one schedule per cluster. */
@Injectable()
export class CredentialsScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Credentials) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('credentials.reconcile', { pattern: '30 2 * * *', tz: 'Asia/Bangkok' }, { name: 'credentials.reconcile', data: {} });
    await this.queue.upsertJobScheduler('credentials.award-titles', { pattern: '0 3 * * *', tz: 'Asia/Bangkok' }, { name: 'credentials.award-titles', data: {} });
  }
}

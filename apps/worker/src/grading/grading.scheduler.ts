import { QueueName } from '@baanrian/jobs';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';

/** Closes expired attempts every minute; a fixed scheduler id keeps one schedule however many workers run. */
@Injectable()
export class GradingScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Grading) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('grading.close-expired', { every: 60_000 }, { name: 'grading.close-expired', data: {} });
  }
}

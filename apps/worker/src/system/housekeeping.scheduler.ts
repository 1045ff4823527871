import { QueueName } from '@baanrian/jobs';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';

const EVERY_MS = 60 * 60 * 1000;

/** Schedules housekeeping hourly. Upserting by a fixed id keeps one schedule however many workers run. */
@Injectable()
export class HousekeepingScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.System) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('system.housekeeping', { every: EVERY_MS }, { name: 'system.housekeeping', data: {} });
    await this.queue.upsertJobScheduler('media.housekeeping', { every: EVERY_MS }, { name: 'media.housekeeping', data: {} });
  }
}

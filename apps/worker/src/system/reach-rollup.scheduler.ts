import { QueueName } from '@baanrian/jobs';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';

const EVERY_MS = 5 * 60 * 1000;

/** Rolls measured reach up every 5 minutes; the fixed id keeps one schedule however many workers run. */
@Injectable()
export class ReachRollupScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.System) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('reach.rollup', { every: EVERY_MS }, { name: 'reach.rollup', data: {} });
  }
}

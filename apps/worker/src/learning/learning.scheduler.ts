import { QueueName } from '@baanrian/jobs';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';

export const SESSION_REMINDERS_EVERY_MS = 5 * 60 * 1000;

/** Schedules session reminders every 5 minutes; a fixed scheduler id keeps one schedule however many workers run. */
@Injectable()
export class LearningScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Learning) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('learning.session-reminders', { every: SESSION_REMINDERS_EVERY_MS }, { name: 'learning.session-reminders', data: {} });
  }
}

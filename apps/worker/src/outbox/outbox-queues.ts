import { QueueName } from '@baanrian/jobs';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';

/** The queues the relay may deliver to, by name. One constructor parameter per queue in `QueueName`. */
@Injectable()
export class OutboxQueues {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QueueName.System) system: Queue,
    @InjectQueue(QueueName.Mail) mail: Queue,
    @InjectQueue(QueueName.Learning) learning: Queue,
    @InjectQueue(QueueName.Grading) grading: Queue,
    @InjectQueue(QueueName.Credentials) credentials: Queue,
    @InjectQueue(QueueName.Reports) reports: Queue,
    @InjectQueue(QueueName.Exports) exports: Queue,
  ) {
    this.queues = { [QueueName.System]: system, [QueueName.Mail]: mail, [QueueName.Learning]: learning, [QueueName.Grading]: grading, [QueueName.Credentials]: credentials, [QueueName.Reports]: reports, [QueueName.Exports]: exports };
  }

  get(name: QueueName): Queue {
    return this.queues[name];
  }
}

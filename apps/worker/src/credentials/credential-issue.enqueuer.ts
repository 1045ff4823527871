import { QueueName } from '@baanrian/jobs';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';

/**
 * Turns `enrollment.completed` into a `credential.issue` job. The job id is derived from the
 * enrolment, so a redelivered event adds nothing while the first job is kept (a week); the
 * credential's unique key covers anything later. BullMQ refuses ':' in custom ids, hence '.'.
 */
@Injectable()
export class CredentialIssueEnqueuer {
  constructor(@InjectQueue(QueueName.Credentials) private readonly queue: Queue) {}

  async enqueue(enrollmentId: string): Promise<void> {
    await this.queue.add('credential.issue', { enrollmentId }, { jobId: `credential.issue.${enrollmentId}` });
  }
}

import type { JobData } from '@baanrian/jobs';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { gradeSubmittedAttempt, type GradingOutcome } from './attempt-grading';

/** `attempt.submitted`: grade the attempt once (see gradeSubmittedAttempt). */
@Injectable()
export class AttemptGradingJob {
  private readonly logger = new Logger(AttemptGradingJob.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async handle(data: JobData<'attempt.submitted'>): Promise<GradingOutcome> {
    const requestId = data.meta?.requestId ?? null;
    const outcome = await gradeSubmittedAttempt(this.db, data.attemptId, requestId);
    this.logger.debug({ requestId, eventId: data.meta?.eventId, attemptId: data.attemptId, outcome }, 'attempt.submitted handled');
    return outcome;
  }
}

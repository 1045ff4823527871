import type { JobData } from '@baanrian/jobs';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { gradeSubmittedAttempts, type GradingOutcome } from './attempt-grading';
import { failpoint } from '../system/failpoint';
import { GradingBatcher } from './grading-batcher';

/** `attempt.submitted`: grade the attempt once (see gradeSubmittedAttempts), sharing a transaction with the jobs running alongside. */
@Injectable()
export class AttemptGradingJob {
  private readonly logger = new Logger(AttemptGradingJob.name);
  private readonly batcher: GradingBatcher;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.batcher = new GradingBatcher((requests) => gradeSubmittedAttempts(this.db, requests));
  }

  async handle(data: JobData<'attempt.submitted'>): Promise<GradingOutcome> {
    const requestId = data.meta?.requestId ?? null;
    const outcome = await this.batcher.submit({ attemptId: data.attemptId, requestId });
    // Fault suite, scenario 2: the grade is committed, the job not yet completed.
    if (outcome === 'graded') failpoint('grade.after-commit', { attemptId: data.attemptId });
    this.logger.debug({ requestId, eventId: data.meta?.eventId, attemptId: data.attemptId, outcome }, 'attempt.submitted handled');
    return outcome;
  }
}

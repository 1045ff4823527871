import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { writeOutboxEvent } from '@baanrian/db';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Attempts closed per transaction; the sweep loops until none is left. */
const BATCH = 200;

/**
 * `grading.close-expired` (every minute): attempts whose learner left before the deadline plus
 * grace are closed as `time_expired` with what was saved, and graded like any other (an
 * `attempt.submitted` event each, in the same transaction). SKIP LOCKED lets two workers share it.
 */
@Injectable()
export class CloseExpiredJob {
  private readonly logger = new Logger(CloseExpiredJob.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(now: Date = new Date()): Promise<number> {
    let closed = 0;
    for (;;) {
      const count = await this.db.transaction(async (manager) => {
        // UPDATE … RETURNING answers [rows, affected] through TypeORM.
        const [rows]: [{ id: string; quiz_id: string; user_id: string }[], number] = await manager.query(
          `UPDATE quiz_attempt SET status = 'submitted', close_reason = 'time_expired', submitted_at = deadline_at, updated_at = now()
           WHERE id IN (SELECT id FROM quiz_attempt WHERE status = 'in_progress' AND deadline_at IS NOT NULL
                          AND deadline_at + make_interval(secs => $1::double precision) < $2::timestamptz ORDER BY deadline_at LIMIT $3::int FOR UPDATE SKIP LOCKED)
           RETURNING id, quiz_id, user_id`,
          [this.config.quiz.graceSeconds, now, BATCH],
        );
        for (const row of rows) await writeOutboxEvent(manager, 'attempt.submitted', { attemptId: row.id, quizId: row.quiz_id, userId: row.user_id }, null);
        return rows.length;
      });
      closed += count;
      if (count < BATCH) break;
    }
    if (closed > 0) this.logger.log({ closed }, 'expired attempts closed');
    return closed;
  }
}

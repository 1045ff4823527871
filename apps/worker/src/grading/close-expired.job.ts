import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { writeOutboxEvent } from '@baanrian/db';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Attempts closed per transaction; the sweep loops until none is left. */
const BATCH = 200;
/** A submitted attempt still without a grade this long after its last change is announced again. */
const UNGRADED_AFTER_MINUTES = 5;

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
    const reannounced = await this.reannounceUngraded(now);
    if (closed > 0 || reannounced > 0) this.logger.log({ closed, reannounced }, 'expired attempts closed');
    return closed;
  }

  /**
   * Grades commit without waiting for the WAL flush, so a crash can lose the last ones while their
   * jobs count as done: attempts submitted but ungraded for a while get their event again (at most
   * once per UNGRADED_AFTER_MINUTES each; a duplicate job finds the grade and does nothing).
   */
  async reannounceUngraded(now: Date = new Date()): Promise<number> {
    return this.db.transaction(async (manager) => {
      const [rows]: [{ id: string; quiz_id: string; user_id: string }[], number] = await manager.query(
        `UPDATE quiz_attempt SET updated_at = $1::timestamptz
         WHERE id IN (SELECT id FROM quiz_attempt WHERE status = 'submitted' AND updated_at < $1::timestamptz - make_interval(mins => $2::int)
                      LIMIT $3::int FOR UPDATE SKIP LOCKED)
         RETURNING id, quiz_id, user_id`,
        [now, UNGRADED_AFTER_MINUTES, BATCH],
      );
      for (const row of rows) await writeOutboxEvent(manager, 'attempt.submitted', { attemptId: row.id, quizId: row.quiz_id, userId: row.user_id }, null);
      return rows.length;
    });
  }
}

import type { JobData } from '@baanrian/jobs';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { completeQuizLessonsIfPassed, computeGrade, type GradableAttempt, loadDefinitions, loadQuizSettings } from './grading.records';

/** Attempts regraded per transaction: small enough that the event loop is back within milliseconds. */
export const REGRADE_BATCH = 100;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `quiz.regrade-requested`: regrades the quiz's graded attempts (those that delivered the changed
 * question, or all) in batches, keyset-ordered by id, with progress in `quiz_regrade`. A changed
 * grade is updated (version + 1) and recorded in `quiz_grade_change`, unique per attempt and
 * regrade: a job run twice finds the grades already current and records nothing more.
 */
@Injectable()
export class RegradeJob {
  private readonly logger = new Logger(RegradeJob.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async handle(data: JobData<'quiz.regrade-requested'>): Promise<{ done: number; changed: number } | null> {
    const requestId = data.meta?.requestId ?? null;
    // UPDATE … RETURNING answers [rows, affected] through TypeORM.
    const [[regrade]]: [{ question_id: string | null }[], number] = await this.db.query(
      `UPDATE quiz_regrade SET status = 'running' WHERE id = $1 AND status IN ('pending', 'running') RETURNING question_id`,
      [data.regradeId],
    );
    if (!regrade) return null; // finished already: a redelivered job
    const delivered = regrade.question_id ? JSON.stringify([{ questionId: regrade.question_id }]) : '[]';
    const scope = `quiz_id = $1 AND status = 'graded' AND questions @> $2::jsonb`;
    const [{ total }]: { total: number }[] = await this.db.query(`SELECT count(*)::int AS total FROM quiz_attempt WHERE ${scope}`, [data.quizId, delivered]);
    await this.db.query(`UPDATE quiz_regrade SET total = $2, done = 0 WHERE id = $1`, [data.regradeId, total]);
    const quiz = await loadQuizSettings(this.db.manager, data.quizId);

    let after = '00000000-0000-0000-0000-000000000000';
    let done = 0;
    for (;;) {
      const batch = await this.db.transaction(async (manager) => {
        const attempts: (GradableAttempt & { score: string; passed: boolean })[] = await manager.query(
          `SELECT a.id, a.quiz_id, a.user_id, a.enrollment_id, a.status, a.questions, a.responses, g.score, g.passed
           FROM quiz_attempt a JOIN quiz_grade g ON g.attempt_id = a.id
           WHERE a.quiz_id = $1 AND a.status = 'graded' AND a.questions @> $2::jsonb AND a.id > $3 ORDER BY a.id LIMIT $4 FOR UPDATE OF g`,
          [data.quizId, delivered, after, REGRADE_BATCH],
        );
        const definitions = await loadDefinitions(manager, [...new Set(attempts.flatMap((a) => a.questions.map((q) => q.questionId)))]);
        for (const attempt of attempts) {
          const { grade, percent, passed } = computeGrade(attempt, definitions, quiz.passing_percent);
          if (Math.abs(grade.score - Number(attempt.score)) < 1e-4 && passed === attempt.passed) continue;
          const recorded: unknown[] = await manager.query(
            `INSERT INTO quiz_grade_change (attempt_id, regrade_id, old_score, new_score, old_passed, new_passed) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT ON CONSTRAINT "UQ_quiz_grade_change_attempt_regrade" DO NOTHING RETURNING id`,
            [attempt.id, data.regradeId, Number(attempt.score), grade.score, attempt.passed, passed],
          );
          if (recorded.length === 0) continue;
          await manager.query(
            `UPDATE quiz_grade SET score = $2, max_score = $3, percent = $4, passed = $5, details = $6::jsonb, graded_at = now(), version = version + 1 WHERE attempt_id = $1`,
            [attempt.id, grade.score, grade.maxScore, percent, passed, JSON.stringify(grade)],
          );
          if (passed) await completeQuizLessonsIfPassed(manager, { quizId: attempt.quiz_id, userId: attempt.user_id, enrollmentId: attempt.enrollment_id, quiz, requestId });
        }
        done += attempts.length;
        await manager.query(
          `UPDATE quiz_regrade SET done = $2, changed = (SELECT count(*)::int FROM quiz_grade_change WHERE regrade_id = $1) WHERE id = $1`,
          [data.regradeId, done],
        );
        return attempts;
      });
      if (batch.length < REGRADE_BATCH) break;
      after = batch[batch.length - 1].id;
      await yieldToEventLoop();
    }
    const [[finished]]: [{ done: number; changed: number }[], number] = await this.db.query(
      `UPDATE quiz_regrade SET status = 'done', finished_at = now() WHERE id = $1 RETURNING done, changed`,
      [data.regradeId],
    );
    this.logger.log({ requestId, regradeId: data.regradeId, total, ...finished }, 'regrade done');
    return finished;
  }
}

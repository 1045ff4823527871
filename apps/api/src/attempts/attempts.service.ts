import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import type { DeliveredQuestion } from '@baanrian/contracts';
import { quizResultPercent } from '@baanrian/quiz';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../authz/authz.types';
import { LessonLockService } from '../progress/lesson-lock';
import { currentRequestId } from '../observability/request-context';
import { chooseQuestions, deliver, learnerView, seededRandom } from './attempt-delivery';
import type { AttemptDto, LearnerQuizDto } from './attempt.dto';
import {
  type AttemptRow,
  closeTimeExpired,
  loadDefinitions,
  loadOwnAttempt,
  loadQuizForLearner,
  type QuizRow,
  resultsReleased,
  timeIsOver,
} from './attempt.records';
import { AttemptsException } from './attempts.exception';

export interface StartOutcome {
  attempt: AttemptDto;
  /** A new attempt (201) rather than the open one resumed (200). */
  created: boolean;
}

/** The learner's quiz page, starting (or resuming) an attempt and reading it back. */
@Injectable()
export class AttemptsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly locks: LessonLockService,
  ) {}

  private get grace(): number {
    return this.config.quiz.graceSeconds;
  }

  async overview(user: AuthUser, quizId: string, now: Date): Promise<LearnerQuizDto> {
    const { quiz } = await loadQuizForLearner(this.db.manager, quizId, user.id);
    const [attempts, extension, drawn] = await Promise.all([
      this.db.query<{ id: string; number: number; status: AttemptRow['status']; submitted_at: Date | null; score: string | null; max_score: string | null; percent: string | null; passed: boolean | null }[]>(
        `SELECT a.id, a.number, a.status, a.submitted_at, g.score, g.max_score, g.percent, g.passed
         FROM quiz_attempt a LEFT JOIN quiz_grade g ON g.attempt_id = a.id WHERE a.quiz_id = $1 AND a.user_id = $2 ORDER BY a.number`,
        [quizId, user.id],
      ),
      this.extraSeconds(this.db.manager, quizId, user.id),
      Promise.resolve(quiz.draws.reduce((sum, d) => sum + d.count, 0)),
    ]);
    const released = resultsReleased(quiz, now);
    const graded = attempts.filter((a) => a.status === 'graded' && a.percent !== null);
    const resultPercent = released ? quizResultPercent(quiz.grading_method, graded.map((a) => Number(a.percent))) : null;
    return {
      id: quiz.id,
      title: quiz.title,
      attemptsAllowed: quiz.attempts_allowed,
      attemptsUsed: attempts.length,
      timeLimitSeconds: quiz.time_limit_seconds,
      extraSeconds: extension,
      passingPercent: quiz.passing_percent,
      resultsPolicy: quiz.results_policy,
      dueAt: quiz.due_at?.toISOString() ?? null,
      questionCount: new Set(quiz.question_ids).size + drawn,
      openAttemptId: attempts.find((a) => a.status === 'in_progress')?.id ?? null,
      attempts: attempts.map((a) => ({
        id: a.id,
        number: a.number,
        status: a.status,
        submittedAt: a.submitted_at?.toISOString() ?? null,
        result:
          released && a.status === 'graded' && a.score !== null
            ? { score: Number(a.score), maxScore: Number(a.max_score), percent: Number(a.percent), passed: a.passed === true }
            : null,
      })),
      resultPercent,
      passed: resultPercent === null ? null : resultPercent >= quiz.passing_percent,
    };
  }

  /**
   * Starts an attempt, or resumes the open one. The partial unique index (one `in_progress` per
   * learner and quiz) and the unique attempt number make a double-clicked start one attempt: the
   * losing insert does nothing and the winner's attempt is returned. Resuming an open attempt is
   * never refused; a new one is, while the quiz lesson is locked (409 PROGRESS_LESSON_LOCKED).
   */
  async start(user: AuthUser, quizId: string, now: Date): Promise<StartOutcome> {
    const requestId = currentRequestId();
    const outcome = await this.db.transaction(async (manager) => {
      const { quiz, enrollmentId } = await loadQuizForLearner(manager, quizId, user.id);
      const open = await this.openAttempt(manager, quizId, user.id);
      if (open && !timeIsOver(open, this.grace, now)) return { attempt: open, created: false };
      if (open) await closeTimeExpired(manager, open.id, requestId);
      // A sequential course: the quiz lesson opens once the earlier required lessons are done.
      await this.locks.assertQuizOpen(manager, enrollmentId, quizId);

      const [{ used }]: { used: number }[] = await manager.query(
        `SELECT count(*)::int AS used, coalesce(max(number), 0)::int AS last FROM quiz_attempt WHERE quiz_id = $1 AND user_id = $2`,
        [quizId, user.id],
      );
      if (quiz.attempts_allowed !== null && used >= quiz.attempts_allowed) throw new AttemptsException('ATTEMPT_LIMIT_REACHED');

      const id = randomUUID();
      const questions = await this.deliver(manager, quiz, id);
      if (questions.length === 0) throw new AttemptsException('ATTEMPT_QUIZ_EMPTY');
      const extra = await this.extraSeconds(manager, quizId, user.id);
      const deadline = quiz.time_limit_seconds === null ? null : new Date(now.getTime() + (quiz.time_limit_seconds + extra) * 1000);
      const inserted: AttemptRow[] = await manager.query(
        `INSERT INTO quiz_attempt (id, quiz_id, user_id, enrollment_id, number, questions, started_at, deadline_at)
         SELECT $1, $2, $3, $4, coalesce(max(number), 0) + 1, $5::jsonb, $6, $7 FROM quiz_attempt WHERE quiz_id = $2 AND user_id = $3
         ON CONFLICT DO NOTHING RETURNING *`,
        [id, quizId, user.id, enrollmentId, JSON.stringify(questions), now, deadline],
      );
      if (inserted[0]) return { attempt: inserted[0], created: true };
      // A concurrent start won (its transaction committed before our insert gave up): resume it.
      const winner = await this.openAttempt(manager, quizId, user.id);
      if (!winner) throw new AttemptsException('ATTEMPT_LIMIT_REACHED');
      return { attempt: winner, created: false };
    });
    return { attempt: await this.toDto(outcome.attempt, now), created: outcome.created };
  }

  async get(user: AuthUser, attemptId: string, now: Date): Promise<AttemptDto> {
    return this.toDto(await loadOwnAttempt(this.db.manager, attemptId, user.id), now);
  }

  /** The learner view: questions in the delivered order through toLearnerView, and their own responses. */
  async toDto(attempt: AttemptRow, now: Date): Promise<AttemptDto> {
    const definitions = await loadDefinitions(this.db.manager, attempt.questions.map((q) => q.questionId));
    return {
      id: attempt.id,
      quizId: attempt.quiz_id,
      number: attempt.number,
      status: attempt.status,
      closeReason: attempt.close_reason,
      startedAt: attempt.started_at.toISOString(),
      deadlineAt: attempt.deadline_at?.toISOString() ?? null,
      graceSeconds: this.grace,
      serverNow: now.toISOString(),
      submittedAt: attempt.submitted_at?.toISOString() ?? null,
      questions: attempt.questions.flatMap((d) => {
        const question = definitions.get(d.questionId);
        return question ? [learnerView(d, question)] : [];
      }),
      responses: attempt.responses,
      responsesRevision: attempt.responses_revision,
    };
  }

  private async openAttempt(manager: EntityManager, quizId: string, userId: string): Promise<AttemptRow | null> {
    const [row]: AttemptRow[] = await manager.query(
      `SELECT * FROM quiz_attempt WHERE quiz_id = $1 AND user_id = $2 AND status = 'in_progress' FOR UPDATE`,
      [quizId, userId],
    );
    return row ?? null;
  }

  private async extraSeconds(manager: EntityManager, quizId: string, userId: string): Promise<number> {
    const [row]: { extra_seconds: number }[] = await manager.query(
      `SELECT extra_seconds FROM quiz_time_extension WHERE quiz_id = $1 AND user_id = $2`,
      [quizId, userId],
    );
    return row?.extra_seconds ?? 0;
  }

  /** Fixed questions that still exist, then each draw from its category and sub-categories, seeded by the attempt id. */
  private async deliver(manager: EntityManager, quiz: QuizRow, attemptId: string): Promise<DeliveredQuestion[]> {
    const fixed: { id: string }[] = await manager.query(
      `SELECT id FROM question WHERE id = ANY($1::uuid[]) AND course_id = $2 AND deleted_at IS NULL`,
      [quiz.question_ids, quiz.course_id],
    );
    const live = new Set(fixed.map((r) => r.id));
    const draws = [];
    for (const draw of quiz.draws) {
      const rows: { id: string }[] = await manager.query(
        `SELECT q.id FROM question q JOIN question_category c ON c.id = q.category_id
         JOIN question_category root ON root.id = $1 AND root.course_id = $2
         WHERE q.course_id = $2 AND q.deleted_at IS NULL
           AND (c.path = root.path OR c.path LIKE root.path || '/%') ORDER BY q.id`,
        [draw.categoryId, quiz.course_id],
      );
      draws.push({ candidateIds: rows.map((r) => r.id), count: draw.count });
    }
    const random = seededRandom(attemptId);
    const ids = chooseQuestions(
      { fixedIds: quiz.question_ids.filter((id) => live.has(id)), draws, shuffleQuestions: quiz.shuffle_questions, shuffleOptions: quiz.shuffle_options },
      random,
    );
    const definitions = await loadDefinitions(manager, ids);
    return ids.flatMap((id) => {
      const question = definitions.get(id);
      return question ? [deliver(id, question, quiz.shuffle_options, random)] : [];
    });
  }
}

import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { writeOutboxEvent } from '@baanrian/db';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../authz/authz.types';
import { currentRequestId } from '../observability/request-context';
import { responseIssues } from './attempt-responses';
import type { SavedResponsesDto, SubmittedAttemptDto } from './attempt.dto';
import { type AttemptRow, closeTimeExpired, loadDefinitions, loadOwnAttempt, timeIsOver } from './attempt.records';
import { AttemptsException } from './attempts.exception';

/** Longest Idempotency-Key kept. */
const MAX_KEY_LENGTH = 200;

/** Autosave and submit: the learner's answers going in. */
@Injectable()
export class AttemptAnswersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get grace(): number {
    return this.config.quiz.graceSeconds;
  }

  /**
   * Autosave, kept to two statements without the ORM (p95 < 20 ms): one read of the attempt with
   * the definitions of the answered questions, for validation, then one UPDATE that merges the
   * responses (`responses || $1`) only if the attempt is still open, in time, and this save is
   * newer than the stored one. When the UPDATE changes nothing, the row says why.
   */
  async save(user: AuthUser, attemptId: string, responses: Record<string, unknown>, revision: number, now: Date): Promise<SavedResponsesDto> {
    const ids = Object.keys(responses);
    const [row]: { status: AttemptRow['status']; close_reason: AttemptRow['close_reason']; delivered: string[]; definitions: Record<string, unknown> | null }[] =
      await this.db.query(
        `SELECT a.status, a.close_reason, ARRAY(SELECT jsonb_array_elements(a.questions)->>'questionId') AS delivered,
           (SELECT jsonb_object_agg(q.id, q.definition) FROM question q WHERE q.id::text = ANY($3::text[])) AS definitions
         FROM quiz_attempt a WHERE a.id = $1 AND a.user_id = $2`,
        [attemptId, user.id, ids],
      );
    if (!row) throw new AttemptsException('ATTEMPT_NOT_FOUND');
    this.assertOpen(row);
    const definitions = new Map(Object.entries(row.definitions ?? {}).map(([id, d]) => [id, { ...(d as object), id } as never]));
    const issues = responseIssues(responses, new Set(row.delivered), definitions);
    if (issues.length > 0) throw new AttemptsException('ATTEMPT_RESPONSE_INVALID', { issues });

    // UPDATE … RETURNING answers [rows, affected] through TypeORM.
    const [[saved]]: [{ responses_revision: number; updated_at: Date }[], number] = await this.db.query(
      `UPDATE quiz_attempt SET responses = responses || $3::jsonb, responses_revision = $4::int, updated_at = $5::timestamptz
       WHERE id = $1 AND user_id = $2 AND status = 'in_progress' AND responses_revision < $4
         AND (deadline_at IS NULL OR deadline_at + make_interval(secs => $6::double precision) >= $5)
       RETURNING responses_revision, updated_at`,
      [attemptId, user.id, JSON.stringify(responses), revision, now, this.grace],
    );
    if (saved) return { responsesRevision: saved.responses_revision, savedAt: saved.updated_at.toISOString(), applied: true };
    return this.explainUnsaved(user, attemptId, now);
  }

  /**
   * Submits: status `submitted` and the `attempt.submitted` event in one transaction. The same
   * Idempotency-Key again answers the same; after the deadline plus grace the attempt is closed as
   * `time_expired` with what was saved (and graded), and the learner hears 409.
   */
  async submit(user: AuthUser, attemptId: string, key: string | undefined, responses: Record<string, unknown> | undefined, now: Date): Promise<SubmittedAttemptDto> {
    const requestId = currentRequestId();
    const submitKey = key?.slice(0, MAX_KEY_LENGTH) || null;
    const outcome = await this.db.transaction(async (manager): Promise<SubmittedAttemptDto | 'time_over'> => {
      const attempt = await loadOwnAttempt(manager, attemptId, user.id, true);
      if (attempt.status !== 'in_progress') {
        if (attempt.close_reason === 'time_expired') throw new AttemptsException('ATTEMPT_TIME_OVER');
        if (submitKey !== null && attempt.submit_key === submitKey && attempt.submitted_at) {
          return { status: 'submitted', submittedAt: attempt.submitted_at.toISOString() };
        }
        throw new AttemptsException('ATTEMPT_ALREADY_SUBMITTED');
      }
      if (timeIsOver(attempt, this.grace, now)) {
        await closeTimeExpired(manager, attempt.id, requestId);
        return 'time_over';
      }
      if (responses && Object.keys(responses).length > 0) await this.lastSave(manager, attempt, responses);
      await manager.query(
        `UPDATE quiz_attempt SET status = 'submitted', close_reason = 'submitted', submitted_at = $2, submit_key = $3, updated_at = now() WHERE id = $1`,
        [attempt.id, now, submitKey],
      );
      await writeOutboxEvent(manager, 'attempt.submitted', { attemptId: attempt.id, quizId: attempt.quiz_id, userId: user.id }, requestId);
      return { status: 'submitted', submittedAt: now.toISOString() };
    });
    // Thrown after the commit: the closing must stay even though the learner hears "time is over".
    if (outcome === 'time_over') throw new AttemptsException('ATTEMPT_TIME_OVER');
    return outcome;
  }

  private async lastSave(manager: EntityManager, attempt: AttemptRow, responses: Record<string, unknown>): Promise<void> {
    const delivered = attempt.questions.map((q) => q.questionId);
    const issues = responseIssues(responses, new Set(delivered), await loadDefinitions(manager, delivered));
    if (issues.length > 0) throw new AttemptsException('ATTEMPT_RESPONSE_INVALID', { issues });
    await manager.query(`UPDATE quiz_attempt SET responses = responses || $2::jsonb WHERE id = $1`, [attempt.id, JSON.stringify(responses)]);
  }

  private assertOpen(row: { status: AttemptRow['status']; close_reason: AttemptRow['close_reason'] }): void {
    if (row.status === 'in_progress') return;
    throw new AttemptsException(row.close_reason === 'time_expired' ? 'ATTEMPT_TIME_OVER' : 'ATTEMPT_ALREADY_SUBMITTED');
  }

  /** Why the UPDATE changed nothing: closed meanwhile, time over (close it now), or a late save. */
  private async explainUnsaved(user: AuthUser, attemptId: string, now: Date): Promise<SavedResponsesDto> {
    const requestId = currentRequestId();
    const attempt = await this.db.transaction(async (manager) => {
      const current = await loadOwnAttempt(manager, attemptId, user.id, true);
      if (current.status === 'in_progress' && timeIsOver(current, this.grace, now)) {
        await closeTimeExpired(manager, attemptId, requestId);
        return { ...current, status: 'submitted' as const, close_reason: 'time_expired' as const };
      }
      return current;
    });
    this.assertOpen(attempt);
    const [row]: { updated_at: Date }[] = await this.db.query(`SELECT updated_at FROM quiz_attempt WHERE id = $1`, [attemptId]);
    return { responsesRevision: attempt.responses_revision, savedAt: row.updated_at.toISOString(), applied: false };
  }
}

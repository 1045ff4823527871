import { QuizRegradeEntity, writeOutboxEvent } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { currentRequestId } from '../observability/request-context';
import { RegradeDto } from './quiz.dto';
import { loadQuizFor } from './quiz-access';

/** Attempts a regrade looks at: those closed for grading (an open attempt is graded when it ends). */
const CLOSED = `status IN ('submitted', 'graded')`;

async function startRegrade(manager: EntityManager, quizId: string, questionId: string | null, total: number, userId: string): Promise<QuizRegradeEntity> {
  const regrade = await manager.save(QuizRegradeEntity, manager.create(QuizRegradeEntity, { quizId, questionId, status: 'pending', total, requestedById: userId }));
  await writeOutboxEvent(manager, 'quiz.regrade-requested', { regradeId: regrade.id, quizId }, currentRequestId());
  return regrade;
}

/**
 * After an answer key changed (inside the edit's transaction): one regrade and one
 * `quiz.regrade-requested` event per quiz whose closed attempts delivered the question. Quizzes
 * nobody has submitted yet need none: their attempts will be graded with the new key.
 */
export async function requestQuestionRegrades(manager: EntityManager, questionId: string, userId: string): Promise<{ id: string; quizId: string }[]> {
  const affected: { quiz_id: string; total: number }[] = await manager.query(
    `SELECT quiz_id, count(*)::int AS total FROM quiz_attempt WHERE ${CLOSED} AND questions @> $1::jsonb GROUP BY quiz_id ORDER BY quiz_id`,
    [JSON.stringify([{ questionId }])],
  );
  const started: { id: string; quizId: string }[] = [];
  for (const row of affected) {
    const regrade = await startRegrade(manager, row.quiz_id, questionId, row.total, userId);
    started.push({ id: regrade.id, quizId: row.quiz_id });
  }
  return started;
}

const toDto = (r: QuizRegradeEntity): RegradeDto => ({
  id: r.id,
  questionId: r.questionId,
  status: r.status,
  total: r.total,
  done: r.done,
  changed: r.changed,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

/** Regrades of a quiz with their progress (the grading worker fills in done/changed/status). */
@Injectable()
export class RegradesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(ability: AppAbility, quizId: string): Promise<RegradeDto[]> {
    const { quiz } = await loadQuizFor(this.db.manager, ability, 'teach', quizId);
    const rows = await this.db.manager.find(QuizRegradeEntity, { where: { quizId: quiz.id }, order: { createdAt: 'DESC', id: 'DESC' }, take: 100 });
    return rows.map(toDto);
  }

  /** A whole-quiz regrade the instructor asks for (e.g. after fixing several questions). */
  async request(ability: AppAbility, user: AuthUser, quizId: string): Promise<RegradeDto> {
    return this.db.transaction(async (manager) => {
      const { quiz } = await loadQuizFor(manager, ability, 'update', quizId, true);
      const [{ total }]: { total: number }[] = await manager.query(`SELECT count(*)::int AS total FROM quiz_attempt WHERE quiz_id = $1 AND ${CLOSED}`, [quiz.id]);
      return toDto(await startRegrade(manager, quiz.id, null, total, user.id));
    });
  }
}

import type { DeliveredQuestion, GradingMethod, Question, QuestionResponse, ResultsPolicy } from '@baanrian/contracts';
import { writeOutboxEvent } from '@baanrian/db';
import type { EntityManager } from 'typeorm';
import { AttemptsException } from './attempts.exception';

/** Raw rows and the small queries the attempt services share (plain SQL: these are hot paths). */

export interface QuizRow {
  id: string;
  course_id: string;
  title: string;
  attempts_allowed: number | null;
  grading_method: GradingMethod;
  passing_percent: number;
  time_limit_seconds: number | null;
  shuffle_questions: boolean;
  shuffle_options: boolean;
  results_policy: ResultsPolicy;
  due_at: Date | null;
  question_ids: string[];
  draws: { categoryId: string; count: number }[];
}

export interface AttemptRow {
  id: string;
  quiz_id: string;
  user_id: string;
  enrollment_id: string;
  number: number;
  status: 'in_progress' | 'submitted' | 'graded';
  questions: DeliveredQuestion[];
  responses: Record<string, QuestionResponse>;
  responses_revision: number;
  started_at: Date;
  deadline_at: Date | null;
  submitted_at: Date | null;
  close_reason: 'submitted' | 'time_expired' | null;
  submit_key: string | null;
}

/**
 * The quiz and the learner's enrolment in its course: 403 without a seat, and the same 403 for an
 * id that is no quiz, so ids reveal nothing to those who cannot take the quiz.
 */
export async function loadQuizForLearner(manager: EntityManager, quizId: string, userId: string): Promise<{ quiz: QuizRow; enrollmentId: string }> {
  const [quiz]: QuizRow[] = await manager.query(`SELECT * FROM quiz WHERE id = $1`, [quizId]);
  if (!quiz) throw new AttemptsException('ATTEMPT_NOT_ENROLLED');
  const [seat]: { id: string }[] = await manager.query(
    `SELECT id FROM enrollment WHERE course_id = $1 AND user_id = $2 AND status IN ('active', 'completed')`,
    [quiz.course_id, userId],
  );
  if (!seat) throw new AttemptsException('ATTEMPT_NOT_ENROLLED');
  return { quiz, enrollmentId: seat.id };
}

/** The caller's own attempt; another learner's is "not found", with the same body as a missing one. */
export async function loadOwnAttempt(manager: EntityManager, attemptId: string, userId: string, lock = false): Promise<AttemptRow> {
  const [row]: AttemptRow[] = await manager.query(
    `SELECT * FROM quiz_attempt WHERE id = $1 AND user_id = $2${lock ? ' FOR UPDATE' : ''}`,
    [attemptId, userId],
  );
  if (!row) throw new AttemptsException('ATTEMPT_NOT_FOUND');
  return row;
}

export async function loadQuiz(manager: EntityManager, quizId: string): Promise<QuizRow> {
  const [quiz]: QuizRow[] = await manager.query(`SELECT * FROM quiz WHERE id = $1`, [quizId]);
  return quiz;
}

/** Question definitions by bank row id; each definition's id is the row id, as responses are keyed. */
export async function loadDefinitions(manager: EntityManager, ids: readonly string[]): Promise<Map<string, Question>> {
  if (ids.length === 0) return new Map();
  const rows: { id: string; definition: Question }[] = await manager.query(`SELECT id, definition FROM question WHERE id = ANY($1::uuid[])`, [ids]);
  return new Map(rows.map((r) => [r.id, { ...r.definition, id: r.id }]));
}

/** Past the deadline plus grace (untimed attempts never are). */
export function timeIsOver(attempt: Pick<AttemptRow, 'deadline_at'>, graceSeconds: number, now: Date): boolean {
  return attempt.deadline_at !== null && now.getTime() > attempt.deadline_at.getTime() + graceSeconds * 1000;
}

/**
 * Closes an open attempt whose time ran out, with what was saved, and asks for its grading in the
 * same transaction. Only the call that changes the row writes the event; returns whether it did.
 */
export async function closeTimeExpired(manager: EntityManager, attemptId: string, requestId: string | null): Promise<boolean> {
  // UPDATE … RETURNING answers [rows, affected] through TypeORM.
  const [[closed]]: [{ quiz_id: string; user_id: string }[], number] = await manager.query(
    `UPDATE quiz_attempt SET status = 'submitted', close_reason = 'time_expired', submitted_at = deadline_at, updated_at = now()
     WHERE id = $1 AND status = 'in_progress' RETURNING quiz_id, user_id`,
    [attemptId],
  );
  if (!closed) return false;
  await writeOutboxEvent(manager, 'attempt.submitted', { attemptId, quizId: closed.quiz_id, userId: closed.user_id }, requestId);
  return true;
}

/** Whether the quiz's results policy shows scores, answers and feedback at `now`. */
export function resultsReleased(quiz: Pick<QuizRow, 'results_policy' | 'due_at'>, now: Date): boolean {
  switch (quiz.results_policy) {
    case 'immediately':
      return true;
    case 'never':
      return false;
    case 'after_due':
      // Without a due date there is nothing to wait for.
      return quiz.due_at === null || now.getTime() >= quiz.due_at.getTime();
  }
}

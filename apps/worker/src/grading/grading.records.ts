import type { AttemptGrade, DeliveredQuestion, GradingMethod, Question, QuestionResponse } from '@baanrian/contracts';
import { gradeAttempt, gradePercent, quizResultPercent } from '@baanrian/quiz';
import type { EntityManager } from 'typeorm';
import { evaluateCompletion } from './course-completion';

/** Queries the grading jobs share: plain SQL, since grading throughput is a benchmark. */

export interface GradableAttempt {
  id: string;
  quiz_id: string;
  user_id: string;
  enrollment_id: string;
  status: 'in_progress' | 'submitted' | 'graded';
  questions: DeliveredQuestion[];
  responses: Record<string, QuestionResponse>;
}

export interface QuizSettings {
  course_id: string;
  grading_method: GradingMethod;
  passing_percent: number;
}

export interface ComputedGrade {
  grade: AttemptGrade;
  percent: number;
  passed: boolean;
}

export async function loadQuizSettings(manager: EntityManager, quizId: string): Promise<QuizSettings> {
  const [quiz]: QuizSettings[] = await manager.query(`SELECT course_id, grading_method, passing_percent FROM quiz WHERE id = $1`, [quizId]);
  return quiz;
}

/** Definitions by bank row id, each with `id` = the row id (responses are keyed by it). */
export async function loadDefinitions(manager: EntityManager, ids: readonly string[]): Promise<Map<string, Question>> {
  if (ids.length === 0) return new Map();
  const rows: { id: string; definition: Question }[] = await manager.query(`SELECT id, definition FROM question WHERE id = ANY($1::uuid[])`, [ids]);
  return new Map(rows.map((r) => [r.id, { ...r.definition, id: r.id }]));
}

/** Grades the delivered questions (in delivered order) against the saved responses. Pure. */
export function computeGrade(attempt: Pick<GradableAttempt, 'questions' | 'responses'>, definitions: ReadonlyMap<string, Question>, passingPercent: number): ComputedGrade {
  const questions = attempt.questions.flatMap((d) => definitions.get(d.questionId) ?? []);
  const grade = gradeAttempt(questions, attempt.responses);
  const percent = gradePercent(grade.score, grade.maxScore);
  return { grade, percent, passed: percent >= passingPercent };
}

/**
 * After a grade changed: when the learner's quiz result (per grading method) passes, the quiz's
 * lessons in the published course become completed and course completion is evaluated, in the
 * caller's transaction. A lesson already completed changes nothing (and evaluates nothing), so a
 * repeated job writes no second completion; a failed regrade never un-completes.
 */
export async function completeQuizLessonsIfPassed(
  manager: EntityManager,
  input: { quizId: string; userId: string; enrollmentId: string; quiz: QuizSettings; requestId: string | null; thisAttemptPassed?: boolean },
): Promise<boolean> {
  // With "highest", a passed attempt is enough: the learner's best is at least as good.
  if (!(input.thisAttemptPassed && input.quiz.grading_method === 'highest') && !(await resultPasses(manager, input))) return false;
  return completeQuizLessons(manager, input);
}

async function resultPasses(manager: EntityManager, input: { quizId: string; userId: string; quiz: QuizSettings }): Promise<boolean> {
  const graded: { percent: string }[] = await manager.query(
    `SELECT g.percent FROM quiz_grade g JOIN quiz_attempt a ON a.id = g.attempt_id WHERE a.quiz_id = $1 AND a.user_id = $2 ORDER BY a.number`,
    [input.quizId, input.userId],
  );
  const result = quizResultPercent(input.quiz.grading_method, graded.map((g) => Number(g.percent)));
  return result !== null && result >= input.quiz.passing_percent;
}

async function completeQuizLessons(
  manager: EntityManager,
  input: { quizId: string; enrollmentId: string; quiz: QuizSettings; requestId: string | null },
): Promise<boolean> {
  const completed: { lesson_id: string }[] = await manager.query(
    `INSERT INTO lesson_progress (enrollment_id, lesson_id, status, percent, completed_at)
     SELECT $1, (l->>'id')::uuid, 'completed', 100, now()
     FROM course c JOIN course_version v ON v.course_id = c.id AND v.version = c.published_version,
          jsonb_array_elements(v.snapshot->'modules') m, jsonb_array_elements(m->'lessons') l
     WHERE c.id = $2 AND l->>'type' = 'quiz' AND l->'content'->>'quizId' = $3
     ON CONFLICT (enrollment_id, lesson_id) DO UPDATE SET status = 'completed', percent = 100, completed_at = now(), updated_at = now()
       WHERE lesson_progress.status <> 'completed'
     RETURNING lesson_id`,
    [input.enrollmentId, input.quiz.course_id, input.quizId],
  );
  if (completed.length === 0) return false;
  await evaluateCompletion(manager, input.enrollmentId, input.requestId);
  return true;
}

import type { Question } from '@baanrian/contracts';
import type { DataSource } from 'typeorm';
import { type ComputedGrade, completeQuizLessonsIfPassed, computeGrade, type GradableAttempt, type QuizSettings } from './grading.records';

export type GradingOutcome = 'graded' | 'duplicate' | 'not_submitted';

/** Turns an attempt and its definitions into a grade; the benchmark swaps in a constant one. */
export type Grader = (attempt: GradableAttempt, definitions: ReadonlyMap<string, Question>, passingPercent: number) => ComputedGrade;

/**
 * Grades one submitted attempt: the grade row, the attempt marked graded and, when the learner's
 * result passes, the quiz lesson completed, all in one transaction. The attempt row lock
 * serialises duplicated deliveries and the grade's primary key makes a second insert do nothing,
 * so a retried or duplicated job never counts twice; a worker killed mid-way rolls back and the
 * retry grades. Committed without waiting for the WAL flush (see below). Two statements in the common case (grading throughput is commit-bound): one read
 * of the attempt, its quiz and definitions, one insert-and-update. Decorator-free, so the
 * benchmark runs exactly this.
 */
export async function gradeSubmittedAttempt(db: DataSource, attemptId: string, requestId: string | null, grader: Grader = computeGrade): Promise<GradingOutcome> {
  return db.transaction(async (manager): Promise<GradingOutcome> => {
    const [row]: (GradableAttempt & QuizSettings & { definitions: Record<string, Question> | null })[] = await manager.query(
      // The grade is derived data: its commit need not wait for the WAL flush (fsync-bound machines
      // grade several times faster). A grade lost in a crash right after the commit is recomputed
      // identically: the close-expired sweep re-announces submitted attempts left without one.
      `SELECT set_config('synchronous_commit', 'off', true) AS async_commit, a.id, a.quiz_id, a.user_id, a.enrollment_id, a.status, a.questions, a.responses, q.course_id, q.grading_method, q.passing_percent,
         (SELECT jsonb_object_agg(d.id, d.definition) FROM question d
          WHERE d.id IN (SELECT (e->>'questionId')::uuid FROM jsonb_array_elements(a.questions) e)) AS definitions
       FROM quiz_attempt a JOIN quiz q ON q.id = a.quiz_id WHERE a.id = $1 FOR UPDATE OF a`,
      [attemptId],
    );
    if (!row || row.status === 'in_progress') return 'not_submitted';
    if (row.status === 'graded') return 'duplicate';
    const definitions = new Map(Object.entries(row.definitions ?? {}).map(([id, d]) => [id, { ...d, id }]));
    const { grade, percent, passed } = grader(row, definitions, row.passing_percent);
    const [[updated]]: [{ id: string }[], number] = await manager.query(
      `WITH graded AS (
         INSERT INTO quiz_grade (attempt_id, score, max_score, percent, passed, details) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
         ON CONFLICT (attempt_id) DO NOTHING RETURNING attempt_id)
       UPDATE quiz_attempt SET status = 'graded', updated_at = now() WHERE id IN (SELECT attempt_id FROM graded) RETURNING id`,
      [row.id, grade.score, grade.maxScore, percent, passed, JSON.stringify(grade)],
    );
    if (!updated) return 'duplicate';
    // A failed attempt never raises a learner's result, so only a pass can complete the lesson.
    if (passed) {
      const quiz = { course_id: row.course_id, grading_method: row.grading_method, passing_percent: row.passing_percent };
      await completeQuizLessonsIfPassed(manager, { quizId: row.quiz_id, userId: row.user_id, enrollmentId: row.enrollment_id, quiz, requestId, thisAttemptPassed: true });
    }
    return 'graded';
  });
}

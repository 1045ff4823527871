import type { DataSource } from 'typeorm';
import { completeQuizLessonsIfPassed, computeGrade, type GradableAttempt, loadDefinitions, loadQuizSettings } from './grading.records';

export type GradingOutcome = 'graded' | 'duplicate' | 'not_submitted';

/**
 * Grades one submitted attempt: the grade row, the attempt marked graded and, when the learner's
 * result passes, the quiz lesson completed, all in one transaction. The attempt row lock
 * serialises duplicated deliveries and the grade's primary key makes a second insert do nothing,
 * so a retried or duplicated job never counts twice; a worker killed mid-way rolls back and the
 * retry grades. Decorator-free, so the benchmark runs exactly this.
 */
export async function gradeSubmittedAttempt(db: DataSource, attemptId: string, requestId: string | null): Promise<GradingOutcome> {
  return db.transaction(async (manager): Promise<GradingOutcome> => {
    const [attempt]: GradableAttempt[] = await manager.query(
      `SELECT id, quiz_id, user_id, enrollment_id, status, questions, responses FROM quiz_attempt WHERE id = $1 FOR UPDATE`,
      [attemptId],
    );
    if (!attempt || attempt.status === 'in_progress') return 'not_submitted';
    if (attempt.status === 'graded') return 'duplicate';
    const quiz = await loadQuizSettings(manager, attempt.quiz_id);
    const definitions = await loadDefinitions(manager, attempt.questions.map((q) => q.questionId));
    const { grade, percent, passed } = computeGrade(attempt, definitions, quiz.passing_percent);
    const inserted: unknown[] = await manager.query(
      `INSERT INTO quiz_grade (attempt_id, score, max_score, percent, passed, details) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
       ON CONFLICT (attempt_id) DO NOTHING RETURNING attempt_id`,
      [attempt.id, grade.score, grade.maxScore, percent, passed, JSON.stringify(grade)],
    );
    if (inserted.length === 0) return 'duplicate';
    await manager.query(`UPDATE quiz_attempt SET status = 'graded', updated_at = now() WHERE id = $1`, [attempt.id]);
    // A failed attempt never raises a learner's result, so only a pass can complete the lesson.
    if (passed) {
      await completeQuizLessonsIfPassed(manager, { quizId: attempt.quiz_id, userId: attempt.user_id, enrollmentId: attempt.enrollment_id, quiz, requestId });
    }
    return 'graded';
  });
}

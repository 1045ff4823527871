import type { Question } from '@baanrian/contracts';
import type { DataSource } from 'typeorm';
import { type ComputedGrade, completeQuizLessonsIfPassed, computeGrade, type GradableAttempt, type QuizSettings } from './grading.records';

export type GradingOutcome = 'graded' | 'duplicate' | 'not_submitted';

/** Turns an attempt and its definitions into a grade; the benchmark swaps in a constant one. */
export type Grader = (attempt: GradableAttempt, definitions: ReadonlyMap<string, Question>, passingPercent: number) => ComputedGrade;

/** One `attempt.submitted` to grade, with the request id its completion events carry. */
export interface GradingRequest {
  attemptId: string;
  requestId: string | null;
}

type LoadedAttempt = GradableAttempt & QuizSettings & { definitions: Record<string, Question> | null };

/**
 * Grades one submitted attempt: see gradeSubmittedAttempts (a batch of one).
 */
export async function gradeSubmittedAttempt(db: DataSource, attemptId: string, requestId: string | null, grader: Grader = computeGrade): Promise<GradingOutcome> {
  const [outcome] = await gradeSubmittedAttempts(db, [{ attemptId, requestId }], grader);
  return outcome;
}

/**
 * Grades submitted attempts in ONE transaction (throughput is commit-bound, so several attempts
 * share a commit): the grade rows, the attempts marked graded and, when a learner's result passes,
 * the quiz lesson completed. The attempt row locks (taken in id order, so two batches never wait
 * on each other in a cycle) serialise duplicated deliveries and the grade's primary key makes a
 * second insert do nothing, so a retried or duplicated job never counts twice; a worker killed
 * mid-way rolls the whole batch back and the retries grade. Committed without waiting for the WAL
 * flush (see below). Three statements in the common case whatever the batch size: one read of
 * the attempts, their quizzes and definitions, one insert-and-update, (one for the commit).
 * Outcomes in the order of `requests`; the same attempt twice in a batch: the later is `duplicate`.
 * Decorator-free, so the benchmark runs exactly this.
 */
export async function gradeSubmittedAttempts(db: DataSource, requests: readonly GradingRequest[], grader: Grader = computeGrade): Promise<GradingOutcome[]> {
  const ids = [...new Set(requests.map((r) => r.attemptId))];
  const byId = await db.transaction(async (manager): Promise<Map<string, GradingOutcome>> => {
    const rows: LoadedAttempt[] = await manager.query(
      // The grade is derived data: its commit need not wait for the WAL flush (fsync-bound machines
      // grade several times faster). A grade lost in a crash right after the commit is recomputed
      // identically: the close-expired sweep re-announces submitted attempts left without one.
      `SELECT set_config('synchronous_commit', 'off', true) AS async_commit, a.id, a.quiz_id, a.user_id, a.enrollment_id, a.status, a.questions, a.responses, q.course_id, q.grading_method, q.passing_percent,
         (SELECT jsonb_object_agg(d.id, d.definition) FROM question d
          WHERE d.id IN (SELECT (e->>'questionId')::uuid FROM jsonb_array_elements(a.questions) e)) AS definitions
       FROM quiz_attempt a JOIN quiz q ON q.id = a.quiz_id WHERE a.id = ANY($1::uuid[]) ORDER BY a.id FOR UPDATE OF a`,
      [ids],
    );
    const outcomes = new Map<string, GradingOutcome>(ids.map((id) => [id, 'not_submitted']));
    const grades = [];
    for (const row of rows) {
      if (row.status === 'in_progress') continue;
      if (row.status === 'graded') {
        outcomes.set(row.id, 'duplicate');
        continue;
      }
      const definitions = new Map(Object.entries(row.definitions ?? {}).map(([id, d]) => [id, { ...d, id }]));
      grades.push({ row, ...grader(row, definitions, row.passing_percent) });
    }
    if (grades.length === 0) return outcomes;
    const [updated]: [{ id: string }[], number] = await manager.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(attempt_id uuid, score numeric, max_score numeric, percent numeric, passed boolean, details jsonb)),
       graded AS (
         INSERT INTO quiz_grade (attempt_id, score, max_score, percent, passed, details) SELECT attempt_id, score, max_score, percent, passed, details FROM input
         ON CONFLICT (attempt_id) DO NOTHING RETURNING attempt_id)
       UPDATE quiz_attempt SET status = 'graded', updated_at = now() WHERE id IN (SELECT attempt_id FROM graded) RETURNING id`,
      [JSON.stringify(grades.map((g) => ({ attempt_id: g.row.id, score: g.grade.score, max_score: g.grade.maxScore, percent: g.percent, passed: g.passed, details: g.grade })))],
    );
    const gradedNow = new Set(updated.map((u) => u.id));
    const requestIdOf = new Map(requests.map((r) => [r.attemptId, r.requestId]));
    for (const { row, passed } of grades) {
      outcomes.set(row.id, gradedNow.has(row.id) ? 'graded' : 'duplicate');
      // A failed attempt never raises a learner's result, so only a pass can complete the lesson.
      if (!gradedNow.has(row.id) || !passed) continue;
      const quiz = { course_id: row.course_id, grading_method: row.grading_method, passing_percent: row.passing_percent };
      await completeQuizLessonsIfPassed(manager, {
        quizId: row.quiz_id, userId: row.user_id, enrollmentId: row.enrollment_id, quiz, requestId: requestIdOf.get(row.id) ?? null, thisAttemptPassed: true,
      });
    }
    return outcomes;
  });
  const seen = new Set<string>();
  return requests.map(({ attemptId }) => {
    const outcome = byId.get(attemptId) ?? 'not_submitted';
    if (seen.has(attemptId) && outcome === 'graded') return 'duplicate';
    seen.add(attemptId);
    return outcome;
  });
}

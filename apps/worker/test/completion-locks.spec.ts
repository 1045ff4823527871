import { createDataSource } from '@baanrian/db';
import { evaluateCompletion } from '@baanrian/learning';
import { createTestDatabase, type TestDatabase } from '@baanrian/testing';
import type { DataSource, EntityManager } from 'typeorm';
import { choiceQuestions, enrolledLearner, gradingCourse } from './grading-fixture';

/**
 * A learner completes the last text lesson (API) while the worker records their passed quiz:
 * both transactions first write a row that references the enrolment (a KEY SHARE lock through the
 * foreign key), then apply the completion rule under the enrolment's row lock. Interleaved
 * exactly that way, both must commit (no "deadlock detected", which the API answered 500 in fault
 * scenario 6) and the course must be completed once, with one event.
 */
let database: TestDatabase;
let db: DataSource;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await createDataSource({ url: database.url, poolSize: 4 }).initialize();
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

/** A gate both sides pass only when both have arrived. */
function barrier(parties: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived === parties) open();
    return opened;
  };
}

it('a lesson completed and a quiz passed at the same moment complete the course once, without a deadlock', async () => {
  const fixture = await gradingCourse(db, choiceQuestions(1));
  const learner = await enrolledLearner(db, fixture.courseId);
  const bothWrote = barrier(2);
  const completeLesson = (lessonId: string) => async (manager: EntityManager) => {
    await manager.query(
      `INSERT INTO lesson_progress (enrollment_id, lesson_id, status, percent, completed_at) VALUES ($1, $2, 'completed', 100, now())`,
      [learner.enrollmentId, lessonId],
    );
    await bothWrote();
    return evaluateCompletion(manager, learner.enrollmentId, null);
  };

  const outcomes = await Promise.allSettled([
    db.transaction(completeLesson(fixture.textLessonId)), // the API's progress update
    db.transaction(completeLesson(fixture.quizLessonId)), // the worker's passed quiz
  ]);

  expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : 'ok'))).toEqual(['ok', 'ok']);
  const completedNow = outcomes.map((o) => (o.status === 'fulfilled' ? o.value?.completedNow : undefined));
  expect(completedNow.filter(Boolean)).toHaveLength(1);
  expect(await db.query(`SELECT status FROM enrollment WHERE id = $1`, [learner.enrollmentId])).toEqual([{ status: 'completed' }]);
  expect(await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'enrollment.completed' AND payload->>'enrollmentId' = $1`, [learner.enrollmentId])).toEqual([{ n: 1 }]);
}, 30_000);

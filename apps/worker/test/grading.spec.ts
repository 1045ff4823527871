import { createDataSource, writeOutboxEvent } from '@baanrian/db';
import { QueueName } from '@baanrian/jobs';
import { createTestDatabase, eventually, type TestDatabase, testConfig } from '@baanrian/testing';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { gradeSubmittedAttempts } from '../src/grading/attempt-grading';
import { AttemptGradingJob } from '../src/grading/attempt-grading.job';
import { GradingBatcher } from '../src/grading/grading-batcher';
import { CloseExpiredJob } from '../src/grading/close-expired.job';
import { RegradeJob } from '../src/grading/regrade.job';
import { WorkerModule } from '../src/worker.module';
import { choiceQuestions, enrolledLearner, gradingCourse, submittedAttempt } from './grading-fixture';

let database: TestDatabase;
let db: DataSource;
let worker: INestApplicationContext;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await createDataSource({ url: database.url }).initialize();
  worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(testConfig(database.url, { QUIZ_GRACE_SECONDS: '30' })), { logger: false });
  worker.enableShutdownHooks();
});

afterAll(async () => {
  await worker?.close().catch(() => undefined);
  await db.destroy();
  await database.drop();
});

const grade = (attemptId: string) => db.query(`SELECT score, max_score, percent, passed, version FROM quiz_grade WHERE attempt_id = $1`, [attemptId]);
const progressOf = (enrollmentId: string, lessonId: string) =>
  db.query(`SELECT status, percent FROM lesson_progress WHERE enrollment_id = $1 AND lesson_id = $2`, [enrollmentId, lessonId]);

describe('grading a submitted attempt', () => {
  it('grades an attempt relayed from the outbox: outbox → grading queue → processor → one grade', async () => {
    const fixture = await gradingCourse(db, choiceQuestions(20));
    const learner = await enrolledLearner(db, fixture.courseId);
    const attemptId = await submittedAttempt(db, fixture, learner, 15);
    await db.transaction((m) => writeOutboxEvent(m, 'attempt.submitted', { attemptId, quizId: fixture.quizId, userId: learner.userId }, 'grading-test'));
    const [row] = await eventually(async () => ((await grade(attemptId)).length ? grade(attemptId) : undefined), 15_000, 'the attempt to be graded');
    expect(row).toEqual({ score: '15.0000', max_score: '20.0000', percent: '75.00', passed: true, version: 1 });
    const [attempt] = await db.query(`SELECT status FROM quiz_attempt WHERE id = $1`, [attemptId]);
    expect(attempt.status).toBe('graded');
  });

  it('writes one grade and one lesson completion however often the job runs, even concurrently', async () => {
    const fixture = await gradingCourse(db, choiceQuestions(10), { passing_percent: 70 });
    const learner = await enrolledLearner(db, fixture.courseId);
    const attemptId = await submittedAttempt(db, fixture, learner, 8);
    const job = worker.get(AttemptGradingJob);
    const data = { attemptId, quizId: fixture.quizId, userId: learner.userId };
    const outcomes = await Promise.all([job.handle(data), job.handle(data), job.handle(data)]);
    expect(outcomes.sort()).toEqual(['duplicate', 'duplicate', 'graded']);
    expect(await job.handle(data)).toBe('duplicate');
    expect(await db.query(`SELECT count(*)::int AS n FROM quiz_grade WHERE attempt_id = $1`, [attemptId])).toEqual([{ n: 1 }]);
    expect(await progressOf(learner.enrollmentId, fixture.quizLessonId)).toEqual([{ status: 'completed', percent: 100 }]);
  });

  it('grades several attempts in one transaction: each learner gets their own grade and lesson, once; a duplicate and an open attempt are told apart', async () => {
    const fixture = await gradingCourse(db, choiceQuestions(10), { passing_percent: 70 });
    const learners = await Promise.all([1, 2, 3].map(() => enrolledLearner(db, fixture.courseId)));
    const [pass, fail, other] = await Promise.all([
      submittedAttempt(db, fixture, learners[0], 9),
      submittedAttempt(db, fixture, learners[1], 3),
      submittedAttempt(db, fixture, learners[2], 10),
    ]);
    const open = await submittedAttempt(db, fixture, learners[2], 0, { status: 'in_progress' });
    const ask = (id: string) => ({ attemptId: id, requestId: 'batch-test' });
    expect(await gradeSubmittedAttempts(db, [ask(pass), ask(fail), ask(pass), ask(open)])).toEqual(['graded', 'graded', 'duplicate', 'not_submitted']);
    expect(await gradeSubmittedAttempts(db, [ask(other), ask(pass)])).toEqual(['graded', 'duplicate']);
    expect((await grade(pass))[0]).toMatchObject({ percent: '90.00', passed: true });
    expect((await grade(fail))[0]).toMatchObject({ percent: '30.00', passed: false });
    expect(await db.query(`SELECT count(*)::int AS n FROM quiz_grade WHERE attempt_id = ANY($1::uuid[])`, [[pass, fail, other, open]])).toEqual([{ n: 3 }]);
    expect(await progressOf(learners[0].enrollmentId, fixture.quizLessonId)).toEqual([{ status: 'completed', percent: 100 }]);
    expect(await progressOf(learners[1].enrollmentId, fixture.quizLessonId)).toEqual([]);
    expect(await progressOf(learners[2].enrollmentId, fixture.quizLessonId)).toEqual([{ status: 'completed', percent: 100 }]);
  });

  it('fails only the job whose attempt cannot be graded, when it shared a batch with others', async () => {
    const fixture = await gradingCourse(db, choiceQuestions(4));
    const learner = await enrolledLearner(db, fixture.courseId);
    const good = await submittedAttempt(db, fixture, learner, 4);
    const bad = 'not-a-uuid'; // the batch's read fails for the whole transaction
    const batcher = new GradingBatcher((requests) => gradeSubmittedAttempts(db, requests), 25, 1);
    const busy = batcher.submit({ attemptId: good, requestId: null }); // in flight alone; the next two wait and leave together
    const [both, alone] = await Promise.allSettled([batcher.submit({ attemptId: bad, requestId: null }), batcher.submit({ attemptId: good, requestId: null })]);
    expect(await busy).toBe('graded');
    expect(both.status).toBe('rejected');
    expect(alone).toEqual({ status: 'fulfilled', value: 'duplicate' });
    expect(await grade(good)).toHaveLength(1);
  });

  it('completes the course when passing the quiz was the last thing left: one completion event however often the job runs', async () => {
    const fixture = await gradingCourse(db, choiceQuestions(5), { passing_percent: 60 });
    const learner = await enrolledLearner(db, fixture.courseId);
    await db.query(`INSERT INTO lesson_progress (enrollment_id, lesson_id, status, percent, completed_at) VALUES ($1, $2, 'completed', 100, now())`, [learner.enrollmentId, fixture.textLessonId]);
    const attemptId = await submittedAttempt(db, fixture, learner, 5);
    const job = worker.get(AttemptGradingJob);
    const data = { attemptId, quizId: fixture.quizId, userId: learner.userId };
    await Promise.all([job.handle(data), job.handle(data)]);
    await job.handle(data);
    expect(await db.query(`SELECT status FROM enrollment WHERE id = $1`, [learner.enrollmentId])).toEqual([{ status: 'completed' }]);
    expect(await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'enrollment.completed' AND payload->>'enrollmentId' = $1`, [learner.enrollmentId])).toEqual([{ n: 1 }]);
  });

  it('completes the quiz lesson only when the learner\'s result passes, per the grading method', async () => {
    const fixture = await gradingCourse(db, choiceQuestions(10), { passing_percent: 60, grading_method: 'average' });
    const learner = await enrolledLearner(db, fixture.courseId);
    const job = worker.get(AttemptGradingJob);
    const first = await submittedAttempt(db, fixture, learner, 4);
    await job.handle({ attemptId: first, quizId: fixture.quizId, userId: learner.userId });
    expect(await progressOf(learner.enrollmentId, fixture.quizLessonId)).toEqual([]);
    // 70 % alone passes, but the average of 40 % and 70 % (55 %) does not.
    const second = await submittedAttempt(db, fixture, learner, 7);
    await job.handle({ attemptId: second, quizId: fixture.quizId, userId: learner.userId });
    expect(await progressOf(learner.enrollmentId, fixture.quizLessonId)).toEqual([]);
    const third = await submittedAttempt(db, fixture, learner, 10);
    await job.handle({ attemptId: third, quizId: fixture.quizId, userId: learner.userId });
    expect(await progressOf(learner.enrollmentId, fixture.quizLessonId)).toEqual([{ status: 'completed', percent: 100 }]);
  });

  it('never grades an attempt still in progress', async () => {
    const fixture = await gradingCourse(db, choiceQuestions(3));
    const learner = await enrolledLearner(db, fixture.courseId);
    const attemptId = await submittedAttempt(db, fixture, learner, 3, { status: 'in_progress' });
    expect(await worker.get(AttemptGradingJob).handle({ attemptId, quizId: fixture.quizId, userId: learner.userId })).toBe('not_submitted');
    expect(await grade(attemptId)).toEqual([]);
  });
});

describe('regrading', () => {
  it('regrades affected attempts, records each change once, bumps the version and reports progress; a second run changes nothing', async () => {
    const questions = choiceQuestions(5);
    const fixture = await gradingCourse(db, questions, { passing_percent: 100 });
    const job = worker.get(AttemptGradingJob);
    const attempts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const learner = await enrolledLearner(db, fixture.courseId);
      // Everyone answered "wrong" on the last question; the key is about to say "wrong" is right.
      const attemptId = await submittedAttempt(db, fixture, learner, 4);
      await job.handle({ attemptId, quizId: fixture.quizId, userId: learner.userId });
      attempts.push(attemptId);
    }
    const fixed = { ...questions[4], options: questions[4].type === 'single_choice' ? [{ id: 'right', text: { text: 'ถูก', format: 'plain' }, weight: 0 }, { id: 'wrong', text: { text: 'ผิด', format: 'plain' }, weight: 1 }, { id: 'other', text: { text: 'อื่น', format: 'plain' }, weight: 0 }] : [] };
    await db.query(`UPDATE question SET definition = $2::jsonb, key_revision = key_revision + 1 WHERE id = $1`, [fixture.questionIds[4], JSON.stringify(fixed)]);
    const [regrade] = await db.query(`INSERT INTO quiz_regrade (quiz_id, question_id) VALUES ($1, $2) RETURNING id`, [fixture.quizId, fixture.questionIds[4]]);

    const regrader = worker.get(RegradeJob);
    expect(await regrader.handle({ regradeId: regrade.id, quizId: fixture.quizId })).toEqual({ done: 3, changed: 3 });
    for (const attemptId of attempts) expect(await grade(attemptId)).toEqual([{ score: '5.0000', max_score: '5.0000', percent: '100.00', passed: true, version: 2 }]);
    const [row] = await db.query(`SELECT status, total, done, changed, finished_at FROM quiz_regrade WHERE id = $1`, [regrade.id]);
    expect(row).toMatchObject({ status: 'done', total: 3, done: 3, changed: 3 });
    expect(row.finished_at).toBeInstanceOf(Date);
    const changes = await db.query(`SELECT old_score, new_score, old_passed, new_passed FROM quiz_grade_change WHERE regrade_id = $1`, [regrade.id]);
    expect(changes).toEqual(Array(3).fill({ old_score: '4.0000', new_score: '5.0000', old_passed: false, new_passed: true }));
    // Passing now: the quiz lesson is completed.
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM lesson_progress WHERE lesson_id = $1 AND status = 'completed'`, [fixture.quizLessonId]);
    expect(n).toBe(3);

    // Redelivered after it finished, and re-run as if it had crashed mid-way: nothing more.
    expect(await regrader.handle({ regradeId: regrade.id, quizId: fixture.quizId })).toBeNull();
    await db.query(`UPDATE quiz_regrade SET status = 'running' WHERE id = $1`, [regrade.id]);
    expect(await regrader.handle({ regradeId: regrade.id, quizId: fixture.quizId })).toEqual({ done: 3, changed: 3 });
    expect(await db.query(`SELECT count(*)::int AS n FROM quiz_grade_change WHERE regrade_id = $1`, [regrade.id])).toEqual([{ n: 3 }]);
    for (const attemptId of attempts) expect((await grade(attemptId))[0].version).toBe(2);
  });
});

describe('closing expired attempts', () => {
  it('closes attempts past deadline + grace as time_expired with what was saved, each with one event, once', async () => {
    const fixture = await gradingCourse(db, choiceQuestions(2));
    const now = new Date();
    const expired = await submittedAttempt(db, fixture, await enrolledLearner(db, fixture.courseId), 1, { status: 'in_progress', deadlineAt: new Date(now.getTime() - 31_000) });
    const inGrace = await submittedAttempt(db, fixture, await enrolledLearner(db, fixture.courseId), 1, { status: 'in_progress', deadlineAt: new Date(now.getTime() - 29_000) });
    const untimed = await submittedAttempt(db, fixture, await enrolledLearner(db, fixture.courseId), 1, { status: 'in_progress', deadlineAt: null });
    const sweep = worker.get(CloseExpiredJob);
    // The worker's own scheduled sweep may run at the same moment: what counts is the outcome.
    await Promise.all([sweep.handle(now), sweep.handle(now)]);
    expect(await sweep.handle(now)).toBe(0);
    const rows = await db.query(`SELECT id, status, close_reason, responses <> '{}'::jsonb AS kept FROM quiz_attempt WHERE id = ANY($1::uuid[])`, [[expired, inGrace, untimed]]);
    const byId = Object.fromEntries(rows.map((r: { id: string }) => [r.id, r]));
    // Closed as submitted; the relay, woken at commit, may already have had it graded.
    expect(byId[expired]).toMatchObject({ close_reason: 'time_expired', kept: true });
    expect(['submitted', 'graded']).toContain(byId[expired].status);
    expect(byId[inGrace]).toMatchObject({ status: 'in_progress', close_reason: null });
    expect(byId[untimed]).toMatchObject({ status: 'in_progress' });
    expect(await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'attempt.submitted' AND payload->>'attemptId' = $1`, [expired])).toEqual([{ n: 1 }]);
    // What the learner sees in the end: the saved answers graded, once.
    await eventually(async () => ((await grade(expired)).length ? true : undefined), 15_000, 'the closed attempt to be graded');
    expect(await grade(expired)).toHaveLength(1);
  });

  it('announces again an attempt left submitted without a grade (a grade lost in a crash), once per five minutes', async () => {
    const fixture = await gradingCourse(db, choiceQuestions(2));
    const attemptId = await submittedAttempt(db, fixture, await enrolledLearner(db, fixture.courseId), 2);
    const events = async () => (await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'attempt.submitted' AND payload->>'attemptId' = $1`, [attemptId]))[0].n;
    const sweep = worker.get(CloseExpiredJob);
    expect(await sweep.reannounceUngraded(new Date(Date.now() + 60_000))).toBe(0);
    const later = new Date(Date.now() + 6 * 60_000);
    expect(await sweep.reannounceUngraded(later)).toBeGreaterThanOrEqual(1);
    expect(await events()).toBe(1);
    await sweep.reannounceUngraded(new Date(later.getTime() + 60_000));
    expect(await events()).toBe(1);
    // The relayed job grades it (the grade is what the learner is waiting for).
    await eventually(async () => ((await grade(attemptId)).length ? true : undefined), 15_000, 'the re-announced attempt to be graded');
  });

  it('is scheduled every minute on the grading queue, once however often a worker starts', async () => {
    const queue = worker.get<Queue>(getQueueToken(QueueName.Grading));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => ({ key: s.key, every: s.every }))).toEqual([{ key: 'grading.close-expired', every: 60_000 }]);
  });
});

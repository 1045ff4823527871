import type { AppConfig } from '@baanrian/config';
import { createDataSource } from '@baanrian/db';
import { QueueName } from '@baanrian/jobs';
import { createTestDatabase, type TestDatabase, testConfig } from '@baanrian/testing';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { REFRESH_BATCH, ReportsRefreshJob } from '../src/reports/reports-refresh.job';
import { ReportsQueueProcessor } from '../src/reports/reports-queue.processor';
import { ReportsReconcileJob } from '../src/reports/reports-reconcile.job';
import { ReportsScheduler } from '../src/reports/reports.scheduler';
import { WorkerModule } from '../src/worker.module';
import { expectAreaMonthsExact, expectExact, expectLearnerBucketsExact, settled } from './report-counts';
import { applyStep, FISCAL_MIDNIGHT, newWorld, type Step, type World, writeNow } from './report-history';

/**
 * The rollup jobs one by one, against real PostgreSQL and Redis: the fiscal-year boundary in
 * Bangkok time with literal numbers, the rebuild an upgraded install gets on boot, the nightly
 * reconciliation finding and fixing drift, and refreshes running side by side.
 */
let database: TestDatabase;
let db: DataSource;
let config: AppConfig;
let worker: INestApplicationContext;
let queues: Queue[];

beforeAll(async () => {
  database = await createTestDatabase();
  db = await createDataSource({ url: database.url }).initialize();
  config = testConfig(database.url);
  worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
  queues = [QueueName.Learning, QueueName.Credentials, QueueName.Reports].map((name) => worker.get<Queue>(getQueueToken(name)));
});

afterAll(async () => {
  await worker?.close();
  await db?.destroy();
  await database?.drop();
});

async function play(world: World, steps: Step[]): Promise<void> {
  for (const step of steps) await applyStep(db, world, step, writeNow);
  await settled(db, queues);
}

const courseRows = (courseId: string) =>
  db.query(
    `SELECT day::text, target_group, province, district, channel, enrollments, withdrawals, starts, completions, cohort_completions, learning_hours::text
       FROM report_course_day WHERE course_id = $1 AND certificates = 0 ORDER BY day`,
    [courseId],
  );
const learnerRows = (userId: string) =>
  db.query(`SELECT fiscal_year, enrolled_months, online_months, onsite_months, started_months, completed_months FROM report_learner_year WHERE user_id = $1`, [userId]);

describe('rollups of a history across the fiscal-year boundary', () => {
  let world: World;
  beforeAll(async () => {
    world = await newWorld(db);
  });

  it('put 16:59:59 UTC on 30 Sep in FY 2568 (September) and 17:00 UTC in FY 2569 (October), as Bangkok days', async () => {
    const [youth, adult] = world.users; // youth in สันทราย, general_public in เมืองเชียงใหม่ (see newWorld)
    const course = 0;
    await play(world, [
      { kind: 'enroll', course, user: 0, channel: 'online', waitlist: false, at: FISCAL_MIDNIGHT - 1000 },
      { kind: 'complete', course, user: 0, at: FISCAL_MIDNIGHT - 60_000 },
      { kind: 'enroll', course, user: 1, channel: 'onsite', waitlist: false, at: FISCAL_MIDNIGHT },
      { kind: 'progress', course, user: 1, at: FISCAL_MIDNIGHT + 60_000 },
    ]);
    expect(await courseRows(world.courses[course].id)).toEqual([
      { day: '2025-09-30', target_group: 'youth', province: 'เชียงใหม่', district: 'สันทราย', channel: 'online', enrollments: 1, withdrawals: 0, starts: 0, completions: 1, cohort_completions: 1, learning_hours: '6.5' },
      { day: '2025-10-01', target_group: 'general_public', province: 'เชียงใหม่', district: 'เมืองเชียงใหม่', channel: 'onsite', enrollments: 1, withdrawals: 0, starts: 1, completions: 0, cohort_completions: 0, learning_hours: '0.0' },
    ]);
    // The certificate the worker issued on completion, on the day it was issued.
    const [{ certificates }] = await db.query(`SELECT sum(certificates)::int AS certificates FROM report_course_day WHERE course_id = $1`, [world.courses[course].id]);
    expect(certificates).toBe(1);
    // Bit 11 is September, bit 0 October.
    expect(await learnerRows(youth)).toEqual([{ fiscal_year: 2568, enrolled_months: 2048, online_months: 2048, onsite_months: 0, started_months: 0, completed_months: 2048 }]);
    expect(await learnerRows(adult)).toEqual([{ fiscal_year: 2569, enrolled_months: 1, online_months: 0, onsite_months: 1, started_months: 1, completed_months: 0 }]);
    await expectExact(db, world);
  });

  it('are rebuilt on boot when an upgraded install has enrolments but no rollups, and only then', async () => {
    const before = await expectExact(db, world);
    const scheduler = worker.get(ReportsScheduler);
    expect(await scheduler.rebuildIfMissing()).toBe(false);
    await db.query(`DELETE FROM report_course_day; DELETE FROM report_learner_year; DELETE FROM report_area_month; DELETE FROM report_learner_bucket`);
    expect(await scheduler.rebuildIfMissing()).toBe(true);
    await settled(db, queues);
    expect(await expectExact(db, world)).toEqual(before);
    await expectAreaMonthsExact(db);
    await expectLearnerBucketsExact(db);
  });
});

describe('the nightly reconciliation', () => {
  it('finds rollups that drifted from the raw tables, marks them, records the run, and the refresh puts them right', async () => {
    const world = await newWorld(db);
    await play(world, [
      { kind: 'enroll', course: 0, user: 0, channel: 'online', waitlist: false, at: FISCAL_MIDNIGHT },
      { kind: 'enroll', course: 1, user: 1, channel: 'onsite', waitlist: false, at: FISCAL_MIDNIGHT + 3_600_000 },
      { kind: 'attend', course: 1, user: 1, session: 0, present: true, at: FISCAL_MIDNIGHT + 7_200_000 },
    ]);
    const exact = await expectExact(db, world);
    // Drift, as a lost event would leave it: a count off, and a learner's row gone.
    await db.query(`UPDATE report_course_day SET enrollments = enrollments + 5 WHERE course_id = $1`, [world.courses[0].id]);
    await db.query(`DELETE FROM report_learner_year WHERE user_id = $1`, [world.users[1]]);
    // A course and learner quiet for two months are not checked (the window is 40 days).
    const quiet = await newWorld(db);
    await play(quiet, [{ kind: 'enroll', course: 0, user: 0, channel: 'online', waitlist: false, at: FISCAL_MIDNIGHT }]);
    await db.query(`UPDATE enrollment SET updated_at = now() - interval '60 days' WHERE user_id = ANY($1::uuid[])`, [quiet.users]);
    await db.query(`UPDATE app_user SET updated_at = now() - interval '60 days' WHERE id = ANY($1::uuid[])`, [quiet.users]);
    await db.query(`UPDATE report_course_day SET withdrawals = 7 WHERE course_id = $1`, [quiet.courses[0].id]);

    const summary = await worker.get(ReportsReconcileJob).handle();
    // The monthly area rollup no longer sums the drifted daily rows: that month is rebuilt from them at once.
    // Likewise the learner buckets no longer count the learner-year rows: FY 2569's are rebuilt from them.
    expect(summary).toMatchObject({ coursesDiffering: 1, learnersDiffering: 1, courseIds: [world.courses[0].id], userIds: [world.users[1]], areaMonths: ['2025-10-01'], learnerBucketYears: [2569] });
    expect(summary.coursesChecked).toBeGreaterThanOrEqual(2);
    const [run] = await db.query(`SELECT summary, finished_at >= started_at AS ordered FROM report_reconcile_run ORDER BY started_at DESC LIMIT 1`);
    expect(run).toEqual({ summary, ordered: true });

    await settled(db, queues);
    expect(await expectExact(db, world)).toEqual(exact);
    await expectLearnerBucketsExact(db);
    const again = await worker.get(ReportsReconcileJob).handle();
    expect(again).toMatchObject({ coursesDiffering: 0, learnersDiffering: 0, areaMonthsDiffering: 0, learnerBucketYearsDiffering: 0 });
    // The quiet course kept its drift: outside the window, nobody looked.
    expect((await db.query(`SELECT withdrawals FROM report_course_day WHERE course_id = $1`, [quiet.courses[0].id]))[0].withdrawals).toBe(7);
  });
});

describe('refreshes', () => {
  it('run side by side, and beside the reconciliation: each mark is claimed by exactly one of them, and every cell ends exact', async () => {
    // Only the refreshes under test: the queue's own worker stops taking jobs.
    await worker.get(ReportsQueueProcessor).worker.pause();
    const worlds: World[] = [];
    for (let i = 0; i < 6; i++) {
      const world = await newWorld(db);
      for (const [user, at] of [[0, FISCAL_MIDNIGHT], [1, FISCAL_MIDNIGHT - 3_600_000], [2, FISCAL_MIDNIGHT + 86_400_000]] as const) {
        await applyStep(db, world, { kind: 'enroll', course: i % 2, user, channel: 'online', waitlist: false, at }, writeNow);
      }
      worlds.push(world);
    }
    await settled(db, queues.slice(0, 2), { marks: false }); // the events handled and marked; the marks wait
    await db.query(`DELETE FROM report_course_day; DELETE FROM report_learner_year; DELETE FROM report_area_month; DELETE FROM report_learner_bucket`);
    // Far more marks than one batch: every course and person of the database, and courses with nothing to count.
    await db.query(
      `INSERT INTO report_dirty (kind, key) SELECT 'course', id::text FROM course UNION ALL SELECT 'learner', id::text FROM app_user
       UNION ALL SELECT 'course', gen_random_uuid()::text FROM generate_series(1, 2 * $1::int) ON CONFLICT DO NOTHING`,
      [REFRESH_BATCH],
    );
    const [{ marks }] = await db.query(`SELECT count(*)::int AS marks FROM report_dirty`);
    expect(marks).toBeGreaterThan(REFRESH_BATCH);

    const job = worker.get(ReportsRefreshJob);
    const results = await Promise.all([job.handle(), job.handle(), job.handle()]);
    expect(results.reduce((sum, r) => sum + r.courses + r.learners, 0)).toBe(marks);
    expect((await db.query(`SELECT count(*)::int AS n FROM report_dirty`))[0].n).toBe(0);
    for (const world of worlds) await expectExact(db, world);
    // Concurrent refreshes moved shared area-month and learner-bucket rows by their deltas: the sums are exact.
    await expectAreaMonthsExact(db);
    await expectLearnerBucketsExact(db);

    // Recounts over existing rows, the marks shuffled so each refresh gets some real courses: every
    // one subtracts its courses' old sums from the same shared area-month rows and adds the new ones.
    for (let round = 0; round < 3; round++) {
      await db.query(
        `INSERT INTO report_dirty (kind, key) SELECT kind, key FROM (SELECT 'course' AS kind, id::text AS key FROM course
           UNION ALL SELECT 'course', gen_random_uuid()::text FROM generate_series(1, 2 * $1::int)) m ORDER BY random() ON CONFLICT DO NOTHING`,
        [REFRESH_BATCH],
      );
      await Promise.all([job.handle(), job.handle(), job.handle()]);
      for (const world of worlds) await expectExact(db, world);
      await expectAreaMonthsExact(db);
    }

    // The nightly reconciliation recounting beside them collides with nothing (it only reads the rollups).
    await db.query(`DELETE FROM report_course_day; DELETE FROM report_learner_year; DELETE FROM report_area_month; DELETE FROM report_learner_bucket`);
    await db.query(`INSERT INTO report_dirty (kind, key) SELECT 'course', id::text FROM course UNION ALL SELECT 'learner', id::text FROM app_user`);
    await Promise.all([job.handle(), job.handle(), worker.get(ReportsReconcileJob).handle()]);
    worker.get(ReportsQueueProcessor).worker.resume();
    await settled(db, queues);
    for (const world of worlds) await expectExact(db, world);
    await expectAreaMonthsExact(db);
    await expectLearnerBucketsExact(db);
    expect(await worker.get(ReportsReconcileJob).handle()).toMatchObject({ coursesDiffering: 0, learnersDiffering: 0, areaMonthsDiffering: 0, learnerBucketYearsDiffering: 0 });
  });
});

import type { AppConfig } from '@baanrian/config';
import { createDataSource } from '@baanrian/db';
import { QueueName } from '@baanrian/jobs';
import { createTestDatabase, type TestDatabase, testConfig } from '@baanrian/testing';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { WorkerModule } from '../src/worker.module';
import { ReportsReconcileJob } from '../src/reports/reports-reconcile.job';
import { expectAreaMonthsExact, expectExact, expectLearnerBucketsExact, settled } from './report-counts';
import { applyStep, type EventSink, FISCAL_MIDNIGHT, newWorld, type Step, stepArb, USERS, type World, writeNow } from './report-history';

/**
 * The report rollups stay exact: after random histories of enrolment, withdrawal, re-enrolment,
 * waitlist promotion, attendance, progress, completion (with the certificate the worker issues),
 * profile edits and account erasure, across the Bangkok midnight that ends a fiscal year, applied
 * as the API applies them and processed by a real worker, `report_course_day` and
 * `report_learner_year` equal counts taken from the raw tables with SQL written here (not the
 * worker's), and so do `report_area_month` (kept by deltas) summed per Bangkok month and
 * `report_learner_bucket` (kept by deltas) counted per fiscal year and bucket over the whole database.
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

/** Sums per course, day, target group, province and channel: what erasure must not change. */
async function totalsWithoutDistrict(world: World): Promise<unknown[]> {
  return db.query(
    `SELECT course_id, day::text, target_group, province, channel, sum(enrollments)::int AS e, sum(withdrawals)::int AS w, sum(starts)::int AS s,
            sum(completions)::int AS c, sum(cohort_completions)::int AS cc, sum(certificates)::int AS cert, sum(learning_hours)::text AS h
       FROM report_course_day WHERE course_id = ANY($1::uuid[]) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    [world.courses.map((c) => c.id)],
  );
}

/** Distinct people per fiscal year, bucket, target group and province (the whole table): what erasure must not change either. */
async function bucketsWithoutDistrict(): Promise<unknown[]> {
  return db.query(
    `SELECT fiscal_year, bucket, target_group, province, sum(learners)::int AS l, sum(learners_online)::int AS lon, sum(learners_onsite)::int AS lsite,
            sum(attendees)::int AS a, sum(completers)::int AS c, sum(participants)::int AS p
       FROM report_learner_bucket GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  );
}

describe('report rollups', () => {
  it('equal the raw-table counts after random histories with profile edits, with events duplicated and reordered, and after an erasure', async () => {
    const history = fc.record({
      steps: fc.array(stepArb, { minLength: 20, maxLength: 50 }),
      // Half the histories hold every event back and write them at the end, shuffled: reordered delivery.
      eventsLast: fc.boolean(),
      order: fc.array(fc.integer(), { minLength: 60, maxLength: 60 }),
      erase: fc.nat(USERS - 1),
    });
    await fc.assert(
      fc.asyncProperty(history, async ({ steps, eventsLast, order, erase }) => {
        const world = await newWorld(db);
        const [{ now: runStart }] = await db.query(`SELECT now()`);
        const held: Parameters<EventSink>[1][] = [];
        const sink: EventSink = eventsLast ? async (_manager, event) => void held.push(event) : writeNow;
        for (const step of steps) await applyStep(db, world, step, sink);
        const shuffled = held.map((event, i) => ({ event, key: order[i % order.length] + i })).sort((a, b) => a.key - b.key);
        if (shuffled.length > 0) await db.transaction(async (manager) => {
          for (const { event } of shuffled) await writeNow(manager, event);
        });
        await settled(db, queues);
        // Profile edits write no event: the nightly reconciliation marks those people (and their
        // courses), and their refresh moves them between slices by delta. The learner buckets it
        // compares with the learner years must not have drifted on the way (it would rebuild them).
        const reconciled = await worker.get(ReportsReconcileJob).handle();
        expect(reconciled).toMatchObject({ areaMonthsDiffering: 0, learnerBucketYearsDiffering: 0 });
        await settled(db, queues);
        const first = await expectExact(db, world);
        await expectAreaMonthsExact(db);
        await expectLearnerBucketsExact(db);

        // Every event of the run again, twice, in another order: nothing changes.
        const events: { id: string }[] = await db.query(`SELECT id FROM outbox_event WHERE created_at >= $1 ORDER BY id DESC`, [runStart]);
        await db.query(
          `INSERT INTO outbox_event (type, payload, request_id) SELECT type, payload, 'req-again' FROM outbox_event, generate_series(1, 2) WHERE id = ANY($1::uuid[])`,
          [events.map((e) => e.id)],
        );
        await settled(db, queues);
        expect(await expectExact(db, world)).toEqual(first);
        await expectAreaMonthsExact(db);
        await expectLearnerBucketsExact(db);

        // Erasure keeps every total and target group and moves the person's counts to district ''.
        const before = await totalsWithoutDistrict(world);
        const bucketsBefore = await bucketsWithoutDistrict();
        const erased: Step = { kind: 'erase', user: erase, at: FISCAL_MIDNIGHT };
        await applyStep(db, world, erased, writeNow);
        await settled(db, queues);
        await expectExact(db, world);
        expect(await totalsWithoutDistrict(world)).toEqual(before);
        await expectAreaMonthsExact(db);
        await expectLearnerBucketsExact(db);
        expect(await bucketsWithoutDistrict()).toEqual(bucketsBefore);
        const theirs: { district: string }[] = await db.query(`SELECT district FROM report_learner_year WHERE user_id = $1`, [world.users[erase]]);
        expect(theirs.every((row) => row.district === '')).toBe(true);
      }),
      { numRuns: 15, endOnFailure: true },
    );
  }, 300_000);
});

import type { AppConfig } from '@baanrian/config';
import { createDataSource } from '@baanrian/db';
import { QueueName } from '@baanrian/jobs';
import { createTestDatabase, type TestDatabase, testConfig } from '@baanrian/testing';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { ReportsQueueProcessor } from '../src/reports/reports-queue.processor';
import { ReportsReconcileJob } from '../src/reports/reports-reconcile.job';
import { ReportsRefreshJob } from '../src/reports/reports-refresh.job';
import { WorkerModule } from '../src/worker.module';
import { expectExact, expectLearnerBucketsExact, settled } from './report-counts';
import { applyStep, FISCAL_MIDNIGHT, newWorld, type Step, type World, writeNow } from './report-history';

/**
 * `report_learner_bucket` moves by delta in every refresh that recounts learners. Refreshes running
 * side by side recount different people who share bucket rows (same fiscal year, bucket, target
 * group and area): each adds and subtracts on the same rows, creates rows and empties them. They
 * must neither deadlock nor lose an update, and a drifted bucket is found and rebuilt nightly.
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

const DAY = 86_400_000;
const GROUPS = ['youth', 'general_public', 'elderly'];
const PLACES: [string | null, string | null][] = [['เชียงใหม่', 'สันทราย'], ['เชียงใหม่', 'เมืองเชียงใหม่'], ['ลำพูน', null], [null, null]];

/** Each person of a world enrolled in both courses, some started or completed, either side of 1 October and months away. */
function historyOf(world: number): Step[] {
  const steps: Step[] = [];
  for (let user = 0; user < 4; user++) {
    const at = FISCAL_MIDNIGHT + ((world * 4 + user) % 7) * 40 * DAY - 100 * DAY;
    steps.push({ kind: 'enroll', course: 0, user, channel: user % 2 ? 'onsite' : 'online', waitlist: false, at });
    steps.push({ kind: 'enroll', course: 1, user, channel: 'online', waitlist: false, at: at + 35 * DAY });
    if (user % 3 !== 2) steps.push({ kind: 'progress', course: 1, user, at: at + 36 * DAY });
    if (user % 2 === 0) steps.push({ kind: 'complete', course: 0, user, at: at + 95 * DAY });
  }
  return steps;
}

describe('learner buckets under concurrent refreshes', () => {
  it('stay exact while three refreshes move people between shared rows, round after round', async () => {
    await worker.get(ReportsQueueProcessor).worker.pause();
    try {
      const worlds: World[] = [];
      for (let i = 0; i < 6; i++) {
        const world = await newWorld(db);
        for (const step of historyOf(i)) await applyStep(db, world, step, writeNow);
        worlds.push(world);
      }
      await settled(db, queues.slice(0, 2), { marks: false });
      const job = worker.get(ReportsRefreshJob);
      await Promise.all([job.handle(), job.handle(), job.handle()]);
      await expectLearnerBucketsExact(db);
      const people = worlds.flatMap((w) => w.users);

      for (let round = 1; round <= 4; round++) {
        // Everyone moves to another target group and area (profile edits), in a different pattern each round,
        // so rows are shared, emptied and created while three refreshes recount people in shuffled batches.
        await db.query(
          `UPDATE app_user u SET target_group = ($2::text[])[1 + (p.n * $4::int) % 3], province = ($3::text[][])[1 + (p.n + $4::int) % 4][1],
                  district = ($3::text[][])[1 + (p.n + $4::int) % 4][2], updated_at = now()
             FROM (SELECT id, n::int AS n FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, n)) p WHERE u.id = p.id`,
          [people, GROUPS, PLACES, round],
        );
        await db.query(`INSERT INTO report_dirty (kind, key) SELECT 'learner', id::text FROM unnest($1::uuid[]) AS p(id) ORDER BY random() ON CONFLICT DO NOTHING`, [people]);
        const results = await Promise.all([job.handle(), job.handle(), job.handle()]);
        expect(results.reduce((sum, r) => sum + r.learners, 0)).toBe(people.length);
        await expectLearnerBucketsExact(db);
      }
      // The buckets always equalled the learner years: the nightly comparison finds nothing to rebuild.
      expect(await worker.get(ReportsReconcileJob).handle()).toMatchObject({ learnerBucketYearsDiffering: 0 });
      // The courses were not recounted for the moves (only the learners were marked); the reconciliation marked them.
      worker.get(ReportsQueueProcessor).worker.resume();
      await settled(db, queues);
      for (const world of worlds) await expectExact(db, world);
    } finally {
      worker.get(ReportsQueueProcessor).worker.resume();
    }
  }, 180_000);

  it('are found by the nightly reconciliation when they drift, and that fiscal year is rebuilt from the learner years', async () => {
    const [row]: { fiscal_year: number }[] = await db.query(`SELECT fiscal_year FROM report_learner_bucket ORDER BY fiscal_year DESC LIMIT 1`);
    await db.query(`UPDATE report_learner_bucket SET participants = participants + 3 WHERE fiscal_year = $1 AND bucket = 4095`, [row.fiscal_year]);
    await db.query(`INSERT INTO report_learner_bucket (fiscal_year, bucket, target_group, province, district, learners) VALUES ($1, 1, 'youth', 'ไม่มี', '', 2)`, [row.fiscal_year - 1]);
    const summary = await worker.get(ReportsReconcileJob).handle();
    expect(summary).toMatchObject({ learnerBucketYearsDiffering: 2, learnerBucketYears: [row.fiscal_year - 1, row.fiscal_year] });
    await expectLearnerBucketsExact(db);
    expect(await worker.get(ReportsReconcileJob).handle()).toMatchObject({ learnerBucketYearsDiffering: 0 });
  });
});

import { createDataSource } from '@baanrian/db';
import { rebuildRollups } from '@baanrian/reports';
import { createTestDatabase, type TestDatabase } from '@baanrian/testing';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { YEAR_FIGURES } from '../../../apps/api/src/seed/demo-report-year.data';
import { seedDemo } from '../../../apps/api/src/seed/demo-seed';
import { fiscalYearSummary } from './reports-summary.sql';

/**
 * The bare baseline of the fiscal-year summary must compute the same figures the report does, or
 * the ratio compares unequal work: on the demo's FY 2569 (rollups rebuilt) it gives the
 * programme's figures.
 */
describe('the fiscal-year summary baseline SQL', () => {
  let database: TestDatabase;
  let db: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = await createDataSource({ url: database.url }).initialize();
    await seedDemo(db, new Date('2026-11-23T04:00:00Z'));
    await db.transaction((manager) => rebuildRollups(manager));
  }, 120_000);
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it("gives the demo year's totals, per target group and per month", async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const rows = await fiscalYearSummary(client, 2569);
      const total = <T extends Record<string, unknown>>(list: T[]) => list.find((r) => r.target_group === null && (r.month ?? null) === null) as T;
      expect(total(rows.learners)).toMatchObject({ learners_online: YEAR_FIGURES.learnersOnline, learners_onsite: YEAR_FIGURES.learnersOnsite, participants: YEAR_FIGURES.learners });
      expect(total(rows.courseDays)).toMatchObject({ enrollments: YEAR_FIGURES.enrollments });
      // The demo catalog's own Lanna crafts workshop (150 days before this "now") is held in FY 2569 too.
      expect(total(rows.classes)).toMatchObject({ classes_online: YEAR_FIGURES.classesOnline, classes_onsite: YEAR_FIGURES.classesOnsite + 1 });
      expect(rows.learners.filter((r) => r.target_group !== null)).toHaveLength(5);
      expect(rows.learnerMonths).toHaveLength(12);
      // Per month, a learner counts in each month they took part: the months add up to at least the year.
      expect(rows.learnerMonths.reduce((sum, r) => sum + Number(r.participants), 0)).toBeGreaterThanOrEqual(YEAR_FIGURES.learners);
      // The learner buckets give what counting the year's people by their month masks gives (the work the API does too).
      const [byMasks] = await client.query<Record<string, number>>(
        `SELECT count(*) FILTER (WHERE online_months <> 0)::int AS learners_online, count(*) FILTER (WHERE onsite_months <> 0)::int AS learners_onsite,
                count(*) FILTER (WHERE completed_months <> 0)::int AS completers, count(*) FILTER (WHERE (enrolled_months | started_months) <> 0)::int AS participants
           FROM report_learner_year WHERE fiscal_year = 2569`,
      ).then((r) => r.rows);
      expect(total(rows.learners)).toEqual({ target_group: null, ...byMasks });
      const monthsByMasks = await client.query(
        `SELECT b AS fiscal_month, count(*) FILTER (WHERE online_months & (1 << b) <> 0)::int AS learners_online,
                count(*) FILTER (WHERE onsite_months & (1 << b) <> 0)::int AS learners_onsite, count(*) FILTER (WHERE completed_months & (1 << b) <> 0)::int AS completers,
                count(*) FILTER (WHERE (enrolled_months | started_months) & (1 << b) <> 0)::int AS participants
           FROM generate_series(0, 11) AS b LEFT JOIN report_learner_year ON fiscal_year = 2569 GROUP BY b ORDER BY b`,
      );
      expect([...rows.learnerMonths].sort((a, b) => Number(a.fiscal_month) - Number(b.fiscal_month))).toEqual(monthsByMasks.rows);
      const recorded = rows.reachAndPlans.filter((r) => r.kind === 'recorded').reduce((sum, r) => sum + Number(r.value), 0);
      expect(recorded).toBe(YEAR_FIGURES.reachRecorded);
      expect(rows.reachAndPlans.filter((r) => r.kind === 'plan').length).toBeGreaterThan(50);
    } finally {
      await client.end();
    }
  });
});

import { eventually } from '@baanrian/testing';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { World } from './report-history';

/**
 * Rollup assertions for the report tests: the counts `report_course_day` and `report_learner_year`
 * hold, and the same counts taken from the raw tables with SQL written here, independently of the
 * worker's (libs/reports/src/rollup.sql.ts), so a mistake in one cannot hide in both.
 */

/**
 * Nothing left to do anywhere in the pipeline (outbox → queues → dirty marks), seen three polls in
 * a row. `marks: false` leaves the dirty marks out (a test that refreshes them itself).
 */
export async function settled(db: DataSource, queues: Queue[], options: { marks?: boolean } = {}): Promise<void> {
  let quiet = 0;
  await eventually(async () => {
    const [{ pending }] = await db.query(
      `SELECT (SELECT count(*) FROM outbox_event WHERE published_at IS NULL) + CASE WHEN $1 THEN (SELECT count(*) FROM report_dirty) ELSE 0 END AS pending`,
      [options.marks !== false],
    );
    let busy = Number(pending) > 0;
    for (const queue of queues) {
      if (busy) break;
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
      busy = Object.values(counts).some((n) => n > 0);
    }
    quiet = busy ? 0 : quiet + 1;
    return quiet >= 3 ? true : undefined;
  }, 60_000, 'the worker to finish');
}

const BKK_DAY = (column: string) => `to_char(timezone('Asia/Bangkok', ${column}), 'YYYY-MM-DD')`;

/** Every non-zero count of `report_course_day` as (cell, measure, value), sorted. */
export async function rollupCourseCounts(db: DataSource, courseIds: string[]): Promise<string[]> {
  const rows: { line: string }[] = await db.query(
    `SELECT concat_ws('|', r.course_id, r.day::text, r.target_group, r.province, r.district, r.channel, m.measure, m.value::numeric::text) AS line
       FROM report_course_day r CROSS JOIN LATERAL (VALUES
         ('enrollments', r.enrollments::numeric), ('withdrawals', r.withdrawals), ('starts', r.starts), ('completions', r.completions),
         ('cohort_completions', r.cohort_completions), ('certificates', r.certificates), ('learning_hours', r.learning_hours)) m(measure, value)
      WHERE r.course_id = ANY($1::uuid[]) AND m.value <> 0`,
    [courseIds],
  );
  return rows.map((r) => r.line.replace(/\.0+$/, '')).sort();
}

/** The same counts from the raw tables: one dated fact per enrolment timestamp (and credential), summed per Bangkok day and slice. */
export async function rawCourseCounts(db: DataSource, courseIds: string[]): Promise<string[]> {
  const rows: { line: string }[] = await db.query(
    `WITH facts AS (
       SELECT e.*, ${BKK_DAY('e.activated_at')} AS day, 'enrollments' AS measure, 1::numeric AS value FROM enrollment e WHERE e.activated_at IS NOT NULL
       UNION ALL SELECT e.*, ${BKK_DAY('e.withdrawn_at')}, 'withdrawals', 1 FROM enrollment e WHERE e.withdrawn_at IS NOT NULL
       UNION ALL SELECT e.*, ${BKK_DAY('e.started_at')}, 'starts', 1 FROM enrollment e WHERE e.started_at IS NOT NULL
       UNION ALL SELECT e.*, ${BKK_DAY('e.completed_at')}, 'completions', 1 FROM enrollment e WHERE e.completed_at IS NOT NULL
       UNION ALL SELECT e.*, ${BKK_DAY('e.activated_at')}, 'cohort_completions', 1 FROM enrollment e WHERE e.activated_at IS NOT NULL AND e.completed_at IS NOT NULL
       UNION ALL SELECT e.*, ${BKK_DAY('e.completed_at')}, 'learning_hours', c.learning_hours FROM enrollment e JOIN course c ON c.id = e.course_id WHERE e.completed_at IS NOT NULL
       UNION ALL SELECT e.*, ${BKK_DAY('cr.issued_at')}, 'certificates', 1 FROM credential cr JOIN enrollment e ON e.id = cr.enrollment_id WHERE cr.kind = 'course'
     )
     SELECT concat_ws('|', f.course_id, f.day, u.target_group, coalesce(u.province, ''), coalesce(u.district, ''), f.channel, f.measure, sum(f.value)::text) AS line
       FROM facts f JOIN app_user u ON u.id = f.user_id
      WHERE f.course_id = ANY($1::uuid[])
      GROUP BY f.course_id, f.day, u.target_group, u.province, u.district, f.channel, f.measure
     HAVING sum(f.value) <> 0`,
    [courseIds],
  );
  return rows.map((r) => r.line.replace(/\.0+$/, '')).sort();
}

const LEARNER_COLUMNS = `fiscal_year, user_id, target_group, province, district, enrolled_months, online_months, onsite_months, started_months, completed_months`;

export async function rollupLearnerYears(db: DataSource, userIds: string[]): Promise<Record<string, unknown>[]> {
  return db.query(`SELECT ${LEARNER_COLUMNS} FROM report_learner_year WHERE user_id = ANY($1::uuid[]) ORDER BY user_id, fiscal_year`, [userIds]);
}

/**
 * The learner-years from the raw tables. Shifting a Bangkok date three months forward maps the
 * Thai fiscal year onto the calendar year (October → January): year + 543 is the fiscal year in
 * the Buddhist Era, month − 1 the fiscal month's bit.
 */
export async function rawLearnerYears(db: DataSource, userIds: string[]): Promise<Record<string, unknown>[]> {
  return db.query(
    `WITH facts AS (
       SELECT user_id, channel, 'enrolled' AS fact, timezone('Asia/Bangkok', activated_at)::date + interval '3 months' AS shifted FROM enrollment WHERE activated_at IS NOT NULL
       UNION ALL SELECT user_id, channel, 'started', timezone('Asia/Bangkok', started_at)::date + interval '3 months' FROM enrollment WHERE started_at IS NOT NULL
       UNION ALL SELECT user_id, channel, 'completed', timezone('Asia/Bangkok', completed_at)::date + interval '3 months' FROM enrollment WHERE completed_at IS NOT NULL
     ), bits AS (
       SELECT user_id, channel, fact, extract(year FROM shifted)::int + 543 AS fiscal_year, 1 << (extract(month FROM shifted)::int - 1) AS bit FROM facts
     )
     SELECT b.fiscal_year, b.user_id, u.target_group, coalesce(u.province, '') AS province, coalesce(u.district, '') AS district,
            coalesce(bit_or(b.bit) FILTER (WHERE b.fact = 'enrolled'), 0) AS enrolled_months,
            coalesce(bit_or(b.bit) FILTER (WHERE b.fact = 'enrolled' AND b.channel = 'online'), 0) AS online_months,
            coalesce(bit_or(b.bit) FILTER (WHERE b.fact = 'enrolled' AND b.channel = 'onsite'), 0) AS onsite_months,
            coalesce(bit_or(b.bit) FILTER (WHERE b.fact = 'started'), 0) AS started_months,
            coalesce(bit_or(b.bit) FILTER (WHERE b.fact = 'completed'), 0) AS completed_months
       FROM bits b JOIN app_user u ON u.id = b.user_id
      WHERE b.user_id = ANY($1::uuid[])
      GROUP BY b.fiscal_year, b.user_id, u.target_group, u.province, u.district
      ORDER BY b.user_id, b.fiscal_year`,
    [userIds],
  );
}

export interface Snapshot {
  courses: string[];
  learners: Record<string, unknown>[];
}

/** Asserts the rollups of this world equal the raw counts, and answers them. */
export async function expectExact(db: DataSource, world: World): Promise<Snapshot> {
  const courseIds = world.courses.map((c) => c.id);
  const courses = await rollupCourseCounts(db, courseIds);
  expect(courses).toEqual(await rawCourseCounts(db, courseIds));
  const learners = await rollupLearnerYears(db, world.users);
  expect(learners).toEqual(await rawLearnerYears(db, world.users));
  // A recount leaves no empty cells behind (an erased person's old district, say).
  const [{ empty }] = await db.query(
    `SELECT count(*)::int AS empty FROM report_course_day WHERE course_id = ANY($1::uuid[])
        AND enrollments = 0 AND withdrawals = 0 AND starts = 0 AND completions = 0 AND cohort_completions = 0 AND certificates = 0`,
    [courseIds],
  );
  expect(empty).toBe(0);
  return { courses, learners };
}

/**
 * Asserts `report_area_month` (the whole table: it has no course to narrow by) equals the raw
 * counts of the whole database summed per Bangkok month and learner slice, and holds no all-zero row.
 */
export async function expectAreaMonthsExact(db: DataSource): Promise<void> {
  const stored: { line: string }[] = await db.query(
    `SELECT concat_ws('|', r.month::text, r.target_group, r.province, r.district, r.channel, m.measure, m.value::numeric::text) AS line
       FROM report_area_month r CROSS JOIN LATERAL (VALUES
         ('enrollments', r.enrollments::numeric), ('withdrawals', r.withdrawals), ('starts', r.starts), ('completions', r.completions),
         ('cohort_completions', r.cohort_completions), ('certificates', r.certificates), ('learning_hours', r.learning_hours)) m(measure, value)
      WHERE m.value <> 0`,
  );
  const month = (column: string) => `to_char(timezone('Asia/Bangkok', ${column}), 'YYYY-MM-01')`;
  const raw: { line: string }[] = await db.query(
    `WITH facts AS (
       SELECT e.*, ${month('e.activated_at')} AS month, 'enrollments' AS measure, 1::numeric AS value FROM enrollment e WHERE e.activated_at IS NOT NULL
       UNION ALL SELECT e.*, ${month('e.withdrawn_at')}, 'withdrawals', 1 FROM enrollment e WHERE e.withdrawn_at IS NOT NULL
       UNION ALL SELECT e.*, ${month('e.started_at')}, 'starts', 1 FROM enrollment e WHERE e.started_at IS NOT NULL
       UNION ALL SELECT e.*, ${month('e.completed_at')}, 'completions', 1 FROM enrollment e WHERE e.completed_at IS NOT NULL
       UNION ALL SELECT e.*, ${month('e.activated_at')}, 'cohort_completions', 1 FROM enrollment e WHERE e.activated_at IS NOT NULL AND e.completed_at IS NOT NULL
       UNION ALL SELECT e.*, ${month('e.completed_at')}, 'learning_hours', c.learning_hours FROM enrollment e JOIN course c ON c.id = e.course_id WHERE e.completed_at IS NOT NULL
       UNION ALL SELECT e.*, ${month('cr.issued_at')}, 'certificates', 1 FROM credential cr JOIN enrollment e ON e.id = cr.enrollment_id WHERE cr.kind = 'course'
     )
     SELECT concat_ws('|', f.month, u.target_group, coalesce(u.province, ''), coalesce(u.district, ''), f.channel, f.measure, sum(f.value)::text) AS line
       FROM facts f JOIN app_user u ON u.id = f.user_id
      GROUP BY f.month, u.target_group, u.province, u.district, f.channel, f.measure
     HAVING sum(f.value) <> 0`,
  );
  const lines = (rows: { line: string }[]) => rows.map((r) => r.line.replace(/\.0+$/, '')).sort();
  expect(lines(stored)).toEqual(lines(raw));
  const [{ empty }] = await db.query(
    `SELECT count(*)::int AS empty FROM report_area_month
      WHERE enrollments = 0 AND withdrawals = 0 AND starts = 0 AND completions = 0 AND cohort_completions = 0 AND certificates = 0 AND learning_hours = 0`,
  );
  expect(empty).toBe(0);
}

/** The buckets as (mask, first, last fiscal month), written out here: months, quarters, halves, the year. */
const BUCKET_RANGES = [
  ...Array.from({ length: 12 }, (_, m) => [1 << m, m, m]),
  ...Array.from({ length: 4 }, (_, q) => [7 << (3 * q), 3 * q, 3 * q + 2]),
  ...Array.from({ length: 2 }, (_, h) => [63 << (6 * h), 6 * h, 6 * h + 5]),
  [4095, 0, 11],
];

/**
 * Asserts `report_learner_bucket` (the whole table) equals distinct people counted from the raw
 * enrolments per fiscal year, bucket (a range of fiscal months) and the person's current slice,
 * and holds no all-zero row.
 */
export async function expectLearnerBucketsExact(db: DataSource): Promise<void> {
  const stored: { line: string }[] = await db.query(
    `SELECT concat_ws('|', r.fiscal_year, r.bucket, r.target_group, r.province, r.district, m.measure, m.value) AS line
       FROM report_learner_bucket r CROSS JOIN LATERAL (VALUES ('learners', r.learners), ('learners_online', r.learners_online), ('learners_onsite', r.learners_onsite),
         ('attendees', r.attendees), ('completers', r.completers), ('participants', r.participants)) m(measure, value)
      WHERE m.value <> 0`,
  );
  // Shifted three months, a Bangkok date's calendar year + 543 is its fiscal year and month − 1 its fiscal month.
  const raw: { line: string }[] = await db.query(
    `WITH facts AS (
       SELECT user_id, channel, 'enrolled' AS fact, timezone('Asia/Bangkok', activated_at)::date + interval '3 months' AS shifted FROM enrollment WHERE activated_at IS NOT NULL
       UNION ALL SELECT user_id, channel, 'started', timezone('Asia/Bangkok', started_at)::date + interval '3 months' FROM enrollment WHERE started_at IS NOT NULL
       UNION ALL SELECT user_id, channel, 'completed', timezone('Asia/Bangkok', completed_at)::date + interval '3 months' FROM enrollment WHERE completed_at IS NOT NULL
     ), dated AS (
       SELECT user_id, channel, fact, extract(year FROM shifted)::int + 543 AS fiscal_year, extract(month FROM shifted)::int - 1 AS month FROM facts
     ), counted AS (
       SELECT d.fiscal_year, b.bucket, u.target_group, coalesce(u.province, '') AS province, coalesce(u.district, '') AS district,
              count(DISTINCT d.user_id) FILTER (WHERE d.fact = 'enrolled') AS learners,
              count(DISTINCT d.user_id) FILTER (WHERE d.fact = 'enrolled' AND d.channel = 'online') AS learners_online,
              count(DISTINCT d.user_id) FILTER (WHERE d.fact = 'enrolled' AND d.channel = 'onsite') AS learners_onsite,
              count(DISTINCT d.user_id) FILTER (WHERE d.fact = 'started') AS attendees,
              count(DISTINCT d.user_id) FILTER (WHERE d.fact = 'completed') AS completers,
              count(DISTINCT d.user_id) FILTER (WHERE d.fact IN ('enrolled', 'started')) AS participants
         FROM dated d JOIN app_user u ON u.id = d.user_id
         JOIN unnest($1::int[], $2::int[], $3::int[]) AS b(bucket, first_month, last_month) ON d.month BETWEEN b.first_month AND b.last_month
        GROUP BY 1, 2, 3, 4, 5
     )
     SELECT concat_ws('|', c.fiscal_year, c.bucket, c.target_group, c.province, c.district, m.measure, m.value) AS line
       FROM counted c CROSS JOIN LATERAL (VALUES ('learners', c.learners), ('learners_online', c.learners_online), ('learners_onsite', c.learners_onsite),
         ('attendees', c.attendees), ('completers', c.completers), ('participants', c.participants)) m(measure, value)
      WHERE m.value <> 0`,
    [0, 1, 2].map((i) => BUCKET_RANGES.map((range) => range[i])),
  );
  expect(stored.map((r) => r.line).sort()).toEqual(raw.map((r) => r.line).sort());
  const [{ empty }] = await db.query(
    `SELECT count(*)::int AS empty FROM report_learner_bucket WHERE learners = 0 AND learners_online = 0 AND learners_onsite = 0 AND attendees = 0 AND completers = 0 AND participants = 0`,
  );
  expect(empty).toBe(0);
}

import type { EntityManager } from 'typeorm';
import { type LearnerBucketRow, learnerBucketSums, moveLearnerBuckets, rebuildLearnerBuckets } from './rollup-buckets.sql';

/** A Bangkok calendar day of a timestamptz column (reports never count in UTC days). */
export const bkkDay = (column: string) => `(${column} AT TIME ZONE 'Asia/Bangkok')::date`;

/** Fiscal year (BE) of a Bangkok day expression: October starts the next year. */
const fiscalYear = (day: string) => `(extract(year FROM ${day})::int + CASE WHEN extract(month FROM ${day}) >= 10 THEN 1 ELSE 0 END + 543)`;
/** Bit of the fiscal month: October = bit 0 … September = bit 11. */
const monthBit = (day: string) => `(1 << ((extract(month FROM ${day})::int + 2) % 12))`;

/**
 * The counts of one course per Bangkok day and learner slice, from the raw tables. One row per
 * (course, day, target group, province, district, channel) with at least one non-zero count.
 * Shared by the worker's refresh and rebuild; `courseFilter` is a SQL condition on `e.course_id`.
 */
function courseDaySelect(courseFilter: string): string {
  // Each enrolment contributes one event row per dated fact; `completed_at` also feeds the cohort
  // of its activation day. Certificates come from course credentials of the enrolment.
  return `
    WITH facts AS (
      SELECT e.course_id, ${bkkDay('e.activated_at')} AS day, e.user_id, e.channel,
             1 AS enrollments, 0 AS withdrawals, 0 AS starts, 0 AS completions,
             (e.completed_at IS NOT NULL)::int AS cohort_completions, 0 AS certificates, 0::numeric AS learning_hours
        FROM enrollment e WHERE ${courseFilter} AND e.activated_at IS NOT NULL
      UNION ALL
      SELECT e.course_id, ${bkkDay('e.withdrawn_at')}, e.user_id, e.channel, 0, 1, 0, 0, 0, 0, 0
        FROM enrollment e WHERE ${courseFilter} AND e.withdrawn_at IS NOT NULL
      UNION ALL
      SELECT e.course_id, ${bkkDay('e.started_at')}, e.user_id, e.channel, 0, 0, 1, 0, 0, 0, 0
        FROM enrollment e WHERE ${courseFilter} AND e.started_at IS NOT NULL
      UNION ALL
      SELECT e.course_id, ${bkkDay('e.completed_at')}, e.user_id, e.channel, 0, 0, 0, 1, 0, 0, coalesce(c.learning_hours, 0)
        FROM enrollment e JOIN course c ON c.id = e.course_id WHERE ${courseFilter} AND e.completed_at IS NOT NULL
      UNION ALL
      SELECT e.course_id, ${bkkDay('cr.issued_at')}, e.user_id, e.channel, 0, 0, 0, 0, 0, 1, 0
        FROM credential cr JOIN enrollment e ON e.id = cr.enrollment_id WHERE ${courseFilter} AND cr.kind = 'course'
    )
    SELECT f.course_id, f.day, u.target_group, coalesce(u.province, '') AS province, coalesce(u.district, '') AS district, f.channel,
           sum(f.enrollments)::int, sum(f.withdrawals)::int, sum(f.starts)::int, sum(f.completions)::int,
           sum(f.cohort_completions)::int, sum(f.certificates)::int, sum(f.learning_hours)
      FROM facts f JOIN app_user u ON u.id = f.user_id
     GROUP BY 1, 2, 3, 4, 5, 6`;
}

const COURSE_DAY_COLUMNS = `course_id, day, target_group, province, district, channel, enrollments, withdrawals, starts, completions, cohort_completions, certificates, learning_hours`;

const AREA_KEYS = `month, target_group, province, district, channel`;
const ADDITIVE = ['enrollments', 'withdrawals', 'starts', 'completions', 'cohort_completions', 'certificates', 'learning_hours'];
const AREA_COLUMNS = `${AREA_KEYS}, ${ADDITIVE.join(', ')}`;
const ALL_ZERO = (table: string) => `(${ADDITIVE.map((c) => `${table}.${c}`).join(', ')}) = (${ADDITIVE.map(() => '0').join(', ')})`;

/** `report_course_day` rows (`source`, any subset) summed into area-month rows with `sign`, keys ordered. */
const areaSums = (source: string, sign: '' | '-') =>
  `SELECT date_trunc('month', r.day)::date AS month, r.target_group, r.province, r.district, r.channel,
          ${ADDITIVE.map((c) => `${sign}sum(r.${c})${c === 'learning_hours' ? '' : '::int'} AS ${c}`).join(', ')}
     FROM ${source} r GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`;

/** Parameter types of an area-month row as arrays (keys, then the additive columns), for unnest. */
const AREA_ARRAYS = `$2::date[], $3::text[], $4::text[], $5::text[], $6::text[], ${ADDITIVE.map((c, i) => `$${i + 7}::${c === 'learning_hours' ? 'numeric' : 'int'}[]`).join(', ')}`;
const AREA_FIELDS = ['month', 'target_group', 'province', 'district', 'channel', ...ADDITIVE];

interface AreaRow extends Record<string, string | number | boolean> {
  month: string;
  empty: boolean;
}

/**
 * Replaces every rollup row of these courses with a fresh count, and moves `report_area_month` by
 * the difference (old rows subtracted, new rows added) in the same transaction, so the monthly
 * rollup always equals the sum of the daily one. Idempotent; run in a transaction.
 *
 * Statement 1 deletes the old day rows and returns their per-month sums, negated (a few hundred
 * rows: months × slices). Statement 2 inserts the fresh day rows and applies their sums plus those
 * negated ones in ONE upsert ordered by key. One ordered upsert per transaction is what keeps
 * concurrent refreshes from deadlocking on shared area-month rows: two upserts (old, then new)
 * would let A hold rows B waits for while A's second upsert waits for rows B locked in its first.
 */
export async function recomputeCourses(manager: EntityManager, courseIds: string[]): Promise<void> {
  if (courseIds.length === 0) return;
  const removed: Record<string, unknown>[] = await manager.query(
    `WITH old AS (DELETE FROM report_course_day WHERE course_id = ANY($1::uuid[]) RETURNING *)
     SELECT s.month::text AS month, ${AREA_FIELDS.slice(1).join(', ')} FROM (${areaSums('old', '-')}) s`,
    [courseIds],
  );
  const changed: AreaRow[] = await manager.query(
    `WITH fresh AS (INSERT INTO report_course_day (${COURSE_DAY_COLUMNS}) ${courseDaySelect('e.course_id = ANY($1::uuid[])')} RETURNING *),
          delta AS (SELECT day, ${AREA_KEYS.replace('month, ', '')}, ${ADDITIVE.join(', ')} FROM fresh
                    UNION ALL SELECT * FROM unnest(${AREA_ARRAYS}) AS o(day, ${AREA_KEYS.replace('month, ', '')}, ${ADDITIVE.join(', ')}))
     INSERT INTO report_area_month (${AREA_COLUMNS}) ${areaSums('delta', '')}
     ON CONFLICT (${AREA_KEYS}) DO UPDATE SET ${ADDITIVE.map((c) => `${c} = report_area_month.${c} + EXCLUDED.${c}`).join(', ')}
     RETURNING month::text, target_group, province, district, channel, ${ALL_ZERO('report_area_month')} AS empty`,
    [courseIds, ...AREA_FIELDS.map((field) => removed.map((row) => row[field]))],
  );
  // Rows this recount left empty: only ours are deleted (we hold their row locks, so this waits on nobody).
  const empty = changed.filter((k) => k.empty);
  if (empty.length === 0) return;
  const column = (name: string) => empty.map((k) => k[name]);
  await manager.query(
    `DELETE FROM report_area_month a USING unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::text[]) k(month, target_group, province, district, channel)
      WHERE (a.month, a.target_group, a.province, a.district, a.channel) = (k.month, k.target_group, k.province, k.district, k.channel) AND ${ALL_ZERO('a')}`,
    [column('month'), column('target_group'), column('province'), column('district'), column('channel')],
  );
}

/**
 * Rebuilds `report_area_month` from `report_course_day`: every month, or only `months`
 * (first days, `YYYY-MM-01`). Run under the exclusive rollup lock (no delta may run meanwhile).
 */
export async function rebuildAreaMonths(manager: EntityManager, months: string[] | null = null): Promise<void> {
  if (months === null) {
    await manager.query(`DELETE FROM report_area_month`);
    await manager.query(`INSERT INTO report_area_month (${AREA_COLUMNS}) ${areaSums('report_course_day', '')}`);
    return;
  }
  if (months.length === 0) return;
  await manager.query(`DELETE FROM report_area_month WHERE month = ANY($1::date[])`, [months]);
  await manager.query(
    `INSERT INTO report_area_month (${AREA_COLUMNS}) ${areaSums(`(SELECT * FROM report_course_day WHERE date_trunc('month', day)::date = ANY($1::date[]))`, '')}`,
    [months],
  );
}

/**
 * The months (`YYYY-MM-01`) where `report_area_month` differs from the GROUP BY of
 * `report_course_day`. One statement, one snapshot: both tables change in the same transactions,
 * so a refresh running meanwhile cannot make them look different.
 */
export async function differingAreaMonths(manager: Pick<EntityManager, 'query'>): Promise<string[]> {
  const rows: { month: string }[] = await manager.query(
    `WITH fresh AS (${areaSums('report_course_day', '')}), stored AS (SELECT ${AREA_COLUMNS} FROM report_area_month)
     SELECT DISTINCT month::text FROM ((TABLE fresh EXCEPT ALL TABLE stored) UNION ALL (TABLE stored EXCEPT ALL TABLE fresh)) d(month) ORDER BY 1`,
  );
  return rows.map((row) => row.month);
}

const MASKS = ['enrolled_months', 'online_months', 'onsite_months', 'started_months', 'completed_months'];

/**
 * The learner-year rows of some learners, from their enrolments: one row per fiscal year they had
 * any dated fact in, each fact setting its month's bit in the matching mask, and beside them the
 * masks of the same person's previous fiscal year (0 when they had no row then), which let a
 * two-fiscal-year period count each person once without a DISTINCT.
 */
function learnerYearSelect(userFilter: string): string {
  return `
    WITH facts AS (
      SELECT e.user_id, ${bkkDay('e.activated_at')} AS day, 'enrolled' AS fact, e.channel FROM enrollment e WHERE ${userFilter} AND e.activated_at IS NOT NULL
      UNION ALL
      SELECT e.user_id, ${bkkDay('e.started_at')}, 'started', e.channel FROM enrollment e WHERE ${userFilter} AND e.started_at IS NOT NULL
      UNION ALL
      SELECT e.user_id, ${bkkDay('e.completed_at')}, 'completed', e.channel FROM enrollment e WHERE ${userFilter} AND e.completed_at IS NOT NULL
    ),
    years AS (
      SELECT ${fiscalYear('f.day')} AS fiscal_year, f.user_id, u.target_group, coalesce(u.province, '') AS province, coalesce(u.district, '') AS district,
             bit_or(CASE WHEN f.fact = 'enrolled' THEN ${monthBit('f.day')} ELSE 0 END) AS enrolled_months,
             bit_or(CASE WHEN f.fact = 'enrolled' AND f.channel = 'online' THEN ${monthBit('f.day')} ELSE 0 END) AS online_months,
             bit_or(CASE WHEN f.fact = 'enrolled' AND f.channel = 'onsite' THEN ${monthBit('f.day')} ELSE 0 END) AS onsite_months,
             bit_or(CASE WHEN f.fact = 'started' THEN ${monthBit('f.day')} ELSE 0 END) AS started_months,
             bit_or(CASE WHEN f.fact = 'completed' THEN ${monthBit('f.day')} ELSE 0 END) AS completed_months
        FROM facts f JOIN app_user u ON u.id = f.user_id
       GROUP BY 1, 2, 3, 4, 5
    )
    SELECT y.*, ${MASKS.map((m) => `coalesce(p.${m}, 0)`).join(', ')}
      FROM years y LEFT JOIN years p ON p.user_id = y.user_id AND p.fiscal_year = y.fiscal_year - 1`;
}

const LEARNER_YEAR_COLUMNS = `fiscal_year, user_id, target_group, province, district, ${MASKS.join(', ')}, ${MASKS.map((m) => `prev_${m}`).join(', ')}`;

/**
 * Replaces every learner-year row of these learners, and moves `report_learner_bucket` by the
 * difference in the same transaction (old rows' counts out, fresh rows' in, one ordered upsert:
 * rollup-buckets.sql.ts), so a changed target group or district, or an erasure, moves the person
 * between bucket rows at once. Idempotent; run in a transaction.
 */
export async function recomputeLearners(manager: EntityManager, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  const removed: LearnerBucketRow[] = await manager.query(
    `WITH old AS (DELETE FROM report_learner_year WHERE user_id = ANY($1::uuid[]) RETURNING *) ${learnerBucketSums('old', '-')}`,
    [userIds],
  );
  await moveLearnerBuckets(manager, `INSERT INTO report_learner_year (${LEARNER_YEAR_COLUMNS}) ${learnerYearSelect('e.user_id = ANY($1::uuid[])')} RETURNING *`, [userIds], removed);
}

/**
 * Rebuilds the rollups from scratch (the area-month one from the course-day one) (demo seed, restore, or an administrator's request). Dirty
 * marks are left alone: one made meanwhile may cover a change this rebuild did not see.
 */
export async function rebuildRollups(manager: EntityManager): Promise<void> {
  await manager.query(`DELETE FROM report_course_day`);
  await manager.query(`INSERT INTO report_course_day (${COURSE_DAY_COLUMNS}) ${courseDaySelect('true')}`);
  await rebuildAreaMonths(manager);
  await manager.query(`DELETE FROM report_learner_year`);
  await manager.query(`INSERT INTO report_learner_year (${LEARNER_YEAR_COLUMNS}) ${learnerYearSelect('true')}`);
  // The learner buckets from the learner years, as the area months from the course days.
  await rebuildLearnerBuckets(manager);
}

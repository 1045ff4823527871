import type { EntityManager } from 'typeorm';

/*
 * `report_learner_bucket`: distinct people per fiscal year, period bucket and learner slice, read
 * by reports over a whole fiscal year, half, quarter or month instead of every person's
 * learner-year row. It is a function of `report_learner_year` alone (the GROUP BY below), kept
 * equal to it by delta in the transaction that rewrites learner-year rows, like report_area_month
 * is kept equal to report_course_day.
 */

/** The buckets as fiscal-month masks (bit 0 October): 12 months, 4 quarters, 2 halves, the year. */
export const LEARNER_BUCKETS: readonly number[] = [
  ...Array.from({ length: 12 }, (_, month) => 1 << month),
  ...Array.from({ length: 4 }, (_, quarter) => 0b111 << (3 * quarter)),
  ...Array.from({ length: 2 }, (_, half) => 0b111111 << (6 * half)),
  0b111111111111,
];

/** Each count and the learner-year masks it tests (the same definitions as the report's measures). */
const COUNTED = {
  learners: ['enrolled_months'],
  learners_online: ['online_months'],
  learners_onsite: ['onsite_months'],
  attendees: ['started_months'],
  completers: ['completed_months'],
  participants: ['enrolled_months', 'started_months'],
} as const;
export type LearnerBucketMeasure = keyof typeof COUNTED;
const MEASURES = Object.keys(COUNTED) as LearnerBucketMeasure[];
const maskOf = (measure: LearnerBucketMeasure, alias: string) => `(${COUNTED[measure].map((column) => `${alias}.${column}`).join(' | ')})`;

const KEYS = ['fiscal_year', 'bucket', 'target_group', 'province', 'district'] as const;
const KEY_LIST = KEYS.join(', ');
const COLUMNS = `${KEY_LIST}, ${MEASURES.join(', ')}`;
const MASKS = 'enrolled_months, online_months, onsite_months, started_months, completed_months';
const NON_ZERO = (values: string[]) => `(${values.join(', ')}) <> (${values.map(() => '0').join(', ')})`;
const ALL_ZERO = (table: string) => `(${MEASURES.map((m) => `${table}.${m}`).join(', ')}) = (${MEASURES.map(() => '0').join(', ')})`;

/**
 * The bucket counts of some learner-year rows (`source`: a table, CTE or parenthesised subquery
 * with the learner-year columns), negated with `sign` '-', keys in order, all-zero rows left out.
 * People sharing a slice and the same five masks are grouped first (about ten thousand groups a
 * year for a quarter of a million people), so every bucket test runs per group, not per person.
 */
export function learnerBucketSums(source: string, sign: '' | '-' = ''): string {
  const sums = MEASURES.map((m) => `${sign}sum(CASE WHEN ${maskOf(m, 'h')} & b.bucket <> 0 THEN h.n ELSE 0 END)::int AS ${m}`);
  return `
    SELECT s.* FROM (
      SELECT h.fiscal_year, b.bucket, h.target_group, h.province, h.district, ${sums.join(', ')}
        FROM (SELECT fiscal_year, target_group, province, district, ${MASKS}, count(*) AS n FROM ${source} src GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9) h
       CROSS JOIN unnest('{${LEARNER_BUCKETS.join(',')}}'::int[]) AS b(bucket)
       GROUP BY 1, 2, 3, 4, 5
    ) s WHERE ${NON_ZERO(MEASURES.map((m) => `s.${m}`))}
    ORDER BY ${KEY_LIST}`;
}

/** A bucket row as the delta statements pass it around. */
export type LearnerBucketRow = Record<(typeof KEYS)[number] | LearnerBucketMeasure, string | number>;

const ROW_TYPES = ['smallint', 'int', 'text', 'text', 'text', ...MEASURES.map(() => 'int')];

/**
 * Runs `insertFresh` (an INSERT of learner-year rows … RETURNING *, parameters `params`) and moves
 * `report_learner_bucket` by the difference: the fresh rows' counts plus `removed` (the counts of
 * the rows the same transaction deleted, already negated by `learnerBucketSums(old, '-')`), in ONE
 * upsert ordered by key. One ordered upsert per transaction (after report_area_month's, also
 * ordered) is what keeps concurrent refreshes from deadlocking on shared bucket rows. Net-zero
 * cells are not touched at all (a recount that changed nothing locks no bucket row), and cells the
 * delta leaves at zero are deleted: only ours, whose row locks we hold, so this waits on nobody.
 */
export async function moveLearnerBuckets(manager: Pick<EntityManager, 'query'>, insertFresh: string, params: unknown[], removed: LearnerBucketRow[]): Promise<void> {
  const first = params.length + 1;
  const arrays = ROW_TYPES.map((type, i) => `$${first + i}::${type}[]`).join(', ');
  const changed: (LearnerBucketRow & { empty: boolean })[] = await manager.query(
    `WITH fresh AS (${insertFresh}),
          delta AS (SELECT ${COLUMNS} FROM (${learnerBucketSums('fresh')}) n UNION ALL SELECT * FROM unnest(${arrays}) AS o(${COLUMNS}))
     INSERT INTO report_learner_bucket (${COLUMNS})
     SELECT ${KEY_LIST}, ${MEASURES.map((m) => `sum(${m})::int`).join(', ')} FROM delta
      GROUP BY ${KEY_LIST} HAVING ${NON_ZERO(MEASURES.map((m) => `sum(${m})`))} ORDER BY ${KEY_LIST}
     ON CONFLICT (${KEY_LIST}) DO UPDATE SET ${MEASURES.map((m) => `${m} = report_learner_bucket.${m} + EXCLUDED.${m}`).join(', ')}
     RETURNING ${KEY_LIST}, ${ALL_ZERO('report_learner_bucket')} AS empty`,
    [...params, ...[...KEYS, ...MEASURES].map((column) => removed.map((row) => row[column]))],
  );
  const empty = changed.filter((row) => row.empty);
  if (empty.length === 0) return;
  await manager.query(
    `DELETE FROM report_learner_bucket r USING unnest($1::smallint[], $2::int[], $3::text[], $4::text[], $5::text[]) k(${KEY_LIST})
      WHERE (${KEYS.map((k) => `r.${k}`).join(', ')}) = (${KEYS.map((k) => `k.${k}`).join(', ')}) AND ${ALL_ZERO('r')}`,
    KEYS.map((key) => empty.map((row) => row[key])),
  );
}

/**
 * Rebuilds `report_learner_bucket` from `report_learner_year`: every fiscal year, or only `years`.
 * Run under the exclusive rollup lock (no delta may run meanwhile).
 */
export async function rebuildLearnerBuckets(manager: Pick<EntityManager, 'query'>, years: number[] | null = null): Promise<void> {
  if (years === null) {
    await manager.query(`DELETE FROM report_learner_bucket`);
    await manager.query(`INSERT INTO report_learner_bucket (${COLUMNS}) ${learnerBucketSums('report_learner_year')}`);
    return;
  }
  if (years.length === 0) return;
  await manager.query(`DELETE FROM report_learner_bucket WHERE fiscal_year = ANY($1::int[])`, [years]);
  await manager.query(`INSERT INTO report_learner_bucket (${COLUMNS}) ${learnerBucketSums('(SELECT * FROM report_learner_year WHERE fiscal_year = ANY($1::int[]))')}`, [years]);
}

/**
 * The fiscal years whose `report_learner_bucket` rows differ from the GROUP BY of
 * `report_learner_year`. One statement, one snapshot: both tables change in the same
 * transactions, so a refresh running meanwhile cannot make them look different.
 */
export async function differingLearnerBucketYears(manager: Pick<EntityManager, 'query'>): Promise<number[]> {
  const rows: { fiscal_year: number }[] = await manager.query(
    `WITH fresh AS (${learnerBucketSums('report_learner_year')}), stored AS (SELECT ${COLUMNS} FROM report_learner_bucket)
     SELECT DISTINCT fiscal_year FROM ((TABLE fresh EXCEPT ALL TABLE stored) UNION ALL (TABLE stored EXCEPT ALL TABLE fresh)) d ORDER BY 1`,
  );
  return rows.map((row) => Number(row.fiscal_year));
}

import { recomputeCourses, recomputeLearners } from '@baanrian/reports';
import type { DataSource, EntityManager } from 'typeorm';
import { shareRollups } from './rollup-lock';

type Recompute = (manager: EntityManager, ids: string[]) => Promise<void>;

const ROLLUPS = {
  course: { table: 'report_course_day', column: 'course_id', recompute: recomputeCourses as Recompute },
  learner: { table: 'report_learner_year', column: 'user_id', recompute: recomputeLearners as Recompute },
} as const;

/**
 * Which of these courses (or learners) have rollup rows that differ from a fresh count. The fresh
 * count is the very code the refresh runs, inside a transaction that is rolled back: the stored
 * rows are copied aside, recomputed, compared both ways (EXCEPT ALL), and nothing is kept.
 */
export async function differingKeys(db: DataSource, kind: keyof typeof ROLLUPS, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const { table, column, recompute } = ROLLUPS[kind];
  const runner = db.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await shareRollups(runner.manager);
    await runner.query(`CREATE TEMP TABLE rollup_before (LIKE ${table}) ON COMMIT DROP`);
    await runner.query(`INSERT INTO rollup_before SELECT * FROM ${table} WHERE ${column} = ANY($1::uuid[])`, [ids]);
    await recompute(runner.manager, ids);
    const rows: { key: string }[] = await runner.query(
      `SELECT DISTINCT ${column}::text AS key FROM (
         (TABLE rollup_before EXCEPT ALL SELECT * FROM ${table} WHERE ${column} = ANY($1::uuid[]))
         UNION ALL
         (SELECT * FROM ${table} WHERE ${column} = ANY($1::uuid[]) EXCEPT ALL TABLE rollup_before)
       ) differing`,
      [ids],
    );
    return rows.map((row) => row.key);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

import { recomputeCourses, recomputeLearners } from '@baanrian/reports';
import type { DataSource, EntityManager } from 'typeorm';

type Recompute = (manager: EntityManager, ids: string[]) => Promise<void>;

const ROLLUPS = {
  course: { table: 'report_course_day', column: 'course_id', recompute: recomputeCourses as Recompute },
  learner: { table: 'report_learner_year', column: 'user_id', recompute: recomputeLearners as Recompute },
} as const;

/**
 * Which of these courses (or learners) have rollup rows that differ from a fresh count. The fresh
 * count is the very code the refresh runs, writing into a temporary table of the same name: in this
 * session it shadows the real one (PostgreSQL looks in pg_temp first), so the real rollup is only
 * read, never locked, and a refresh running meanwhile cannot collide with us. The two are compared
 * both ways (EXCEPT ALL); the transaction is rolled back, which drops the temporary table.
 */
export async function differingKeys(db: DataSource, kind: keyof typeof ROLLUPS, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const { table, column, recompute } = ROLLUPS[kind];
  const runner = db.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    const [{ schema }]: { schema: string }[] = await runner.query(
      `SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass($1)`,
      [table],
    );
    const stored = `"${schema}".${table}`;
    await runner.query(`CREATE TEMP TABLE ${table} (LIKE ${stored} INCLUDING DEFAULTS) ON COMMIT DROP`);
    // A course recount also moves report_area_month by its delta: shadow that one too (with its key,
    // for the upsert), so the real monthly rollup is never touched nor locked by a comparison.
    if (kind === 'course') await runner.query(`CREATE TEMP TABLE report_area_month (LIKE "${schema}".report_area_month INCLUDING DEFAULTS INCLUDING INDEXES) ON COMMIT DROP`);
    // Likewise a learner recount moves report_learner_bucket by its delta.
    if (kind === 'learner') await runner.query(`CREATE TEMP TABLE report_learner_bucket (LIKE "${schema}".report_learner_bucket INCLUDING DEFAULTS INCLUDING INDEXES) ON COMMIT DROP`);
    await recompute(runner.manager, ids);
    const rows: { key: string }[] = await runner.query(
      `SELECT DISTINCT ${column}::text AS key FROM (
         (TABLE pg_temp.${table} EXCEPT ALL SELECT * FROM ${stored} WHERE ${column} = ANY($1::uuid[]))
         UNION ALL
         (SELECT * FROM ${stored} WHERE ${column} = ANY($1::uuid[]) EXCEPT ALL TABLE pg_temp.${table})
       ) differing`,
      [ids],
    );
    return rows.map((row) => row.key);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

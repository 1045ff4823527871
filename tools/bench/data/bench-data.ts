import pg from 'pg';
import { coursesGenerator } from './courses.generator';
import { withBulkTables } from './data.bulk';
import { type DataGenerator, type DataPlan, DATA_SIZES, type DataSize } from './data.generator';
import { SeededRandom } from './data.random';
import { learnersGenerator } from './learners.generator';
import { learningGenerator } from './learning.generator';
import { quizzesGenerator } from './quizzes.generator';
import { reportsGenerator } from './reports.generator';

/** In dependency order (reports last: it rebuilds the rollups from everything before it). */
export const DATA_GENERATORS: readonly DataGenerator[] = [learnersGenerator, coursesGenerator, learningGenerator, quizzesGenerator, reportsGenerator];

export const DEFAULT_SEED = 'baanrian-2569';

/**
 * Tables cleared and loaded bare: their indexes, keys and foreign keys are set aside while earlier
 * bench rows are deleted and the generators before `reports` run, then rebuilt and checked once
 * (withBulkTables). Deleting without them also matters: several foreign keys that point at lessons,
 * enrolments and users have no index on the referencing side, so each deleted row would scan
 * lesson_progress, enrollment or credential in full.
 */
export const BULK_TABLES = ['enrollment', 'lesson_progress', 'session_attendance', 'quiz_attempt', 'quiz_grade', 'credential'];

export function planFor(size: DataSize, overrides: { learners?: number; seed?: string } = {}): DataPlan {
  return { seed: overrides.seed ?? DEFAULT_SEED, ...DATA_SIZES[size], ...(overrides.learners !== undefined ? { learners: overrides.learners } : {}) };
}

export interface GenerationReport {
  plan: DataPlan;
  rows: Record<string, number>;
  seconds: Record<string, number>;
  totalSeconds: number;
}

/**
 * Fills a migrated database with the bench data of `plan`: earlier bench rows are removed first
 * (only they: see DataGenerator), then every generator runs, all in one transaction, and ANALYZE
 * gives the planner fresh statistics, as it would have after a real year of use.
 */
export async function generateBenchData(databaseUrl: string, plan: DataPlan, log: (line: string) => void = () => undefined): Promise<GenerationReport> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const started = performance.now();
  const rows: Record<string, number> = {};
  const seconds: Record<string, number> = {};
  try {
    await client.query('BEGIN');
    const random = new SeededRandom(plan.seed);
    const made = {};
    const run = async (generator: DataGenerator) => {
      const t0 = performance.now();
      // A table two generators fill (lesson progress: tracked lessons, then passed quizzes) counts both.
      for (const [table, n] of Object.entries(await generator.generate({ plan, client, random: random.fork(generator.name), made, log }))) rows[table] = (rows[table] ?? 0) + n;
      seconds[generator.name] = (performance.now() - t0) / 1000;
      log(`${generator.name}: ${seconds[generator.name].toFixed(1)} s`);
    };
    const bare = DATA_GENERATORS.filter((generator) => !generator.needsIndexes);
    let t0 = performance.now();
    await withBulkTables(client, BULK_TABLES, async () => {
      for (const generator of [...DATA_GENERATORS].reverse()) await generator.clear(client);
      seconds.clear = (performance.now() - t0) / 1000;
      log(`clear: ${seconds.clear.toFixed(1)} s`);
      for (const generator of bare) await run(generator);
      t0 = performance.now();
    }, log);
    seconds.indexes = (performance.now() - t0) / 1000;
    log(`indexes and keys: ${seconds.indexes.toFixed(1)} s`);
    for (const generator of DATA_GENERATORS.filter((g) => g.needsIndexes)) await run(generator);
    await client.query('COMMIT');
    t0 = performance.now();
    await client.query('ANALYZE');
    seconds.analyze = (performance.now() - t0) / 1000;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return { plan, rows, seconds, totalSeconds: (performance.now() - started) / 1000 };
}

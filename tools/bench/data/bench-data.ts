import pg from 'pg';
import { coursesGenerator } from './courses.generator';
import { type DataGenerator, type DataPlan, DATA_SIZES, type DataSize } from './data.generator';
import { SeededRandom } from './data.random';
import { learnersGenerator } from './learners.generator';
import { learningGenerator } from './learning.generator';
import { reportsGenerator } from './reports.generator';

/** In dependency order (reports last: it rebuilds the rollups from everything before it). Add attempts here. */
export const DATA_GENERATORS: readonly DataGenerator[] = [learnersGenerator, coursesGenerator, learningGenerator, reportsGenerator];

export const DEFAULT_SEED = 'baanrian-2569';

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
    for (const generator of [...DATA_GENERATORS].reverse()) await generator.clear(client);
    const random = new SeededRandom(plan.seed);
    const made = {};
    for (const generator of DATA_GENERATORS) {
      const t0 = performance.now();
      Object.assign(rows, await generator.generate({ plan, client, random: random.fork(generator.name), made }));
      seconds[generator.name] = (performance.now() - t0) / 1000;
      log(`${generator.name}: ${seconds[generator.name].toFixed(1)} s`);
    }
    await client.query('COMMIT');
    const t0 = performance.now();
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

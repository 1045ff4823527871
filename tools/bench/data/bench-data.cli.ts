/**
 * `npm run bench:data -- --size S|M|L [--learners N] [--seed TEXT]`: fills the database named by
 * DATABASE_URL (migrated first: `npm run db:migrate`) with deterministic province-scale bench data.
 * Earlier bench data is replaced; other rows are left alone.
 */
import { rawEnv } from '@baanrian/config';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, generateBenchData, planFor } from './bench-data';
import { DATA_SIZES, type DataSize } from './data.generator';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { size: { type: 'string', default: 'S' }, learners: { type: 'string' }, seed: { type: 'string', default: DEFAULT_SEED }, 'database-url': { type: 'string' } } });
  const size = (values.size ?? 'S').toUpperCase();
  if (!(size in DATA_SIZES)) throw new Error(`--size must be one of ${Object.keys(DATA_SIZES).join(', ')}`);
  const learners = values.learners === undefined ? undefined : Number(values.learners);
  if (learners !== undefined && !(Number.isInteger(learners) && learners > 0)) throw new Error('--learners must be a positive whole number');
  const databaseUrl = values['database-url'] ?? rawEnv('DATABASE_URL');
  if (!databaseUrl) throw new Error('Set DATABASE_URL (or --database-url) to a migrated Baanrian database');
  const plan = planFor(size as DataSize, { learners, seed: values.seed });
  console.log(`[bench:data] ${plan.learners} learners, ${plan.instructors} instructors, ${plan.courses} courses, seed "${plan.seed}"`);
  const report = await generateBenchData(databaseUrl, plan, (line) => console.log(`[bench:data] ${line}`));
  console.log(`[bench:data] rows: ${Object.entries(report.rows).map(([t, n]) => `${t} ${n}`).join(', ')}`);
  console.log(`[bench:data] done in ${report.totalSeconds.toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(`[bench:data] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

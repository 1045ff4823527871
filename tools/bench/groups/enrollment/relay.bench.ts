import path from 'node:path';
import { runOrFail } from '@baanrian/dev-services';
import pg from 'pg';
import { interleaved, type BenchContext } from '../../bench.group';
import { ROOT, runChildJson, spawnNode } from '../../bench.stack';
import { type BenchResult, summarise } from '../../bench.stats';

/** Events per round: many batches, and still quick at BENCH_ROUNDS=1. */
const EVENTS = 10_000;

/**
 * Issue 7: the outbox relay moves ≥ 5,000 events/s. Ours: committed `enrollment.created` rows
 * drained by the worker's own OutboxRelayService (claim with SKIP LOCKED, addBulk with event ids
 * as job ids, mark published) into the bench Redis. Baseline: the same number of jobs given to
 * BullMQ's addBulk in batches of the same size, no database: the ceiling of the queue itself. A
 * migrated database of its own, so the bench stack's running worker does not take the rows. Each
 * round runs in a child process (relay.child.ts, under ts-node for the Nest decorators).
 */
export async function relayBenchmarks({ stack: getStack, rounds, log }: BenchContext): Promise<BenchResult[]> {
  const stack = await getStack();
  const name = `relay_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: stack.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(stack.databaseUrl);
  url.pathname = `/${name}`;
  await runOrFail('Migrations (relay bench)', process.execPath, ['dist/apps/api/cli.js', 'migrate'], { DATABASE_URL: url.toString(), REDIS_URL: stack.redisUrl });
  const round = (mode: 'relay' | 'bare') => async () => {
    const args = ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', path.join(__dirname, 'relay.child.ts')];
    const env = {
      MODE: mode, DATABASE_URL: url.toString(), REDIS_URL: stack.redisUrl, EVENTS: String(EVENTS),
      TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.base.json'), TS_NODE_TRANSPILE_ONLY: 'true',
      TS_NODE_COMPILER_OPTIONS: JSON.stringify({ module: 'commonjs', moduleResolution: 'node', ignoreDeprecations: '6.0' }),
    };
    return (await runChildJson<{ eventsPerSecond: number }>(spawnNode('server', args, env))).eventsPerSecond;
  };
  const runs = await interleaved(rounds, { relay: round('relay'), bare: round('bare') }, (line) => log(`enrollment: relay ${line}`));
  return [
    summarise({
      group: 'enrollment', name: 'outbox relay throughput', unit: 'events/s', baselineLabel: 'BullMQ addBulk, same batches, no database',
      target: { kind: 'abs-min', value: 5000 }, rounds: { ours: runs.relay, baseline: runs.bare },
      note: `${EVENTS} committed events per round, drained by OutboxRelayService.relayBatch`,
    }),
  ];
}

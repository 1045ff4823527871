import { rawEnv } from '@baanrian/config';
import { Redis } from 'ioredis';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { BenchGroup } from '../bench.group';
import { type ApiStack, runChildJson, spawnNode, tsxArgs } from '../bench.stack';
import { type BenchResult, summarise } from '../bench.stats';
import { BENCH_PASSWORD } from '../data/data.generator';
import { createCapacityLearners } from './capacity.fixture';
import { CAPACITY_SIZES, type CapacityFigures, type CapacityPlan, type CapacitySize, parseThinkTimes } from './capacity.journey';
import { type ProcessFigures, sampleProcesses } from './capacity.sampler';

/** Learners who run the journey alone, one after the other, before the ramp: the idle baseline. */
const IDLE_LEARNERS = 5;
const P95_TARGET_MS = 300;

async function serverPids(stack: ApiStack): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: stack.databaseUrl });
  await client.connect();
  // The backend's parent is the postmaster; read it while the backend still exists.
  const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  const stat = readFileSync(`/proc/${backend}/stat`, 'utf8');
  await client.end();
  const postmaster = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  const redis = new Redis(stack.redisUrl);
  const redisPid = Number(/process_id:(\d+)/.exec(await redis.info('server').finally(() => redis.disconnect()))?.[1]);
  return { api: stack.pids.api, worker: stack.pids.worker, postgresql: postmaster, redis: redisPid };
}

async function runSize(stack: ApiStack, size: CapacitySize, think: [number, number], log: (line: string) => void): Promise<BenchResult[]> {
  const { users, rampSeconds } = CAPACITY_SIZES[size];
  log(`capacity ${size}: ${users} virtual learners (+${IDLE_LEARNERS} idle-baseline learners)…`);
  const learners = await createCapacityLearners(stack.databaseUrl, users + IDLE_LEARNERS);
  const base = { baseUrl: stack.baseUrl, password: BENCH_PASSWORD };
  const idle = await runChild({ ...base, users: learners.slice(users), rampSeconds: IDLE_LEARNERS * 6, thinkMinMs: 200, thinkMaxMs: 200 }, log);
  if (idle.all.errors) throw new Error(`capacity ${size}: the journey fails even alone: ${idle.errorSample.join('; ')}`);
  log(`capacity ${size}: idle p95 ${idle.all.p95.toFixed(1)} ms; ramping ${users} learners over ${rampSeconds} s, think ${think[0] / 1000}–${think[1] / 1000} s…`);
  const sampler = sampleProcesses(await serverPids(stack));
  const loaded = await runChild({ ...base, users: learners.slice(0, users), rampSeconds, thinkMinMs: think[0], thinkMaxMs: think[1] }, log);
  const processes = sampler.stop();
  return resultsFor(size, users, rampSeconds, idle, loaded, processes);
}

function runChild(plan: CapacityPlan, log: (line: string) => void): Promise<CapacityFigures> {
  const child = spawnNode('load', tsxArgs(path.join(__dirname, 'capacity.child.ts')));
  child.stderr?.on('data', (chunk: Buffer) => log(`capacity: ${chunk.toString().trimEnd()}`));
  child.stdin?.write(JSON.stringify(plan));
  return runChildJson<CapacityFigures>(child);
}

function resultsFor(size: CapacitySize, users: number, rampSeconds: number, idle: CapacityFigures, loaded: CapacityFigures, processes: ProcessFigures[]): BenchResult[] {
  const group = 'capacity';
  const label = `${size} (${users} learners over ${rampSeconds} s)`;
  const sorted = [...loaded.gradingDelays].sort((a, b) => a - b);
  const gradingP95 = sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)] ?? Number.NaN;
  const rows: BenchResult[] = [
    summarise({
      group, name: `${label}: API p95, every step`, unit: 'ms', baselineLabel: `the same journey, ${IDLE_LEARNERS} learners alone`,
      target: { kind: 'abs-max', value: P95_TARGET_MS }, rounds: { ours: [loaded.all.p95], baseline: [idle.all.p95] },
      note: `${loaded.all.requests} requests in ${loaded.seconds.toFixed(0)} s; p50 ${loaded.all.p50.toFixed(1)} ms, p99 ${loaded.all.p99.toFixed(1)} ms; submit → graded result p95 ${(gradingP95 / 1000).toFixed(1)} s`,
    }),
    summarise({
      group, name: `${label}: failed requests`, unit: '', baselineLabel: '', target: { kind: 'abs-max', value: 1 },
      rounds: { ours: [loaded.all.errors], baseline: [] }, note: loaded.errorSample.length ? `first failures: ${loaded.errorSample.join('; ')}` : undefined,
    }),
    summarise({ group, name: `${label}: peak requests/s`, unit: 'req/s', baselineLabel: '', target: { kind: 'record' }, rounds: { ours: [loaded.peakRps], baseline: [] }, note: `mean over busy seconds ${loaded.meanRps.toFixed(1)} req/s` }),
  ];
  for (const step of loaded.steps) {
    const alone = idle.steps.find((s) => s.step === step.step);
    rows.push(summarise({
      group, name: `${label}: ${step.step} p95`, unit: 'ms', baselineLabel: 'alone', target: { kind: 'record' },
      rounds: { ours: [step.p95], baseline: alone ? [alone.p95] : [] },
      note: `${step.requests} requests, p50 ${step.p50.toFixed(1)} ms, p99 ${step.p99.toFixed(1)} ms, ${step.errors} failed`,
    }));
  }
  for (const p of processes) {
    rows.push(summarise({
      group, name: `${label}: ${p.role} CPU, mean % of one core`, unit: '%', baselineLabel: '', target: { kind: 'record' },
      rounds: { ours: [p.cpuMeanPercent], baseline: [] }, note: `peak ${p.cpuPeakPercent.toFixed(0)} %, memory peak ${p.memoryPeakMb.toFixed(0)} MB (PSS)`,
    }));
  }
  return rows;
}

/**
 * Issue 11 §4: scripted virtual learners (sign in, dashboard, catalog, course page, lesson,
 * progress, quiz start, autosave, submit, result) with think times of 30–90 s, ramped as
 * Moodle's load-test plans ramp theirs: L = 1,000 learners over 100 s, XL = 5,000 over 500 s.
 * Target: API p95 < 300 ms over every request and no failed request.
 * BENCH_CAPACITY=L|XL|L,XL (default both), BENCH_CAPACITY_THINK=30-90 (seconds; shorter only for trying it out).
 */
export const capacityGroup: BenchGroup = {
  name: 'capacity',
  issue: 11,
  async run({ stack: getStack, log }) {
    const sizes = (rawEnv('BENCH_CAPACITY') ?? 'L,XL').split(',').map((s) => s.trim().toUpperCase());
    for (const size of sizes) if (!(size in CAPACITY_SIZES)) throw new Error(`BENCH_CAPACITY: unknown size "${size}" (L, XL)`);
    const think = parseThinkTimes(rawEnv('BENCH_CAPACITY_THINK') ?? '30-90');
    const stack = await getStack();
    const results: BenchResult[] = [];
    for (const size of sizes as CapacitySize[]) results.push(...(await runSize(stack, size, think, log)));
    return results;
  },
};

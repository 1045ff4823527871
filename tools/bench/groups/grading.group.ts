import { createDataSource } from '@baanrian/db';
import { Queue, Worker } from 'bullmq';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { gradeSubmittedAttempts, type Grader } from '../../../apps/worker/src/grading/attempt-grading';
import { GradingBatcher } from '../../../apps/worker/src/grading/grading-batcher';
import type { ComputedGrade } from '../../../apps/worker/src/grading/grading.records';
import { type BenchGroup, interleaved } from '../bench.group';
import { percentile, summarise } from '../bench.stats';
import { createGradingData, type GradingBenchData, insertSubmittedAttempts, QUESTIONS_PER_QUIZ } from './grading.fixture';

/** Jobs per throughput run, and the processors' concurrency (the worker's default, WORKER_CONCURRENCY). */
const JOBS = 2_000;
const CONCURRENCY = 10;
/** The burst: this many submits spread evenly over BURST_SECONDS, graded by the stack's own worker. */
const BURST = 3_000;
const BURST_SECONDS = 10;
const AUTOSAVE_CLIENTS = 4;

/**
 * The baseline's "grading": a constant grade. Everything else (the transaction, the row lock, the
 * reads, the grade insert, the attempt update, the lesson completion) is the same code as ours.
 */
const FIXED: ComputedGrade = { grade: { score: 14, maxScore: 20, correct: 'partial', pendingManual: false, questions: [] }, percent: 70, passed: true };
const noGrading: Grader = () => FIXED;

/** A processor grading through its own batcher, as the worker does. */
function batched(grade: ConstructorParameters<typeof GradingBatcher>[0]): (attemptId: string) => Promise<unknown> {
  const batcher = new GradingBatcher(grade);
  return (attemptId) => batcher.submit({ attemptId, requestId: null });
}

/** Enqueues `ids` as jobs, then drains them with a BullMQ worker running `processor`; attempts/s. */
async function drain(redisUrl: string, name: string, ids: string[], processor: (attemptId: string) => Promise<unknown>): Promise<number> {
  const connection = { url: redisUrl };
  const queue = new Queue(name, { connection, prefix: 'bench' });
  await queue.obliterate({ force: true });
  await queue.addBulk(ids.map((attemptId) => ({ name: 'attempt.submitted', data: { attemptId }, opts: { removeOnComplete: true } })));
  let done = 0;
  const started = performance.now();
  const finished = new Promise<void>((resolve) => {
    const worker: Worker = new Worker(name, async (job) => processor(job.data.attemptId), { connection, prefix: 'bench', concurrency: CONCURRENCY });
    worker.on('completed', () => {
      if (++done === ids.length) void worker.close().then(() => resolve());
    });
  });
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await queue.obliterate({ force: true });
  await queue.close();
  return ids.length / seconds;
}

/** Learners signing up through the API, each with an open attempt: the autosave load's clients. */
async function autosaveClients(baseUrl: string, db: DataSource, data: GradingBenchData): Promise<{ token: string; attemptId: string }[]> {
  const clients = [];
  for (let i = 0; i < AUTOSAVE_CLIENTS; i++) {
    const signUp = await fetch(`${baseUrl}/api/v1/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.77.0.${i + 1}` },
      body: JSON.stringify({ email: `autosave-${Date.now()}-${i}@bench.example.org`, password: 'bench-password-Autosave-1', displayName: 'ผู้เรียน', preferredLocale: 'th' }),
    });
    if (!signUp.ok) throw new Error(`grading: sign-up answered ${signUp.status}`);
    const { accessToken, user } = (await signUp.json()) as { accessToken: string; user: { id: string } };
    await db.query(`INSERT INTO enrollment (course_id, user_id, status, channel, source, activated_at) VALUES ($1, $2, 'active', 'online', 'self', now())`, [data.courseId, user.id]);
    const start = await fetch(`${baseUrl}/api/v1/learning/quizzes/${data.quizId}/attempts`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` } });
    if (!start.ok) throw new Error(`grading: start answered ${start.status}`);
    clients.push({ token: accessToken, attemptId: ((await start.json()) as { id: string }).id });
  }
  return clients;
}

/** Each client saves one answer after another (a learner clicking through), for `seconds`; latencies in ms. */
async function autosaveLoad(baseUrl: string, clients: { token: string; attemptId: string }[], data: GradingBenchData, seconds: number, revision: { n: number }): Promise<number[]> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < until) {
        const i = revision.n % QUESTIONS_PER_QUIZ;
        const body = JSON.stringify({ responses: { [data.questionIds[i]]: i % 5 === 2 ? { type: 'true_false', value: true } : { type: 'short_text', text: 'x' } }, revision: ++revision.n });
        const t0 = performance.now();
        const res = await fetch(`${baseUrl}/api/v1/learning/attempts/${client.attemptId}/responses`, {
          method: 'PATCH', headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' }, body,
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (res.status !== 200 && res.status !== 422) throw new Error(`grading: autosave answered ${res.status}`);
      }
    }),
  );
  return latencies;
}

/** Submits spread over BURST_SECONDS into the outbox; the stack's worker relays and grades them. Seconds from event to grade. */
async function burst(db: DataSource, data: GradingBenchData): Promise<{ p99: number; graded: number }> {
  const perTick = BURST / (BURST_SECONDS * 10);
  const ids: string[] = [];
  for (let tick = 0; tick < BURST_SECONDS * 10; tick++) {
    const t0 = performance.now();
    ids.push(...(await insertSubmittedAttempts(db, data, perTick, true)));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 100 - (performance.now() - t0))));
  }
  const deadline = performance.now() + 120_000;
  for (;;) {
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM quiz_grade WHERE attempt_id = ANY($1::uuid[])`, [ids]);
    if (n === ids.length || performance.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const rows: { s: number }[] = await db.query(
    `SELECT extract(epoch FROM g.graded_at - o.created_at)::float8 AS s FROM quiz_grade g JOIN outbox_event o ON o.type = 'attempt.submitted' AND (o.payload->>'attemptId')::uuid = g.attempt_id
     WHERE g.attempt_id = ANY($1::uuid[])`,
    [ids],
  );
  return { p99: percentile(rows.map((r) => r.s), 99), graded: rows.length };
}

/**
 * Issue 8: grading throughput (20 questions) ≥ 0.8× a processor doing the same database work
 * without grading, and ≥ 2,000 attempts/s; the ratio to a no-op BullMQ processor (the queue's own
 * ceiling) recorded; a burst of 3,000 submits in 10 s graded with event→grade p99 ≤ 5 s; autosave
 * p95 < 20 ms. Throughput runs in this process against the stack's PostgreSQL and Redis.
 */
export const gradingGroup: BenchGroup = {
  name: 'grading',
  issue: 8,
  async run({ stack: getStack, rounds, seconds, log }) {
    const stack = await getStack();
    const db = await createDataSource({ url: stack.databaseUrl, poolSize: CONCURRENCY + 2 }).initialize();
    try {
      const data = await createGradingData(db, 500);
      const fresh = () => insertSubmittedAttempts(db, data, JOBS);
      const runs = await interleaved(
        rounds,
        {
          // As the worker's AttemptGradingJob: concurrent jobs share transactions (GradingBatcher).
          grading: async () => drain(stack.redisUrl, 'bench-grading', await fresh(), batched((requests) => gradeSubmittedAttempts(db, requests))),
          writesOnly: async () => drain(stack.redisUrl, 'bench-writes', await fresh(), batched((requests) => gradeSubmittedAttempts(db, requests, noGrading))),
          noop: async () => drain(stack.redisUrl, 'bench-noop', await fresh(), async () => undefined),
        },
        (line) => log(`grading: ${line}`),
      );
      const clients = await autosaveClients(stack.baseUrl, db, data);
      const revision = { n: 0 };
      const saves = await interleaved(rounds, { autosave: () => autosaveLoad(stack.baseUrl, clients, data, seconds, revision) }, (line) => log(`grading: autosave ${line}`));
      log('grading: burst of 3,000 submits in 10 s…');
      const burstFigures = await burst(db, data);
      return [
        summarise({
          group: 'grading', name: `grading throughput, ${QUESTIONS_PER_QUIZ} questions (concurrency ${CONCURRENCY})`, unit: 'attempts/s', baselineLabel: 'same DB writes, no grading',
          target: { kind: 'ratio-min', value: 0.8 }, rounds: { ours: runs.grading, baseline: runs.writesOnly },
        }),
        summarise({
          group: 'grading', name: 'grading throughput, absolute', unit: 'attempts/s', baselineLabel: '-',
          target: { kind: 'abs-min', value: 2000 }, rounds: { ours: runs.grading, baseline: [] },
        }),
        summarise({
          group: 'grading', name: 'grading throughput vs no-op BullMQ processor', unit: 'attempts/s', baselineLabel: 'no-op processor, same Redis',
          target: { kind: 'record' }, rounds: { ours: runs.grading, baseline: runs.noop },
        }),
        summarise({
          group: 'grading', name: `autosave p95 (${AUTOSAVE_CLIENTS} learners saving back to back)`, unit: 'ms', baselineLabel: '-',
          target: { kind: 'abs-max', value: 20 }, rounds: { ours: saves.autosave.map((l) => percentile(l, 95)), baseline: [] },
          note: `${saves.autosave.reduce((n, l) => n + l.length, 0)} saves`,
        }),
        summarise({
          group: 'grading', name: `burst: ${BURST} submits in ${BURST_SECONDS} s, event → graded p99`, unit: 's', baselineLabel: '-',
          target: { kind: 'abs-max', value: 5 }, rounds: { ours: [burstFigures.p99], baseline: [] },
          note: `${burstFigures.graded}/${BURST} graded by the stack's worker (outbox relay + grading queue)`,
        }),
      ];
    } finally {
      await db.destroy();
    }
  },
};

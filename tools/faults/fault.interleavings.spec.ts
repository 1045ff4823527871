import { rawEnv } from '@baanrian/config';
import { QueueName } from '@baanrian/jobs';
import { Queue } from 'bullmq';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkInvariants } from './fault.invariants';
import { type FaultStack, type ManagedProcess, startFaultStack } from './fault.stack';
import { prepareWorkload, responsesFor, type WorkloadData, type WorkloadOutcome } from './fault.workload';

/**
 * Issue 12 §2: a property-based test. fast-check generates random interleavings of submit, worker
 * SIGKILL, worker restart and retry (the same Idempotency-Key, sometimes two copies at once) for a
 * handful of learners, with random pauses so kills land at different points of the jobs the
 * submits set off (half the kills are armed: they fire as soon as a job is in progress, while the
 * following steps go on); each sequence runs against the running multi-process stack, and afterwards
 * I1–I4 must hold (I5 is the scenarios' concern: nothing here fails a job for good on purpose).
 *
 * Sizes: one stack for every run (starting one costs 35–90 s on CI's 2 cores); 6 runs of 4–10
 * steps, because each run pays for worker restarts (2–5 s each, more under load) and for draining
 * the queues before the check (up to a minute when a killed worker held a job: BullMQ's 30 s lock,
 * then its stalled check). Measured: 4–13 s a run, about 90 s for the file with the stack, and the
 * whole fault suite must stay near 8 minutes. No shrinking (each shrink step would replay a run against the stack): a failure prints
 * its seed and path; rerun it alone with FAULT_PROPERTY_SEED=<seed> FAULT_PROPERTY_PATH=<path>.
 * FAULT_PROPERTY_RUNS raises the number of runs for a longer local search.
 */
const SEED = Number(rawEnv('FAULT_PROPERTY_SEED') ?? 20261124);
const PATH = rawEnv('FAULT_PROPERTY_PATH');
const RUNS = Number(rawEnv('FAULT_PROPERTY_RUNS') ?? 6);
/** Learners enrolled per run; the steps use four of them, one of whom answers to fail (index 9, see answersPass). */
const ENROLLED = 10;
const ACTORS = [0, 1, 2, 9];
const API = '/api/v1';

type Step =
  | { kind: 'submit'; learner: number; pauseMs: number }
  | { kind: 'retry'; learner: number; copies: 1 | 2; pauseMs: number }
  | { kind: 'lessons'; learner: number; pauseMs: number }
  /** `all` kills every worker at once: when a job is in progress, it then surely dies with its worker. */
  | { kind: 'kill'; worker: number | 'all'; whileBusy: boolean; pauseMs: number }
  | { kind: 'restart'; worker: number; pauseMs: number };

const learner = fc.constantFrom(...ACTORS);
const worker = fc.integer({ min: 0, max: 2 });
const pauseMs = fc.integer({ min: 0, max: 1000 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('submit' as const), learner, pauseMs }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('retry' as const), learner, copies: fc.constantFrom(1 as const, 2 as const), pauseMs }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('lessons' as const), learner, pauseMs }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('kill' as const), worker: fc.oneof(worker, fc.constant('all' as const)), whileBusy: fc.boolean(), pauseMs }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), worker, pauseMs }) },
);
const sequence = fc.array(step, { minLength: 4, maxLength: 10 });

let stack: FaultStack;
/** The stack's queues, read only: how many jobs are being worked on when a kill lands. */
let queues: Queue[] = [];
const ran: { steps: Step[]; recoveryMs: number; ms: number }[] = [];
const kills = { total: 0, whileActive: 0 };

beforeAll(async () => {
  stack = await startFaultStack();
  const connection = { url: stack.redisUrl, maxRetriesPerRequest: 1 };
  queues = Object.values(QueueName).map((name) => new Queue(name, { connection, prefix: stack.env.QUEUE_PREFIX ?? 'baanrian' }));
}, 10 * 60_000);

afterAll(async () => {
  await Promise.all(queues.map((q) => q.close().catch(() => undefined)));
  await stack?.stop();
  const kinds = new Map<string, number>();
  for (const s of ran.flatMap((r) => r.steps)) kinds.set(s.kind, (kinds.get(s.kind) ?? 0) + 1);
  console.log(
    `interleavings (seed ${SEED}${PATH ? `, path ${PATH}` : ''}): ${ran.length} runs, ${ran.reduce((n, r) => n + r.steps.length, 0)} steps ` +
      `(${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}); ${kills.whileActive} of ${kills.total} kills landed while a job was active; per run ${ran.map((r) => `${r.steps.length} steps ${(r.ms / 1000).toFixed(0)} s, drained ${(r.recoveryMs / 1000).toFixed(1)} s`).join('; ')}`,
  );
}, 120_000);

const activeJobs = async () => (await Promise.all(queues.map((q) => q.getActiveCount()))).reduce((a, b) => a + b, 0);

/** Up to 3 s for some job to be in progress (the kill then lands mid-job); whether one was. */
async function busy(): Promise<boolean> {
  for (const until = Date.now() + 3_000; Date.now() < until; await sleep(5)) if ((await activeJobs()) > 0) return true;
  return false;
}

/** SIGKILL to one worker or all; with `whileBusy`, first waits (up to 3 s) for a job to be in progress. */
async function kill(target: number | 'all', whileBusy: boolean): Promise<void> {
  const active = whileBusy ? await busy() : (await activeJobs()) > 0;
  const slots = target === 'all' ? stack.workers : [stack.workers[target]];
  const living = (await Promise.all(slots.map(async (slot) => ((await alive(slot)) ? slot : null)))).filter((slot) => slot !== null);
  if (!living.length) return;
  kills.total++;
  if (active) kills.whileActive++;
  for (const slot of living) slot.signal('SIGKILL');
  await Promise.all(living.map((slot) => slot.exited()));
}

const alive = (slot: ManagedProcess) => Promise.race([slot.exited().then(() => false), sleep(10).then(() => true)]);

interface LearnerState {
  attemptId?: string;
  key?: string;
  /** The body of the first 202 for `key`: every later answer to that key must be the same. */
  accepted?: string;
  lessonsDone: boolean;
}

/** One learner's request, no retries: the test asserts each answer. */
async function call(data: WorkloadData, index: number, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(stack.baseUrl + API + path, {
    method,
    headers: { authorization: `Bearer ${await stack.token(data.learners[index].userId)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.text() };
}

/** Runs one generated sequence on a fresh course and its learners, then restarts what is down and checks I1–I4. */
async function runSequence(steps: Step[]): Promise<void> {
  const started = Date.now();
  const data = await prepareWorkload(stack, ENROLLED);
  const state = new Map<number, LearnerState>(ACTORS.map((i) => [i, { lessonsDone: false }]));
  const submit = async (i: number, copies: number) => {
    const s = state.get(i)!;
    if (!s.attemptId) {
      const start = await call(data, i, 'POST', `/learning/quizzes/${data.quizId}/attempts`);
      expect([200, 201]).toContain(start.status);
      s.attemptId = (JSON.parse(start.body) as { id: string }).id;
    }
    const key = s.key ?? randomUUID();
    const answers = await Promise.all(
      Array.from({ length: copies }, () => call(data, i, 'POST', `/learning/attempts/${s.attemptId}/submit`, { responses: responsesFor(data, data.learners[i].passes) }, { 'idempotency-key': key })),
    );
    // The first submit and every copy or retry with its key: 202, all the same answer.
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202));
    s.key = key;
    s.accepted ??= answers[0].body;
    for (const a of answers) expect(a.body).toBe(s.accepted);
  };

  const armed: Promise<void>[] = [];
  for (const st of steps) {
    await sleep(st.pauseMs);
    if (st.kind === 'submit') {
      const s = state.get(st.learner)!;
      if (!s.key) await submit(st.learner, 1);
      else {
        // Submitted already: a new key is a second submit, refused; the first stands.
        const again = await call(data, st.learner, 'POST', `/learning/attempts/${s.attemptId}/submit`, {}, { 'idempotency-key': randomUUID() });
        expect({ status: again.status, code: (JSON.parse(again.body) as { code?: string }).code }).toEqual({ status: 409, code: 'ATTEMPT_ALREADY_SUBMITTED' });
      }
    } else if (st.kind === 'retry') {
      await submit(st.learner, st.copies);
    } else if (st.kind === 'lessons') {
      for (const lessonId of data.lessonIds) {
        const put = await call(data, st.learner, 'PUT', `/learning/lessons/${lessonId}/progress`, { completed: true });
        expect(put.status).toBeLessThan(300);
      }
      state.get(st.learner)!.lessonsDone = true;
    } else if (st.kind === 'kill') {
      // A kill `whileBusy` is armed: it fires once a job is in progress, while the next steps run.
      if (st.whileBusy) armed.push(kill(st.worker, true));
      else await kill(st.worker, false);
    } else {
      // Armed kills go off first: one landing while the slot starts would fail the start, not the system.
      await Promise.all(armed.splice(0));
      const slot = stack.workers[st.worker];
      if (await alive(slot)) await slot.stop();
      await slot.start();
    }
  }
  await Promise.all(armed.splice(0));

  // Recovery: every worker slot running again, then the queues must drain and I1–I4 hold.
  await Promise.all(stack.workers.map(async (slot) => (await alive(slot)) || slot.start()));
  const recoveredAt = Date.now();
  const outcome: WorkloadOutcome = {
    submitted: [...state.values()].filter((s) => s.accepted).map((s) => s.attemptId!),
    completedLearners: ACTORS.filter((i) => state.get(i)!.accepted && state.get(i)!.lessonsDone).map((i) => data.learners[i].userId),
    errors: [],
  };
  const report = await checkInvariants(stack, data, outcome, recoveredAt, { maxWaitMs: 2 * 60_000 });
  ran.push({ steps, recoveryMs: report.recoveryMs, ms: Date.now() - started });
  const failing = (['I1', 'I2', 'I3', 'I4'] as const).filter((i) => !report[i].ok).map((i) => `${i}: ${report[i].detail}`);
  if (failing.length || !report.drained) {
    throw new Error(`after ${JSON.stringify(steps)}:\n${failing.join('\n') || `not drained: ${report.I3.detail}`}`);
  }
}

it('random interleavings of submit, worker kill -9, restart and retry (same Idempotency-Key, also two at once) keep I1–I4', async () => {
  console.log(`interleavings: seed ${SEED}, ${RUNS} runs${PATH ? `, path ${PATH}` : ''}`);
  await fc.assert(fc.asyncProperty(sequence, runSequence), { seed: SEED, path: PATH, numRuns: RUNS, endOnFailure: true });
}, 20 * 60_000);

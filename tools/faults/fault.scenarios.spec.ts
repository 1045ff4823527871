import { rawEnv } from '@baanrian/config';
import { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkInvariants, type InvariantReport } from './fault.invariants';
import { type FaultStack, startFaultStack } from './fault.stack';
import { prepareWorkload, runWorkload, type WorkloadOutcome } from './fault.workload';

/**
 * Issue 12 §2: faults injected while learners submit quizzes and complete a course on the
 * multi-process stack (2 APIs behind the proxy, 3 workers), then I1–I5 checked. Each scenario has
 * its own course and learners on one shared stack. 300 learners a scenario keeps the suite inside
 * CI's budget on 2 cores; FAULT_SCENARIO_LEARNERS=1000 runs the size.
 * Printed at the end: scenario × invariant, with the time from recovery to a drained system.
 */
const LEARNERS = Number(rawEnv('FAULT_SCENARIO_LEARNERS') ?? 300);
/** BullMQ's lock duration (the default, 30 s): a worker stopped longer than this loses its jobs to the others. */
const LOCK_MS = 30_000;

const results: { scenario: string; report: InvariantReport; errors: number }[] = [];
let stack: FaultStack;

beforeAll(async () => {
  stack = await startFaultStack();
}, 10 * 60_000);

afterAll(async () => {
  await stack?.stop();
  const mark = (ok: boolean) => (ok ? 'ok' : 'FAIL');
  const lines = results.map(({ scenario, report, errors }) =>
    `| ${scenario} | ${(['I1', 'I2', 'I3', 'I4', 'I5'] as const).map((i) => mark(report[i].ok)).join(' | ')} | ${(report.recoveryMs / 1000).toFixed(1)} s | ${errors} |`);
  console.log(['| scenario | I1 | I2 | I3 | I4 | I5 | recovery → drained | failed steps |', '| --- | --- | --- | --- | --- | --- | --- | --- |', ...lines].join('\n'));
}, 120_000);

/** Runs the workload, injects the fault a moment after it starts, and checks I1–I5 once it is over. */
async function underFault(scenario: string, inject: (stack: FaultStack) => Promise<void>): Promise<void> {
  const data = await prepareWorkload(stack, LEARNERS);
  const work = runWorkload(stack, data, { deadlineMs: 8 * 60_000 });
  await sleep(1500);
  await inject(stack);
  const recoveredAt = Date.now();
  const outcome: WorkloadOutcome = await work;
  const report = await checkInvariants(stack, data, outcome, recoveredAt, { maxWaitMs: 5 * 60_000 });
  results.push({ scenario, report, errors: outcome.errors.length });
  // Every learner got through (retrying 5xx with the same key), and every invariant holds.
  expect(outcome.errors).toEqual([]);
  expect(outcome.submitted).toHaveLength(LEARNERS);
  for (const i of ['I1', 'I2', 'I3', 'I4', 'I5'] as const) expect({ [i]: report[i] }).toEqual({ [i]: { ok: true, detail: expect.any(String) } });
  expect(report.drained).toBe(true);
}

describe('faults under load: I1–I5 hold', () => {
  it('1. kill -9 a worker mid-job, three times over', () =>
    underFault('1. worker kill -9, repeatedly', async (s) => {
      for (let n = 0; n < 3; n++) {
        const worker = s.workers[n % s.workers.length];
        worker.signal('SIGKILL');
        await worker.exited();
        await worker.start();
      }
    }), 15 * 60_000);

  it('3. SIGSTOP a worker past its lock duration, then SIGCONT', () =>
    underFault('3. worker SIGSTOP past the lock, SIGCONT', async (s) => {
      s.workers[0].signal('SIGSTOP');
      await sleep(LOCK_MS + 10_000);
      s.workers[0].signal('SIGCONT');
    }), 15 * 60_000);

  it('4. Redis killed and restarted: workers resume without being restarted', () =>
    underFault('4. Redis kill -9 and restart', async (s) => {
      const pids = s.workers.map((w) => w.pid);
      await s.redis.kill();
      await sleep(3000);
      await s.redis.start();
      expect(s.workers.map((w) => w.pid)).toEqual(pids);
    }), 15 * 60_000);

  it('5. Redis client connections killed (CLIENT KILL)', () =>
    underFault('5. Redis CLIENT KILL', async (s) => {
      const admin = new Redis(s.redisUrl);
      try {
        for (let n = 0; n < 3; n++) {
          await admin.call('CLIENT', 'KILL', 'TYPE', 'normal');
          await sleep(1000);
        }
      } finally {
        admin.disconnect();
      }
    }), 15 * 60_000);

  it('7. PostgreSQL restarted mid-job', () =>
    underFault('7. PostgreSQL restart', async (s) => {
      await s.postgres.restart();
    }), 15 * 60_000);

  it('9. a rolling SIGTERM of every process under load', () =>
    underFault('9. rolling SIGTERM of every process', async (s) => {
      for (const process of [...s.apis, ...s.workers]) {
        await process.stop();
        await process.start();
      }
    }), 15 * 60_000);

  it('10. a client retrying the same submit with the same Idempotency-Key gets one submission and one grade', async () => {
    const data = await prepareWorkload(stack, 1);
    const learner = data.learners[0];
    const auth = { authorization: `Bearer ${await stack.token(learner.userId)}`, 'content-type': 'application/json' };
    const started = await fetch(`${stack.baseUrl}/api/v1/learning/quizzes/${data.quizId}/attempts`, { method: 'POST', headers: auth });
    expect(started.status).toBe(201);
    const attempt = (await started.json()) as { id: string };
    // Five copies of one submit at once, through both API processes, as a phone on a bad line retries.
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        fetch(`${stack.baseUrl}/api/v1/learning/attempts/${attempt.id}/submit`, { method: 'POST', headers: { ...auth, 'idempotency-key': `retry-${attempt.id}` }, body: '{}' })
          .then(async (r) => ({ status: r.status, body: await r.json() })),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    const outcome: WorkloadOutcome = { submitted: [attempt.id], completedLearners: [], errors: [] };
    const report = await checkInvariants(stack, data, outcome, Date.now(), { maxWaitMs: 2 * 60_000 });
    results.push({ scenario: '10. same submit ×5, one Idempotency-Key', report, errors: 0 });
    expect(report.I1).toEqual({ ok: true, detail: expect.any(String) });
    expect(report.I3.ok && report.I4.ok && report.I5.ok).toBe(true);
  }, 5 * 60_000);
});

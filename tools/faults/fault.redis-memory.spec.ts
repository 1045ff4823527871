import { rawEnv } from '@baanrian/config';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { checkInvariants, type InvariantReport } from './fault.invariants';
import { type FaultStack, type ManagedProcess, startFaultStack } from './fault.stack';
import { prepareWorkload, responsesFor, runWorkload, type WorkloadData, type WorkloadOutcome } from './fault.workload';

/**
 * Issue 12 §2, scenario 6: Redis at its memory limit. Under the workload, `maxmemory` is set just
 * above what Redis uses, with `noeviction` (production's policy; BullMQ needs it), so writes are
 * refused with an OOM reply once the queues grow; held for HOLD_MS, then the limit is lifted.
 * Expected: the API never answers 500 and no process crashes (every 5xx is a 503 problem+json;
 * the learners' requests need only PostgreSQL, so in practice none fails, and readiness stays 200;
 * a request whose Redis write is refused is answered 503, apps/api/test/redis-full.spec.ts),
 * submits retried with the same Idempotency-Key after recovery get the first answer again, the
 * outbox relay keeps rows undispatched (with the OOM as their last error) until Redis takes them,
 * the same workers resume, and I1–I5 hold. 300 learners and a 20 s hold keep the file near 2
 * minutes on CI's 2 cores; FAULT_SCENARIO_LEARNERS=1000 runs the issue's size.
 */
const LEARNERS = Number(rawEnv('FAULT_SCENARIO_LEARNERS') ?? 300);
const HOLD_MS = 20_000;
/** "Just above": room for a few jobs, so the workload itself pushes Redis over the limit. */
const HEADROOM_BYTES = 64 * 1024;
const OOM = /OOM command not allowed/;

let stack: FaultStack;
/** The API processes' "request failed" lines (a 500's cause), printed with the table when a 500 was seen. */
const apiFailures: string[] = [];

beforeAll(async () => {
  stack = await startFaultStack({ log: (line) => void (/^\[api.*"request failed"/.test(line) && apiFailures.length < 5 && apiFailures.push(line.slice(0, 2000))) });
}, 10 * 60_000);

afterAll(async () => {
  await stack?.stop();
}, 120_000);

/** Every answer the test process gets from the stack, by status; 5xx kept with their type and code. */
function recordAnswers(baseUrl: string) {
  const statuses = new Map<number, number>();
  const serverErrors: { status: number; type: string; code?: string; url: string }[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const res = await original(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith(baseUrl)) {
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) {
        const body = (await res.clone().json().catch(() => ({}))) as { code?: string };
        serverErrors.push({ status: res.status, type: (res.headers.get('content-type') ?? '').split(';')[0], code: body.code, url: url.slice(baseUrl.length) });
      }
    }
    return res;
  };
  return { statuses, serverErrors, restore: () => void (globalThis.fetch = original) };
}

/** True while the process in the slot is the one that was there: it has not exited meanwhile. */
const stillRunning = (slot: ManagedProcess) => Promise.race([slot.exited().then(() => false), sleep(10).then(() => true)]);

/** One learner's submit with a fixed Idempotency-Key, straight through the proxy (no retries): the raw answer. */
async function submitOnce(data: WorkloadData, index: number, attemptId: string, key: string) {
  const learner = data.learners[index];
  const res = await fetch(`${stack.baseUrl}/api/v1/learning/attempts/${attemptId}/submit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await stack.token(learner.userId)}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ responses: responsesFor(data, learner.passes) }),
  });
  return { status: res.status, body: await res.text() };
}

async function startAttempt(data: WorkloadData, index: number): Promise<string> {
  const res = await fetch(`${stack.baseUrl}/api/v1/learning/quizzes/${data.quizId}/attempts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await stack.token(data.learners[index].userId)}` },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

it('6. Redis at its memory limit (noeviction): 503 never 500, retries get through, the outbox waits, workers resume, I1–I5 hold', async () => {
  const data = await prepareWorkload(stack, LEARNERS);
  // A few learners of their own who submit while Redis is full and retry with the same key after.
  const retriers = await prepareWorkload(stack, 3);
  const admin = new Redis(stack.redisUrl, { maxRetriesPerRequest: 1 });
  admin.on('error', () => undefined);
  const db = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
  db.on('error', () => undefined);
  const answers = recordAnswers(stack.baseUrl);
  const pids = [...stack.apis, ...stack.workers].map((p) => p.pid);
  const [originalLimit] = ((await admin.config('GET', 'maxmemory')) as string[]).slice(1);
  let recoveredAt = 0;
  let report: InvariantReport | undefined;
  let outcome: WorkloadOutcome | undefined;
  const seen = { oomRefusals: 0, heldWithOom: 0, maxUndispatched: 0, firstOomAfterMs: -1, limitBytes: 0 };
  try {
    const work = runWorkload(stack, data, { deadlineMs: 8 * 60_000 });
    await sleep(1500);

    const used = Number(/used_memory:(\d+)/.exec(await admin.info('memory'))?.[1]);
    seen.limitBytes = used + HEADROOM_BYTES;
    await admin.config('SET', 'maxmemory', String(seen.limitBytes));
    const limitedAt = Date.now();
    // The workload's jobs fill the headroom; a one-byte write of ours then shows the refusal.
    const probe = async () => {
      try {
        await admin.set(`faults:oom-probe:${process.pid}`, '1');
        return false;
      } catch (error) {
        if (!OOM.test((error as Error).message)) throw error;
        seen.oomRefusals++;
        return true;
      }
    };
    while (!(await probe())) {
      if (Date.now() - limitedAt > 60_000) throw new Error(`Redis never reached its limit of ${seen.limitBytes} bytes within 60 s`);
      await sleep(100);
    }
    seen.firstOomAfterMs = Date.now() - limitedAt;

    // While full: the retriers submit (a submit needs only PostgreSQL, so 202 or, if anything, 503).
    const attempts = await Promise.all(retriers.learners.map((_, i) => startAttempt(retriers, i)));
    const keys = attempts.map(() => randomUUID());
    const during = await Promise.all(attempts.map((id, i) => submitOnce(retriers, i, id, keys[i])));
    for (const answer of during) expect([202, 503]).toContain(answer.status);

    // Readiness stays 200: Redis answers, and taking every API process out of the load balancer
    // because queues cannot grow would stop the requests that need only PostgreSQL (all of these).
    const ready = await fetch(`${stack.baseUrl}/api/v1/health/ready`);
    expect({ status: ready.status, redis: ((await ready.json()) as { checks?: { redis?: unknown } }).checks?.redis }).toEqual({ status: 200, redis: { ok: true } });

    const heldUntil = Date.now() + HOLD_MS;
    while (Date.now() < heldUntil) {
      await probe();
      const { rows } = await db.query<{ undispatched: number; oom: number }>(
        `SELECT count(*)::int AS undispatched, count(*) FILTER (WHERE last_error ~ 'OOM command not allowed')::int AS oom FROM outbox_event WHERE published_at IS NULL`,
      );
      seen.maxUndispatched = Math.max(seen.maxUndispatched, rows[0].undispatched);
      seen.heldWithOom = Math.max(seen.heldWithOom, rows[0].oom);
      await sleep(500);
    }
    await admin.config('SET', 'maxmemory', originalLimit);
    recoveredAt = Date.now();

    // After recovery the same key gets the first 2xx answer again (or the first 2xx now, if it was 503).
    const after = await Promise.all(attempts.map((id, i) => submitOnce(retriers, i, id, keys[i])));
    expect(after.map((a) => a.status)).toEqual([202, 202, 202]);
    for (const [i, answer] of during.entries()) if (answer.status === 202) expect(after[i].body).toBe(answer.body);

    outcome = await work;
    const retriersOutcome: WorkloadOutcome = { submitted: attempts, completedLearners: [], errors: [] };
    report = await checkInvariants(stack, data, outcome, recoveredAt, { maxWaitMs: 5 * 60_000 });
    const retriersReport = await checkInvariants(stack, retriers, retriersOutcome, recoveredAt, { maxWaitMs: 60_000 });
    expect(retriersReport.I1).toEqual({ ok: true, detail: expect.any(String) });
  } finally {
    answers.restore();
    await admin.config('SET', 'maxmemory', originalLimit).catch(() => undefined);
    admin.disconnect();
    await db.end();
    const status = [...answers.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    const mark = (ok?: boolean) => (ok ? 'ok' : 'FAIL');
    console.log(
      [
        `scenario 6: limit ${seen.limitBytes} bytes, first OOM after ${seen.firstOomAfterMs} ms, held ${HOLD_MS / 1000} s; ${seen.oomRefusals} OOM refusals seen by the probe; ` +
          `up to ${seen.maxUndispatched} outbox rows undispatched, up to ${seen.heldWithOom} of them with an OOM last error; answers ${status}`,
        '| scenario | I1 | I2 | I3 | I4 | I5 | recovery → drained | failed steps |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        `| 6. Redis at its memory limit (noeviction) | ${(['I1', 'I2', 'I3', 'I4', 'I5'] as const).map((i) => mark(report?.[i].ok)).join(' | ')} | ` +
          `${report ? (report.recoveryMs / 1000).toFixed(1) : '–'} s | ${outcome?.errors.length ?? '–'} |`,
        ...(report ? (['I1', 'I2', 'I3', 'I4', 'I5'] as const).map((i) => `  ${i}: ${report?.[i].detail}`) : []),
        ...apiFailures.map((line) => `  API: ${line}`),
      ].join('\n'),
    );
  }

  // Never a 500, and every 5xx (API or proxy) is a 503 problem+json.
  // (The list first: on failure it names the request and the code, which the count alone would not.)
  expect(answers.serverErrors.filter((e) => e.status !== 503 || e.type !== 'application/problem+json')).toEqual([]);
  expect(answers.statuses.get(500) ?? 0).toBe(0);
  // Redis really was full, and the relay held rows because of it instead of marking them.
  expect(seen.oomRefusals).toBeGreaterThan(0);
  expect(seen.heldWithOom).toBeGreaterThan(0);
  // The same processes throughout: nothing crashed, no worker needed a restart to resume.
  expect([...stack.apis, ...stack.workers].map((p) => p.pid)).toEqual(pids);
  expect(await Promise.all([...stack.apis, ...stack.workers].map(stillRunning))).toEqual([true, true, true, true, true]);
  expect(outcome?.errors).toEqual([]);
  expect(outcome?.submitted).toHaveLength(LEARNERS);
  for (const i of ['I1', 'I2', 'I3', 'I4', 'I5'] as const) expect({ [i]: report?.[i] }).toEqual({ [i]: { ok: true, detail: expect.any(String) } });
  expect(report?.drained).toBe(true);
}, 15 * 60_000);

/**
 * The capacity run's load generator, its own process (core 1 when pinning is on): reads a
 * CapacityPlan as JSON on stdin, starts each virtual learner at its ramp offset, runs its journey
 * with think times between steps, and prints one JSON line of CapacityFigures. Progress goes to
 * stderr every 30 s.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type CapacityFigures, type CapacityPlan, JOURNEY_STEPS, type JourneyStep, summariseSteps } from './capacity.journey';
import { benchResponse } from './grading.fixture';
import { REFRESH_COOKIE } from '../../../apps/api/src/accounts/session-cookie';
import type { VirtualLearner } from './capacity.fixture';

const latencies = new Map<JourneyStep, number[]>(JOURNEY_STEPS.map((s) => [s, []]));
const errors: { step: JourneyStep; status: number | string }[] = [];
/** Responses per wall-clock second since the start, for the peak rate. */
const perSecond: number[] = [];
const gradingDelays: number[] = [];
let started = 0;
let finished = 0;
let t0 = 0;

class StepFailed extends Error {}

async function call(plan: CapacityPlan, step: JourneyStep, path: string, init: RequestInit & { expect: number[]; cookies?: (setCookies: string[]) => void }): Promise<unknown> {
  const begin = performance.now();
  let status: number | string;
  let body: unknown;
  try {
    const response = await fetch(`${plan.baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(30_000) });
    status = response.status;
    init.cookies?.(response.headers.getSetCookie());
    const text = await response.text();
    body = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  } catch (error) {
    status = (error as Error).name;
  }
  const end = performance.now();
  latencies.get(step)?.push(end - begin);
  const second = Math.floor((end - t0) / 1000);
  perSecond[second] = (perSecond[second] ?? 0) + 1;
  if (typeof status === 'string' || !init.expect.includes(status)) {
    // The problem's code says why (e.g. 409 PROGRESS_LESSON_LOCKED), for the note.
    const code = (body as { code?: string } | undefined)?.code;
    errors.push({ step, status: code ? `${status} ${code}` : status });
    throw new StepFailed(`${step}: ${status}`);
  }
  return body;
}

/** Uniform think time in [min, max] ms from a per-learner sequence, so runs are comparable. */
function thinker(plan: CapacityPlan, seed: number): () => Promise<void> {
  let x = (seed * 2654435761) >>> 0 || 1;
  return () => {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return sleep(plan.thinkMinMs + ((x % 10_000) / 10_000) * (plan.thinkMaxMs - plan.thinkMinMs));
  };
}

async function journey(plan: CapacityPlan, learner: VirtualLearner, n: number): Promise<void> {
  const think = thinker(plan, n + 1);
  const json = { 'content-type': 'application/json' };
  // A home of its own: the API trusts the proxy's X-Forwarded-For (as behind nginx), so per-IP limits see many homes.
  const forwarded = { 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` };
  // As the portal does: the access token lives 10 minutes, the refresh cookie renews it.
  let refreshCookie = '';
  const cookies = (setCookies: string[]) => {
    const found = setCookies.find((c) => c.startsWith(`${REFRESH_COOKIE}=`));
    if (found) refreshCookie = found.split(';')[0];
  };
  let session = (await call(plan, 'sign-in', '/api/v1/auth/sign-in', {
    method: 'POST', headers: { ...json, ...forwarded }, body: JSON.stringify({ login: learner.login, password: plan.password }), expect: [200], cookies,
  })) as { accessToken: string; expiresAt: string };
  const auth = async () => {
    if (Date.parse(session.expiresAt) - Date.now() < 60_000) {
      session = (await call(plan, 'token refresh', '/api/v1/auth/refresh', { method: 'POST', headers: { ...forwarded, cookie: refreshCookie }, expect: [200], cookies })) as typeof session;
    }
    return { ...forwarded, authorization: `Bearer ${session.accessToken}` };
  };
  await think();
  await call(plan, 'dashboard', '/api/v1/me/learning', { headers: await auth(), expect: [200] });
  await think();
  await call(plan, 'catalog', '/api/v1/catalog?limit=20', { headers: forwarded, expect: [200] });
  await think();
  await call(plan, 'course page', `/api/v1/catalog/${learner.slug}`, { headers: forwarded, expect: [200] });
  await think();
  await call(plan, 'lesson', `/api/v1/learning/courses/${learner.courseId}`, { headers: await auth(), expect: [200] });
  await think();
  await call(plan, 'progress update', `/api/v1/learning/lessons/${learner.lessonId}/progress`, {
    method: 'PUT', headers: { ...(await auth()), ...json }, body: JSON.stringify({ completed: true }), expect: [200],
  });
  await think();
  const attempt = (await call(plan, 'quiz start', `/api/v1/learning/quizzes/${learner.quizId}/attempts`, { method: 'POST', headers: await auth(), expect: [200, 201] })) as { id: string };
  // About 70 % right, varying by learner, as in the grading benchmark.
  const responses = learner.questionIds.map((id, i) => [id, benchResponse(i, (n + i) % 10 < 7)] as const);
  const half = Math.ceil(responses.length / 2);
  await think();
  await call(plan, 'autosave', `/api/v1/learning/attempts/${attempt.id}/responses`, {
    method: 'PATCH', headers: { ...(await auth()), ...json }, body: JSON.stringify({ responses: Object.fromEntries(responses.slice(0, half)), revision: 1 }), expect: [200],
  });
  await think();
  await call(plan, 'submit', `/api/v1/learning/attempts/${attempt.id}/submit`, {
    method: 'POST', headers: { ...(await auth()), ...json, 'idempotency-key': randomUUID() }, body: JSON.stringify({ responses: Object.fromEntries(responses.slice(half)) }), expect: [202],
  });
  const submittedAt = performance.now();
  // The result screen: asked again each second until the grading worker has graded it.
  for (let tries = 0; tries < 120; tries++) {
    await sleep(1000);
    const result = (await call(plan, 'result', `/api/v1/learning/attempts/${attempt.id}/result`, { headers: await auth(), expect: [200] })) as { status: string };
    if (result.status !== 'grading') {
      gradingDelays.push(performance.now() - submittedAt);
      return;
    }
  }
  errors.push({ step: 'result', status: 'not graded within 120 s' });
}

async function main(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const plan = JSON.parse(input) as CapacityPlan;
  t0 = performance.now();
  const progress = setInterval(() => {
    const requests = [...latencies.values()].reduce((n, l) => n + l.length, 0);
    process.stderr.write(`${Math.round((performance.now() - t0) / 1000)} s: ${started - finished} learners active, ${finished} done, ${requests} requests, ${errors.length} errors\n`);
  }, 30_000);
  const step = plan.users.length > 1 ? (plan.rampSeconds * 1000) / (plan.users.length - 1) : 0;
  await Promise.all(
    plan.users.map(async (learner, n) => {
      await sleep(n * step);
      started++;
      await journey(plan, learner, n).catch((error: unknown) => {
        if (!(error instanceof StepFailed)) errors.push({ step: 'sign-in', status: String(error) });
      });
      finished++;
    }),
  );
  clearInterval(progress);
  const figures: CapacityFigures = { ...summariseSteps(latencies, errors, perSecond), seconds: (performance.now() - t0) / 1000, gradingDelays };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});

import { randomUUID } from 'node:crypto';
import type { WorkloadData, WorkloadLearner, WorkloadOutcome, WorkloadStack } from './fault.workload';

const API = '/api/v1';
/** A request to a stopped (SIGSTOP) or half-dead process must not hang a learner: give up and retry. */
const REQUEST_TIMEOUT_MS = 15_000;
const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 2_000;

interface Answer {
  status: number;
  body: { id?: string } | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What failed at the network level, as a short word for the outcome's errors ('ECONNREFUSED', 'timeout' …). */
function networkError(error: unknown): string {
  const e = error as { name?: string; cause?: { code?: string }; code?: string };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout';
  return e.cause?.code ?? e.code ?? 'network';
}

/**
 * One learner's HTTP client: their access token (asked for again on 401, e.g. after the 10-minute
 * expiry during a long fault), and retries as a careful client does: 5xx, 429 and network errors
 * are retried with backoff until the deadline; any other 4xx is an answer, recorded as an error.
 */
class LearnerClient {
  private token: string | null = null;

  constructor(
    private readonly stack: WorkloadStack,
    private readonly userId: string,
    private readonly deadline: number,
    private readonly outcome: WorkloadOutcome,
  ) {}

  async call(step: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer | null> {
    let backoff = FIRST_BACKOFF_MS;
    let last: number | string = 'no attempt';
    let reauthenticated = 0;
    while (Date.now() < this.deadline) {
      try {
        this.token ??= await this.stack.token(this.userId);
        const res = await fetch(this.stack.baseUrl + API + path, {
          method,
          headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(Math.max(1, Math.min(REQUEST_TIMEOUT_MS, this.deadline - Date.now()))),
        });
        const text = await res.text();
        if (res.ok) return { status: res.status, body: text ? (JSON.parse(text) as Answer['body']) : null };
        last = res.status;
        if (res.status === 401 && reauthenticated++ < 3) {
          this.token = null;
          continue;
        }
        if (res.status < 500 && res.status !== 429) {
          this.outcome.errors.push({ step, status: res.status, code: problemCode(text) });
          return null;
        }
      } catch (error) {
        last = networkError(error);
      }
      // Jittered, so 50 learners cut off together do not come back in one burst.
      await sleep(Math.min(backoff * (0.5 + Math.random()), Math.max(0, this.deadline - Date.now())));
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
    this.outcome.errors.push({ step, status: `deadline (last: ${last})` });
    return null;
  }
}

function problemCode(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { code?: string }).code;
  } catch {
    return undefined;
  }
}

/**
 * Start, autosave one answer, submit with an Idempotency-Key (the SAME key on every retry, so a
 * submit whose answer was lost is answered 202 again instead of "already submitted"), then mark
 * each text lesson done. A learner stops at the first step that did not answer 2xx.
 */
export async function runLearner(
  stack: WorkloadStack,
  data: WorkloadData,
  learner: WorkloadLearner,
  responses: Record<string, unknown>,
  deadline: number,
  outcome: WorkloadOutcome,
): Promise<void> {
  const http = new LearnerClient(stack, learner.userId, deadline, outcome);
  const started = await http.call('start', 'POST', `/learning/quizzes/${data.quizId}/attempts`);
  const attemptId = started?.body?.id;
  if (!attemptId) return;
  const first = data.questionIds[0];
  if (!(await http.call('autosave', 'PATCH', `/learning/attempts/${attemptId}/responses`, { responses: { [first]: responses[first] }, revision: 1 }))) return;
  const key = randomUUID();
  if (!(await http.call('submit', 'POST', `/learning/attempts/${attemptId}/submit`, { responses }, { 'idempotency-key': key }))) return;
  outcome.submitted.push(attemptId);
  for (const lessonId of data.lessonIds) {
    if (!(await http.call('lesson', 'PUT', `/learning/lessons/${lessonId}/progress`, { completed: true }))) return;
  }
  outcome.completedLearners.push(learner.userId);
}

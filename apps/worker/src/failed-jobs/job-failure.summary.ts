import type { Job } from 'bullmq';

/** What one failure-for-good of a job is recorded as (a `job_failure` row). */
export interface JobFailureRecord {
  queue: string;
  jobId: string;
  jobName: string;
  payload: Record<string, unknown>;
  errorMessage: string;
  errorCode: string | null;
  attempts: number;
  failedAt: Date;
}

export const OMITTED = '[omitted]';
const MAX_MESSAGE = 2000;
/** Ids as jobs carry them: uuids, outbox event ids, request ids, `credential.issue:<uuid>`. */
const ID_VALUE = /^[\w.:-]{1,100}$/;

/**
 * The payload as administrators may see it: ids, numbers and flags only. Payloads carry ids by
 * design (libs/jobs), but some carry secrets (a sealed reset token), and a message must never put
 * personal data into a table many people read; anything that is not id-like is `[omitted]`.
 */
export function summarisePayload(data: unknown, depth = 0): Record<string, unknown> {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
  const summary: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const idKey = key === 'id' || key.endsWith('Id');
    if (value === null || typeof value === 'number' || typeof value === 'boolean') summary[key] = value;
    else if (typeof value === 'string' && idKey && ID_VALUE.test(value)) summary[key] = value;
    else if (key === 'meta' && depth === 0 && typeof value === 'object') summary[key] = summarisePayload(value, 1);
    else summary[key] = OMITTED;
  }
  return summary;
}

/** A code an administrator can search for: the error's own `code` (SQLSTATE, ECONNREFUSED…), else its class. */
export function errorCodeOf(error: unknown, stacktrace: string[] = []): string | null {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && code) return code.slice(0, 100);
  if (error instanceof Error && error.name) return error.name;
  // From Redis (the sweep) only the stack text is left: "QueryFailedError: …".
  const last = stacktrace[stacktrace.length - 1];
  return last?.match(/^([A-Za-z_$][\w$]*)(?::|\n|$)/)?.[1] ?? null;
}

/**
 * The record of a job BullMQ has given up on, or null while it will still be retried. BullMQ sets
 * `finishedOn` only when it moves a job to the failed set (no attempts left, or an
 * UnrecoverableError); the same time comes back from Redis, so a repeated delivery is recognisable.
 */
export function failureOf(queue: string, job: Job, error?: unknown): JobFailureRecord | null {
  if (!job.finishedOn || !job.id) return null;
  const message = (error instanceof Error ? error.message : undefined) ?? job.failedReason ?? '';
  return {
    queue,
    jobId: String(job.id),
    jobName: job.name,
    payload: summarisePayload(job.data),
    errorMessage: message.slice(0, MAX_MESSAGE),
    errorCode: errorCodeOf(error, job.stacktrace ?? []),
    attempts: job.attemptsMade,
    failedAt: new Date(job.finishedOn),
  };
}

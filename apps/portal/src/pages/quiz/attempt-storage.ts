import type { ResponsesById } from './quiz-api';

/*
 * What must survive a reload, a crash or a dead battery mid-attempt, per attempt in localStorage:
 * the responses the server has not acknowledged yet, and the submit's Idempotency-Key (so a retried
 * submit, even after a reload, is the same submit).
 */

const unsentKey = (attemptId: string) => `baanrian.quiz.unsent.${attemptId}`;
const submitKeyKey = (attemptId: string) => `baanrian.quiz.submit-key.${attemptId}`;

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null; // storage blocked (private mode on some phones): answers are then kept in memory only
  }
}

export function loadUnsent(attemptId: string): ResponsesById {
  try {
    const raw = storage()?.getItem(unsentKey(attemptId));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as ResponsesById) : {};
  } catch {
    return {};
  }
}

export function storeUnsent(attemptId: string, responses: ResponsesById): void {
  try {
    if (Object.keys(responses).length === 0) storage()?.removeItem(unsentKey(attemptId));
    else storage()?.setItem(unsentKey(attemptId), JSON.stringify(responses));
  } catch {
    // Quota full: the answers stay in memory and are still sent.
  }
}

/** The submit's Idempotency-Key, created once and reused by every retry of that submit. */
export function submitKey(attemptId: string): string {
  const store = storage();
  const existing = store?.getItem(submitKeyKey(attemptId));
  if (existing) return existing;
  const key = crypto.randomUUID();
  try {
    store?.setItem(submitKeyKey(attemptId), key);
  } catch {
    // kept for this page view only
  }
  return key;
}

/** The attempt is closed: nothing of it needs keeping on this device. */
export function forgetAttempt(attemptId: string): void {
  try {
    storage()?.removeItem(unsentKey(attemptId));
    storage()?.removeItem(submitKeyKey(attemptId));
  } catch {
    // nothing to do
  }
}

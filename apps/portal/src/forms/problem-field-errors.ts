import { useCallback, useState } from 'react';
import type { Problem } from '@baanrian/api-client';
import { ApiError } from '../api/errors';

/** Field name → messages, the shape RAC's <Form validationErrors> shows in each field's FieldError. */
export type FieldErrors = Record<string, string[]>;

/**
 * The per-field errors of an application/problem+json response (`errors: [{field, message}]`).
 * Messages are already in the learner's language (the API honours Accept-Language).
 */
export function problemFieldErrors(problem: Problem | null | undefined): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field, message } of problem?.errors ?? []) (errors[field] ??= []).push(message);
  return errors;
}

/**
 * Server-side validation for a RAC <Form>: pass `errors` as `validationErrors`, and call
 * `applyProblem(error)` when a submit fails. Returns false when the failure has no field errors,
 * so the caller shows an ErrorState instead. RAC clears a field's server error once it is edited.
 */
export function useProblemFieldErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const applyProblem = useCallback((error: unknown): boolean => {
    const problem = error instanceof ApiError ? error.problem : isProblemLike(error) ? error : null;
    const next = problemFieldErrors(problem);
    setErrors(next);
    return Object.keys(next).length > 0;
  }, []);
  const clear = useCallback(() => setErrors({}), []);
  return { errors, applyProblem, clear };
}

function isProblemLike(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'title' in value;
}

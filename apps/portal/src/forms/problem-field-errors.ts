import { useCallback, useRef, useState } from 'react';
import type { Problem } from '@baanrian/api-client';
import { ApiError } from '../api/errors';

/** Field name → messages, the shape RAC's <Form validationErrors> shows in each field's FieldError. */
export type FieldErrors = Record<string, string[]>;

/**
 * The per-field errors of an application/problem+json response (`errors: [{field, message}]`).
 * Messages are already in the learner's language (the API honours Accept-Language).
 */
export function problemFieldErrors(problem: Problem | null | undefined, codeFields: Record<string, string> = {}): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field, message } of problem?.errors ?? []) (errors[field] ??= []).push(message);
  // A problem about one field without per-field errors (409 EMAIL_TAKEN): its title goes there.
  const field = problem ? codeFields[problem.code] : undefined;
  if (problem && field && Object.keys(errors).length === 0) errors[field] = [problem.title];
  return errors;
}

/**
 * Server-side validation for a RAC <Form>: pass `errors` as `validationErrors`, and call
 * `applyProblem(error)` when a submit fails. Returns false when the failure has no field errors,
 * so the caller shows an ErrorState instead. RAC clears a field's server error once it is edited.
 */
export function useProblemFieldErrors({ codeFields }: { codeFields?: Record<string, string> } = {}) {
  const [errors, setErrors] = useState<FieldErrors>({});
  // Read at call time, so a new object literal on each render does not re-create the callback.
  const codeFieldsRef = useRef(codeFields);
  codeFieldsRef.current = codeFields;
  const applyProblem = useCallback((error: unknown): boolean => {
    const problem = error instanceof ApiError ? error.problem : isProblemLike(error) ? error : null;
    const next = problemFieldErrors(problem, codeFieldsRef.current);
    setErrors(next);
    return Object.keys(next).length > 0;
  }, []);
  const clear = useCallback(() => setErrors({}), []);
  return { errors, applyProblem, clear };
}

function isProblemLike(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'title' in value;
}

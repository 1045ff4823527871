import { useCallback, useState } from 'react';
import { useProblemFieldErrors } from './problem-field-errors';

export interface SubmitOptions {
  /** Problem codes that belong to one field (e.g. EMAIL_TAKEN → email): shown there, not as a banner. */
  codeFields?: Record<string, string>;
}

/**
 * A form's round trip to the API: `run(action)` sets pending, and on failure puts the problem's
 * field errors next to their fields (`errors` → RAC <Form validationErrors>), or keeps the error
 * as `formError` for an ErrorState above the submit button. Resolves to the action's result, or
 * undefined when it failed.
 */
export function useSubmit(options: SubmitOptions = {}) {
  const { errors, applyProblem, clear } = useProblemFieldErrors(options);
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);

  const run = useCallback(
    async <T>(action: () => Promise<T>): Promise<T | undefined> => {
      setPending(true);
      setFormError(null);
      clear();
      try {
        return await action();
      } catch (error) {
        if (!applyProblem(error)) setFormError(error);
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [applyProblem, clear],
  );

  return { errors, formError, pending, run, clearError: () => setFormError(null) };
}

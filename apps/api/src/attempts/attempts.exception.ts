import { DomainException } from '../problem/domain.exception';

/** Error codes of taking a quiz (issue 8). Titles in th/en/vi: problem.messages.ts. */
export const ATTEMPTS_ERROR_STATUS = {
  /** No such attempt, or another learner's: the same answer, so ids reveal nothing. */
  ATTEMPT_NOT_FOUND: 404,
  ATTEMPT_NOT_ENROLLED: 403,
  ATTEMPT_LIMIT_REACHED: 409,
  /** The time limit plus grace passed: the attempt was closed with what was saved. */
  ATTEMPT_TIME_OVER: 409,
  ATTEMPT_ALREADY_SUBMITTED: 409,
  /** A result asked for an attempt still in progress. */
  ATTEMPT_NOT_SUBMITTED: 409,
  /** A response for a question not in the attempt, or one that cannot belong to its question. */
  ATTEMPT_RESPONSE_INVALID: 422,
  /** The quiz has no questions to deliver. */
  ATTEMPT_QUIZ_EMPTY: 409,
} as const;

export type AttemptsErrorCode = keyof typeof ATTEMPTS_ERROR_STATUS;

export class AttemptsException extends DomainException<AttemptsErrorCode> {
  constructor(code: AttemptsErrorCode, extensions: Record<string, unknown> = {}) {
    super(code, ATTEMPTS_ERROR_STATUS[code], {}, extensions);
  }
}

import { DomainException } from '../problem/domain.exception';

/** Error codes of the failed-jobs administration. Titles in th/en/vi: problem.messages.ts. */
export const FAILED_JOBS_ERROR_STATUS = {
  JOB_FAILURE_NOT_FOUND: 404,
  /** Already retried or dismissed (by someone else, or a second click). */
  JOB_FAILURE_NOT_OPEN: 409,
  /** The job is no longer in its queue's failed set (expired after 30 days, or Redis lost it): it can only be dismissed. */
  JOB_FAILURE_GONE: 409,
  /** A mail that may already have gone out (`mail.unconfirmed`): sending it again could be a second copy, so only dismissal. */
  JOB_FAILURE_NOT_RETRYABLE: 409,
  /** Redis did not answer: nothing was changed. */
  JOB_QUEUE_UNAVAILABLE: 503,
} as const;

export type FailedJobsErrorCode = keyof typeof FAILED_JOBS_ERROR_STATUS;

export class FailedJobsException extends DomainException<FailedJobsErrorCode> {
  constructor(code: FailedJobsErrorCode) {
    super(code, FAILED_JOBS_ERROR_STATUS[code]);
  }
}

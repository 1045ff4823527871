import { DomainException } from '../problem/domain.exception';

/** Error codes of lesson progress and the player. Titles in th/en/vi: problem.messages.ts. */
export const PROGRESS_ERROR_STATUS = {
  PROGRESS_COURSE_NOT_FOUND: 404,
  PROGRESS_LESSON_NOT_FOUND: 404,
  PROGRESS_NOT_ENROLLED: 403,
  PROGRESS_LESSON_LOCKED: 409,
  PROGRESS_LESSON_NOT_TRACKED: 422,
} as const;

export type ProgressErrorCode = keyof typeof PROGRESS_ERROR_STATUS;

export class ProgressException extends DomainException<ProgressErrorCode> {
  constructor(code: ProgressErrorCode, extensions: Record<string, unknown> = {}) {
    super(code, PROGRESS_ERROR_STATUS[code], {}, extensions);
  }
}

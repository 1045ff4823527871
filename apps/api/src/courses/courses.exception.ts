import { DomainException } from '../problem/domain.exception';

/** Error codes of course authoring and publishing. Titles in th/en/vi: problem.messages.ts. */
export const COURSES_ERROR_STATUS = {
  COURSE_NOT_FOUND: 404,
  MODULE_NOT_FOUND: 404,
  LESSON_NOT_FOUND: 404,
  CATEGORY_NOT_FOUND: 404,
  INVITATION_NOT_FOUND: 404,
  COURSE_SLUG_TAKEN: 409,
  CATEGORY_SLUG_TAKEN: 409,
  COURSE_EDIT_CONFLICT: 409,
  COURSE_PUBLISHED_CANNOT_DELETE: 409,
  COURSE_ARCHIVED: 409,
  COURSE_NOT_ARCHIVED: 409,
  COURSE_HAS_NO_LESSONS: 422,
  COURSE_NOT_PUBLISHABLE: 422,
  OUTLINE_MISMATCH: 422,
  INSTRUCTOR_NOT_FOUND: 422,
} as const;

export type CoursesErrorCode = keyof typeof COURSES_ERROR_STATUS;

/**
 * Reasons a draft cannot be published. Each is also a problem title (problem.messages.ts), so the
 * problem filter answers `reasons` in the caller's language next to the machine-readable `reasonCodes`.
 */
export type PublishBlocker =
  | 'COURSE_HAS_NO_LESSONS'
  | 'PUBLISH_TITLE_MISSING'
  | 'PUBLISH_SUMMARY_MISSING'
  | 'PUBLISH_SESSION_ENDS_BEFORE_START'
  | 'PUBLISH_EMPTY_MODULE';

export class CoursesException extends DomainException<CoursesErrorCode> {
  constructor(code: CoursesErrorCode, extensions: Record<string, unknown> = {}) {
    super(code, COURSES_ERROR_STATUS[code], {}, extensions);
  }

  /** 422 listing every blocker at once, so the instructor fixes them in one pass. */
  static notPublishable(blockers: PublishBlocker[]): CoursesException {
    // No lessons is the reason people hit most; it keeps its own code whatever else is missing.
    const code = blockers.includes('COURSE_HAS_NO_LESSONS') ? 'COURSE_HAS_NO_LESSONS' : 'COURSE_NOT_PUBLISHABLE';
    return new CoursesException(code, { reasonCodes: blockers });
  }
}

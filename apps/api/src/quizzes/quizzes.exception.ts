import { DomainException } from '../problem/domain.exception';

/** Error codes of quiz authoring: the question bank, quizzes, imports and the gradebook. Titles in th/en/vi: problem.messages.ts. */
export const QUIZZES_ERROR_STATUS = {
  /** Unknown, deleted, or a question of a course one cannot see (the course check answers 403 first). */
  QUIZ_QUESTION_NOT_FOUND: 404,
  /** `reasons`: stable codes from validateQuestion and the bank's own checks. */
  QUIZ_QUESTION_INVALID: 422,
  /** Saved over an answer key someone else changed meanwhile; `keyRevision` is the current one. */
  QUIZ_QUESTION_EDIT_CONFLICT: 409,
  /** Media missing, not usable by this course's instructors, of the wrong kind, or an image without alt text. */
  QUIZ_MEDIA_INVALID: 422,
  QUIZ_CATEGORY_NOT_FOUND: 404,
  QUIZ_CATEGORY_EXISTS: 409,
  QUIZ_NOT_FOUND: 404,
  /** `reasons`: fixed questions not in the bank, draws larger than their category, no questions. */
  QUIZ_SETTINGS_INVALID: 422,
  /** Attempts keep their quiz: grades and history depend on it. */
  QUIZ_HAS_ATTEMPTS: 409,
  /** A lesson of the course points at the quiz. */
  QUIZ_IN_LESSON: 409,
  /** Time extensions are for learners holding a seat in the course. */
  QUIZ_LEARNER_NOT_ENROLLED: 422,
  /** An import without a single importable question, or confirmed with errors only. */
  QUIZ_IMPORT_EMPTY: 422,
  QUIZ_IMPORT_TOO_LARGE: 413,
  /** Not a UTF-8 text file (bytes that are not UTF-8, or a name saying another type such as `photo.png`). */
  QUIZ_IMPORT_NOT_TEXT: 415,
} as const;

export type QuizzesErrorCode = keyof typeof QUIZZES_ERROR_STATUS;

export class QuizzesException extends DomainException<QuizzesErrorCode> {
  constructor(code: QuizzesErrorCode, extensions: Record<string, unknown> = {}, params: Record<string, string | number> = {}) {
    super(code, QUIZZES_ERROR_STATUS[code], params, extensions);
  }
}

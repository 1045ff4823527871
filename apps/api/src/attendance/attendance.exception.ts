import { DomainException } from '../problem/domain.exception';

/** Error codes of sessions, attendance, check-in, walk-ins and claims. Titles in th/en/vi: problem.messages.ts. */
export const ATTENDANCE_ERROR_STATUS = {
  /** Not a live or onsite session of a published course (also for unknown ids). */
  SESSION_NOT_FOUND: 404,
  ATTENDANCE_NOT_ENROLLED: 403,
  /** Outside the session's check-in (or join) window. */
  ATTENDANCE_OUTSIDE_WINDOW: 409,
  /** A code of this session, but from a window that has passed. */
  ATTENDANCE_CODE_EXPIRED: 410,
  /** Not a code of this session at all (another session, another day, mistyped). */
  ATTENDANCE_CODE_INVALID: 422,
  /** Joining an onsite session, or adding a walk-in to a live one. */
  ATTENDANCE_WRONG_SESSION_TYPE: 422,
  /** A roster mark for someone without a seat in the course. */
  ATTENDANCE_LEARNER_NOT_ENROLLED: 422,
  /** Wrong, unknown or already claimed walk-in account code or PIN, all alike. */
  WALK_IN_CLAIM_INVALID: 400,
  /** Signed in as the walk-in account itself: there is nothing to move. */
  WALK_IN_CLAIM_SELF: 409,
} as const;

export type AttendanceErrorCode = keyof typeof ATTENDANCE_ERROR_STATUS;

export class AttendanceException extends DomainException<AttendanceErrorCode> {
  constructor(code: AttendanceErrorCode, extensions: Record<string, unknown> = {}) {
    super(code, ATTENDANCE_ERROR_STATUS[code], {}, extensions);
  }
}

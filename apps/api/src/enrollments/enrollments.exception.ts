import { DomainException } from '../problem/domain.exception';

/** Error codes of enrolment (self, guardian, roster, bulk files). Titles in th/en/vi: problem.messages.ts. */
export const ENROLLMENTS_ERROR_STATUS = {
  ENROLLMENT_COURSE_NOT_FOUND: 404,
  ENROLLMENT_NOT_FOUND: 404,
  ENROLLMENT_NOT_YOUR_CHILD: 404,
  ENROLLMENT_ACCOUNT_NOT_FOUND: 404,
  ENROLLMENT_IMPORT_NOT_FOUND: 404,
  ENROLLMENT_CONSENT_REQUIRED: 403,
  ENROLLMENT_CLOSED: 409,
  ENROLLMENT_ALREADY_COMPLETED: 409,
  ENROLLMENT_IMPORT_EXPIRED: 410,
  ENROLLMENT_IMPORT_TOO_LARGE: 413,
  /** An XLSX whose parts unpack to more than a bulk file needs (a zip bomb); `limit` in the title. */
  ENROLLMENT_IMPORT_UNPACKED_TOO_LARGE: 413,
  /** Not a CSV or XLSX: binary content, or a name saying another type (`photo.png`). */
  ENROLLMENT_IMPORT_TYPE_UNSUPPORTED: 415,
  ENROLLMENT_IMPORT_UNREADABLE: 422,
  ENROLLMENT_CHANNEL_INVALID: 422,
} as const;

export type EnrollmentsErrorCode = keyof typeof ENROLLMENTS_ERROR_STATUS;

export class EnrollmentsException extends DomainException<EnrollmentsErrorCode> {
  constructor(code: EnrollmentsErrorCode, params: Record<string, string | number> = {}) {
    super(code, ENROLLMENTS_ERROR_STATUS[code], params);
  }
}

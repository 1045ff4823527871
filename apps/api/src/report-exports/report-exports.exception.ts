import { DomainException } from '../problem/domain.exception';

/** Error codes of report exports. Titles in th/en/vi: problem.messages.ts. */
export const REPORT_EXPORTS_ERROR_STATUS = {
  /** No such export, or not the caller's: one body for both, so ids reveal nothing. */
  REPORT_EXPORT_NOT_FOUND: 404,
  /** The download link is past its time (EXPORT_TTL_HOURS); the file is gone or going. */
  REPORT_EXPORT_EXPIRED: 410,
  /** Still queued or running, or it failed: the body's `exportStatus` says which. */
  REPORT_EXPORT_NOT_READY: 409,
  /** Not a period string (`fy:2569`, `month:2026-03`, `range:…`), an end before the start, or too long. */
  REPORT_EXPORT_PERIOD_INVALID: 400,
  /** A PDF of enrolment rows: the PDF is a report summary only. */
  REPORT_EXPORT_FORMAT_UNSUPPORTED: 400,
  /** An instructor asking for another instructor's courses. */
  REPORT_EXPORT_OUT_OF_SCOPE: 403,
  /**
   * A download link that is not genuine, names another export, is past its few minutes, or whose
   * requester may no longer sign in: no such link. 404, as a public route never answers 403.
   */
  REPORT_EXPORT_LINK_INVALID: 404,
  /** The report service is not wired into this build (see report-runner.ts). */
} as const;

export type ReportExportsErrorCode = keyof typeof REPORT_EXPORTS_ERROR_STATUS;

export class ReportExportsException extends DomainException<ReportExportsErrorCode> {
  constructor(code: ReportExportsErrorCode, params: Record<string, string | number> = {}, extensions: Record<string, unknown> = {}) {
    super(code, REPORT_EXPORTS_ERROR_STATUS[code], params, extensions);
  }
}

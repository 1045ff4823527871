import { DomainException } from '../problem/domain.exception';

/** Error codes of participation reports, plans and recorded reach. Titles in th/en/vi: problem.messages.ts. */
export const REPORTS_ERROR_STATUS = {
  /** Not a period string the API knows (`fy:2569`, `fy:2569:q1`, `month:2026-03`, `range:…`). */
  REPORT_PERIOD_INVALID: 400,
  /** A custom range whose end is before its start. */
  REPORT_PERIOD_ORDER: 400,
  /** A custom range longer than ten fiscal years. */
  REPORT_PERIOD_TOO_LONG: 400,
  REPORT_PRESET_UNKNOWN: 400,
  REPORT_DIMENSION_UNKNOWN: 400,
  REPORT_MEASURE_UNKNOWN: 400,
  /** A filter value outside its list (target group, format). The HTTP DTO catches these first; exports call the service directly. */
  REPORT_FILTER_INVALID: 400,
  /** An instructor asking for another instructor's report or a course they do not teach. */
  REPORT_OUT_OF_SCOPE: 403,
  /** The same target group and measure twice in one plan. */
  REPORT_PLAN_DUPLICATE: 400,
  REACH_CAMPAIGN_NOT_FOUND: 404,
  /** The campaign names a course that does not exist. */
  REACH_CAMPAIGN_COURSE_NOT_FOUND: 422,
} as const;

export type ReportsErrorCode = keyof typeof REPORTS_ERROR_STATUS;

export class ReportsException extends DomainException<ReportsErrorCode> {
  constructor(code: ReportsErrorCode, params: Record<string, string | number> = {}) {
    super(code, REPORTS_ERROR_STATUS[code], params);
  }
}

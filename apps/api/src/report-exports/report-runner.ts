import type { Locale, ReportQuery, ReportResult } from '@baanrian/contracts';
import type { AuthUser } from '../authz/authz.types';

/**
 * What exports need from the report service: `ReportQueryService.run` (apps/api/src/reports), which
 * validates the query, applies the viewer's scope (403 outside it) and computes the result.
 * Exports depend on this token, not on the class, so their tests can supply a runner of their own.
 */
export interface ReportRunner {
  run(query: ReportQuery, viewer: AuthUser, locale: Locale): Promise<ReportResult>;
}

export const REPORT_RUNNER = Symbol('REPORT_RUNNER');

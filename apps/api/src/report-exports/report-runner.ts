import type { Locale, ReportQuery, ReportResult } from '@baanrian/contracts';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../authz/authz.types';
import { ReportExportsException } from './report-exports.exception';

/**
 * What exports need from the report service: `ReportQueryService.run` (apps/api/src/reports), which
 * validates the query, applies the viewer's scope (403 outside it) and computes the result.
 * Exports depend on this token, not on the class, so the two modules were built side by side.
 */
export interface ReportRunner {
  run(query: ReportQuery, viewer: AuthUser, locale: Locale): Promise<ReportResult>;
}

export const REPORT_RUNNER = Symbol('REPORT_RUNNER');

/**
 * Bound until ReportsModule is wired in (then: `{ provide: REPORT_RUNNER, useExisting:
 * ReportQueryService }` with ReportsModule imported): report-kind exports answer 503 meanwhile.
 */
@Injectable()
export class UnboundReportRunner implements ReportRunner {
  run(): Promise<ReportResult> {
    throw new ReportExportsException('REPORT_EXPORT_UNAVAILABLE');
  }
}

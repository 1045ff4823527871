import type { ReportDimension, ReportFilters, ReportMeasure, ReportPreset, ReportResult } from '@baanrian/contracts';

/**
 * `report_export.query` as the API writes it and the worker reads it: the request after
 * validation, with the requester's scope already forced into the filters (an instructor's own
 * id in `filters.instructorId`), so the worker never has to decide who may see what.
 */
export interface StoredExportQuery {
  period: string;
  /** The period's first and last Bangkok day (inclusive). */
  from: string;
  to: string;
  preset?: ReportPreset;
  breakdowns?: ReportDimension[];
  measures?: ReportMeasure[];
  filters: ReportFilters;
  /** The instructor the export is restricted to, or null for an administrator's. */
  scopeInstructorId: string | null;
  /**
   * `report` kind: the result the API computed when it counted the rows, rendered by the worker
   * as it was (the report service lives in the API; a report is small next to enrolment rows).
   */
  result?: ReportResult;
}

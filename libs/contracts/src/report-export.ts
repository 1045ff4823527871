import type { ExportFormat, ExportKind, ExportStatus, ReportDimension, ReportFilters, ReportMeasure, ReportPreset } from './report';

/** POST /api/v1/reports/exports. `pdf` is for the `report` kind only. */
export interface ReportExportRequest {
  format: ExportFormat;
  kind: ExportKind;
  /** A period string (see report-period.ts). */
  period: string;
  preset?: ReportPreset;
  breakdowns?: ReportDimension[];
  measures?: ReportMeasure[];
  filters?: ReportFilters;
}

/** An export run by the worker (the 202 answer, the list and the progress poll). */
export interface ReportExportSummary {
  id: string;
  format: ExportFormat;
  kind: ExportKind;
  period: string;
  status: ExportStatus;
  /** 0–100, updated about every 5 %. */
  progress: number;
  rowCount: number | null;
  byteSize: number | null;
  /** The download's file name, in the language the export was asked in. */
  fileName: string;
  createdAt: string;
  finishedAt: string | null;
  /** When the download link stops working (ready exports only). */
  expiresAt: string | null;
  /** `/api/v1/reports/exports/{id}/file` once ready and not expired, else null. */
  downloadUrl: string | null;
}

/** The requester's notification when a large export is ready (`data` of type `report.export-ready`). */
export interface ReportExportReadyData {
  exportId: string;
  format: ExportFormat;
  kind: ExportKind;
  period: string;
  fileName: string;
  expiresAt: string;
}
